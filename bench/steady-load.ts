/**
 * A steady load over a fixed number of keep-alive connections, for the soak.
 *
 * autocannon's `overallRate` is no steady load: it caps the connections at the rate and
 * gives each connection a one-second budget refilled by its own interval, all started
 * together, so 50 req/s arrive as one burst of 50 at the top of every second. The
 * event-loop lag then measures the burst, not the server. Here requests are spaced evenly
 * (`rate` a second, one every `1000 / rate` ms) and handed round-robin to `connections`
 * undici clients that each keep one socket open; with `rate` 0 every connection sends its
 * next request as soon as the last one is answered (a closed loop, as fast as possible).
 */
import { Client, errors } from 'undici';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  onResponse(status: number, body: string): void;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  /** Requests a second in all; 0 for a closed loop. */
  rate: number;
  requests: LoadRequest[];
  timeoutMs: number;
}

export interface LoadResult {
  answered: number;
  /** Requests that failed on the wire (reset, refused, closed). */
  errors: number;
  /** Requests whose headers or body did not arrive within `timeoutMs`. */
  timeouts: number;
  /** Milliseconds from sending to the last body byte, of every answered request, sorted. */
  latenciesMs: number[];
  /** The first few wire errors, for the report. */
  errorExamples: string[];
}

/** The `p`-th percentile (0–100) of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function steadyLoad(options: LoadOptions): Promise<LoadResult> {
  const clients = Array.from(
    { length: options.connections },
    () =>
      new Client(options.url, {
        pipelining: 1,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      }),
  );
  const result: LoadResult = {
    answered: 0,
    errors: 0,
    timeouts: 0,
    latenciesMs: [],
    errorExamples: [],
  };
  let sent = 0;
  const inFlight = new Set<Promise<void>>();

  const send = (client: Client): Promise<void> => {
    const request = options.requests[sent % options.requests.length];
    sent += 1;
    const started = performance.now();
    const done = client
      .request({
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.body,
      })
      .then(async ({ statusCode, body }) => {
        const text = await body.text();
        result.latenciesMs.push(performance.now() - started);
        result.answered += 1;
        request.onResponse(statusCode, text);
      })
      .catch((error: unknown) => {
        if (
          error instanceof errors.HeadersTimeoutError ||
          error instanceof errors.BodyTimeoutError
        ) {
          result.timeouts += 1;
        } else {
          result.errors += 1;
        }
        if (result.errorExamples.length < 5) {
          result.errorExamples.push(String(error));
        }
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
    return done;
  };

  const deadline = performance.now() + options.durationS * 1000;
  if (options.rate > 0) {
    const start = performance.now();
    await new Promise<void>((resolve) => {
      const tick = setInterval(
        () => {
          const now = performance.now();
          const due = Math.floor(((Math.min(now, deadline) - start) / 1000) * options.rate);
          while (sent < due) {
            void send(clients[sent % clients.length]);
          }
          if (now >= deadline) {
            clearInterval(tick);
            resolve();
          }
        },
        Math.max(1, Math.floor(1000 / options.rate)),
      );
    });
  } else {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline) {
          await send(client);
        }
      }),
    );
  }
  await Promise.all([...inFlight]);
  await Promise.all(clients.map((client) => client.close()));
  result.latenciesMs.sort((a, b) => a - b);
  return result;
}
