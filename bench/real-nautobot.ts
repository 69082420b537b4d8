/**
 * Real-Nautobot benchmark: for each tool, end-to-end latency through our server
 * (`POST /tools/{name}`) against the same GraphQL request sent straight to Nautobot, at 1 and
 * 10 concurrent callers, and how many Nautobot requests one tool call costs.
 *
 *   npm run build && node dist/bench/real-nautobot.js [--line 2.4|3.x ...] [--duration 5] [--write]
 *
 * Nautobot comes from the harness (scripts/nautobot/nautobot.sh up <line>, real Nautobot from
 * PyPI on 127.0.0.1, uWSGI with 2 processes × 4 threads, the demo world). For each tool, a
 * calibration call goes through a recording proxy to learn the GraphQL requests the call sends;
 * "direct" then replays the largest of them (the tool's main query) straight to Nautobot. Each
 * pair runs back to back (direct, then ours) with autocannon; any non-2xx fails the run.
 * Results are medians of autocannon's latency histogram; `--write` updates bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freePort, killAllNow, startNode, stopAll } from './children.js';
import { repoRoot } from './query-text.js';

const README_START = '<!-- bench:real-nautobot:start -->';
const README_END = '<!-- bench:real-nautobot:end -->';

/** The tool calls measured: one representative call per tool of the catalogue. */
const CASES: [string, Record<string, unknown>][] = [
  ['locations', {}],
  ['devices', { role: 'spine' }],
  ['devices_by_location', { location: 'AMS01' }],
  ['devices_by_location_and_role', { location: 'FRA01', role: 'leaf' }],
  ['device_details', { name: 'ams01-leaf01' }],
  ['prefixes', { vrf: 'PROD' }],
  ['prefixes_by_location', { location: 'AMS01' }],
  ['ip_addresses', { prefix: '10.11.128.0/24' }],
  ['vlans_by_location', { location: 'AMS01' }],
  ['racks_by_location', { location: 'AMS01' }],
  ['circuits', {}],
  ['analyze_prefixes', { location: 'AMS01' }],
  ['export_prefixes_to_csv', { location: 'AMS01' }],
];

interface Captured {
  body: string;
  bytes: number;
}

interface Row {
  tool: string;
  upstreamRequests: number;
  p50: Record<'direct' | 'ours', Record<1 | 10, number>>;
  p99: Record<'direct' | 'ours', Record<1 | 10, number>>;
}

