import { AsyncLocalStorage } from 'node:async_hooks';
import { ProblemException, problemOf } from '@nautobot-mcp/common';

/** Where the answers of one invocation came from. */
export type DataSource = 'nautobot' | 'demo-fallback';

/** How an invocation scope is opened. */
export interface InvocationScopeOptions {
  /** The caller's cancellations (request closed, MCP cancel); any of them aborts the scope. */
  signals?: readonly (AbortSignal | undefined)[];
  /** Deadline of the whole invocation in ms (TOOL_TIMEOUT_MS); 0 or absent = none. */
  timeoutMs?: number;
  /** Whether DEMO_FALLBACK may answer for this scope (never for the readiness probe). */
  fallback?: boolean;
}

/**
 * One tool invocation (or export, or probe) as the Nautobot client sees it: one signal
 * that every request to Nautobot obeys (client gone, deadline passed), and one answer
 * to "real Nautobot or demo data?", decided at the first request and kept, so one
 * answer never mixes real and demo rows.
 *
 * The scope holds its own AbortController and timer: a composite made with
 * `AbortSignal.any`/`AbortSignal.timeout` is only weakly held and can be collected
 * (and so never fire) while a request is still pending.
 */
export class InvocationScope {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly unlink: () => void;
  /** Decided by the first request to Nautobot; undefined until then. */
  source: DataSource | undefined;
  readonly fallback: boolean;

  constructor(options: InvocationScopeOptions = {}) {
    this.fallback = options.fallback ?? true;
    const callers = (options.signals ?? []).filter((s): s is AbortSignal => s !== undefined);
    const links = callers.map((caller) => {
      const onAbort = () => this.abort(caller.reason);
      if (caller.aborted) {
        onAbort();
      }
      caller.addEventListener('abort', onAbort, { once: true });
      return () => caller.removeEventListener('abort', onAbort);
    });
    this.unlink = () => links.forEach((unlink) => unlink());
    const ms = options.timeoutMs ?? 0;
    if (ms > 0) {
      this.timer = setTimeout(
        () =>
          this.abort(
            problemOf(
              'nautobot-timeout',
              `The call did not finish within ${ms} ms (TOOL_TIMEOUT_MS); Nautobot was still answering.`,
            ),
          ),
        ms,
      );
    }
  }

  /** Aborted when the caller goes away or the deadline passes; its reason is a problem. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The problem this scope was aborted with, to throw from any call made after. */
  get reason(): ProblemException {
    return this.controller.signal.reason as ProblemException;
  }

  /** Runs `fn` with this scope as the current one. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return invocationScopes.run(this, fn);
  }

  /** Stops the deadline timer and forgets the caller's signal. */
  close(): void {
    clearTimeout(this.timer);
    this.unlink();
  }

  private abort(reason: unknown): void {
    if (this.controller.signal.aborted) {
      return;
    }
    this.controller.abort(
      reason instanceof ProblemException
        ? reason
        : problemOf('client-closed', 'The client went away before the answer was ready.'),
    );
  }
}

const invocationScopes = new AsyncLocalStorage<InvocationScope>();

/** The scope of the running invocation, if any. */
export function currentInvocationScope(): InvocationScope | undefined {
  return invocationScopes.getStore();
}
