/**
 * Answer sizes: how many bytes (and roughly how many tokens) typical list answers take,
 * whole items against `brief` and `fields`, and how many items the default
 * MAX_RESULT_BYTES (64 KiB) lets through per page.
 *
 *   npm run build && node dist/bench/answer-sizes.js [--devices 500] [--write]
 *
 * Data: the simulator's scale data set with one site (AMS01) holding 1000 prefixes and
 * `--devices` racked devices. Sizes are of the tool result as JSON (what REST returns and
 * MCP puts in structuredContent); tokens are estimated as bytes / 4.
 */
import { parseArgs } from 'node:util';
import { DEMO_TOKEN } from '@nautobot-mcp/nautobot-sim';
import { killAllNow, stopAll } from './children.js';
import { repoRoot } from './query-text.js';
import {
  killTimedServers,
  log,
  startSimulator,
  startTimedServer,
  writeSection,
} from './timed-server.js';

const START = '<!-- bench:answer-sizes:start -->';
const END = '<!-- bench:answer-sizes:end -->';

interface Case {
  label: string;
  tool: string;
  args: Record<string, unknown>;
}

async function call(url: string, c: Case): Promise<{ bytes: number; count: number }> {
  const response = await fetch(`${url}/tools/${c.tool}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(c.args),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`${c.tool} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  }
  return { bytes: Buffer.byteLength(text), count: (JSON.parse(text) as { count: number }).count };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { devices: { type: 'string' }, write: { type: 'boolean', default: false } },
  });
  const devices = Number(values.devices ?? 500);
  if (!Number.isInteger(devices) || devices < 1 || devices > 1000) {
    throw new Error('--devices must be an integer between 1 and 1000');
  }
  const root = repoRoot();
  const sim = await startSimulator(root, [
    '--prefixes',
    '1000',
    '--devices-per-site',
    String(devices),
  ]);
  const env = { NAUTOBOT_URL: sim.url, NAUTOBOT_TOKEN: DEMO_TOKEN };
  // One server without a practical budget (whole answers), one with the default.
  const unbounded = await startTimedServer(root, { ...env, MAX_RESULT_BYTES: '16777216' });
  const budgeted = await startTimedServer(root, env);
  const cases: Case[] = [
    { label: `${devices} devices`, tool: 'devices', args: { location: 'AMS01', limit: devices } },
    {
      label: `${devices} devices, \`brief\``,
      tool: 'devices',
      args: { location: 'AMS01', limit: devices, brief: true },
    },
    {
      label: `${devices} devices, \`fields: [name, role, primary_ip4]\``,
      tool: 'devices',
      args: { location: 'AMS01', limit: devices, fields: ['name', 'role', 'primary_ip4'] },
    },
    { label: '1000 prefixes', tool: 'prefixes', args: { location: 'AMS01', limit: 1000 } },
    {
      label: '1000 prefixes, `brief`',
      tool: 'prefixes',
      args: { location: 'AMS01', limit: 1000, brief: true },
    },
    {
      label: '1000 prefixes, `fields: [prefix, status, vlan]`',
      tool: 'prefixes',
      args: { location: 'AMS01', limit: 1000, fields: ['prefix', 'status', 'vlan'] },
    },
  ];
  const rows: string[] = [];
  for (const c of cases) {
    const whole = await call(unbounded.url, c);
    const page = await call(budgeted.url, c);
    log(`${c.label}: ${whole.bytes} bytes; ${page.count} items per 64 KiB page`);
    rows.push(
      `| ${c.label} | ${whole.count} | ${whole.bytes} | ${Math.round(whole.bytes / whole.count)} | ~${Math.round(whole.bytes / 4)} | ${page.count} | ${Math.ceil(whole.count / page.count)} |`,
    );
  }
  await unbounded.stop();
  await budgeted.stop();
  await stopAll();
  const section = [
    `Last run: ${new Date().toISOString()}`,
    '',
    `- Data: the simulator's scale data set with one site (\`--prefixes 1000 --devices-per-site ${devices}\`); tokens ≈ bytes / 4`,
    `- Reproduce: \`npm run build && node dist/bench/answer-sizes.js --write --devices ${devices}\``,
    '',
    '| Answer | items | bytes (whole) | bytes / item | tokens (whole) | items per page at 64 KiB | pages at 64 KiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (values.write) {
    log(`wrote ${writeSection(root, START, END, '## Last results: answer sizes', section)}`);
  }
  return 0;
}

process.on('exit', () => {
  killTimedServers();
  killAllNow();
});
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
