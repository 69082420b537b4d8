import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { NautobotClient, type NautobotRow } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import { CursorCodec, filterFingerprint } from './cursor.js';
import type { ListResult } from './dto/list-result.dto.js';
import { DEFAULT_LIMIT, type ListInput } from './dto/list-input.dto.js';
import {
  choiceKey,
  itemsWithin,
  jsonBytes,
  projectionOf,
  type ItemShape,
  type Projection,
} from './output-control.js';
import type { ToolContext } from './tool-handler.js';

/** What every list request names: the tool, its filters and the caller's paging/columns. */
export interface ListRequest {
  /** Tool name; part of the cursor fingerprint. */
  tool: string;
  /** Filters the caller chose (after aliasing); bind the cursor. */
  filters: Record<string, unknown>;
  /** The item DTO and its brief fields. */
  shape: ItemShape;
  /** Fields beyond the DTO's that items may carry (those a user added to the query file). */
  extraFields?: readonly string[];
  paging: ListInput;
}

/** One page request of a list tool backed by one query file. */
export interface PageRequest extends ListRequest {
  /** Query file name; its selection adds to the valid `fields`. */
  query: string;
  /** GraphQL variables for the filters (without limit/offset). */
  variables: Record<string, unknown>;
}

/** A validated list request: where to start, how many, which columns. */
export interface ListPlan {
  fingerprint: string;
  offset: number;
  limit: number;
  projection?: Projection;
}

/**
 * The output control every list tool shares: `limit` and an opaque `cursor` bound to
 * the filters and the column choice, `fields`/`brief`, and the byte budget
 * (`MAX_RESULT_BYTES`) that cuts a page at a whole item.
 *
 * Nautobot has no counts or cursors, so we ask for one row more than the page to learn
 * whether more exist, and encode the next offset in the cursor.
 */
@Injectable()
export class ListQueryService {
  private readonly cursors: CursorCodec;

  constructor(
    private readonly nautobot: NautobotClient,
    @InjectSettings() private readonly settings: Settings,
  ) {
    this.cursors = new CursorCodec(settings.cursorSecret);
  }

  /**
   * Checks `fields`/`brief` and the cursor before anything is fetched, so bad output
   * arguments are a 400 without a Nautobot round trip.
   */
  plan(request: ListRequest): ListPlan {
    const { paging } = request;
    const projection = projectionOf(request.shape, request.extraFields ?? [], paging);
    const fingerprint = filterFingerprint(request.tool, {
      ...request.filters,
      __output: choiceKey(paging),
    });
    const offset = paging.cursor ? this.cursors.decode(paging.cursor, fingerprint) : 0;
    return { fingerprint, offset, limit: paging.limit ?? DEFAULT_LIMIT, projection };
  }

  /** Runs one page of a list query and maps, projects and budgets its rows. */
  async page<T extends object>(
    request: PageRequest,
    context: ToolContext,
    map: (row: NautobotRow) => T,
    extra: Record<string, unknown> = {},
  ): Promise<ListResult<T>> {
    const plan = this.plan({
      ...request,
      extraFields: [
        ...(request.extraFields ?? []),
        ...this.nautobot.catalog.get(request.query).selection,
      ],
    });
    const { rows, warnings } = await this.nautobot.list(request.query, {
      ...request.variables,
      limit: plan.limit + 1,
      offset: plan.offset,
    });
    context.warnings.push(...warnings);
    const more = rows.length > plan.limit;
    const items = (more ? rows.slice(0, plan.limit) : rows).map(map);
    return this.finish(plan, items, more, context, extra);
  }

  /** Pages a list already held in memory (e.g. merged from several queries). */
  fromItems<T extends object>(
    plan: ListPlan,
    all: readonly T[],
    context: ToolContext,
    extra: Record<string, unknown> = {},
  ): ListResult<T> {
    const items = all.slice(plan.offset, plan.offset + plan.limit);
    return this.finish(plan, items, plan.offset + plan.limit < all.length, context, extra);
  }

  /**
   * Applies the projection and the byte budget: items that would take the JSON result
   * over MAX_RESULT_BYTES are left for the next page (at least one item is always
   * returned so paging progresses), and `nextCursor` continues right after the last one.
   */
  finish<T extends object>(
    plan: ListPlan,
    mapped: T[],
    more: boolean,
    context: ToolContext,
    extra: Record<string, unknown> = {},
  ): ListResult<T> {
    const items = (plan.projection ? mapped.map(plan.projection) : mapped) as T[];
    const envelope = jsonBytes({
      ...extra,
      items: [],
      count: items.length,
      total: plan.offset + items.length,
      truncated: false,
      nextCursor: this.cursors.encode(plan.offset + items.length, plan.fingerprint),
    });
    const max = this.settings.maxResultBytes;
    const fit = itemsWithin(items, max - envelope);
    const cut = fit < items.length;
    if (cut) {
      items.length = fit;
      context.warnings.push(
        fit === 1 && jsonBytes(items[0]) + envelope > max
          ? `One item alone exceeds MAX_RESULT_BYTES (${max} bytes); it is returned anyway. Ask for fewer fields (fields or brief).`
          : `Result cut to ${fit} items to stay within MAX_RESULT_BYTES (${max} bytes); follow nextCursor for the rest, or ask for fewer fields (fields or brief).`,
      );
    }
    const truncated = more || cut;
    const result = { ...extra, items, count: items.length, truncated } as ListResult<T>;
    if (truncated) {
      result.nextCursor = this.cursors.encode(plan.offset + items.length, plan.fingerprint);
    } else {
      result.total = plan.offset + items.length;
    }
    return result;
  }
}
