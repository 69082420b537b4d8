import type { Server } from 'node:http';
import { Lifecycle } from '@nautobot-mcp/common';
import type { LoadedSettings } from '@nautobot-mcp/config';
import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { createApp } from './create-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Zero-drop shutdown for rolling updates: readiness fails at once, requests are still
 * accepted for SHUTDOWN_DELAY_MS (until the load balancer has noticed), then new
 * connections are refused and in-flight requests get SHUTDOWN_GRACE_MS to finish;
 * then the app closes and the process exits 0.
 */
export async function gracefulShutdown(
  app: INestApplication,
  logger: Logger,
  delayMs: number,
  graceMs: number,
): Promise<void> {
  app.get(Lifecycle).beginShutdown();
  logger.info({ delayMs, graceMs }, 'shutdown: readiness now failing');
  await sleep(delayMs);
  const server = app.getHttpServer() as Server;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  logger.info('shutdown: refusing new connections, waiting for in-flight requests');
  const finished = await Promise.race([closed.then(() => true), sleep(graceMs).then(() => false)]);
  if (!finished) {
    logger.warn('shutdown: grace period over, closing remaining connections');
    server.closeAllConnections();
  }
  await app.close();
  logger.info('shutdown: done');
  logger.flush();
}

/** Starts the HTTP server on HOST:PORT and returns once it listens. */
export async function serve(loaded: LoadedSettings): Promise<void> {
  const { settings } = loaded;
  const { app, logger } = await createApp(loaded);
  await app.listen(settings.port, settings.host);
  const shown = settings.host === '0.0.0.0' || settings.host === '::' ? 'localhost' : settings.host;
  if (settings.demoMode) {
    logger.warn(
      'DEMO MODE: answering from the built-in Nautobot simulator with generated demo data, not a real Nautobot.',
    );
  }
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) {
        return;
      }
      stopping = true;
      logger.info({ signal }, 'signal received');
      // Ctrl-C at a terminal needs no load balancer to notice: skip the delay.
      const delayMs = signal === 'SIGTERM' ? settings.shutdownDelayMs : 0;
      gracefulShutdown(app, logger, delayMs, settings.shutdownGraceMs).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  logger.info(
    `Listening on http://${shown}:${settings.port} — Swagger UI at /docs, tools at /tools`,
  );
}
