import { NautobotClient, type NautobotRow } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ListResult } from '../dto/list-result.dto.js';
import { LocationScopedInput } from '../dto/location-scoped-input.dto.js';
import { NameFilter } from '../dto/name-filter.js';
import { VLAN_SHAPE, VlanList, type VlanItem } from '../dto/vlan-item.dto.js';
import { nameOf, namesOf, withExtras } from '../flatten.js';
import { ListQueryService } from '../list-query.service.js';
import { LOCATION_QUERY_VARIABLES, LocationScope } from '../location-scope.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `vlans_by_location`. */
export class VlansByLocationInput extends LocationScopedInput {
  @NameFilter('Only VLANs of this VLAN group.', 'AMS01 VLANs')
  vlanGroup?: string;

  @NameFilter('Status name.', 'Active')
  status?: string;

  @NameFilter('VLAN role name.', 'server')
  role?: string;

  @ApiPropertyOptional({
    description: 'Only this VLAN ID.',
    example: 100,
    minimum: 1,
    maximum: 4094,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4094)
  vid?: number;
}

const CONSUMED = [
  'id',
  'vid',
  'name',
  'status',
  'role',
  'vlan_group',
  'locations',
  'tenant',
  'description',
];

/** Maps a Nautobot VLAN row to a flat item. */
export function toVlanItem(row: NautobotRow): VlanItem {
  const item: VlanItem = {
    id: row.id as string,
    vid: row.vid as number,
    name: row.name as string,
    status: nameOf(row.status) ?? '',
    role: nameOf(row.role),
    vlan_group: nameOf(row.vlan_group),
    locations: namesOf(row.locations),
    tenant: nameOf(row.tenant),
    description: (row.description as string | undefined) ?? '',
  };
  return withExtras(item, row, CONSUMED);
}

/** Nautobot's VLAN order: by group name (ungrouped last), then VID. */
function compareVlans(a: VlanItem, b: VlanItem): number {
  if (a.vlan_group !== b.vlan_group) {
    if (a.vlan_group === null) {
      return 1;
    }
    if (b.vlan_group === null) {
      return -1;
    }
    return a.vlan_group.localeCompare(b.vlan_group, 'en', { numeric: true });
  }
  return a.vid - b.vid || a.id.localeCompare(b.id);
}

/** Rows per Nautobot request when reading every VLAN of a location. */
const PAGE = 1000;

@Tool({
  name: 'vlans_by_location',
  title: 'VLANs of a location',
  description:
    'List the VLANs of a Nautobot location (site AMS01, region Europe…): those assigned to the location (and its child locations unless includeChildLocations is false) plus those in the VLAN groups of the location, each once, with VID, name, status, role, VLAN group, locations and tenant. Optional filters: vlanGroup, status, role, vid. Use it for "which VLANs does AMS01 carry?" or "is VLAN 100 defined in FRA01?". Pages with limit/cursor; fields or brief make items smaller.',
  toolset: 'ipam',
  input: VlansByLocationInput,
  output: VlanList,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  queries: [
    {
      name: 'vlans_by_location',
      variables: [...LOCATION_QUERY_VARIABLES, 'vlan_group', 'status', 'role', 'vid'],
    },
    { name: 'vlan_groups_by_location', variables: [...LOCATION_QUERY_VARIABLES] },
  ],
})
@Injectable()
export class VlansByLocationTool implements ToolHandler<
  VlansByLocationInput,
  ListResult<VlanItem>
> {
  constructor(
    private readonly nautobot: NautobotClient,
    private readonly scope: LocationScope,
    private readonly lists: ListQueryService,
  ) {}

  async run(input: VlansByLocationInput, context: ToolContext): Promise<ListResult<VlanItem>> {
    const location = await this.scope.variables(input);
    const one = (value: string | undefined) => (value === undefined ? undefined : [value.trim()]);
    const common = {
      status: one(input.status),
      role: one(input.role),
      vid: input.vid === undefined ? undefined : [input.vid],
    };
    const filters = {
      location: location.location[0],
      children: input.includeChildLocations ?? true,
      vlanGroup: input.vlanGroup?.trim(),
      ...common,
    };
    const plan = this.lists.plan({
      tool: 'vlans_by_location',
      filters,
      shape: VLAN_SHAPE,
      extraFields: this.nautobot.catalog.get('vlans_by_location').selection,
      paging: input,
    });
    // The location's own VLANs (this also checks every filter value).
    const rows = await this.readAll(context, {
      ...location,
      vlan_group: one(input.vlanGroup),
      ...common,
    });
    // VLANs of the location's VLAN groups, which need not be assigned to it.
    const groups = (await this.readAll(context, { ...location }, 'vlan_groups_by_location'))
      .map(nameOf)
      .filter((g): g is string => g !== null)
      .filter((g) => filters.vlanGroup === undefined || g === filters.vlanGroup);
    if (groups.length > 0) {
      rows.push(...(await this.readAll(context, { vlan_group: groups, ...common })));
    }
    const seen = new Set<string>();
    const items = rows
      .map(toVlanItem)
      .filter((v) => !seen.has(v.id) && seen.add(v.id))
      .sort(compareVlans);
    return this.lists.fromItems(plan, items, context);
  }

  private async readAll(
    context: ToolContext,
    variables: Record<string, unknown>,
    query = 'vlans_by_location',
  ): Promise<NautobotRow[]> {
    const rows: NautobotRow[] = [];
    for await (const page of this.nautobot.pages(query, variables, PAGE)) {
      context.warnings.push(...page.warnings);
      rows.push(...page.rows);
    }
    return rows;
  }
}
