/**
 * `analyze_prefixes` benchmark: one call over every prefix of the simulator's scale data
 * set (default 100 000 prefixes, `within: 10.0.0.0/8`), timed from the client, and our
 * server's peak RSS (`/usr/bin/time -v`).
 *
 *   npm run build && node dist/bench/analyze.js [--prefixes 100000] [--runs 3] [--heap-mb N] [--write]
 *
 * The tool reads every prefix (100 pages of 1000), the addresses inside the top-level
 * prefixes, builds the containment tree per namespace, and computes utilisation and
 * free blocks with BigInt arithmetic. The median over `--runs` calls is reported.
 */
import { parseArgs } from 'node:util';
import { DEMO_TOKEN } from '@nautobot-mcp/nautobot-sim';
import { killAllNow, stopAll } from './children.js';
import { repoRoot } from './query-text.js';
import {
  killTimedServers,
  log,
  machine,
  median,
  startSimulator,
  startTimedServer,
  writeSection,
} from './timed-server.js';

const START = '<!-- bench:analyze:start -->';
const END = '<!-- bench:analyze:end -->';

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      prefixes: { type: 'string' },
      runs: { type: 'string' },
      'heap-mb': { type: 'string' },
      write: { type: 'boolean', default: false },
    },
  });
  const prefixes = Number(values.prefixes ?? 100_000);
  const runs = Number(values.runs ?? 3);
  const heapMb = Number(values['heap-mb'] ?? 0);
  if (!Number.isInteger(prefixes) || prefixes < 1000 || prefixes > 1_000_000) {
    throw new Error('--prefixes must be an integer between 1000 and 1000000');
  }
  if (!Number.isInteger(runs) || runs < 1 || runs > 20) {
    throw new Error('--runs must be an integer between 1 and 20');
  }
  return { prefixes, runs, heapMb, write: values.write };
}

async function main(): Promise<number> {
  const o = options(process.argv.slice(2));
  const root = repoRoot();
  const before = machine();
  log(`starting the simulator with ${o.prefixes} prefixes`);
  const sim = await startSimulator(root, ['--prefixes', String(o.prefixes)]);
  const heap: Record<string, string> = o.heapMb
    ? { NODE_OPTIONS: `--max-old-space-size=${o.heapMb}` }
    : {};
  const server = await startTimedServer(root, {
    NAUTOBOT_URL: sim.url,
    NAUTOBOT_TOKEN: DEMO_TOKEN,
    ...heap,
  });
  log(`simulator ${sim.url}, our server ${server.url} (pid ${server.pid})`);
  const seconds: number[] = [];
  let last: any;
  for (let run = 0; run < o.runs; run++) {
    const started = performance.now();
    const response = await fetch(`${server.url}/tools/analyze_prefixes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ within: '10.0.0.0/8', top: 10 }),
    });
    last = await response.json();
    seconds.push((performance.now() - started) / 1000);
    if (response.status !== 200 || last.prefixes !== o.prefixes) {
      throw new Error(
        `unexpected answer (HTTP ${response.status}): ${JSON.stringify(last).slice(0, 500)}`,
      );
    }
    log(`run ${run + 1}: ${seconds[run].toFixed(2)} s`);
  }
  const hwm = server.peakRssKb();
  const maxRssKb = await server.stop();
  await stopAll();
  const section = [
    `Last run: ${new Date().toISOString()}`,
    '',
    `- Machine: ${before}`,
    `- Data: the simulator's scale data set, \`--prefixes ${o.prefixes}\`, in its own process; one call \`{"within": "10.0.0.0/8", "top": 10}\` analyses all of them (${last.ipv4.top_level_count} top-level containers)`,
    `- Server heap: ${o.heapMb ? `\`NODE_OPTIONS=--max-old-space-size=${o.heapMb}\`` : "Node's default sizing for this host"}`,
    `- Reproduce: \`npm run build && node dist/bench/analyze.js --write --prefixes ${o.prefixes} --runs ${o.runs}${o.heapMb ? ` --heap-mb ${o.heapMb}` : ''}\``,
    '',
    '| prefixes | runs | median s | min s | max s | peak RSS of our server |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${o.prefixes} | ${o.runs} | ${median(seconds).toFixed(2)} | ${Math.min(...seconds).toFixed(2)} | ${Math.max(...seconds).toFixed(2)} | ${(maxRssKb / 1024).toFixed(0)} MB (\`/usr/bin/time -v\`; VmHWM ${(hwm / 1024).toFixed(0)} MB) |`,
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (o.write) {
    log(`wrote ${writeSection(root, START, END, '## Last results: analyze_prefixes', section)}`);
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
