import { problemOf, type Principal } from '@nautobot-mcp/common';
import { Injectable, Logger } from '@nestjs/common';

/** A JSON-RPC request id: only unique per client, so always paired with its caller. */
export type JsonRpcId = string | number;

/** Whether a value can be a JSON-RPC request id. */
export function isJsonRpcId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * `notifications/cancelled` for the stateless Streamable HTTP door. A 2025-era client
 * sends the cancellation as a POST of its own, with no session to tie it to the call,
 * and a fresh protocol object answers every POST — so the SDK's own per-connection
 * cancellation never finds the call. This registry keeps the tool calls in flight on
 * this replica by caller and request id; a cancellation aborts the call only when the
 * same caller (the same key, user or token subject; for anonymous callers, the same
 * client address) has exactly one call in flight with that id. Request ids are only
 * unique per client: two clients sharing one credential may both have an id 1 in
 * flight, and an ambiguous cancellation is ignored, as MCP allows. A cancellation
 * that reaches another replica finds nothing; closing the HTTP connection of the call
 * (what 2026-07-28 clients do) stops it on any replica.
 */
@Injectable()
export class McpCancellations {
  private readonly logger = new Logger('MCP');
  private readonly inflight = new Map<string, Set<AbortController>>();

  /** Registers a call in flight; `done()` forgets it once answered. */
  track(caller: string, id: JsonRpcId): { signal: AbortSignal; done(): void } {
    const key = keyOf(caller, id);
    const controller = new AbortController();
    let calls = this.inflight.get(key);
    if (!calls) {
      calls = new Set();
      this.inflight.set(key, calls);
    }
    calls.add(controller);
    return {
      signal: controller.signal,
      done: () => {
        calls.delete(controller);
        if (calls.size === 0 && this.inflight.get(key) === calls) {
          this.inflight.delete(key);
        }
      },
    };
  }

  /** Aborts the caller's call with this id, if it has exactly one in flight here. */
  cancel(caller: string, id: JsonRpcId): boolean {
    const calls = this.inflight.get(keyOf(caller, id));
    if (!calls || calls.size !== 1) {
      this.logger.debug(
        `notifications/cancelled for request ${JSON.stringify(id)}: ${calls ? 'ambiguous' : 'no such call in flight'} here; ignored`,
      );
      return false;
    }
    const [controller] = calls;
    controller.abort(
      problemOf('client-closed', 'The client cancelled the call (notifications/cancelled).'),
    );
    return true;
  }

  /** Calls in flight (tests, metrics). */
  get size(): number {
    let n = 0;
    for (const calls of this.inflight.values()) {
      n += calls.size;
    }
    return n;
  }
}

/** Who may cancel a call: the same principal; anonymous callers also by client address. */
export function cancellingCaller(principal: Principal, address: string | undefined): string {
  return principal.authMode === 'none'
    ? `none:${principal.name}@${address ?? 'unknown'}`
    : `${principal.authMode}:${principal.name}`;
}

function keyOf(caller: string, id: JsonRpcId): string {
  // 1 and "1" are different ids.
  return `${caller}\u0000${typeof id}:${String(id)}`;
}
