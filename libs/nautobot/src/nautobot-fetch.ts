import { readFileSync } from 'node:fs';
import {
  ProblemException,
  currentRequestId,
  problemOf,
  requestContext,
} from '@nautobot-mcp/common';
import { Logger } from '@nestjs/common';
import { Agent, fetch as undiciFetch } from 'undici';
import type { FetchLike, NautobotClientOptions } from './nautobot-client-options.js';

const TLS_ERROR_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

/** Reads `detail` (DRF) or a short text excerpt from an error body, for the problem detail. */
function describeBody(text: string): string {
  try {
    const parsed = JSON.parse(text) as { detail?: unknown };
    if (typeof parsed.detail === 'string') {
      return parsed.detail;
    }
  } catch {
    // Not JSON: fall through to a short excerpt.
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
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

function networkProblem(error: unknown, url: string) {
  const code = errorCode(error);
  if (code && TLS_ERROR_CODES.has(code)) {
    return problemOf(
      'nautobot-unreachable',
      `TLS verification of ${url} failed (${code}). Trust its CA with NAUTOBOT_CA_FILE, or (tests only) NAUTOBOT_VERIFY_TLS=false.`,
      { reason: code },
    );
  }
  return problemOf(
    'nautobot-unreachable',
    `Cannot connect to Nautobot at ${url}${code ? ` (${code})` : ''}.`,
    { reason: code ?? 'network-error' },
  );
}

/** Faults after which DEMO_FALLBACK answers from demo data. */
const FALLBACK_TYPES = new Set(['nautobot-unreachable', 'nautobot-timeout', 'nautobot-error']);
const fallbackLogger = new Logger('DemoFallback');

/** The operation name Apollo puts first in the JSON body, without parsing all of it. */
function operationNameOf(body: unknown): string {
  if (typeof body !== 'string') {
    return 'unknown';
  }
  const match = /"operationName":"([A-Za-z0-9_]{1,100})"/.exec(body.slice(0, 200));
  return match?.[1] ?? 'anonymous';
}

/**
 * Wraps fetch with everything our client promises about transport: a hard timeout,
 * TLS settings, and the mapping of every non-200 answer to a stable problem type.
 * Only 200 responses reach Apollo, so Apollo deals with GraphQL bodies alone.
 */
export function createNautobotFetch(options: NautobotClientOptions): FetchLike {
  const base: FetchLike = options.fetch ?? createUndiciFetch(options);
  const origin = options.url;
  const send: FetchLike = async (input, init) => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await base(input, { ...init, signal, redirect: 'manual' });
    } catch (error) {
      if (timeout.aborted) {
        throw problemOf(
          'nautobot-timeout',
          `Nautobot did not answer within ${options.timeoutMs} ms (NAUTOBOT_TIMEOUT_MS).`,
        );
      }
      throw networkProblem(error, origin);
    }
    if (response.status === 200) {
      return response;
    }
    const text = await response.text().catch(() => '');
    if (response.status === 401 || response.status === 403) {
      const detail = describeBody(text);
      throw problemOf(
        'nautobot-auth',
        `Nautobot refused the API token configured in NAUTOBOT_TOKEN (HTTP ${response.status}: ${detail}). Check the token and its permissions.`,
      );
    }
    if (response.status === 400) {
      const messages = graphQLMessages(text);
      if (messages) {
        throw problemOf('nautobot-query-error', messages.join('; '), { messages });
      }
    }
    if (response.status >= 300 && response.status < 400) {
      throw problemOf(
        'nautobot-error',
        `Nautobot redirected the API call to ${response.headers.get('location') ?? 'another URL'}; check NAUTOBOT_URL (scheme, host and path).`,
      );
    }
    const detail = describeBody(text);
    throw problemOf(
      'nautobot-error',
      `Nautobot answered HTTP ${response.status}${detail ? `: ${detail}` : ''}.`,
      { upstreamStatus: response.status },
    );
  };
  return async (input, init) => {
    const started = performance.now();
    const query = operationNameOf(init?.body);
    const requestId = currentRequestId();
    const headers = requestId
      ? { ...Object.fromEntries(new Headers(init?.headers)), 'x-request-id': requestId }
      : init?.headers;
    try {
      const response = await send(input, { ...init, headers });
      options.observer?.({ query, durationMs: performance.now() - started });
      return response;
    } catch (error) {
      const type = error instanceof ProblemException ? error.problem.type : 'internal-error';
      const fallback = options.fallbackFetch && FALLBACK_TYPES.has(type);
      options.observer?.({ query, durationMs: performance.now() - started, error: type, fallback });
      if (fallback && options.fallbackFetch) {
        const context = requestContext.getStore();
        if (context) {
          context.dataSource = 'demo-fallback';
        }
        fallbackLogger.warn(
          `DEMO_FALLBACK: Nautobot failed (${type}); answering ${query} from demo data, not from Nautobot`,
        );
        return options.fallbackFetch(input, { ...init, headers });
      }
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
