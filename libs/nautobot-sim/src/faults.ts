/**
 * Failure modes the simulator can inject into `/api/graphql/` (and `/api/status/`).
 *
 * The first group decides *what* is answered; the wire group decides *how* the answer
 * travels (after or instead of its headers), which only a socket can show: the HTTP
 * server ({@link startSimulatorServer}) acts them out byte for byte, the in-process
 * `fetch` as closely as a `Response` can (a reset becomes a rejected fetch or body).
 */
export interface FaultSettings {
  /** Delay (ms) added before answering. */
  latencyMs?: number;
  /**
   * Answer this HTTP status with an HTML/plain body as Django or nginx would (e.g. 500, 502);
   * with `graphqlErrors`, a GraphQL error body instead (Nautobot's 400 for an invalid query);
   * with `body`, that body.
   */
  status?: number;
  /** Never answer until the faults are cleared/replaced or the server closes (clients must time out). */
  hang?: boolean;
  /** 200 with a truncated, invalid JSON body (content-type application/json). */
  malformedJson?: boolean;
  /** 200 `{"errors":[{"message":…}],"data":null}` with these messages (GraphQL requests only). */
  graphqlErrors?: string[];
  /** Answer this body (status `status`, default 200; content type `contentType`, default JSON). */
  body?: string;
  /** The answer's `Content-Type` instead of its own, e.g. `text/html; charset=utf-8`. */
  contentType?: string;

  /** Wire: send the status line and headers one byte every N ms (a slow or jammed upstream). */
  trickleHeadersMs?: number;
  /**
   * Wire: send the headers, then no byte of the body until the faults are cleared/replaced
   * (then the body follows), the client goes away or the server closes.
   */
  stallAfterHeaders?: boolean;
  /** Wire: send the body 16 bytes every N ms. */
  trickleBodyMs?: number;
  /** Wire: 200 headers, then a JSON body that never ends, as fast as the client reads it. */
  endlessBody?: boolean;
  /** Wire: announce the whole body (`Content-Length`), send half of it, then reset the connection. */
  resetMidBody?: boolean;
  /**
   * Wire: follow the answer with N bytes of JSON whitespace (it stays valid JSON), generated
   * while it streams, never held in memory: e.g. 52428800 for a 50 MB answer.
   */
  padBytes?: number;
  /** Wire: read the request, then reset the connection without a byte of answer. */
  resetConnection?: boolean;
  /**
   * Stop listening for N ms from now (connections refused, open ones closed), then listen
   * on the same port again; `clearFaults()` ends it early. Applies at once, whatever
   * `times`/`after` say, and is not kept in the settings (the control endpoint is down too).
   */
  downMs?: number;

  /** Apply to the next N GraphQL requests only, then clear automatically (default: until cleared). */
  times?: number;
  /**
   * Answer the next N GraphQL requests normally first, then start applying the fault (default 0).
   * Lets a test fail or hold page N+1 of a paged read deterministically.
   */
  after?: number;
}

/** The settings that change how an answer travels, not what it says. */
export type WireFaults = Pick<
  FaultSettings,
  | 'trickleHeadersMs'
  | 'stallAfterHeaders'
  | 'trickleBodyMs'
  | 'endlessBody'
  | 'resetMidBody'
  | 'padBytes'
  | 'resetConnection'
>;

/** True when any per-request failure mode is set (`downMs` is not one). */
export function hasFault(f: FaultSettings): boolean {
  return (
    (f.latencyMs ?? 0) > 0 ||
    f.status !== undefined ||
    f.hang === true ||
    f.malformedJson === true ||
    (f.graphqlErrors?.length ?? 0) > 0 ||
    f.body !== undefined ||
    f.contentType !== undefined ||
    hasWireFault(f)
  );
}

/** True when any wire fault is set. */
export function hasWireFault(f: FaultSettings): boolean {
  return (
    (f.trickleHeadersMs ?? 0) > 0 ||
    f.stallAfterHeaders === true ||
    (f.trickleBodyMs ?? 0) > 0 ||
    f.endlessBody === true ||
    f.resetMidBody === true ||
    (f.padBytes ?? 0) > 0 ||
    f.resetConnection === true
  );
}

const BOOLEANS = [
  'hang',
  'malformedJson',
  'stallAfterHeaders',
  'endlessBody',
  'resetMidBody',
  'resetConnection',
] as const;

/** Non-negative numbers of milliseconds, and the largest accepted (one hour). */
const DURATIONS = ['latencyMs', 'trickleHeadersMs', 'trickleBodyMs', 'downMs'] as const;
const MAX_DURATION_MS = 3_600_000;

/** Largest `padBytes` (4 GiB): enough to outgrow any response cap. */
const MAX_PAD_BYTES = 2 ** 32;

const KNOWN = [
  'latencyMs',
  'status',
  'hang',
  'malformedJson',
  'graphqlErrors',
  'body',
  'contentType',
  'trickleHeadersMs',
  'stallAfterHeaders',
  'trickleBodyMs',
  'endlessBody',
  'resetMidBody',
  'padBytes',
  'resetConnection',
  'downMs',
  'times',
  'after',
];

/** Validates fault settings (from code or the `/__sim/faults` control endpoint). */
export function parseFaults(input: unknown): FaultSettings {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new TypeError('fault settings must be an object');
  }
  const src = input as Record<string, unknown>;
  const out: FaultSettings = {};
  const unknown = Object.keys(src).filter((k) => !KNOWN.includes(k));
  if (unknown.length > 0) {
    throw new TypeError(`unknown fault setting(s): ${unknown.join(', ')}`);
  }
  for (const key of DURATIONS) {
    const value = src[key];
    if (value !== undefined) {
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        value < 0 ||
        value > MAX_DURATION_MS
      ) {
        throw new TypeError(
          `${key} must be a non-negative number of ms (at most ${MAX_DURATION_MS})`,
        );
      }
      out[key] = value;
    }
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
  for (const key of BOOLEANS) {
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
  if (src.body !== undefined) {
    if (typeof src.body !== 'string') {
      throw new TypeError('body must be a string');
    }
    out.body = src.body;
  }
  if (src.contentType !== undefined) {
    // A header value: no line breaks (they would forge headers), nothing empty.
    if (typeof src.contentType !== 'string' || !/^[\t\x20-\x7e]{1,200}$/.test(src.contentType)) {
      throw new TypeError('contentType must be a header value (1-200 printable ASCII characters)');
    }
    out.contentType = src.contentType;
  }
  if (src.padBytes !== undefined) {
    if (
      !Number.isInteger(src.padBytes) ||
      (src.padBytes as number) < 0 ||
      (src.padBytes as number) > MAX_PAD_BYTES
    ) {
      throw new TypeError(`padBytes must be an integer from 0 to ${MAX_PAD_BYTES}`);
    }
    out.padBytes = src.padBytes as number;
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
