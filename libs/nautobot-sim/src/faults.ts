/** Failure modes the simulator can inject into `/api/graphql/` (and `/api/status/`). */
export interface FaultSettings {
  /** Delay (ms) added before answering. */
  latencyMs?: number;
  /** Answer this HTTP status with an HTML/plain body as Django or nginx would (e.g. 500, 502). */
  status?: number;
  /** Never answer until the faults are cleared/replaced or the server closes (clients must time out). */
  hang?: boolean;
  /** 200 with a truncated, invalid JSON body (content-type application/json). */
  malformedJson?: boolean;
  /** 200 `{"errors":[{"message":…}],"data":null}` with these messages (GraphQL requests only). */
  graphqlErrors?: string[];
  /** Apply to the next N GraphQL requests only, then clear automatically (default: until cleared). */
  times?: number;
  /**
   * Answer the next N GraphQL requests normally first, then start applying the fault (default 0).
   * Lets a test fail or hold page N+1 of a paged read deterministically.
   */
  after?: number;
}

/** True when any failure mode is set. */
export function hasFault(f: FaultSettings): boolean {
  return (
    (f.latencyMs ?? 0) > 0 ||
    f.status !== undefined ||
    f.hang === true ||
    f.malformedJson === true ||
    (f.graphqlErrors?.length ?? 0) > 0
  );
}

/** Validates fault settings (from code or the `/__sim/faults` control endpoint). */
export function parseFaults(input: unknown): FaultSettings {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new TypeError('fault settings must be an object');
  }
  const src = input as Record<string, unknown>;
  const out: FaultSettings = {};
  const known = ['latencyMs', 'status', 'hang', 'malformedJson', 'graphqlErrors', 'times', 'after'];
  const unknown = Object.keys(src).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new TypeError(`unknown fault setting(s): ${unknown.join(', ')}`);
  }
  if (src.latencyMs !== undefined) {
    if (typeof src.latencyMs !== 'number' || !Number.isFinite(src.latencyMs) || src.latencyMs < 0) {
      throw new TypeError('latencyMs must be a non-negative number');
    }
    out.latencyMs = src.latencyMs;
  }
  if (src.status !== undefined) {
    if (
      !Number.isInteger(src.status) ||
      (src.status as number) < 100 ||
      (src.status as number) > 599
    ) {
      throw new TypeError('status must be an HTTP status code (100-599)');
    }
    out.status = src.status as number;
  }
  for (const key of ['hang', 'malformedJson'] as const) {
    if (src[key] !== undefined) {
      if (typeof src[key] !== 'boolean') {
        throw new TypeError(`${key} must be a boolean`);
      }
      out[key] = src[key];
    }
  }
  if (src.graphqlErrors !== undefined) {
    if (
      !Array.isArray(src.graphqlErrors) ||
      !src.graphqlErrors.every((m) => typeof m === 'string')
    ) {
      throw new TypeError('graphqlErrors must be an array of strings');
    }
    out.graphqlErrors = [...src.graphqlErrors];
  }
  if (src.times !== undefined) {
    if (!Number.isInteger(src.times) || (src.times as number) < 1) {
      throw new TypeError('times must be a positive integer');
    }
    out.times = src.times as number;
  }
  if (src.after !== undefined) {
    if (!Number.isInteger(src.after) || (src.after as number) < 0) {
      throw new TypeError('after must be a non-negative integer');
    }
    out.after = src.after as number;
  }
  return out;
}
