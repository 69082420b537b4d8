import {
  ApolloClient,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
  ServerError,
  ServerParseError,
  type OperationVariables,
} from '@apollo/client';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ProblemException, problemOf, type ProblemType } from '@nautobot-mcp/common';
import type { DocumentNode } from 'graphql';
import {
  FILTER_KIND_SPECS,
  filterKind,
  parseInvalidFilterValue,
  type FilterKind,
} from './filter-errors.js';
import { CHILD_LOCATIONS_QUERY, PING_QUERY, existsQuery, nameQuery } from './internal-queries.js';
import { createNautobotFetch } from './nautobot-fetch.js';
import type { NautobotClientOptions } from './nautobot-client-options.js';
import { NAUTOBOT_CLIENT_OPTIONS } from './nautobot.constants.js';
import { QueryCatalog } from './query-catalog.js';
import { closeMatches } from './suggestions.js';

/**
 * Apollo's InMemoryCache adds `__typename` to every selection. We never read the cache
 * (`no-cache`), and the extra field makes Nautobot's answers about a third bigger and
 * costs a copy per row to strip, so documents are sent exactly as written.
 */
class UncachedDocumentsCache extends InMemoryCache {
  override transformDocument(document: DocumentNode): DocumentNode {
    return document;
  }
}

/** One row of a list query, as Nautobot returned it (minus `__typename`). */
export type NautobotRow = Record<string, unknown>;

/** Rows of a list query, plus per-item errors Nautobot reported without failing the list. */
export interface ListResult {
  rows: NautobotRow[];
  warnings: string[];
}

const NAMES_TTL_MS = 60_000;

/** Kinds with their own problem type; every other kind is `unknown-filter-value`. */
const UNKNOWN_VALUE_TYPES: Partial<Record<FilterKind, ProblemType>> = {
  location: 'unknown-location',
  role: 'unknown-role',
  status: 'unknown-status',
};

/** Result of a raw (user-written) GraphQL query. */
export interface RawResult {
  data: Record<string, unknown>;
  warnings: string[];
}

/** One page of a paged read. */
export interface RowsPage extends ListResult {
  /** Offset of the first row of this page. */
  offset: number;
}

/**
 * The only component that talks to Nautobot: GraphQL over HTTP through Apollo Client
 * (no cache), with every failure mapped to a stable problem type.
 */
@Injectable()
export class NautobotClient {
  private readonly logger = new Logger(NautobotClient.name);
  private readonly apollo: ApolloClient;
  private readonly names = new Map<FilterKind, { at: number; names: Promise<string[]> }>();
  /** The query files, loaded and checked at construction (start-up). */
  readonly catalog: QueryCatalog;

  constructor(@Inject(NAUTOBOT_CLIENT_OPTIONS) private readonly options: NautobotClientOptions) {
    this.catalog = new QueryCatalog({ queriesDir: options.queriesDir });
    const base = options.url.replace(/\/+$/, '');
    this.apollo = new ApolloClient({
      link: new HttpLink({
        uri: `${base}/api/graphql/`,
        fetch: createNautobotFetch(options),
        headers: { authorization: `Token ${options.token}`, accept: 'application/json' },
      }),
      cache: new UncachedDocumentsCache(),
      enhancedClientAwareness: { transport: false },
    });
  }

  /**
   * Runs a catalogued list query and returns its top-level list. Variables left
   * `undefined` are not sent, so Nautobot treats the filter as absent.
   */
  async list(queryName: string, variables: OperationVariables): Promise<ListResult> {
    const query = this.catalog.get(queryName);
    const data = await this.run(query.document, variables, query.rootField);
    const rows = data.value;
    if (rows != null && !Array.isArray(rows)) {
      throw problemOf(
        'nautobot-bad-response',
        `Nautobot returned ${typeof rows} for ${query.rootField}, expected a list.`,
      );
    }
    return { rows: (rows ?? []) as NautobotRow[], warnings: data.warnings };
  }

