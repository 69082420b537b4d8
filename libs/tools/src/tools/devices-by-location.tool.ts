import { InjectOrgConfig, type OrgConfig } from '@nautobot-mcp/config';
import { Injectable } from '@nestjs/common';
import { toDeviceItem } from '../device-mapper.js';
import { DEVICE_SHAPE, DeviceList, type DeviceItem } from '../dto/device-item.dto.js';
import type { ListResult } from '../dto/list-result.dto.js';
import { LocationScopedInput } from '../dto/location-scoped-input.dto.js';
import { ListQueryService } from '../list-query.service.js';
import { LOCATION_QUERY_VARIABLES, LocationScope } from '../location-scope.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `devices_by_location`. */
export class DevicesByLocationInput extends LocationScopedInput {}

@Tool({
  name: 'devices_by_location',
  title: 'Devices of a location',
  description:
    'Shortcut: list the devices (switches, routers, firewalls…) at a Nautobot location such as a site (AMS01) or region (Europe), with role, status, model, manufacturer, platform, rack, serial and primary IPv4. Includes child locations unless includeChildLocations is false. Use it for "what is deployed in <site>?"; to filter by role, status, platform, device type, tenant or name use devices. Pages with limit/cursor; fields or brief make items smaller.',
  toolset: 'dcim',
  input: DevicesByLocationInput,
  output: DeviceList,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  queries: [{ name: 'devices_by_location', variables: [...LOCATION_QUERY_VARIABLES] }],
})
@Injectable()
export class DevicesByLocationTool implements ToolHandler<
  DevicesByLocationInput,
  ListResult<DeviceItem>
> {
  constructor(
    private readonly scope: LocationScope,
    private readonly lists: ListQueryService,
    @InjectOrgConfig() private readonly org: OrgConfig,
  ) {}

  async run(input: DevicesByLocationInput, context: ToolContext): Promise<ListResult<DeviceItem>> {
    const variables = await this.scope.variables(input);
    return this.lists.page(
      {
        tool: 'devices_by_location',
        query: 'devices_by_location',
        filters: { location: variables.location[0], children: input.includeChildLocations ?? true },
        variables: { ...variables },
        shape: DEVICE_SHAPE,
        paging: input,
      },
      context,
      (row) => toDeviceItem(row, this.org),
    );
  }
}
