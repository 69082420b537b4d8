import { Injectable } from '@nestjs/common';
import { ListInput } from '../dto/list-input.dto.js';
import type { ListResult } from '../dto/list-result.dto.js';
import { WithPrefixFilters } from '../dto/prefix-filters.dto.js';
import { PREFIX_SHAPE, PrefixList, type PrefixItem } from '../dto/prefix-item.dto.js';
import { ListQueryService } from '../list-query.service.js';
import { toPrefixItem } from '../prefix-mapper.js';
import { PREFIX_QUERY_VARIABLES, PrefixQuery } from '../prefix-query.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `prefixes`: the prefix filters plus paging and columns. */
export class PrefixesInput extends WithPrefixFilters(ListInput) {}

@Tool({
  name: 'prefixes',
  title: 'Search prefixes',
  description:
    'List IP prefixes (IPv4/IPv6 networks, containers and pools) filtered by any of: location (with its child locations unless includeChildLocations is false), namespace, VRF, tenant, status, role, parent network (within, e.g. 10.11.0.0/16) and IP version. All filters are optional and combine with AND. Use it for "which Active server subnets does Acme Corp have in Europe?" or "what is inside 10.11.0.0/16?"; for utilisation and free space use analyze_prefixes, for a spreadsheet export_prefixes_to_csv. Pages with limit/cursor; fields or brief make items smaller.',
  toolset: 'ipam',
  input: PrefixesInput,
  output: PrefixList,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  example: { location: 'AMS01', role: 'server', limit: 20 },
  queries: [{ name: 'prefixes', variables: PREFIX_QUERY_VARIABLES }],
})
@Injectable()
export class PrefixesTool implements ToolHandler<PrefixesInput, ListResult<PrefixItem>> {
  constructor(
    private readonly prefixes: PrefixQuery,
    private readonly lists: ListQueryService,
  ) {}

  async run(input: PrefixesInput, context: ToolContext): Promise<ListResult<PrefixItem>> {
    const { variables, filters } = await this.prefixes.resolve(input);
    return this.lists.page(
      {
        tool: 'prefixes',
        query: 'prefixes',
        filters,
        variables,
        shape: PREFIX_SHAPE,
        paging: input,
      },
      context,
      toPrefixItem,
    );
  }
}
