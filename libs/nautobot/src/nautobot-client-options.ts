import type { NautobotRequestEvent } from '@nautobot-mcp/common';

/** A fetch-compatible function; demo mode passes the in-process simulator's. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Everything the Nautobot client needs, resolved once at start-up. */
export interface NautobotClientOptions {
  /** Base URL of Nautobot, e.g. `https://nautobot.example.com` (no `/api`). */
  url: string;
  /** Nautobot API token; sent as `Authorization: Token …` and never logged. */
  token: string;
  /** Deadline of one request to Nautobot, headers and whole body (NAUTOBOT_TIMEOUT_MS). */
  timeoutMs: number;
  /** Largest answer read from Nautobot, counted while streaming (NAUTOBOT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Deadline of one whole tool invocation, all its requests (TOOL_TIMEOUT_MS); 0 = none. */
  invocationTimeoutMs?: number;
  /** Verify Nautobot's TLS certificate. */
  verifyTls: boolean;
  /** PEM bundle trusted in addition to (or instead of) the system CAs. */
  caFile?: string;
  /** Directory of the user's edited `.graphql` files; a file here wins over the packaged one. */
  queriesDir?: string;
  /** Replaces the network (demo mode: the in-process simulator). */
  fetch?: FetchLike;
  /**
   * DEMO_FALLBACK: answers instead of Nautobot when it is unreachable, times out or
   * fails with a 5xx, decided once per invocation (never for the readiness probe).
   * Every such answer is marked (invocation result, request context, log, metric).
   */
  fallbackFetch?: FetchLike;
  /** Told about every HTTP request to Nautobot (for metrics). */
  observer?: (event: NautobotRequestEvent) => void;
}
