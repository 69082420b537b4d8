import type { NautobotRow } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import type { ListResult } from '../dto/list-result.dto.js';
import { LocationScopedInput } from '../dto/location-scoped-input.dto.js';
import { PrefixList, type PrefixItem } from '../dto/prefix-item.dto.js';
import { choiceOf, fieldOf, nameOf, namesOf, withExtras } from '../flatten.js';
import { ListQueryService } from '../list-query.service.js';
import { LOCATION_QUERY_VARIABLES, LocationScope } from '../location-scope.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `prefixes_by_location`. */
export class PrefixesByLocationInput extends LocationScopedInput {}

const CONSUMED = [
  'id',
  'prefix',
  'type',
  'status',
  'role',
  'locations',
  'vlan',
  'tenant',
  'namespace',
  'description',
];

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

@Tool({
  name: 'prefixes_by_location',
  title: 'Prefixes of a location',
  description:
    'List the IP prefixes (IPv4 and IPv6 networks, containers and pools) assigned to a Nautobot location such as a site (AMS01) or region (Europe), with type, status, role, VLAN, tenant and description. Includes child locations unless includeChildLocations is false. Use it for "which prefixes/subnets does <site> have?". Pages with limit/cursor.',
  toolset: 'ipam',
  input: PrefixesByLocationInput,
  output: PrefixList,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  queries: [{ name: 'prefixes_by_location', variables: [...LOCATION_QUERY_VARIABLES] }],
})
@Injectable()
export class PrefixesByLocationTool implements ToolHandler<
  PrefixesByLocationInput,
  ListResult<PrefixItem>
> {
  constructor(
    private readonly scope: LocationScope,
    private readonly lists: ListQueryService,
  ) {}

  async run(input: PrefixesByLocationInput, context: ToolContext): Promise<ListResult<PrefixItem>> {
    const variables = await this.scope.variables(input);
    return this.lists.page(
      {
        tool: 'prefixes_by_location',
        query: 'prefixes_by_location',
        filters: { location: variables.location[0], children: input.includeChildLocations ?? true },
        variables: { ...variables },
        paging: input,
      },
      context,
      toPrefixItem,
    );
  }
}
