import { readFileSync } from 'node:fs';
import { ProblemException, currentRequestId, problemOf } from '@nautobot-mcp/common';
import { Logger } from '@nestjs/common';
import { Agent, fetch as undiciFetch } from 'undici';
import type { FetchLike, NautobotClientOptions } from './nautobot-client-options.js';
import { publicMessage, redact } from './upstream-text.js';

const TLS_ERROR_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

/** Default of NAUTOBOT_MAX_RESPONSE_BYTES. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** How much of a non-200 answer is read: enough for a DRF or GraphQL error, not an error page. */
export const ERROR_BODY_BYTES = 16 * 1024;

/**
 * DRF `detail` texts Nautobot sends with 401/403, passed on as they are; anything else
 * is only logged.
 */
const KNOWN_AUTH_DETAILS = new Set([
  'Invalid token.',
  'Invalid token',
  'Token expired.',
  'Token expired',
  'Authentication credentials were not provided.',
  'You do not have permission to perform this action.',
  'Invalid token header. No credentials provided.',
  'Invalid token header. Token string should not contain spaces.',
  'User inactive or deleted.',
]);

const logger = new Logger('NautobotClient');

/** Reads `detail` (DRF) from an error body, if it is one. */
function drfDetail(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { detail?: unknown };
    return typeof parsed.detail === 'string' ? parsed.detail : undefined;
  } catch {
    return undefined;
  }
}

/** Collects the `message`s of a GraphQL error body (HTTP 400 validation errors). */
function graphQLMessages(text: string): string[] | undefined {
  try {
    const parsed = JSON.parse(text) as { errors?: { message?: unknown }[] };
    if (Array.isArray(parsed.errors)) {
      return parsed.errors.map((e) =>
        typeof e.message === 'string' ? e.message : JSON.stringify(e.message ?? 'unknown error'),
      );
    }
  } catch {
    // Not a GraphQL error body.
  }
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Nautobot's address as we may show it: scheme, host and port, never credentials or path. */
export function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'NAUTOBOT_URL';
  }
}

function networkProblem(error: unknown, url: string): ProblemException {
  const code = errorCode(error);
  const where = safeOrigin(url);
  if (code && TLS_ERROR_CODES.has(code)) {
    return problemOf(
      'nautobot-unreachable',
      `TLS verification of ${where} failed (${code}). Trust its CA with NAUTOBOT_CA_FILE, or (tests only) NAUTOBOT_VERIFY_TLS=false.`,
      { reason: code },
    );
  }
  return problemOf(
    'nautobot-unreachable',
    `Cannot connect to Nautobot at ${where}${code ? ` (${code})` : ''}.`,
    { reason: code ?? 'network-error' },
  );
}

/** The operation name Apollo puts first in the JSON body, without parsing all of it. */
function operationNameOf(body: unknown): string {
  if (typeof body !== 'string') {
    return 'unknown';
  }
  const match = /"operationName":"([A-Za-z0-9_]{1,100})"/.exec(body.slice(0, 200));
  return match?.[1] ?? 'anonymous';
}

/** Thrown inside a body read that passed its byte budget. */
class TooLarge extends Error {}

/**
 * Reads a body as text, counting bytes as they stream in. Past `max` bytes it stops
 * reading and either throws {@link TooLarge} or (`truncate`) returns what it has.
 */
