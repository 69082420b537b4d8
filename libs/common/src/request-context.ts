import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and problem of one request can know about it. */
export interface RequestContext {
  requestId: string;
  /** Set by the auth guard once the caller is known. */
  principal?: string;
  /** Set when an answer came from the demo data because Nautobot was down (DEMO_FALLBACK). */
  dataSource?: 'demo-fallback';
  /** Aborted when the client goes away before the response is complete. */
  signal?: AbortSignal;
}

/** Carries the request context through async calls (logs, problems, Nautobot calls). */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The current request's id, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
