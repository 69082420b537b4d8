import { InjectOrgConfig, type OrgConfig } from '@nautobot-mcp/config';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { toDeviceItem } from '../device-mapper.js';
import { DEVICE_SHAPE, DeviceList, type DeviceItem } from '../dto/device-item.dto.js';
import { ListInput } from '../dto/list-input.dto.js';
import type { ListResult } from '../dto/list-result.dto.js';
import { NameFilter } from '../dto/name-filter.js';
import { IsRegex } from '../dto/validators.js';
import { ListQueryService } from '../list-query.service.js';
import { LOCATION_QUERY_VARIABLES, LocationScope } from '../location-scope.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `devices`. */
export class DevicesInput extends ListInput {
  @NameFilter(
    'Location name (site AMS01, region Europe…) or an alias from the organisation file; its child locations are included unless includeChildLocations is false.',
    'AMS01',
  )
  location?: string;

  @ApiPropertyOptional({
    description:
      'With location: include the devices of its child locations (default true). Without location it is an error.',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  includeChildLocations?: boolean;

  @NameFilter('Device role name, e.g. spine, leaf, edge.', 'leaf')
  role?: string;

  @NameFilter('Status name, e.g. Active, Planned, Offline.', 'Active')
  status?: string;

  @NameFilter('Platform name, e.g. arista_eos, cisco_nxos, juniper_junos.', 'arista_eos')
  platform?: string;

  @NameFilter('Device type (model) name, e.g. DCS-7280SR3-48YC8.', 'DCS-7280SR3-48YC8')
  deviceType?: string;

  @NameFilter('Tenant name.', 'Acme Corp')
  tenant?: string;

  @ApiPropertyOptional({
    description: 'Only devices whose name contains this text (case-insensitive).',
    example: 'leaf',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({
    description:
      'Only devices whose name matches this regular expression (case-insensitive), e.g. ^ams01-(spine|leaf)0[12]$.',
    example: '^ams01-(spine|leaf)0[12]$',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsRegex()
  nameRegex?: string;
}

@Tool({
  name: 'devices',
  title: 'Search devices',
  description:
    'List devices filtered by any of: location (with its child locations unless includeChildLocations is false), role, status, platform, device type (model), tenant, name substring (name) or name regular expression (nameRegex). All filters are optional and combine with AND. Each device has role, status, location, model, manufacturer, platform, rack and position, serial and primary IPv4. Use it for "which Arista leafs in Europe are Offline?"; for one device\'s interfaces and IPs use device_details. Pages with limit/cursor; fields or brief make items smaller.',
  toolset: 'dcim',
  input: DevicesInput,
  output: DeviceList,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  example: { location: 'AMS01', role: 'leaf', status: 'Active' },
  queries: [
    {
      name: 'devices',
      variables: [
        ...LOCATION_QUERY_VARIABLES,
        'role',
        'status',
        'platform',
        'device_type',
        'tenant',
        'name_contains',
        'name_regex',
      ],
    },
  ],
})
@Injectable()
export class DevicesTool implements ToolHandler<DevicesInput, ListResult<DeviceItem>> {
  constructor(
    private readonly scope: LocationScope,
    private readonly lists: ListQueryService,
    @InjectOrgConfig() private readonly org: OrgConfig,
  ) {}

  async run(input: DevicesInput, context: ToolContext): Promise<ListResult<DeviceItem>> {
    const location = await this.scope.optionalVariables(input);
    const one = (value: string | undefined) => (value === undefined ? undefined : [value.trim()]);
    const variables = {
      ...location,
      role: one(input.role),
      status: one(input.status),
      platform: one(input.platform),
      device_type: one(input.deviceType),
      tenant: one(input.tenant),
      name_contains: one(input.name),
      name_regex: input.nameRegex === undefined ? undefined : [input.nameRegex],
    };
    return this.lists.page(
      {
        tool: 'devices',
        query: 'devices',
        filters: {
          ...variables,
          children: location.location ? (input.includeChildLocations ?? true) : undefined,
          exclude_locations: undefined,
        },
        variables,
        shape: DEVICE_SHAPE,
        paging: input,
      },
      context,
      (row) => toDeviceItem(row, this.org),
    );
  }
}
