import { setTimeout as sleep } from 'node:timers/promises';
import type { SimResponse } from './http.js';

/** Bytes per step of a trickled body. */
export const TRICKLE_BYTES = 16;

/** One reusable block of JSON whitespace: padding and endless bodies are made of it. */
const BLANK = Buffer.alloc(64 * 1024, 0x20);

/** What an endless body starts with, so a reader sees JSON that never closes. */
const ENDLESS_START = '{"data":{"items":[';

/** Thrown by {@link bodyChunks} where the transport must reset the connection. */
export class ConnectionReset extends Error {
  constructor() {
    super('connection reset by the simulator (resetMidBody)');
  }
}

/** The `Content-Length` to announce, or undefined for a body of unknown length (chunked). */
export function contentLength(res: SimResponse): number | undefined {
  const d = res.delivery ?? {};
  if (d.endlessBody) {
    return undefined;
  }
  return Buffer.byteLength(res.body, 'utf8') + (d.padBytes ?? 0);
}

/**
 * The body of `res` as its wire faults deliver it: held, trickled, cut short (then
 * {@link ConnectionReset} is thrown), padded or endless. Padding and endless bodies reuse
 * one 64 KiB block, so a 50 MB answer costs no memory; the consumer's pace (backpressure)
 * sets the speed. Ends early, with the signal's reason, once `signal` aborts.
 */
export async function* bodyChunks(
  res: SimResponse,
  signal?: AbortSignal,
): AsyncGenerator<Buffer, void, undefined> {
  const d = res.delivery ?? {};
  if (d.stallAfterHeaders) {
    await d.stallAfterHeaders(signal);
  }
  if (d.endlessBody) {
    yield Buffer.from(ENDLESS_START);
    for (;;) {
      signal?.throwIfAborted();
      yield BLANK;
    }
  }
  const body = Buffer.from(res.body, 'utf8');
  const total = d.resetMidBody ? Math.floor(body.length / 2) : body.length;
  const step = d.trickleBodyMs ? TRICKLE_BYTES : Math.max(1, total);
  for (let at = 0; at < total; at += step) {
    if (d.trickleBodyMs && at > 0) {
      await sleep(d.trickleBodyMs, undefined, { signal });
    }
    yield body.subarray(at, Math.min(total, at + step));
  }
  if (d.resetMidBody) {
    throw new ConnectionReset();
  }
  for (let left = d.padBytes ?? 0; left > 0; left -= BLANK.length) {
    signal?.throwIfAborted();
    yield left >= BLANK.length ? BLANK : BLANK.subarray(0, left);
  }
}

/** The status line and headers as raw HTTP/1.1 bytes (for a trickled head). */
export function rawHead(statusLine: string, headers: Record<string, string>): Buffer {
  const lines = [statusLine, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}
