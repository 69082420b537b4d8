/**
 * CSV export benchmark: `GET /exports/prefixes.csv` over the simulator's scale data set
 * (default 1 000 000 prefixes), against reading the same pages straight from the
 * simulator. Reports rows/s of both and our server's peak RSS (`/usr/bin/time -v`).
 *
 *   npm run build && node dist/bench/export.js [--prefixes 1000000] [--heap-mb 0,128] [--write]
 *       [--max-rss-mb 256] [--min-ratio 0.5]
 *
 * `--heap-mb` lists the server heap caps to run with (`NODE_OPTIONS=--max-old-space-size`);
 * 0 is Node's default sizing, which on a large host lets the heap grow far above the live
 * data before collecting. The targets are checked on the last configuration.
 * The baseline sends the packaged `graphql/prefixes.graphql` query (as our client
 * puts it on the wire) page by page, 1000 rows a page, and parses each answer: the
 * upper bound of any client reading those pages one after the other. The export reads
 * the same pages (plus one page of look-ahead), maps each row and streams CSV; the
 * benchmark reads the response as it arrives and counts rows without keeping them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_TOKEN } from '@nautobot-mcp/nautobot-sim';
import { killAllNow, stopAll } from './children.js';
import { repoRoot, wireQuery } from './query-text.js';
import {
  killTimedServers,
  log,
  machine,
  startSimulator,
  startTimedServer,
  writeSection,
} from './timed-server.js';

const START = '<!-- bench:export:start -->';
const END = '<!-- bench:export:end -->';
const PAGE = 1000;

interface Options {
  prefixes: number;
  heaps: number[];
  write: boolean;
  maxRssMb: number;
  minRatio: number;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      prefixes: { type: 'string' },
      'heap-mb': { type: 'string' },
      write: { type: 'boolean', default: false },
      'max-rss-mb': { type: 'string' },
      'min-ratio': { type: 'string' },
    },
  });
  const prefixes = Number(values.prefixes ?? 1_000_000);
  if (!Number.isInteger(prefixes) || prefixes < 1000 || prefixes > 1_000_000) {
    throw new Error('--prefixes must be an integer between 1000 and 1000000');
  }
  const heaps = (values['heap-mb'] ?? '0,128').split(',').map(Number);
  if (heaps.some((h) => !Number.isInteger(h) || h < 0)) {
    throw new Error('--heap-mb must be a comma list of integers >= 0');
  }
  return {
    prefixes,
    heaps,
    write: values.write,
    maxRssMb: Number(values['max-rss-mb'] ?? 0),
    minRatio: Number(values['min-ratio'] ?? 0),
  };
}

/** Reads every page straight from the simulator; returns rows and seconds. */
async function baseline(simUrl: string, query: string): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  let rows = 0;
  for (let offset = 0; ; offset += PAGE) {
    const response = await fetch(`${simUrl}/api/graphql/`, {
      method: 'POST',
      headers: {
        authorization: `Token ${DEMO_TOKEN}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ query, variables: { limit: PAGE, offset } }),
    });
    const body = (await response.json()) as { data?: { prefixes?: unknown[] } };
    const page = body.data?.prefixes;
    if (!Array.isArray(page)) {
      throw new Error(`unexpected simulator answer: ${JSON.stringify(body).slice(0, 300)}`);
    }
    rows += page.length;
    if (page.length < PAGE) {
      return { rows, seconds: (performance.now() - started) / 1000 };
    }
  }
}

/** Downloads the export, counting rows and bytes as they arrive. */
async function download(url: string): Promise<{ rows: number; bytes: number; seconds: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/exports/prefixes.csv`);
  if (response.status !== 200 || !response.body) {
    throw new Error(`export answered HTTP ${response.status}: ${await response.text()}`);
  }
  let lines = 0;
  let bytes = 0;
  for await (const chunk of response.body) {
    const data = chunk as Uint8Array;
    bytes += data.length;
    for (let i = 0; i < data.length; i++) {
      if (data[i] === 10) {
        lines++;
      }
    }
  }
  return { rows: lines - 1, bytes, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<number> {
  const o = options(process.argv.slice(2));
  const root = repoRoot();
  const before = machine();
  const query = wireQuery(readFileSync(join(root, 'graphql/prefixes.graphql'), 'utf8'));
  log(`starting the simulator with ${o.prefixes} prefixes`);
  const sim = await startSimulator(root, ['--prefixes', String(o.prefixes)]);
  log('reading every page straight from the simulator');
  const direct = await baseline(sim.url, query);
  log(`baseline: ${direct.rows} rows in ${direct.seconds.toFixed(1)} s`);
  const directRate = direct.rows / direct.seconds;
  const rows: string[] = [];
  let ratio = 0;
  let rssMb = 0;
  for (const heapMb of o.heaps) {
    const server = await startTimedServer(root, {
      NAUTOBOT_URL: sim.url,
      NAUTOBOT_TOKEN: DEMO_TOKEN,
      ...(heapMb ? { NODE_OPTIONS: `--max-old-space-size=${heapMb}` } : {}),
    });
    const label = heapMb ? `\`--max-old-space-size=${heapMb}\`` : 'default heap sizing';
    log(`our server ${server.url} (pid ${server.pid}, ${label}); warm-up: one site`);
    await (await fetch(`${server.url}/exports/prefixes.csv?location=AMS01`)).text();
    const ours = await download(server.url);
    log(`export: ${ours.rows} rows, ${ours.bytes} bytes in ${ours.seconds.toFixed(1)} s`);
    const hwm = server.peakRssKb();
    const maxRssKb = await server.stop();
    if (ours.rows !== o.prefixes || direct.rows !== o.prefixes) {
      throw new Error(
        `expected ${o.prefixes} rows, got ${ours.rows} (export), ${direct.rows} (direct)`,
      );
    }
    const ourRate = ours.rows / ours.seconds;
    ratio = ourRate / directRate;
    rssMb = maxRssKb / 1024;
    rows.push(
      `| \`GET /exports/prefixes.csv\` (ours, ${label}) | ${ours.rows} | ${ours.seconds.toFixed(1)} | ${Math.round(ourRate)} | ${ours.bytes} | ${ratio.toFixed(2)}× | ${rssMb.toFixed(0)} MB (VmHWM ${(hwm / 1024).toFixed(0)} MB) |`,
    );
  }
  await stopAll();
  const section = [
    `Last run: ${new Date().toISOString()}`,
    '',
    `- Machine: ${before}`,
    `- Data: the simulator's scale data set, \`--prefixes ${o.prefixes}\` (${o.prefixes / PAGE} pages of ${PAGE}), in its own process`,
    `- Reproduce: \`npm run build && node dist/bench/export.js --write --prefixes ${o.prefixes} --heap-mb ${o.heaps.join(',')}\``,
    '',
    '| Reader | rows | seconds | rows/s | bytes | vs baseline | peak RSS of our server (`/usr/bin/time -v`) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| Pages straight from the simulator (baseline) | ${direct.rows} | ${direct.seconds.toFixed(1)} | ${Math.round(directRate)} | — | 1.00× | — |`,
    ...rows,
    '',
    `Targets, on the last row: rows/s ≥ 0.5× the baseline: **${ratio >= 0.5 ? 'met' : 'NOT met'}** (${ratio.toFixed(2)}×); peak RSS < 256 MB: **${rssMb < 256 ? 'met' : 'NOT met'}** (${rssMb.toFixed(0)} MB).`,
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (o.write) {
    const path = writeSection(root, START, END, '## Last results: CSV export', section);
    log(`wrote ${path}`);
  }
  if ((o.maxRssMb && rssMb >= o.maxRssMb) || (o.minRatio && ratio < o.minRatio)) {
    return 1;
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
