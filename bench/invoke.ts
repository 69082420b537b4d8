/**
 * REST invoke benchmark: our server's `POST /tools/invoke` (prefixes_by_location, 50 items)
 * against a bare `node:http` proxy that forwards the same GraphQL request
 * (bench/baseline-proxy.ts), both in front of the Nautobot simulator. Every piece runs in
 * its own process on 127.0.0.1; autocannon drives the load from this one.
 *
 *   npm run bench                      # build, run, update bench/README.md
 *   node dist/bench/invoke.js [--duration 10] [--connections 50] [--rounds 3] [--warmup 2]
 *       [--locations 100] [--prefixes N] [--limit 50] [--write] [--min-ratio 0.6] [--profile]
 *
 * Requests rotate round-robin over `--locations` sites, so no two requests in flight are
 * identical and neither side can coalesce them (Apollo Client deduplicates identical
 * in-flight queries); the simulator's request counter confirms one upstream call per
 * request. Reports the medians over `--rounds` alternating runs (bare proxy, ours, bare
 * proxy, ours…) of req/s and p50/p99 latency. Any non-2xx answer or connection error fails
 * the run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_TOKEN } from '@nautobot-mcp/nautobot-sim';
import autocannon from 'autocannon';
import { freePort, killAllNow, startNode, stopAll, type Child } from './children.js';
import { repoRoot } from './query-text.js';

const TARGET_RATIO = 0.6;
const README_START = '<!-- bench:invoke:start -->';
const README_END = '<!-- bench:invoke:end -->';

interface Options {
  duration: number;
  connections: number;
  rounds: number;
  warmup: number;
  locations: number;
  prefixes: number;
  limit: number;
  write: boolean;
  minRatio: number;
  profile: boolean;
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  /** GraphQL requests the simulator received per answered request. */
  upstreamPerRequest: number;
  /** CPU time (user + system) of the target process per answered request, in ms. */
  cpuMsPerRequest: number;
  /** CPU time of the simulator process per answered request, in ms. */
  simCpuMsPerRequest: number;
}

interface Target {
  key: 'baseline' | 'ours';
  label: string;
  url: string;
  pid: number;
  runs: Run[];
}

/** The simulator as the load loop sees it. */
interface Upstream {
  url: string;
  pid: number;
}

