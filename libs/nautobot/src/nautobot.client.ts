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
import { filterKind, parseInvalidFilterValue, type FilterKind } from './filter-errors.js';
import { CHILD_LOCATIONS_QUERY, NAME_QUERIES, PING_QUERY } from './internal-queries.js';
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

const UNKNOWN_VALUE_TYPES: Record<FilterKind, ProblemType> = {
  location: 'unknown-location',
  role: 'unknown-role',
  status: 'unknown-status',
};

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

  /** Names of the immediate child locations of `location`. */
  async childLocations(location: string): Promise<string[]> {
    const { value } = await this.run(CHILD_LOCATIONS_QUERY, { parent: [location] }, 'locations');
    return ((value ?? []) as { name: string }[]).map((l) => l.name);
  }

  /** Checks reachability and the token with the cheapest query there is. */
  async ping(): Promise<void> {
    await this.run(PING_QUERY, {}, '__typename');
  }

  private async run(
    document: DocumentNode,
    variables: OperationVariables,
    rootField: string,
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
    if (!error) {
      return { value: data?.[rootField], warnings: [] };
    }
    if (!CombinedGraphQLErrors.is(error)) {
      throw this.toProblem(error);
    }
    const fatal = error.errors.filter((e) => !e.path || e.path.length <= 1);
    if (fatal.length > 0 || data?.[rootField] == null) {
      throw await this.graphQLProblem(fatal.length > 0 ? fatal : error.errors);
    }
    const warnings = error.errors.map((e) => `${(e.path ?? []).join('.')}: ${e.message}`);
    this.logger.warn(`Nautobot reported item errors: ${warnings.join('; ')}`);
    return { value: data[rootField], warnings };
  }

  private async graphQLProblem(errors: readonly { message: string }[]): Promise<ProblemException> {
    for (const { message } of errors) {
      const invalid = parseInvalidFilterValue(message);
      const kind = invalid && filterKind(invalid.filter);
      if (invalid && kind) {
        const suggestions = await this.suggest(kind, invalid.value);
        const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : '';
        return problemOf(
          UNKNOWN_VALUE_TYPES[kind],
          `Nautobot has no ${kind} named "${invalid.value}".${hint}`,
          { value: invalid.value, suggestions },
        );
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
  private async suggest(kind: FilterKind, value: string): Promise<string[]> {
    const cached = this.names.get(kind);
    let names = cached?.names;
    if (!cached || Date.now() - cached.at > NAMES_TTL_MS) {
      names = this.run(NAME_QUERIES[kind], {}, 'items').then(({ value: items }) =>
        ((items ?? []) as { name: string }[]).map((i) => i.name),
      );
      this.names.set(kind, { at: Date.now(), names });
    }
    try {
      return closeMatches(value, (await names) ?? []);
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