  /**
   * Reads a catalogued list query page by page (`limit`/`offset`), yielding each page
   * as it arrives, so callers can stream any number of rows with flat memory (at most
   * two pages are held). While the caller works on one page the next is already being
   * fetched, so Nautobot and this process work in parallel. Stops after a short page,
   * or when `signal` is aborted or the caller stops iterating.
   */
  async *pages(
    queryName: string,
    variables: OperationVariables,
    pageSize: number,
    signal?: AbortSignal,
  ): AsyncGenerator<RowsPage> {
    const fetchPage = (offset: number): Promise<RowsPage> =>
      this.list(queryName, { ...variables, limit: pageSize, offset }).then((page) => ({
        ...page,
        offset,
      }));
    let next: Promise<RowsPage> | undefined = fetchPage(0);
    while (next) {
      const page: RowsPage = await next;
      next = undefined;
      if (page.rows.length === pageSize && !signal?.aborted) {
        next = fetchPage(page.offset + pageSize);
        // A caller that stops early leaves this prefetch unawaited: its failure is
        // moot then (and is still thrown to a caller that does await it).
        next.catch(() => undefined);
      }
      yield page;
      if (signal?.aborted) {
        return;
      }
    }
  }

  /**
   * Runs a user-written, already validated query document and returns its whole `data`.
   * Errors are mapped like those of catalogued queries; per-item errors become warnings.
   */
  async raw(document: DocumentNode, variables: OperationVariables): Promise<RawResult> {
    const { value, warnings } = await this.run(document, variables, undefined);
    return { data: (value ?? {}) as Record<string, unknown>, warnings };
  }

  /**
   * Checks that every value names an object of `kind` (within optional extra filters,
   * e.g. `{ device: ['ams01-leaf01'] }`), for filters Nautobot does not validate itself
   * (it would answer an empty list), and returns the UUIDs each value names. An unknown
   * value is the same 400 as a Nautobot filter error, with close matches.
   */
  async requireExisting(
    kind: FilterKind,
    values: readonly string[],
    scope: Record<string, string[]> = {},
  ): Promise<Map<string, string[]>> {
    const keys = Object.keys(scope).sort();
    const { value } = await this.run(existsQuery(kind, keys), { values, ...scope }, 'items');
    const key = FILTER_KIND_SPECS[kind].key;
    const ids = new Map<string, string[]>();
    for (const item of (value ?? []) as Record<string, unknown>[]) {
      const name = item[key] as string;
      ids.set(name, [...(ids.get(name) ?? []), item.id as string]);
    }
    const missing = values.find((v) => !ids.has(v));
    if (missing !== undefined) {
      throw await this.unknownValue(kind, missing, kind, scope);
    }
    return ids;
  }

  /**
   * The 400 problem for a value that names no object of `kind`, with close matches
   * (`suggestions`) read from Nautobot.
   */
  async unknownValue(
    kind: FilterKind,
    value: string,
    filter: string = kind,
    scope: Record<string, string[]> = {},
  ): Promise<ProblemException> {
    const spec = FILTER_KIND_SPECS[kind];
    const suggestions = await this.suggest(kind, value, scope);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : '';
    const where = Object.entries(scope)
      .map(([k, v]) => ` on ${k} ${v.join(', ')}`)
      .join('');
    const type = UNKNOWN_VALUE_TYPES[kind];
    return type
      ? problemOf(type, `Nautobot has no ${spec.label} named "${value}"${where}.${hint}`, {
          value,
          suggestions,
        })
      : problemOf(
          'unknown-filter-value',
          `Nautobot has no ${spec.label} named "${value}"${where}.${hint}`,
          { filter, kind, value, suggestions },
        );
  }

  /** Names of the immediate child locations of `location`. */
  async childLocations(location: string): Promise<string[]> {
    const { value } = await this.run(CHILD_LOCATIONS_QUERY, { parent: [location] }, 'locations');
    return ((value ?? []) as { name: string }[]).map((l) => l.name);
  }

  /** Checks reachability and the token with the cheapest query there is. */
  async ping(): Promise<void> {
    await this.run(PING_QUERY, {}, '__typename');
  }