function intFlag(
  raw: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
) {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be an integer between ${min} and ${max}, got ${raw}`);
  }
  return value;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      locations: { type: 'string' },
      prefixes: { type: 'string' },
      limit: { type: 'string' },
      write: { type: 'boolean', default: false },
      'min-ratio': { type: 'string' },
      profile: { type: 'boolean', default: false },
    },
  });
  const minRatio = Number(values['min-ratio'] ?? 0);
  if (!Number.isFinite(minRatio) || minRatio < 0) {
    throw new Error(`--min-ratio must be a number ≥ 0, got ${values['min-ratio']}`);
  }
  const locations = intFlag(values.locations, 'locations', 100, 1, 100);
  if (values.profile && values.write) {
    throw new Error('--profile slows the servers down; do not combine it with --write.');
  }
  return {
    duration: intFlag(values.duration, 'duration', 10, 1, 120),
    connections: intFlag(values.connections, 'connections', 50, 1, 1000),
    rounds: intFlag(values.rounds, 'rounds', 3, 1, 15),
    warmup: intFlag(values.warmup, 'warmup', 2, 0, 60),
    locations,
    // The scale data set puts ~1000 prefixes on each of ceil(N / 1000) sites (at most 100).
    prefixes: intFlag(values.prefixes, 'prefixes', Math.max(2, locations) * 1000, 100, 1_000_000),
    limit: intFlag(values.limit, 'limit', 50, 1, 1000),
    write: values.write,
    minRatio,
    profile: values.profile,
  };
}

/** The command that reproduces a run with these options. */
function reproduceCommand(o: Options): string {
  return [
    'npm run build && node dist/bench/invoke.js --write',
    `--connections ${o.connections} --duration ${o.duration} --rounds ${o.rounds}`,
    `--warmup ${o.warmup} --locations ${o.locations} --prefixes ${o.prefixes} --limit ${o.limit}`,
  ].join(' ');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function graphql(
  simUrl: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${simUrl}/api/graphql/`, {
    method: 'POST',
    headers: {
      authorization: `Token ${DEMO_TOKEN}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (response.status !== 200 || body.errors || !body.data) {
    throw new Error(`simulator query failed (HTTP ${response.status}): ${JSON.stringify(body)}`);
  }
  return body.data;
}

/**
 * `--locations` locations with more than `limit` prefixes each (so every page is full):
 * AMS01 first, then other site-like names (AAA00), then any other location.
 */
async function pickLocations(simUrl: string, o: Options): Promise<string[]> {
  const count = async (name: string) => {
    const data = await graphql(
      simUrl,
      'query ($l: [String], $n: Int) { prefixes(location: $l, limit: $n) { id } }',
      { l: [name], n: o.limit + 1 },
    );
    return (data.prefixes as unknown[]).length;
  };
  const data = await graphql(simUrl, '{ locations { name } }', {});
  const names = (data.locations as { name: string }[]).map((l) => l.name);
  const siteLike = (n: string) => /^[A-Z]{3}\d{2,}$/.test(n);
  const candidates = [
    ...names.filter((n) => n === 'AMS01'),
    ...names.filter((n) => n !== 'AMS01' && siteLike(n)),
    ...names.filter((n) => !siteLike(n)),
  ];
  const picked: string[] = [];
  for (const name of candidates) {
    if (picked.length === o.locations) {
      break;
    }
    if ((await count(name)) > o.limit) {
      picked.push(name);
    }
  }
  if (picked.length < o.locations) {
    throw new Error(
      `only ${picked.length} locations have more than ${o.limit} prefixes, need ${o.locations}; raise --prefixes or lower --locations`,
    );
  }
  return picked;
}

let clockTicks: number | undefined;

/** CPU time (user + system) a process has used so far, in ms; NaN where /proc is missing. */
function cpuMs(pid: number): number {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

/** GraphQL requests the simulator has answered so far. */
async function upstreamCount(simUrl: string): Promise<number> {
  const response = await fetch(`${simUrl}/__sim/stats`);
  const stats = (await response.json()) as { graphqlRequests?: number };
  if (typeof stats.graphqlRequests !== 'number') {
    throw new Error(`unexpected simulator stats: ${JSON.stringify(stats)}`);
  }
  return stats.graphqlRequests;
}

interface Row {
  id: string;
  prefix: string;
}

/** The parts of either answer the check reads: GraphQL `data` (bare) or a tool `result` (ours). */
interface InvokeAnswer {
  data?: { prefixes?: Row[] };
  result?: { items?: Row[]; truncated?: boolean };
}

async function post(url: string, body: string): Promise<{ status: number; json: InvokeAnswer }> {
  const response = await fetch(`${url}/tools/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) as InvokeAnswer };
  } catch {
    throw new Error(`${url}/tools/invoke answered ${response.status} with non-JSON: ${text}`);
  }
}

/** Both targets must answer the benchmark request with the same first `limit` rows. */
async function checkEquivalent(baseline: Target, ours: Target, body: string, limit: number) {
  const b = await post(baseline.url, body);
  const o = await post(ours.url, body);
  if (b.status !== 200 || o.status !== 200) {
    throw new Error(
      `check failed: bare proxy HTTP ${b.status}, ours HTTP ${o.status}: ${JSON.stringify(o.json)}`,
    );
  }
  const rows = b.json.data?.prefixes;
  const items = o.json.result?.items;
  if (!Array.isArray(rows) || rows.length !== limit + 1) {
    throw new Error(`check failed: bare proxy returned ${rows?.length} rows, want ${limit + 1}`);
  }
  if (!Array.isArray(items) || items.length !== limit || o.json.result?.truncated !== true) {
    throw new Error(
      `check failed: ours returned ${items?.length} items (truncated=${o.json.result?.truncated}), want ${limit} and truncated`,
    );
  }
  items.forEach((item, i) => {
    if (item.id !== rows[i].id || item.prefix !== rows[i].prefix) {
      throw new Error(
        `check failed: row ${i} differs: ours ${item.id} ${item.prefix}, bare ${rows[i].id} ${rows[i].prefix}`,
      );
    }
  });
  return { bareBytes: JSON.stringify(b.json).length, ourBytes: JSON.stringify(o.json).length };
}

/** One autocannon run; request bodies rotate round-robin over `bodies`. */
async function load(
  target: Target,
  bodies: string[],
  seconds: number,
  connections: number,
  sim: Upstream,
): Promise<Run> {
  let next = 0;
  const before = await upstreamCount(sim.url);
  const cpuBefore = cpuMs(target.pid);
  const simCpuBefore = cpuMs(sim.pid);
  const result = await autocannon({
    url: `${target.url}/tools/invoke`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: bodies[0],
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
      },
    ],
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
  });
  const cpu = cpuMs(target.pid) - cpuBefore;
  const simCpu = cpuMs(sim.pid) - simCpuBefore;
  await sleep(500);
  const upstream = (await upstreamCount(sim.url)) - before;
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) {
    throw new Error(
      `${target.label}: ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors, ${result.timeouts} timeouts; must all be 0`,
    );
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    upstreamPerRequest: upstream / Math.max(1, result.requests.total),
    cpuMsPerRequest: cpu / Math.max(1, result.requests.total),
    simCpuMsPerRequest: simCpu / Math.max(1, result.requests.total),
  };
}

