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
import {
  ProblemException,
  problemOf,
  requestContext,
  type ProblemType,
} from '@nautobot-mcp/common';
import { Kind, type DocumentNode } from 'graphql';
import {
  FILTER_KIND_SPECS,
  filterKind,
  parseInvalidFilterValue,
  type FilterKind,
} from './filter-errors.js';
import {
  CHILD_LOCATIONS_QUERY,
  INTERNAL_OPERATION_NAMES,
  PING_QUERY,
  existsQuery,
  nameQuery,
} from './internal-queries.js';
import {
  InvocationScope,
  currentInvocationScope,
  type InvocationScopeOptions,
} from './invocation-scope.js';
import { createNautobotFetch, queryProblem } from './nautobot-fetch.js';
import type { NautobotClientOptions } from './nautobot-client-options.js';
import { NAUTOBOT_CLIENT_OPTIONS } from './nautobot.constants.js';
import { QueryCatalog } from './query-catalog.js';
import { closeMatches } from './suggestions.js';
import { publicMessage, redact } from './upstream-text.js';

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

/** Problem types after which DEMO_FALLBACK answers from demo data. */
const FALLBACK_TYPES = new Set(['nautobot-unreachable', 'nautobot-timeout', 'nautobot-error']);

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
  private readonly fallbackApollo: ApolloClient | undefined;
  /** Metric label of an operation name. */
  private readonly label: (operation: string) => string;
  private readonly names = new Map<FilterKind, { at: number; names: Promise<string[]> }>();
  /** The query files, loaded and checked at construction (start-up). */
  readonly catalog: QueryCatalog;

  constructor(@Inject(NAUTOBOT_CLIENT_OPTIONS) private readonly options: NautobotClientOptions) {
    this.catalog = new QueryCatalog({ queriesDir: options.queriesDir });
    // Metric labels: our own operations by name, anything else (raw queries) as `raw`,
    // so callers cannot mint label values.
    const known = new Set([...INTERNAL_OPERATION_NAMES, ...this.catalog.operationNames()]);
    const label = (operation: string) => (known.has(operation) ? operation : 'raw');
    this.label = label;
    this.apollo = this.apolloOver(createNautobotFetch(options, label));
    this.fallbackApollo = options.fallbackFetch
      ? this.apolloOver(
          createNautobotFetch(
            { ...options, fetch: options.fallbackFetch, observer: undefined },
            label,
          ),
        )
      : undefined;
  }

  private apolloOver(fetch: ReturnType<typeof createNautobotFetch>): ApolloClient {
    const base = this.options.url.replace(/\/+$/, '');
    return new ApolloClient({
      link: new HttpLink({
        uri: `${base}/api/graphql/`,
        fetch,
        headers: { authorization: `Token ${this.options.token}`, accept: 'application/json' },
      }),
      cache: new UncachedDocumentsCache(),
      enhancedClientAwareness: { transport: false },
      // Every invocation has its own deadline, cancellation and data source: one caller's
      // request must never be joined by another (a stuck one would wedge them all).
      queryDeduplication: false,
    });
  }

  /**
   * Opens the scope of one invocation: every request made while it runs obeys its
   * signal (caller gone, TOOL_TIMEOUT_MS unless `deadline: false`, e.g. for a streamed
   * export) and shares one data-source decision. Close it when the invocation ends.
   */
  openScope(
    options: Omit<InvocationScopeOptions, 'timeoutMs'> & { deadline?: boolean } = {},
  ): InvocationScope {
    const { deadline = true, ...rest } = options;
    return new InvocationScope({
      ...rest,
      timeoutMs: deadline ? this.options.invocationTimeoutMs : 0,
    });
  }

  /**
   * Runs a catalogued list query and returns its top-level list. Variables left
   * `undefined` are not sent, so Nautobot treats the filter as absent.
   */
  async list(
    queryName: string,
    variables: OperationVariables,
    scope?: InvocationScope,
  ): Promise<ListResult> {
    const query = this.catalog.get(queryName);
    const data = await this.run(query.document, variables, query.rootField, scope);
    const rows = data.value;
    if (!Array.isArray(rows)) {
      // Missing or null without an error is no empty list: Nautobot always lists, even nothing.
      throw problemOf(
        'nautobot-bad-response',
        `Nautobot returned ${rows === null ? 'null' : typeof rows} for ${query.rootField}, expected a list.`,
      );
    }
    const list = rows as unknown[];
    const bad = list.findIndex(
      (row) => row === null || typeof row !== 'object' || Array.isArray(row),
    );
    if (bad !== -1) {
      throw problemOf(
        'nautobot-bad-response',
        `Nautobot returned ${list[bad] === null ? 'null' : Array.isArray(list[bad]) ? 'a list' : typeof list[bad]} as row ${bad} of ${query.rootField}, expected an object.`,
      );
    }
    return { rows: list as NautobotRow[], warnings: data.warnings };
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
    // Pages are fetched from wherever the consumer pulls (e.g. a socket's drain): the
    // scope is captured once here, so every page obeys the same deadline and source.
    const scope = currentInvocationScope();
    const fetchPage = (offset: number): Promise<RowsPage> =>
      this.list(queryName, { ...variables, limit: pageSize, offset }, scope).then((page) => ({
        ...page,
        offset,
      }));
    let next: Promise<RowsPage> | undefined = fetchPage(0);
    while (next) {
      const page: RowsPage = await next;
      next = undefined;
      if (page.rows.length === pageSize && !signal?.aborted && !scope?.signal.aborted) {
        next = fetchPage(page.offset + pageSize);
        // A caller that stops early leaves this prefetch unawaited: its failure is
        // moot then (and is still thrown to a caller that does await it).
        next.catch(() => undefined);
      }
      yield page;
      if (signal?.aborted || scope?.signal.aborted) {
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
    // Readiness must tell the truth: never answered by DEMO_FALLBACK.
    const scope = new InvocationScope({ fallback: false });
    try {
      await this.run(PING_QUERY, {}, '__typename', scope);
    } finally {
      scope.close();
    }
  }

  /** Runs a document; returns `data[rootField]`, or the whole `data` without a root field. */
  private async run(
    document: DocumentNode,
    variables: OperationVariables,
    rootField: string | undefined,
    scope: InvocationScope | undefined = currentInvocationScope(),
  ): Promise<{ value: unknown; warnings: string[] }> {
    if (scope?.signal.aborted) {
      throw scope.reason;
    }
    let result: ApolloClient.QueryResult<Record<string, unknown>, 'all'>;
    try {
      result = await this.query(document, variables, scope);
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
    this.logger.warn(
      `Nautobot reported item errors: ${error.errors
        .slice(0, 10)
        .map((e) => redact(e.message))
        .join('; ')}`,
    );
    const warnings = error.errors
      .slice(0, 20)
      .map((e) => `${(e.path ?? []).slice(0, 8).join('.')}: ${publicMessage(e.message)}`);
    return { value: pick(data), warnings };
  }

  /**
   * Sends one query to Nautobot, or to the demo data under DEMO_FALLBACK: the first
   * request of a scope decides the source for the whole scope. A scope that has had
   * real answers fails rather than mixing in demo rows; one that fell back stays there.
   */
  private async query(
    document: DocumentNode,
    variables: OperationVariables,
    scope: InvocationScope | undefined,
  ): Promise<ApolloClient.QueryResult<Record<string, unknown>, 'all'>> {
    const send = (apollo: ApolloClient) =>
      apollo.query<Record<string, unknown>>({
        query: document,
        variables,
        fetchPolicy: 'no-cache',
        errorPolicy: 'all',
        context: scope ? { fetchOptions: { signal: scope.signal } } : undefined,
      });
    const fallback = scope?.fallback !== false ? this.fallbackApollo : undefined;
    if (fallback && scope?.source === 'demo-fallback') {
      return this.fromDemo(fallback, send, document, scope, undefined);
    }
    let result: ApolloClient.QueryResult<Record<string, unknown>, 'all'> | undefined;
    let error: unknown;
    try {
      result = await send(this.apollo);
      error = result.error;
    } catch (thrown) {
      error = thrown;
    }
    const failure = error instanceof ProblemException ? error.problem.type : undefined;
    if (failure && FALLBACK_TYPES.has(failure) && fallback && scope?.source !== 'nautobot') {
      return this.fromDemo(fallback, send, document, scope, failure);
    }
    if (!result || (error && !CombinedGraphQLErrors.is(error))) {
      throw this.toProblem(error);
    }
    if (scope) {
      scope.source ??= 'nautobot';
    }
    return result;
  }

  private fromDemo<T>(
    fallback: ApolloClient,
    send: (apollo: ApolloClient) => Promise<T>,
    document: DocumentNode,
    scope: InvocationScope | undefined,
    failure: string | undefined,
  ): Promise<T> {
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const query = this.label(operation?.name?.value ?? 'anonymous');
    if (scope) {
      scope.source = 'demo-fallback';
    }
    const context = requestContext.getStore();
    if (context) {
      context.dataSource = 'demo-fallback';
    }
    if (failure) {
      this.options.observer?.({
        query,
        durationMs: 0,
        error: failure,
        fallback: true,
      });
      this.logger.warn(
        `DEMO_FALLBACK: Nautobot failed (${failure}); answering from demo data, not from Nautobot`,
      );
    }
    return send(fallback);
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
    return queryProblem(errors.map((e) => e.message));
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
      return queryProblem(error.errors.map((e) => e.message));
    }
    this.logger.error(`Unexpected Nautobot client failure: ${String(error)}`);
    return problemOf('nautobot-bad-response', 'Nautobot answered in a way we cannot read.');
  }
}
