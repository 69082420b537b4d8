import type { OrgConfig } from '@nautobot-mcp/config';
import type { NautobotRow } from '@nautobot-mcp/nautobot';
import type { DeviceItem } from './dto/device-item.dto.js';
import { fieldOf, nameOf, withExtras } from './flatten.js';

const CONSUMED = [
  'id',
  'name',
  'role',
  'status',
  'location',
  'device_type',
  'platform',
  'rack',
  'position',
  'serial',
  'primary_ip4',
  'tenant',
];

/** Maps a Nautobot device row to a flat item, adding `nameParts` from the naming schemas. */
export function toDeviceItem(row: NautobotRow, org: OrgConfig): DeviceItem {
  const name = (row.name as string | null | undefined) ?? null;
  const item: DeviceItem = {
    id: row.id as string,
    name,
    role: nameOf(row.role) ?? '',
    status: nameOf(row.status) ?? '',
    location: nameOf(row.location) ?? '',
    device_type: fieldOf<string>(row.device_type, 'model') ?? '',
    manufacturer: nameOf(fieldOf(row.device_type, 'manufacturer')) ?? '',
    platform: nameOf(row.platform),
    rack: nameOf(row.rack),
    position: (row.position as number | null | undefined) ?? null,
    serial: (row.serial as string | undefined) ?? '',
    primary_ip4: fieldOf<string>(row.primary_ip4, 'address'),
    tenant: nameOf(row.tenant),
  };
  const parsed = name ? org.parseName(name) : undefined;
  if (parsed) {
    item.nameParts = parsed.parts;
  }
  return withExtras(item, row, CONSUMED);
}
