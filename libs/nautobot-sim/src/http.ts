import { STATUS_CODES } from 'node:http';

/** A transport-independent HTTP request (header names lower-case; `path` may carry `?query`). */
export interface SimRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body: string;
}

/**
 * How an answer travels when a wire fault is injected (see `FaultSettings`); the
 * transport acts it out. `stallAfterHeaders` resolves when the stall is released.
 */
export interface SimDelivery {
  trickleHeadersMs?: number;
  stallAfterHeaders?: (signal?: AbortSignal) => Promise<void>;
  trickleBodyMs?: number;
  endlessBody?: boolean;
  resetMidBody?: boolean;
  padBytes?: number;
  resetConnection?: boolean;
}

/** A transport-independent HTTP response. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Set only when a wire fault applies; absent, the answer is sent at once and whole. */
  delivery?: SimDelivery;
}

/** JSON text as Django REST framework renders it (compact, U+2028/2029 escaped). */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\u2028') || text.includes('\u2029')
    ? text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
    : text;
}

/** A JSON response. */
export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: jsonText(value),
  };
}

const DJANGO_500 =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n';

/** The body a proxy or Django would send for an injected error status. */
export function errorPage(status: number): SimResponse {
  const reason = STATUS_CODES[status] ?? 'Error';
  if (status === 500) {
    return { status, headers: { 'content-type': 'text/html' }, body: DJANGO_500 };
  }
  if (status >= 502 && status <= 504) {
    const title = `${status} ${reason}`;
    return {
      status,
      headers: { 'content-type': 'text/html', server: 'nginx' },
      body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    };
  }
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `${status} ${reason}\n`,
  };
}
