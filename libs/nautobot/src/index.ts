/** The Nest module that provides the Nautobot client. */
export { NautobotModule, type NautobotModuleAsyncOptions } from './nautobot.module.js';
/** GraphQL client for Nautobot 2.x: list queries, child locations, ping. */
export {
  NautobotClient,
  type ListResult,
  type NautobotRow,
  type RawResult,
  type RowsPage,
} from './nautobot.client.js';
/** Kinds of objects a filter can name (for `requireExisting` / `unknownValue`). */
export { FILTER_KIND_SPECS, type FilterKind } from './filter-errors.js';
/** Options the client is built from. */
export type { FetchLike, NautobotClientOptions } from './nautobot-client-options.js';
/** Injection token of the client options. */
export { NAUTOBOT_CLIENT_OPTIONS } from './nautobot.constants.js';
/** Query files loaded at start-up and their errors. */
export {
  QueryCatalog,
  QueryFileError,
  packagedQueriesDir,
  type LoadedQuery,
} from './query-catalog.js';
/** The client's internal queries (readiness ping, suggestions, existence checks), for recordings. */
export { PING_QUERY, existsQuery, nameQuery } from './internal-queries.js';
/** The Nautobot version, detected at start-up. */
export {
  NautobotVersionService,
  TESTED_LINES,
  versionInfo,
  type NautobotVersionInfo,
} from './nautobot-version.service.js';
/** Close names for a did-you-mean (case, prefix, then edit distance). */
export { closeMatches } from './suggestions.js';
/** One invocation's cancellation, deadline and data source, as the client sees them. */
export {
  InvocationScope,
  currentInvocationScope,
  type DataSource,
  type InvocationScopeOptions,
} from './invocation-scope.js';