interface Summary {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  upstreamPerRequest: number;
  cpuMsPerRequest: number;
  simCpuMsPerRequest: number;
}

function summarize(t: Target): Summary {
  return {
    rps: median(t.runs.map((r) => r.rps)),
    p50: median(t.runs.map((r) => r.p50)),
    p99: median(t.runs.map((r) => r.p99)),
    non2xx: t.runs.reduce((sum, r) => sum + r.non2xx, 0),
    upstreamPerRequest: median(t.runs.map((r) => r.upstreamPerRequest)),
    cpuMsPerRequest: median(t.runs.map((r) => r.cpuMsPerRequest)),
    simCpuMsPerRequest: median(t.runs.map((r) => r.simCpuMsPerRequest)),
  };
}

function table(targets: Target[], ratio: number): string {
  const lines = [
    `Medians over ${targets[0].runs.length} rounds; CPU columns are process CPU time (user + system) divided by answered requests.`,
    '',
    '| Target | req/s | p50 latency (ms) | p99 latency (ms) | non-2xx | upstream calls / req | target CPU ms / req | simulator CPU ms / req | req/s per round |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const t of targets) {
    const s = summarize(t);
    const perRound = t.runs.map((r) => r.rps.toFixed(0)).join(' / ');
    lines.push(
      `| ${t.label} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.non2xx} | ${s.upstreamPerRequest.toFixed(2)} | ${s.cpuMsPerRequest.toFixed(2)} | ${s.simCpuMsPerRequest.toFixed(2)} | ${perRound} |`,
    );
  }
  const verdict = ratio >= TARGET_RATIO ? 'met' : 'NOT met';
  lines.push(
    '',
    `**Ours / bare proxy (median req/s): ${ratio.toFixed(2)}×** (target ≥ ${TARGET_RATIO}×: ${verdict})`,
  );
  return lines.join('\n');
}

function machineFacts(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU';
  const memGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${cpus.length} × ${model} (os.cpus().length = ${cpus.length}), ${memGiB} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}; load average before the run: ${load}`;
}

const README_STUB = `# Benchmarks

## REST invoke: our server vs a bare proxy

