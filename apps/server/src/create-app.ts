import { applyHttpHardening, applyOpenApiSecurity, effectiveModes } from '@nautobot-mcp/auth';
import { jsonBodyMiddleware, packageInfo } from '@nautobot-mcp/common';
import type { LoadedSettings, Settings } from '@nautobot-mcp/config';
import { buildOpenApiDocument } from '@nautobot-mcp/tools';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const LEVEL_INDEX: Record<Settings['logLevel'], number> = {
  fatal: 0,
  error: 1,
  warn: 2,
  info: 3,
  debug: 4,
  trace: 5,
};

/** Nest log levels enabled by LOG_LEVEL. */
export function logLevels(level: Settings['logLevel']): LogLevel[] {
  return LEVELS.slice(0, LEVEL_INDEX[level] + 1);
}

/** The app plus the OpenAPI document it serves. */
export interface CreatedApp {
  app: NestExpressApplication;
  document: OpenAPIObject;
}

/**
 * Builds the HTTP application exactly as production runs it (tests use this too):
 * JSON body limits with problem answers, the OpenAPI document, Swagger UI at /docs
 * and the document at /openapi.json. The caller decides whether to listen.
 */
export async function createApp(loaded: LoadedSettings): Promise<CreatedApp> {
  const { settings } = loaded;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(loaded), {
    bodyParser: false,
    logger: logLevels(settings.logLevel),
  });
  app.disable('x-powered-by');
  // Tool answers are computed per call; hashing each for an ETag is wasted CPU.
  app.set('etag', false);
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
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'nautobot-mcp-server API',
    swaggerOptions: { persistAuthorization: true },
  });
  await app.init();
  return { app, document };
}
