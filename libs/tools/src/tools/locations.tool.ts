import type { NautobotRow } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListInput } from '../dto/list-input.dto.js';
import type { ListResult } from '../dto/list-result.dto.js';
import { LOCATION_SHAPE, LocationList, type LocationItem } from '../dto/location-item.dto.js';
import { NameFilter } from '../dto/name-filter.js';
import { nameOf, withExtras } from '../flatten.js';
import { ListQueryService } from '../list-query.service.js';
import { LocationScope } from '../location-scope.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `locations`. */
export class LocationsInput extends ListInput {
  @ApiPropertyOptional({
    description:
      'Part of the location name (case-insensitive), or an alias from the organisation file (then that exact location).',
    example: 'ams',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @NameFilter('Location type name, e.g. Region, Site, Building, Floor.', 'Site')
  locationType?: string;

  @NameFilter(
    'Only the direct children of this location (name or alias), e.g. the sites of a region.',
    'Europe',
  )
  parent?: string;

  @NameFilter(
    'Only locations anywhere below this location (name or alias), not the location itself.',
    'AMS01',
  )
  within?: string;

  @NameFilter('Status name, e.g. Active, Planned.', 'Active')
  status?: string;
}

const CONSUMED = [
  'id',
  'name',
  'location_type',
  'status',
  'parent',
  'children',
  'tenant',
  'facility',
  'time_zone',
  'description',
  'devices',
  'prefixes',
];

/** Ids of `field` (devices or prefixes) at a location and its nested children; null if not selected. */
function idsBelow(row: NautobotRow, field: 'devices' | 'prefixes'): Set<string> | null {
  if (!Array.isArray(row[field])) {
    return null;
  }
  const ids = new Set<string>();
  const visit = (node: NautobotRow) => {
    for (const item of (node[field] ?? []) as { id: string }[]) {
      ids.add(item.id);
    }
    for (const child of (node.children ?? []) as NautobotRow[]) {
      visit(child);
    }
  };
  visit(row);
  return ids;
}

/** graphene-django's enum name of a choice value: non-word runs to `_`, upper case, `A_` before a digit. */
function graphqlEnumName(value: string): string {
  const name = value.replace(/[\W|^]+/g, '_').toUpperCase();
  return /^[_A-Za-z]/.test(name) ? name : `A_${name}`;
}

let zonesByEnumName: Map<string, string> | undefined;

/**
 * The IANA name of a time zone as Nautobot's GraphQL gives it: the field has choices, so
 * graphene serves the enum name (`EUROPE_AMSTERDAM`); this maps it back (`Europe/Amsterdam`).
 * A value that names no zone this runtime knows (an alias such as `US_EASTERN`) stays as it is.
 */
export function ianaTimeZone(value: string | null | undefined): string | null {
  if (!value) {
    return null;
  }
  zonesByEnumName ??= new Map(
    Intl.supportedValuesOf('timeZone').map((zone) => [graphqlEnumName(zone), zone]),
  );
  return zonesByEnumName.get(value) ?? value;
}

/** Maps a Nautobot location row to a flat item. */
export function toLocationItem(row: NautobotRow): LocationItem {
  const ancestors: string[] = [];
  for (let p = row.parent as NautobotRow | null | undefined; p; p = p.parent as NautobotRow) {
    const name = nameOf(p);
    if (name !== null) {
      ancestors.unshift(name);
    }
  }
  const item: LocationItem = {
    id: row.id as string,
    name: row.name as string,
    location_type: nameOf(row.location_type) ?? '',
    status: nameOf(row.status) ?? '',
    parent: nameOf(row.parent),
    ancestors,
    children: ((row.children ?? []) as NautobotRow[])
      .map(nameOf)
      .filter((n): n is string => n !== null),
    tenant: nameOf(row.tenant),
    facility: (row.facility as string | undefined) ?? '',
    time_zone: ianaTimeZone(row.time_zone as string | null | undefined),
    description: (row.description as string | undefined) ?? '',
    device_count: idsBelow(row, 'devices')?.size ?? null,
    prefix_count: idsBelow(row, 'prefixes')?.size ?? null,
  };
  return withExtras(item, row, CONSUMED);
}

@Tool({
  name: 'locations',
  title: 'Search locations',
  description:
    'Find Nautobot locations (regions, sites, buildings, floors…) by part of the name or an organisation alias, location type, parent (direct children), within (everything below) and status. Each has its type, status, parent chain (ancestors), child locations, facility, time zone and the number of devices and prefixes in it and its children. Use it to resolve a place a user names ("the Amsterdam DC", "sites in Europe") before calling other tools, or for "which sites do we have?". Pages with limit/cursor; fields or brief make items smaller.',
  toolset: 'dcim',
  input: LocationsInput,
  output: LocationList,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  example: { locationType: 'Site' },
  queries: [
    {
      name: 'locations',
      variables: [
        'name',
        'name_contains',
        'location_type',
        'parent',
        'within',
        'exclude_names',
        'status',
        'limit',
        'offset',
      ],
    },
  ],
})
@Injectable()
export class LocationsTool implements ToolHandler<LocationsInput, ListResult<LocationItem>> {
  constructor(
    private readonly scope: LocationScope,
    private readonly lists: ListQueryService,
  ) {}

  async run(input: LocationsInput, context: ToolContext): Promise<ListResult<LocationItem>> {
    const one = (value: string | undefined) => (value === undefined ? undefined : [value]);
    const name = input.name?.trim();
    const alias = name !== undefined && this.scope.isAlias(name);
    const within = input.within === undefined ? undefined : this.scope.resolve(input.within);
    const variables = {
      name: alias ? [this.scope.resolve(name)] : undefined,
      name_contains: !alias ? one(name) : undefined,
      location_type: one(input.locationType?.trim()),
      parent: input.parent === undefined ? undefined : [this.scope.resolve(input.parent)],
      within: one(within),
      // `subtree` includes the location itself; "within" means below it.
      exclude_names: one(within),
      status: one(input.status?.trim()),
    };
    return this.lists.page(
      {
        tool: 'locations',
        query: 'locations',
        filters: { ...variables, exclude_names: undefined },
        variables,
        shape: LOCATION_SHAPE,
        paging: input,
      },
      context,
      toLocationItem,
    );
  }
}
