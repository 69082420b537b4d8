import { Injectable } from '@nestjs/common';
import type { ListResult } from '../dto/list-result.dto.js';
import { LocationScopedInput } from '../dto/location-scoped-input.dto.js';
import { PREFIX_SHAPE, PrefixList, type PrefixItem } from '../dto/prefix-item.dto.js';
import { ListQueryService } from '../list-query.service.js';
import { LOCATION_QUERY_VARIABLES, LocationScope } from '../location-scope.service.js';
import { toPrefixItem } from '../prefix-mapper.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `prefixes_by_location`. */
export class PrefixesByLocationInput extends LocationScopedInput {}

@Tool({
  name: 'prefixes_by_location',
  title: 'Prefixes of a location',
  description:
    'Shortcut: list the IP prefixes (IPv4 and IPv6 networks, containers and pools) assigned to a Nautobot location such as a site (AMS01) or region (Europe), with type, status, role, VLAN, tenant and description. Includes child locations unless includeChildLocations is false. Use it for "which prefixes/subnets does <site> have?"; to filter by namespace, VRF, tenant, status, role, parent prefix or IP version use prefixes. Pages with limit/cursor; fields or brief make items smaller.',
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
        shape: PREFIX_SHAPE,
        paging: input,
      },
      context,
      toPrefixItem,
    );
  }
}
