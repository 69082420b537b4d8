import type { LoadedSettings } from '@nautobot-mcp/config';
import { Logger } from '@nestjs/common';
import { createApp } from './create-app.js';

/** Starts the HTTP server on HOST:PORT and returns once it listens. */
export async function serve(loaded: LoadedSettings): Promise<void> {
  const { settings } = loaded;
  const { app } = await createApp(loaded);
  await app.listen(settings.port, settings.host);
  const logger = new Logger('Server');
  const shown = settings.host === '0.0.0.0' || settings.host === '::' ? 'localhost' : settings.host;
  if (settings.demoMode) {
    logger.warn(
      'DEMO MODE: answering from the built-in Nautobot simulator with generated demo data, not a real Nautobot.',
    );
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal} received, closing`);
      app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`Shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
    });
  }
  logger.log(
    `Listening on http://${shown}:${settings.port} — Swagger UI at /docs, tools at /tools`,
  );
}
