import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Lifecycle, SHUTDOWN_MARGIN_MS } from '@nautobot-mcp/common';
import type { LoadedSettings } from '@nautobot-mcp/config';
import { drainLogDestinations, sealLogDestinations } from '@nautobot-mcp/observability';
import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { createApp } from './create-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long exiting waits for log lines still on their way out. */
const LOG_DRAIN_MS = 500;

/**
 * Exits once the log and audit destinations have written what they hold (at most
 * LOG_DRAIN_MS), then seals them so pino's exit-time flush cannot block on a broken
 * pipe or a full disk.
 */
export async function exitAfterLogs(code: number): Promise<never> {
  await drainLogDestinations(LOG_DRAIN_MS);
  sealLogDestinations();
  process.exit(code);
}

/**
 * The hard deadline of a shutdown: past `ms` the process exits 1, whatever is still
 * pending (a hung promise, a connection, a log write). The timer is unref'd, so it never
 * keeps a finished process alive.
 */
export function armShutdownDeadline(ms: number, logger: Logger): void {
  setTimeout(() => {
    logger.error({ deadlineMs: ms }, 'shutdown: deadline passed, exiting now');
    sealLogDestinations();
    process.exit(1);
  }, ms).unref();
}

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
}

/**
 * The address to bind: HOST, except that demo mode (no authentication) stays on
 * 127.0.0.1 unless HOST was set explicitly (the container image sets HOST=0.0.0.0).
 */
export function bindAddress(loaded: LoadedSettings): string {
  const { settings, sources } = loaded;
  return settings.demoMode && sources.host === 'default' ? '127.0.0.1' : settings.host;
}

/** The address the server really listens on, as a URL (wildcards say so). */
function listeningOn(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  return `http://${host}:${address.port}${wildcard ? ' (all interfaces)' : ''}`;
}

/** Starts the HTTP server on HOST:PORT and returns once it listens. */
export async function serve(loaded: LoadedSettings): Promise<void> {
  const { settings } = loaded;
  const { app, logger } = await createApp(loaded);
  await app.listen(settings.port, bindAddress(loaded));
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
      armShutdownDeadline(delayMs + settings.shutdownGraceMs + SHUTDOWN_MARGIN_MS, logger);
      void gracefulShutdown(app, logger, delayMs, settings.shutdownGraceMs).then(
        () => exitAfterLogs(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          return exitAfterLogs(1);
        },
      );
    });
  }
  logger.info(
    `Listening on ${listeningOn(app.getHttpServer())} — Swagger UI at /docs, tools at /tools`,
  );
}
