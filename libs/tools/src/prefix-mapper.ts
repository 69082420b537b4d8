import type { NautobotRow } from '@nautobot-mcp/nautobot';
import type { PrefixItem } from './dto/prefix-item.dto.js';
import { choiceOf, fieldOf, nameOf, namesOf, withExtras } from './flatten.js';

/** The item fields each known query field becomes; other query fields pass through as is. */
const FIELDS_OF: Record<string, readonly (keyof PrefixItem)[]> = {
  id: ['id'],
  prefix: ['prefix'],
  type: ['type'],
  status: ['status'],
  role: ['role'],
  locations: ['locations'],
  vlan: ['vlan', 'vlan_name'],
  tenant: ['tenant'],
  namespace: ['namespace'],
  description: ['description'],
};

const CONSUMED = Object.keys(FIELDS_OF);

/** Maps a Nautobot prefix row to a flat item. */
export function toPrefixItem(row: NautobotRow): PrefixItem {
  const item: PrefixItem = {
    id: row.id as string,
    prefix: row.prefix as string,
    type: choiceOf(row.type) ?? '',
    status: nameOf(row.status) ?? '',
    role: nameOf(row.role),
    locations: namesOf(row.locations),
    vlan: fieldOf<number>(row.vlan, 'vid'),
    vlan_name: nameOf(row.vlan),
    tenant: nameOf(row.tenant),
    namespace: nameOf(row.namespace),
    description: (row.description as string | undefined) ?? '',
  };
  return withExtras(item, row, CONSUMED);
}

/**
 * The columns of a prefix export, in the order the query file selects its fields: a
 * known field gives its item field(s) (`vlan` gives `vlan` and `vlan_name`), a field a
 * user added gives a column of its own.
 */
export function prefixColumns(selection: readonly string[]): string[] {
  return [...new Set(selection.flatMap((field) => FIELDS_OF[field] ?? [field]))];
}
