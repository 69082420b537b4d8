import type { NautobotRow } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import type { ListResult } from '../dto/list-result.dto.js';
import { LocationScopedInput } from '../dto/location-scoped-input.dto.js';
import { NameFilter } from '../dto/name-filter.js';
import { RACK_SHAPE, RackList, type RackDevice, type RackItem } from '../dto/rack-item.dto.js';
import { choiceOf, fieldOf, nameOf, withExtras } from '../flatten.js';
import { ListQueryService } from '../list-query.service.js';
import { LOCATION_QUERY_VARIABLES, LocationScope } from '../location-scope.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `racks_by_location`. */
export class RacksByLocationInput extends LocationScopedInput {
  @NameFilter('Status name.', 'Active')
  status?: string;

  @NameFilter('Rack role name.', 'network')
  role?: string;

  @NameFilter('Rack group name.', 'Row A')
  rackGroup?: string;
}

const CONSUMED = [
  'id',
  'name',
  'location',
  'rack_group',
  'status',
  'role',
  'tenant',
  'facility_id',
  'u_height',
  'devices',
];

/** Maps a Nautobot rack row to an item with used and free units. */
export function toRackItem(row: NautobotRow): RackItem {
  const height = (row.u_height as number | undefined) ?? 0;
  const devices: RackDevice[] = ((row.devices ?? []) as NautobotRow[]).map((d) => ({
    name: (d.name as string | null | undefined) ?? null,
    position: (d.position as number | null | undefined) ?? null,
    u_height: fieldOf<number>(d.device_type, 'u_height') ?? 0,
    face: choiceOf(d.face),
    role: nameOf(d.role),
  }));
  // A unit counts once even when devices use both faces (half-depth devices back to back).
  const used = new Set<number>();
  for (const d of devices) {
    if (d.position !== null) {
      for (let u = d.position; u < d.position + d.u_height && u <= height; u++) {
        used.add(u);
      }
    }
  }
  devices.sort((a, b) => (b.position ?? -1) - (a.position ?? -1));
  const item: RackItem = {
    id: row.id as string,
    name: row.name as string,
    location: nameOf(row.location) ?? '',
    rack_group: nameOf(row.rack_group),
    status: nameOf(row.status) ?? '',
    role: nameOf(row.role),
    tenant: nameOf(row.tenant),
    facility_id: (row.facility_id as string | null | undefined) ?? null,
    u_height: height,
    used_units: used.size,
    free_units: Math.max(0, height - used.size),
    device_count: devices.length,
    devices,
  };
  return withExtras(item, row, CONSUMED);
}

@Tool({
  name: 'racks_by_location',
  title: 'Racks of a location',
  description:
    'List the racks of a Nautobot location (site AMS01, region Europe…, with child locations unless includeChildLocations is false) with height, used and free rack units, and the devices in each (name, position, height, face, role), top unit first. Optional filters: status, role, rackGroup. Use it for "what is in rack AMS01-R01?" or "where do we have 4U free in FRA01?". Pages with limit/cursor; fields or brief make items smaller.',
  toolset: 'dcim',
  input: RacksByLocationInput,
  output: RackList,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  queries: [
    {
      name: 'racks_by_location',
      variables: [...LOCATION_QUERY_VARIABLES, 'status', 'role', 'rack_group'],
    },
  ],
})
@Injectable()
export class RacksByLocationTool implements ToolHandler<
  RacksByLocationInput,
  ListResult<RackItem>
> {
  constructor(
    private readonly scope: LocationScope,
    private readonly lists: ListQueryService,
  ) {}

  async run(input: RacksByLocationInput, context: ToolContext): Promise<ListResult<RackItem>> {
    const location = await this.scope.variables(input);
    const one = (value: string | undefined) => (value === undefined ? undefined : [value.trim()]);
    const variables = {
      ...location,
      status: one(input.status),
      role: one(input.role),
      rack_group: one(input.rackGroup),
    };
    return this.lists.page(
      {
        tool: 'racks_by_location',
        query: 'racks_by_location',
        filters: {
          ...variables,
          exclude_locations: undefined,
          children: input.includeChildLocations ?? true,
        },
        variables,
        shape: RACK_SHAPE,
        paging: input,
      },
      context,
      toRackItem,
    );
  }
}