  /** Runs a document; returns `data[rootField]`, or the whole `data` without a root field. */
  private async run(
    document: DocumentNode,
    variables: OperationVariables,
    rootField: string | undefined,
  ): Promise<{ value: unknown; warnings: string[] }> {
    let result: ApolloClient.QueryResult<Record<string, unknown>, 'all'>;
    try {
      result = await this.apollo.query<Record<string, unknown>>({
        query: document,
        variables,
        fetchPolicy: 'no-cache',
        errorPolicy: 'all',
      });
    } catch (error) {
      throw this.toProblem(error);
    }
    const data = result.data;
    const error = result.error;
    const pick = (d: Record<string, unknown> | undefined) =>
      rootField === undefined ? d : d?.[rootField];
    if (!error) {
      return { value: pick(data), warnings: [] };
    }
    if (!CombinedGraphQLErrors.is(error)) {
      throw this.toProblem(error);
    }
    const fatal = error.errors.filter((e) => !e.path || e.path.length <= 1);
    if (fatal.length > 0 || pick(data) == null) {
      throw await this.graphQLProblem(fatal.length > 0 ? fatal : error.errors);
    }
    const warnings = error.errors.map((e) => `${(e.path ?? []).join('.')}: ${e.message}`);
    this.logger.warn(`Nautobot reported item errors: ${warnings.join('; ')}`);
    return { value: pick(data), warnings };
  }

  private async graphQLProblem(errors: readonly { message: string }[]): Promise<ProblemException> {
    for (const { message } of errors) {
      const invalid = parseInvalidFilterValue(message);
      const kind = invalid && filterKind(invalid.filter);
      if (invalid && kind) {
        return this.unknownValue(kind, invalid.value, invalid.filter);
      }
      if (invalid) {
        return problemOf(
          'unknown-filter-value',
          `Nautobot has no ${invalid.filter} named "${invalid.value}".`,
          { filter: invalid.filter, value: invalid.value },
        );
      }
    }
    const messages = errors.map((e) => e.message);
    return problemOf('nautobot-query-error', messages.join('; '), { messages });
  }

  /** Close matches for an unknown value; best effort, never fails the caller. */
  private async suggest(
    kind: FilterKind,
    value: string,
    scope: Record<string, string[]> = {},
  ): Promise<string[]> {
    const spec = FILTER_KIND_SPECS[kind];
    const keys = Object.keys(scope).sort();
    const read = (variables: OperationVariables) =>
      this.run(nameQuery(kind, keys), variables, 'items').then(({ value: items }) =>
        ((items ?? []) as Record<string, unknown>[])
          .map((i) => i[spec.key])
          .filter((n): n is string => typeof n === 'string'),
      );
    if ('search' in spec || keys.length > 0) {
      // Too many to list them all: names within the scope, or sharing the first characters.
      try {
        const candidates = await read(keys.length > 0 ? scope : { q: value.trim().slice(0, 3) });
        return closeMatches(value, [...new Set(candidates)]);
      } catch {
        return [];
      }
    }
    const cached = this.names.get(kind);
    let names = cached?.names;
    if (!cached || Date.now() - cached.at > NAMES_TTL_MS) {
      names = read({});
      this.names.set(kind, { at: Date.now(), names });
    }
    try {
      return closeMatches(value, [...new Set((await names) ?? [])]);
    } catch {
      this.names.delete(kind);
      return [];
    }
  }

  private toProblem(error: unknown): ProblemException {
    if (error instanceof ProblemException) {
      return error;
    }
    if (ServerParseError.is(error)) {
      return problemOf(
        'nautobot-bad-response',
        'Nautobot answered with a body that is not valid JSON.',
      );
    }
    if (ServerError.is(error)) {
      return problemOf('nautobot-bad-response', `Nautobot answered HTTP ${error.statusCode}.`);
    }
    if (CombinedGraphQLErrors.is(error)) {
      const messages = error.errors.map((e) => e.message);
      return problemOf('nautobot-query-error', messages.join('; '), { messages });
    }
    this.logger.error(`Unexpected Nautobot client failure: ${String(error)}`);
    return problemOf('nautobot-bad-response', 'Nautobot answered in a way we cannot read.');
  }
}
