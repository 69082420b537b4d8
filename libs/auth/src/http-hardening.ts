import { problemOf, sendProblem } from '@nautobot-mcp/common';
import type { Settings } from '@nautobot-mcp/config';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { trustProxyValue } from './client-address.js';

/** Headers a browser client may send cross-origin. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-api-key',
  'x-request-id',
  'mcp-protocol-version',
  'mcp-session-id',
  'mcp-method',
  'mcp-name',
  'last-event-id',
];

/** helmet's headers; HSTS and `upgrade-insecure-requests` only for requests that came over HTTPS. */
function helmetFor(https: boolean) {
  const options: HelmetOptions = {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI's page loads its own inline init script.
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Over plain HTTP this would send the browser to https:// for every asset of
        // Swagger UI, which this server does not serve: a blank page at any host name
        // but localhost (which browsers exempt).
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    // Over HTTP, HSTS is ignored by browsers at best and wrong at worst.
    strictTransportSecurity: https,
  };
  return helmet(options);
}

/**
 * Security headers (helmet), the proxies trusted for the client address (TRUST_PROXY)
 * and CORS limited to CORS_ORIGINS. A preflight from any other origin is refused with
 * 403 rather than silently answered without CORS headers.
 */
export function applyHttpHardening(app: INestApplication, settings: Settings): void {
  if (settings.trustProxy !== undefined) {
    // Makes request.ip and request.secure honour X-Forwarded-For/-Proto from these proxies.
    (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set(
      'trust proxy',
      trustProxyValue(settings.trustProxy),
    );
  }
  const overHttps = helmetFor(true);
  const overHttp = helmetFor(false);
  app.use((request: Request, response: Response, next: NextFunction) =>
    (request.secure ? overHttps : overHttp)(request, response, next),
  );
  const origins = new Set(settings.corsOrigins);
  app.use((request: Request, response: Response, next: NextFunction) => {
    const origin = request.headers.origin;
    const isPreflight =
      request.method === 'OPTIONS' &&
      request.headers['access-control-request-method'] !== undefined;
    if (isPreflight && origin && !origins.has(origin)) {
      sendProblem(
        response,
        problemOf(
          'forbidden',
          `Cross-origin requests from ${origin} are not allowed (CORS_ORIGINS).`,
        ),
        request.path,
      );
      return;
    }
    next();
  });
  if (origins.size > 0) {
    app.enableCors({
      origin: [...origins],
      methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: ['www-authenticate', 'retry-after', 'x-request-id', 'mcp-session-id'],
      maxAge: 600,
    });
  }
}
