import { problemOf, sendProblem } from '@nautobot-mcp/common';
import type { Settings } from '@nautobot-mcp/config';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

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

/**
 * Security headers (helmet) and CORS limited to CORS_ORIGINS. A preflight from any
 * other origin is refused with 403 rather than silently answered without CORS headers.
 */
export function applyHttpHardening(app: INestApplication, settings: Settings): void {
  app.use(
    helmet({
      // Swagger UI's page loads its own inline init script.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
    }),
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
