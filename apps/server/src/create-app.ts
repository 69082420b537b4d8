import { applyHttpHardening, applyOpenApiSecurity, effectiveModes } from '@nautobot-mcp/auth';
import {
  Lifecycle,
  jsonBodyMiddleware,
  packageInfo,
  problemOf,
  requestContext,
} from '@nautobot-mcp/common';
import type { LoadedSettings } from '@nautobot-mcp/config';
import {
  MetricsService,
  PinoNestLogger,
  createLogger,
  httpLogger,
  logDestination,
  requestIdMiddleware,
} from '@nautobot-mcp/observability';
import { addAuthResponses, buildOpenApiDocument } from '@nautobot-mcp/tools';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { DestinationStream, Logger } from 'pino';
import { AppModule } from './app.module.js';
import { TunedExpressAdapter, httpServerOptions } from './http-adapter.js';

/**
 * Marks answers built from demo data (DEMO_FALLBACK) with `X-Data-Source: demo-fallback`,
 * decided when the headers are written, after the tool has run.
 */
function dataSourceHeader() {
  return (_request: Request, response: Response, next: NextFunction): void => {
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => Response;
    response.writeHead = ((...args: unknown[]) => {
      if (requestContext.getStore()?.dataSource === 'demo-fallback') {
        response.setHeader('x-data-source', 'demo-fallback');
      }
      return writeHead(...args);
    }) as Response['writeHead'];
    next();
  };
}

/**
 * While draining, answers say `Connection: close`, so keep-alive clients reconnect (to
 * another replica) and Node closes each connection once its answer is out. Decided when
 * the head is written, not when the request arrives: an answer to a request that came in
 * before SIGTERM must say it too, or its connection stays open, idle, and shutdown waits
 * for it until SHUTDOWN_GRACE_MS runs out.
 */
function closeWhenDraining(lifecycle: Lifecycle) {
  return (_request: Request, response: Response, next: NextFunction): void => {
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => Response;
    response.writeHead = ((...args: unknown[]) => {
      if (lifecycle.shuttingDown) {
        response.setHeader('connection', 'close');
      }
      return writeHead(...args);
    }) as Response['writeHead'];
    next();
  };
}

/**
 * Gives each request an AbortSignal (in the request context) that fires when the client
 * goes away before the response is complete, so tool calls and exports stop asking
 * Nautobot for pages nobody will read.
 */
function clientGoneSignal() {
  return (_request: Request, response: Response, next: NextFunction): void => {
    const store = requestContext.getStore();
    if (store) {
      const controller = new AbortController();
      response.once('close', () => {
        if (!response.writableFinished) {
          controller.abort(problemOf('client-closed', 'The client closed the connection.'));
        }
      });
      store.signal = controller.signal;
    }
    next();
  };
}

/** The app, the OpenAPI document it serves and its logger. */
export interface CreatedApp {
  app: NestExpressApplication;
  document: OpenAPIObject;
  logger: Logger;
}

/** How the app is run. */
export interface CreateAppOptions {
  /**
   * The stdio MCP door: stdout belongs to the protocol, so log lines and the audit
   * trail (when AUDIT_LOG=stdout) go to stderr.
   */
  stdio?: boolean;
  /** Replace the log destination (tests). */
  logStream?: DestinationStream;
  /** Replace the audit destination (tests). */
  auditStream?: DestinationStream;
}

/**
 * Builds the HTTP application exactly as production runs it (tests use this too):
 * request ids, access logs and metrics for every request, security headers, JSON
 * body limits with problem answers, the OpenAPI document, Swagger UI at /docs and the
 * document at /openapi.json. The caller decides whether to listen.
 */
export async function createApp(
  loaded: LoadedSettings,
  options: CreateAppOptions = {},
): Promise<CreatedApp> {
  const { settings } = loaded;
  const logger = createLogger(settings, {
    destination: options.stdio ? 'stderr' : 'stdout',
    stream: options.logStream,
  });
  const auditStream =
    options.auditStream ??
    (options.stdio && settings.auditLog === 'stdout'
      ? logDestination({ dest: 2, sync: false })
      : undefined);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(loaded, { auditStream }),
    new TunedExpressAdapter(httpServerOptions(settings)),
    { bodyParser: false, logger: new PinoNestLogger(logger) },
  );
  app.disable('x-powered-by');
  // Tool answers are computed per call; hashing each for an ETag is wasted CPU.
  app.set('etag', false);
  app.use(requestIdMiddleware());
  app.use(httpLogger(logger));
  app.use(app.get(MetricsService).httpMiddleware());
  app.use(dataSourceHeader());
  app.use(clientGoneSignal());
  app.use(closeWhenDraining(app.get(Lifecycle)));
  applyHttpHardening(app, settings);
  app.use(...jsonBodyMiddleware(settings.maxBodyBytes));
  const { version } = packageInfo();
  const document = buildOpenApiDocument(app, {
    title: 'nautobot-mcp-server',
    version,
    description:
      'Read-only Nautobot tools for LLM agents and REST integrations. Every tool is also `POST /tools/{name}`, and `POST /tools/invoke` takes `{ name, arguments }` like MCP tools/call. Errors are RFC 9457 problem+json.',
  });
  applyOpenApiSecurity(document, effectiveModes(settings));
  addAuthResponses(document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'nautobot-mcp-server API',
    swaggerOptions: { persistAuthorization: true },
  });
  await app.init();
  return { app, document, logger };
}