async function readText(response: Response, max: number, truncate: boolean): Promise<string> {
  if (!response.body) {
    return '';
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      if (!truncate) {
        throw new TooLarge();
      }
      chunks.push(value.subarray(0, value.byteLength - (size - max)));
      break;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What a non-200 answer means, as a problem that carries no upstream internals. */
function statusProblem(response: Response, text: string): ProblemException {
  const status = response.status;
  if (status === 401 || status === 403) {
    const detail = drfDetail(text);
    const known = detail !== undefined && KNOWN_AUTH_DETAILS.has(detail.trim());
    if (!known && text) {
      logger.warn(`Nautobot refused the token (HTTP ${status}): ${redact(text)}`);
    }
    return problemOf(
      'nautobot-auth',
      `Nautobot refused the API token configured in NAUTOBOT_TOKEN (HTTP ${status}${known ? `: ${detail}` : ''}). Check the token and its permissions.`,
    );
  }
  if (status === 400) {
    const messages = graphQLMessages(text);
    if (messages) {
      return queryProblem(messages);
    }
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    return problemOf(
      'nautobot-error',
      `Nautobot redirected the API call to ${location ? redact(location, 200) : 'another URL'}; check NAUTOBOT_URL (scheme, host and path).`,
    );
  }
  if (text) {
    logger.warn(`Nautobot answered HTTP ${status}: ${redact(text, 200)}`);
  }
  return problemOf(
    'nautobot-error',
    `Nautobot answered HTTP ${status}; its error page is in this server's log.`,
    { upstreamStatus: status },
  );
}

/**
 * `nautobot-query-error` for GraphQL error messages: only messages we recognise are
 * passed on (redacted, cut); the full text of the others goes to the log.
 */
export function queryProblem(raw: readonly string[]): ProblemException {
  const messages = raw.slice(0, 10).map(publicMessage);
  const withheld = raw.filter((m, i) => i < 10 && messages[i] !== redact(m));
  if (withheld.length > 0) {
    logger.warn(`Nautobot query error: ${withheld.map((m) => redact(m)).join('; ')}`);
  }
  const unique = [...new Set(messages)];
  return problemOf('nautobot-query-error', unique.join('; '), { messages: unique });
}

/**
 * Wraps fetch with everything our client promises about transport: a deadline that
 * covers the headers and the whole body, a cap on the body's size, TLS settings, and
 * the mapping of every non-200 answer to a stable problem type. Apollo gets a fully
 * read 200 answer, so nothing it does can outlive the deadline.
 *
 * `label` turns an operation name into the metric label (raw queries all become `raw`).
 */
export function createNautobotFetch(
  options: NautobotClientOptions,
  label: (operation: string) => string = (operation) => operation,
): FetchLike {
  const base: FetchLike = options.fetch ?? createUndiciFetch(options);
  const origin = options.url;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const send = async (input: Parameters<FetchLike>[0], init: RequestInit): Promise<Response> => {
    // Our own controller and a plain timer: the timer's closure holds the controller, so
    // the deadline fires however long the body takes and whatever the GC collects.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const caller = init.signal ?? undefined;
    const onCallerAbort = () => controller.abort();
    if (caller?.aborted) {
      controller.abort();
    }
    caller?.addEventListener('abort', onCallerAbort, { once: true });
    const failure = (error: unknown): ProblemException => {
      if (error instanceof ProblemException) {
        return error;
      }
      if (timedOut) {
        return problemOf(
          'nautobot-timeout',
          `Nautobot did not answer within ${options.timeoutMs} ms (NAUTOBOT_TIMEOUT_MS).`,
        );
      }
      if (caller?.aborted) {
        return caller.reason instanceof ProblemException
          ? caller.reason
          : problemOf('client-closed', 'The call was cancelled.');
      }
      return networkProblem(error, origin);
    };
    try {
      let response: Response;
      try {
        response = await base(input, { ...init, signal: controller.signal, redirect: 'manual' });
      } catch (error) {
        throw failure(error);
      }
      if (response.status !== 200) {
        const text = await readText(response, ERROR_BODY_BYTES, true).catch(() => '');
        throw statusProblem(response, text);
      }
      let text: string;
      try {
        text = await readText(response, maxBytes, false);
      } catch (error) {
        if (error instanceof TooLarge) {
          throw problemOf(
            'nautobot-response-too-large',
            `Nautobot's answer exceeded ${maxBytes} bytes (NAUTOBOT_MAX_RESPONSE_BYTES); reading stopped there. Ask for less (filters, a smaller limit) or raise the setting.`,
            { maxBytes },
          );
        }
        if (timedOut || caller?.aborted) {
          throw failure(error);
        }
        throw problemOf('nautobot-bad-response', 'Nautobot\u2019s answer broke off mid-body.');
      }
      return new Response(text, {
        status: 200,
        headers: {
          'content-type': response.headers.get('content-type') ?? 'application/json',
          // The version detection reads it (NautobotVersionService).
          ...(response.headers.has('api-version')
            ? { 'api-version': response.headers.get('api-version') as string }
            : {}),
        },
      });
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
    }
  };
  return async (input, init = {}) => {
    const started = performance.now();
    const query = label(operationNameOf(init.body));
    const requestId = currentRequestId();
    const headers = requestId
      ? { ...Object.fromEntries(new Headers(init.headers)), 'x-request-id': requestId }
      : init.headers;
    try {
      const response = await send(input, { ...init, headers });
      options.observer?.({ query, durationMs: performance.now() - started });
      return response;
    } catch (error) {
      const type = error instanceof ProblemException ? error.problem.type : 'internal-error';
      options.observer?.({ query, durationMs: performance.now() - started, error: type });
      throw error;
    }
  };
}

/**
 * A request that failed on a kept-alive socket the server had already closed. uWSGI's HTTP
 * router (`nautobot-server start`) closes every connection after its answer without saying
 * `Connection: close`, so a pooled socket can die just as a request is written to it. Safe to
 * send again on a new connection: every request we make is a read-only query.
 */
const STALE_SOCKET_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);
const STALE_SOCKET_ATTEMPTS = 3;

function createUndiciFetch(options: NautobotClientOptions): FetchLike {
  const dispatcher = new Agent({
    connect: {
      rejectUnauthorized: options.verifyTls,
      ...(options.caFile ? { ca: readFileSync(options.caFile) } : {}),
    },
    keepAliveTimeout: 30_000,
  });
  return async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await undiciFetch(input as string, {
          ...(init as Parameters<typeof undiciFetch>[1]),
          dispatcher,
        })) as unknown as Response;
      } catch (error) {
        const stale = STALE_SOCKET_CODES.has(errorCode(error) ?? '');
        if (!stale || attempt >= STALE_SOCKET_ATTEMPTS || init?.signal?.aborted) {
          throw error;
        }
      }
    }
  };
}