/** A proxy that forwards to Nautobot and records each GraphQL request body and answer size. */
async function recordingProxy(
  target: string,
): Promise<{ url: string; server: Server; seen: Captured[] }> {
  const seen: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      void fetch(`${target}${req.url}`, {
        method: req.method,
        headers: {
          authorization: req.headers.authorization ?? '',
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: req.method === 'GET' ? undefined : body,
      }).then(async (answer) => {
        const text = await answer.text();
        if (req.url?.startsWith('/api/graphql/')) {
          seen.push({ body, bytes: text.length });
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, seen };
}

async function load(
  url: string,
  body: string,
  headers: Record<string, string>,
  connections: number,
  duration: number,
): Promise<{ p50: number; p99: number }> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration,
    pipelining: 1,
    timeout: 30,
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) {
    throw new Error(`${url}: ${failed} failed requests of ${result.requests.total}`);
  }
  return { p50: result.latency.p50, p99: result.latency.p99 };
}

async function startOurs(root: string, nautobotUrl: string, token: string) {
  const port = await freePort();
  await startNode(
    `our server → ${nautobotUrl}`,
    [join(root, 'dist/apps/server/src/cli.js'), 'serve'],
    {
      ...process.env,
      NODE_ENV: 'production',
      NAUTOBOT_URL: nautobotUrl,
      NAUTOBOT_TOKEN: token,
      AUTH_MODE: 'none',
      RATE_LIMIT_PER_MIN: '0',
      AUDIT_LOG: 'off',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    /Listening on/,
    60_000,
    `http://127.0.0.1:${port}/healthz`,
  );
  return `http://127.0.0.1:${port}`;
}

async function benchLine(root: string, line: string, duration: number) {
  const info = JSON.parse(
    execFileSync('bash', [join(root, 'scripts/nautobot/nautobot.sh'), 'up', line], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .trim()
      .split('\n')
      .at(-1) as string,
  ) as { url: string; token: string; version: string };
  const proxy = await recordingProxy(info.url);
  const calibrating = await startOurs(root, proxy.url, info.token);
  const ours = await startOurs(root, info.url, info.token);
  const rows: Row[] = [];
  for (const [tool, args] of CASES) {
    proxy.seen.length = 0;
    const answer = await fetch(`${calibrating}/tools/${tool}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    if (answer.status !== 200) {
      throw new Error(`${tool}: calibration answered ${answer.status}: ${await answer.text()}`);
    }
    const captured = [...proxy.seen];
    const main = captured.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const row: Row = {
      tool,
      upstreamRequests: captured.length,
      p50: { direct: { 1: 0, 10: 0 }, ours: { 1: 0, 10: 0 } },
      p99: { direct: { 1: 0, 10: 0 }, ours: { 1: 0, 10: 0 } },
    };
    for (const connections of [1, 10] as const) {
      const direct = await load(
        `${info.url}/api/graphql/`,
        main.body,
        { authorization: `Token ${info.token}` },
        connections,
        duration,
      );
      const through = await load(
        `${ours}/tools/${tool}`,
        JSON.stringify(args),
        {},
        connections,
        duration,
      );
      row.p50.direct[connections] = direct.p50;
      row.p99.direct[connections] = direct.p99;
      row.p50.ours[connections] = through.p50;
      row.p99.ours[connections] = through.p99;
    }
    console.log(
      `${line} ${tool}: ${row.upstreamRequests} Nautobot requests; p50 direct/ours 1c ${row.p50.direct[1]}/${row.p50.ours[1]} ms, 10c ${row.p50.direct[10]}/${row.p50.ours[10]} ms`,
    );
    rows.push(row);
  }
  proxy.server.close();
  await stopAll();
  return { version: info.version, rows };
}

function table(version: string, rows: Row[]): string {
  const lines = [
    `**Nautobot ${version}** (p50 / p99 in ms; "direct" = the tool's main GraphQL request sent straight to Nautobot)`,
    '',
    '| tool | Nautobot requests per call | 1 caller: direct | 1 caller: ours | 10 callers: direct | 10 callers: ours |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const cell = (k: 'direct' | 'ours', c: 1 | 10) => `${r.p50[k][c]} / ${r.p99[k][c]}`;
    lines.push(
      `| \`${r.tool}\` | ${r.upstreamRequests} | ${cell('direct', 1)} | ${cell('ours', 1)} | ${cell('direct', 10)} | ${cell('ours', 10)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      line: { type: 'string', multiple: true, default: ['2.4', '3.x'] },
      duration: { type: 'string', default: '5' },
      write: { type: 'boolean', default: false },
    },
  });
  const root = repoRoot();
  const sections: string[] = [];
  for (const line of values.line) {
    const { version, rows } = await benchLine(root, line, Number(values.duration));
    sections.push(table(version, rows));
  }
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${values.duration} s per cell`;
  const text = `${README_START}\n${machine}\n\n${sections.join('\n\n')}\n${README_END}`;
  console.log(text);
  if (values.write) {
    const path = join(root, 'bench/README.md');
    const readme = readFileSync(path, 'utf8');
    const start = readme.indexOf(README_START);
    const end = readme.indexOf(README_END);
    writeFileSync(
      path,
      start >= 0 && end > start
        ? readme.slice(0, start) + text + readme.slice(end + README_END.length)
        : `${readme.trimEnd()}\n\n${text}\n`,
    );
  }
}

process.on('SIGINT', () => {
  killAllNow();
  process.exit(130);
});
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    killAllNow();
    process.exit(1);
  },
);