${README_START}
${README_END}
`;

function writeReadme(root: string, section: string): string {
  const path = join(root, 'bench', 'README.md');
  let text = existsSync(path) ? readFileSync(path, 'utf8') : README_STUB;
  let start = text.indexOf(README_START);
  let end = text.indexOf(README_END);
  if (start < 0 || end < start) {
    text = `${text.trimEnd()}\n\n## Last results: REST invoke\n\n${README_START}\n${README_END}\n`;
    start = text.indexOf(README_START);
    end = text.indexOf(README_END);
  }
  const updated = `${text.slice(0, start + README_START.length)}\n${section}\n${text.slice(end)}`;
  writeFileSync(path, updated);
  return path;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  const root = repoRoot();
  const simCli = join(root, 'dist/libs/nautobot-sim/src/sim-cli.js');
  const serverCli = join(root, 'dist/apps/server/src/cli.js');
  const proxyJs = join(root, 'dist/bench/baseline-proxy.js');
  for (const file of [simCli, serverCli, proxyJs]) {
    if (!existsSync(file)) {
      throw new Error(`${relative(root, file)} is missing: run "npm run build" first.`);
    }
  }

  const boundSeconds = 120 + 2 * o.warmup + o.rounds * 2 * (o.duration + 5);
  const watchdog = setTimeout(() => {
    log(`run exceeded its bound of ${boundSeconds} s; aborting`);
    killAllNow();
    process.exit(1);
  }, boundSeconds * 1000);

  try {
    const machine = machineFacts();
    const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' };
    const [simPort, serverPort, proxyPort] = [await freePort(), await freePort(), await freePort()];

    log(`starting the simulator (${o.prefixes} prefixes) on port ${simPort}`);
    const sim = await startNode(
      'simulator',
      [simCli, '--port', String(simPort), '--prefixes', String(o.prefixes)],
      baseEnv,
      /nautobot-sim listening on (http:\/\/\S+)/,
      60_000,
    );
    const simUrl = /nautobot-sim listening on (http:\/\/[^\s/]+)/.exec(sim.output())![1];
    const locations = await pickLocations(simUrl, o);
    log(
      `simulator at ${simUrl}; ${locations.length} benchmark locations: ${locations.slice(0, 5).join(', ')}${locations.length > 5 ? ', …' : ''}`,
    );

    const profileDir = join(root, 'dist', 'profiles');
    if (o.profile) {
      mkdirSync(profileDir, { recursive: true });
    }
    const profiling = o.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    const upstreamEnv = {
      NAUTOBOT_URL: simUrl,
      NAUTOBOT_TOKEN: DEMO_TOKEN,
      AUTH_MODE: 'none',
      // The benchmark measures overhead, not the per-principal limit.
      RATE_LIMIT_PER_MIN: '0',
    };
    const started: Child[] = await Promise.all([
      startNode(
        'our server',
        [...profiling, serverCli, 'serve'],
        {
          ...baseEnv,
          ...upstreamEnv,
          PORT: String(serverPort),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
        },
        /Listening on/,
        30_000,
        `http://127.0.0.1:${serverPort}/healthz`,
      ),
      startNode(
        'bare proxy',
        [...profiling, proxyJs, '--port', String(proxyPort), '--host', '127.0.0.1'],
        { ...baseEnv, ...upstreamEnv },
        /baseline-proxy listening on/,
      ),
    ]);
    log(`started ${started.map((c) => `${c.name} (pid ${c.process.pid})`).join(', ')}`);

    const baseline: Target = {
      key: 'baseline',
      label: 'Bare proxy (`bench/baseline-proxy.ts`)',
      url: `http://127.0.0.1:${proxyPort}`,
      pid: started[1].process.pid!,
      runs: [],
    };
    const ours: Target = {
      key: 'ours',
      label: 'Our server (`POST /tools/invoke`)',
      url: `http://127.0.0.1:${serverPort}`,
      pid: started[0].process.pid!,
      runs: [],
    };
    const upstream: Upstream = { url: simUrl, pid: sim.process.pid! };
    const bodies = locations.map((location) =>
      JSON.stringify({ name: 'prefixes_by_location', arguments: { location, limit: o.limit } }),
    );
    for (const body of new Set([bodies[0], bodies[bodies.length - 1]])) {
      const sizes = await checkEquivalent(baseline, ours, body, o.limit);
      log(
        `check ok: both return the same ${o.limit} prefixes for ${body} (response bytes: bare ${sizes.bareBytes}, ours ${sizes.ourBytes})`,
      );
    }

    if (o.warmup > 0) {
      for (const target of [baseline, ours]) {
        log(`warm-up ${o.warmup} s: ${target.key}`);
        await load(target, bodies, o.warmup, o.connections, upstream);
      }
    }
    for (let round = 1; round <= o.rounds; round++) {
      for (const target of [baseline, ours]) {
        const run = await load(target, bodies, o.duration, o.connections, upstream);
        target.runs.push(run);
        log(
          `round ${round}/${o.rounds} ${target.key.padEnd(8)} ${run.rps.toFixed(0).padStart(6)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  (${run.requests} requests, ${run.upstreamPerRequest.toFixed(2)} upstream calls, ${run.cpuMsPerRequest.toFixed(2)} CPU ms each; simulator ${run.simCpuMsPerRequest.toFixed(2)} CPU ms each)`,
        );
      }
    }

    const ratio = summarize(ours).rps / summarize(baseline).rps;
    const report = table([baseline, ours], ratio);
    process.stdout.write(`\n${report}\n\n`);

    if (o.write) {
      const section = [
        `Last run: ${new Date().toISOString()}`,
        '',
        `- Machine: ${machine}`,
        `- Workload: \`prefixes_by_location\` with limit ${o.limit} (${o.limit + 1} rows asked of the simulator), round-robin over ${locations.length} sites (${locations.slice(0, 3).join(', ')}, …) of the simulator's scale data set (\`--prefixes ${o.prefixes}\`); ${o.connections} connections, ${o.duration} s per run, ${o.warmup} s warm-up per target, ${o.rounds} rounds in the order bare proxy, ours, bare proxy, ours…`,
        `- Reproduce: \`${reproduceCommand(o)}\``,
        '',
        report,
      ].join('\n');
      log(`wrote ${relative(root, writeReadme(root, section))}`);
    }

    if (o.profile) {
      log(
        `CPU profiles go to ${relative(root, profileDir)}/CPU.*.<pid>.*.cpuprofile when the processes exit: our server pid ${ours.pid}, bare proxy pid ${baseline.pid}`,
      );
    }
    if (ratio < o.minRatio) {
      log(`ratio ${ratio.toFixed(2)} is below --min-ratio ${o.minRatio}`);
      return 1;
    }
    return 0;
  } finally {
    clearTimeout(watchdog);
    await stopAll();
  }
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping child processes`);
    void stopAll().finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    void stopAll().finally(() => process.exit(1));
  },
);
