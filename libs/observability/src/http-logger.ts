import { principalOf, requestContext } from '@nautobot-mcp/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** Paths polled by probes and Prometheus: not access-logged. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * One access-log line per request (method, path, status, duration, principal) via
 * pino-http. Headers are not logged at all, so no credential can leak through them.
 */
export function httpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: () => requestContext.getStore()?.requestId ?? 'unknown',
    quietReqLogger: true,
    autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0]) },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode}`,
    customProps: (req: IncomingMessage) => ({
      principal: principalOf(req as IncomingMessage & { user?: unknown }).name,
    }),
    serializers: {
      req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: ServerResponse & { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
