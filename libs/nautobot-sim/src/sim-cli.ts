#!/usr/bin/env node
/** Standalone simulator: `node dist/libs/nautobot-sim/src/sim-cli.js --port 8080`. */

// graphql-js runs expensive development-mode checks unless NODE_ENV is "production"; set it before
// graphql is loaded (hence the dynamic import) unless the caller chose otherwise.
process.env.NODE_ENV ??= 'production';
const { runCli } = await import('./cli.js');

try {
  const server = await runCli(process.argv.slice(2), process.env, (line) =>
    process.stdout.write(line),
  );
  if (server) {
    const stop = () => {
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  }
} catch (e) {
  process.stderr.write(`nautobot-sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
