import { InjectOrgConfig, type OrgConfig } from '@nautobot-mcp/config';
import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { toDeviceItem } from '../device-mapper.js';
import { DEVICE_SHAPE, DeviceList, type DeviceItem } from '../dto/device-item.dto.js';
import type { ListResult } from '../dto/list-result.dto.js';
import { LocationScopedInput } from '../dto/location-scoped-input.dto.js';
import { ListQueryService } from '../list-query.service.js';
import { LOCATION_QUERY_VARIABLES, LocationScope } from '../location-scope.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `devices_by_location_and_role`. */
export class DevicesByLocationAndRoleInput extends LocationScopedInput {
  @ApiProperty({
    description: 'Device role name as in Nautobot, e.g. spine, leaf, edge.',
    example: 'leaf',
    maxLength: 100,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  role!: string;
}

@Tool({
  name: 'devices_by_location_and_role',
  title: 'Devices of a location with a role',
  description:
    'Shortcut: list the devices of one role (e.g. leaf, spine, edge) at a Nautobot location such as a site (FRA01) or region (Europe), with status, model, platform, rack, serial and primary IPv4. Includes child locations unless includeChildLocations is false. Use it for "list the leaf switches in Frankfurt"; for more filters use devices. Pages with limit/cursor; fields or brief make items smaller.',
  toolset: 'dcim',
  input: DevicesByLocationAndRoleInput,
  output: DeviceList,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  queries: [
    { name: 'devices_by_location_and_role', variables: [...LOCATION_QUERY_VARIABLES, 'role'] },
  ],
})
@Injectable()
export class DevicesByLocationAndRoleTool implements ToolHandler<
  DevicesByLocationAndRoleInput,
  ListResult<DeviceItem>
> {
  constructor(
    private readonly scope: LocationScope,
    private readonly lists: ListQueryService,
    @InjectOrgConfig() private readonly org: OrgConfig,
  ) {}

  async run(
    input: DevicesByLocationAndRoleInput,
    context: ToolContext,
  ): Promise<ListResult<DeviceItem>> {
    const variables = await this.scope.variables(input);
    const role = input.role.trim();
    return this.lists.page(
      {
        tool: 'devices_by_location_and_role',
        query: 'devices_by_location_and_role',
        filters: {
          location: variables.location[0],
          children: input.includeChildLocations ?? true,
          role,
        },
        variables: { ...variables, role: [role] },
        shape: DEVICE_SHAPE,
        paging: input,
      },
      context,
      (row) => toDeviceItem(row, this.org),
    );
  }
}
