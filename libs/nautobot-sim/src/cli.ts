import { parseArgs } from 'node:util';
import { startSimulatorServer, type SimServer } from './server.js';
import { DEFAULT_NAUTOBOT_VERSION } from './simulator.js';

const USAGE = `Usage: nautobot-sim [--port N] [--host H] [--nautobot-version V] [--prefixes N] [--devices-per-site N] [--token T] [--latency-ms N]
  --port        listen port (env SIM_PORT, default 8080; 0 = random)
  --host        listen address (env SIM_HOST, default 127.0.0.1)
  --nautobot-version  Nautobot version to emulate, 2.x or 3.x (env SIM_NAUTOBOT_VERSION, default ${DEFAULT_NAUTOBOT_VERSION})
  --prefixes    generate a scale data set with N prefixes (env SIM_PREFIXES; default: demo data)
  --devices-per-site  with --prefixes: N racked devices at each generated site (env SIM_DEVICES_PER_SITE)
  --token       accepted API token, 40 lowercase hex (env SIM_TOKEN)
  --latency-ms  base latency added to every API answer (env SIM_LATENCY_MS)
`;

function intOption(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined || raw === '') {
    return undefined;
  }
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) {
    throw new Error(`--${name} must be an integer >= ${min}`);
  }
  return Number(raw);
}

/** Parses flags/env, starts the server and prints the ready line. Returns undefined for --help. */
export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  out: (line: string) => void,
): Promise<SimServer | undefined> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'nautobot-version': { type: 'string' },
      prefixes: { type: 'string' },
      'devices-per-site': { type: 'string' },
      token: { type: 'string' },
      'latency-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    out(USAGE);
    return undefined;
  }
  const port = intOption('port', values.port ?? env.SIM_PORT, 0) ?? 8080;
  const prefixes = intOption('prefixes', values.prefixes ?? env.SIM_PREFIXES, 0);
  const latencyMs = intOption('latency-ms', values['latency-ms'] ?? env.SIM_LATENCY_MS, 0);
  const devicesPerSite = intOption(
    'devices-per-site',
    values['devices-per-site'] ?? env.SIM_DEVICES_PER_SITE,
    0,
  );
  const version = values['nautobot-version'] ?? (env.SIM_NAUTOBOT_VERSION || undefined);
  if (version !== undefined && !/^[23]\.\d+(\.\d+)?$/.test(version)) {
    throw new Error('--nautobot-version must be 2.x or 3.x, e.g. 2.4.44 or 3.2.7');
  }
  const server = await startSimulatorServer({
    version,
    port,
    host: values.host ?? env.SIM_HOST ?? '127.0.0.1',
    token: values.token ?? (env.SIM_TOKEN || undefined),
    dataset: prefixes === undefined ? 'demo' : { prefixes, devicesPerSite },
    latencyMs,
  });
  out(`nautobot-sim listening on ${server.url} (token ${server.token})\n`);
  return server;
}
