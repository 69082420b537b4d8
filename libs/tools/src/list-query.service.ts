import { NautobotClient, type NautobotRow } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, filterFingerprint } from './cursor.js';
import type { ListResult } from './dto/list-result.dto.js';
import { DEFAULT_LIMIT, type ListInput } from './dto/list-input.dto.js';
import type { ToolContext } from './tool-handler.js';

/** One page request of a list tool. */
export interface PageRequest {
  /** Tool name; part of the cursor fingerprint. */
  tool: string;
  /** Query file name. */
  query: string;
  /** Filters the caller chose (after aliasing); bind the cursor. */
  filters: Record<string, unknown>;
  /** GraphQL variables for the filters (without limit/offset). */
  variables: Record<string, unknown>;
  paging: ListInput;
}

/**
 * Runs a list query one page at a time. Nautobot has no counts or cursors, so we ask
 * for one row more than the page to learn whether more exist, and encode the next
 * offset in an opaque cursor bound to the filters.
 */
@Injectable()
export class ListQueryService {
  constructor(private readonly nautobot: NautobotClient) {}

  async page<T>(
    request: PageRequest,
    context: ToolContext,
    map: (row: NautobotRow) => T,
  ): Promise<ListResult<T>> {
    const fingerprint = filterFingerprint(request.tool, request.filters);
    const limit = request.paging.limit ?? DEFAULT_LIMIT;
    const offset = request.paging.cursor ? decodeCursor(request.paging.cursor, fingerprint) : 0;
    const { rows, warnings } = await this.nautobot.list(request.query, {
      ...request.variables,
      limit: limit + 1,
      offset,
    });
    context.warnings.push(...warnings);
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(map);
    const result: ListResult<T> = { items, count: items.length, truncated: more };
    if (more) {
      result.nextCursor = encodeCursor(offset + limit, fingerprint);
    } else {
      result.total = offset + items.length;
    }
    return result;
  }
}
