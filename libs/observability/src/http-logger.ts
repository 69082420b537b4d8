import { isSecretName, principalOf } from '@nautobot-mcp/common';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/** Paths polled by probes and Prometheus: not access-logged. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The URL as the access log shows it: the value of every secret-looking query
 * parameter (`api_key`, `token`, `password`…) replaced by `[redacted]`. Callers do send
 * keys in query strings even though we refuse them there.
 */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) {
    return url;
  }
  const params = url
    .slice(query + 1)
    .split('&')
    .map((param) => {
      const equals = param.indexOf('=');
      const rawName = equals < 0 ? param : param.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: judge the raw name.
      }
      return isSecretName(name) ? `${rawName}=[redacted]` : param;
    });
  return `${url.slice(0, query)}?${params.join('&')}`;
}

/**
 * One access-log line per request (method, path, status, duration, principal), at
 * `error` for 5xx, `warn` for 4xx, `info` otherwise. Headers are not logged at all, so
 * no credential can leak through them.
 *
 * Hand-written rather than pino-http: pino-http builds a child logger for every
 * request even when its line is below LOG_LEVEL, which cost ~10% of the CPU of a tool
 * call in bench/invoke.ts; this checks the level first and allocates nothing else.
 */
export function httpLogger(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (QUIET_PATHS.has(request.path)) {
      next();
      return;
    }
    const started = performance.now();
    response.once('finish', () => {
      const status = response.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) {
        return;
      }
      const url = redactUrl(request.originalUrl);
      logger[level](
        {
          req: { method: request.method, url, remoteAddress: request.ip },
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - started),
          principal: principalOf(request).name,
        },
        `${request.method} ${url} ${status}`,
      );
    });
    next();
  };
}
