/**
 * Soak: our server under steady mixed load for a long time, with about 1 % of upstream
 * (Nautobot) requests failing, watching for anything that drifts.
 *
 *   node dist/bench/soak.js [--duration 600] [--connections 100] [--warmup 60]
 *       [--fault-rate 0.01] [--rate 50] [--write] [--gate all|answers]
 *
 * The load is steady, not a flood: `--rate` requests per second in all (default 50,
 * well below what one server process answers on the reference machine) spread over the
 * `--connections`, so the figures show drift, not saturation (`--rate 0`: as fast as
 * possible, where the event-loop lag is the queueing of a saturated process).
 *
 * The simulator (`sim-cli.js`) and our server (`cli.js serve`) run as child processes on
 * 127.0.0.1; this process drives them (`steady-load.ts`: evenly spaced requests, not
 * autocannon's bursts, over `--connections` keep-alive sockets), cycling over REST and MCP tool
 * calls. Every second the simulator's GraphQL counter says how many upstream requests the
 * last second saw, and that share (`--fault-rate`) of the next ones is made to fail through
 * `POST /__sim/faults` (`times`), rotating GraphQL errors, HTTP 500 and malformed JSON.
 *
 * Targets (exit 1 when one is missed; with `--gate answers` only the first one counts, the
 * others are reported):
 * - no unexpected answer: every REST answer is 200 or 502 (the documented problem status of
 *   the injected faults, with a `nautobot-*` problem type), every MCP answer 200 with a
 *   result (a tool error only as `Error nautobot-…`); no connection error or timeout;
 * - RSS growth below 10 %: the median VmRSS of the server over the last 10 s against the
 *   median over the 15 s after the warm-up;
 * - live heap growth below 10 %: the server runs with `--trace-gc`, and what survives its
 *   first full collection after the warm-up is compared with what survives its last one
 *   (`full-gc.ts`; RSS also counts the garbage V8 lets pile up between them);
 * - event-loop lag p99 below 50 ms: prom-client's `nodejs_eventloop_lag_p99_seconds` from
 *   the server's /metrics, scraped every 5 s (each scrape covers the time since the last
 *   one); the highest scrape after the warm-up is reported, an upper bound of the p99.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_TOKEN } from '@nautobot-mcp/nautobot-sim';
import { freePort, killAllNow, startNode, stopAll } from './children.js';
import { TRACE_FULL_GC_FLAGS, watchFullCollections } from './full-gc.js';
import { repoRoot } from './query-text.js';
import { percentile, steadyLoad, type LoadRequest } from './steady-load.js';
import { log, machine, median, startSimulator, writeSection } from './timed-server.js';

const README_START = '<!-- bench:soak:start -->';
const README_END = '<!-- bench:soak:end -->';
const MAX_RSS_GROWTH = 0.1;
const MAX_LAG_P99_MS = 50;
const BASELINE_WINDOW_S = 15;
const FINAL_WINDOW_S = 10;

interface Options {
  duration: number;
  connections: number;
  warmup: number;
  faultRate: number;
  rate: number;
  write: boolean;
  /** Which checks set the exit code: `all`, or `answers` (CI: timing is reported, not gated). */
  gate: 'all' | 'answers';
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      'fault-rate': { type: 'string' },
      rate: { type: 'string' },
      write: { type: 'boolean', default: false },
      gate: { type: 'string', default: 'all' },
    },
  });
  const int = (
    raw: string | undefined,
    name: string,
    fallback: number,
    min: number,
    max: number,
  ) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${name} must be an integer between ${min} and ${max}, got ${raw}`);
    }
    return value;
  };
  const duration = int(values.duration, 'duration', 600, 30, 86_400);
  const warmup = int(values.warmup, 'warmup', Math.min(60, Math.floor(duration / 4)), 0, duration);
  if (duration - warmup < BASELINE_WINDOW_S + FINAL_WINDOW_S) {
    throw new Error(
      `--duration minus --warmup must leave at least ${BASELINE_WINDOW_S + FINAL_WINDOW_S} s`,
    );
  }
  const faultRate = Number(values['fault-rate'] ?? 0.01);
  if (!Number.isFinite(faultRate) || faultRate < 0 || faultRate > 0.5) {
    throw new Error(`--fault-rate must be a number between 0 and 0.5, got ${values['fault-rate']}`);
  }
  return {
    duration,
    connections: int(values.connections, 'connections', 100, 1, 1000),
    warmup,
    faultRate,
    rate: int(values.rate, 'rate', 50, 0, 100_000),
    write: values.write,
    gate: gateOf(values.gate),
  };
}

function gateOf(raw: string | undefined): Options['gate'] {
  if (raw !== 'all' && raw !== 'answers') {
    throw new Error(`--gate must be all or answers, got ${raw}`);
  }
  return raw;
}

const MCP_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};
const JSON_HEADERS = { 'content-type': 'application/json' };
const SITES = ['AMS01', 'FRA01', 'LON01', 'NYC01', 'SJC01'];

/** What an answer was: `ok`, `fault` (a documented fault answer), or why it was unexpected. */
type Verdict = string;

function restVerdict(status: number, body: string): Verdict {
  if (status === 200) {
    return 'ok';
  }
  if (status === 502 && /"type":"[^"]*nautobot-[a-z-]+"/.test(body)) {
    return 'fault';
  }
  return `REST ${status}: ${body.slice(0, 160)}`;
}

function mcpVerdict(status: number, body: string): Verdict {
  if (status !== 200) {
    return `MCP ${status}: ${body.slice(0, 160)}`;
  }
  try {
    const message = JSON.parse(body) as {
      result?: { isError?: boolean; content?: { text?: string }[] };
    };
    if (!message.result) {
      return `MCP without result: ${body.slice(0, 160)}`;
    }
    if (!message.result.isError) {
      return 'ok';
    }
    const text = message.result.content?.[0]?.text ?? '';
    return /^Error nautobot-[a-z-]+ \(5\d\d\)/.test(text)
      ? 'fault'
      : `MCP tool error: ${text.slice(0, 160)}`;
  } catch {
    return `MCP not JSON: ${body.slice(0, 160)}`;
  }
}

const tally = { ok: 0, fault: 0, unexpected: 0, examples: [] as string[] };

function record(verdict: Verdict): void {
  if (verdict === 'ok') {
    tally.ok += 1;
  } else if (verdict === 'fault') {
    tally.fault += 1;
  } else {
    tally.unexpected += 1;
    if (tally.examples.length < 5) {
      tally.examples.push(verdict);
    }
  }
}

/** The mixed workload: REST (both routes) and MCP tools/call and tools/list. */
function requests(): LoadRequest[] {
  const rest = (path: string, body: unknown): LoadRequest => ({
    method: 'POST',
    path,
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
    onResponse: (status, body) => record(restVerdict(status, body)),
  });
  const mcp = (method: string, params: unknown): LoadRequest => ({
    method: 'POST',
    path: '/mcp',
    headers: MCP_HEADERS,
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    onResponse: (status, body) => record(mcpVerdict(status, body)),
  });
  return [
    ...SITES.map((location) =>
      rest('/tools/invoke', { name: 'prefixes_by_location', arguments: { location, limit: 20 } }),
    ),
    rest('/tools/locations', { limit: 20 }),
    mcp('tools/call', { name: 'devices_by_location', arguments: { location: 'AMS01', limit: 20 } }),
    rest('/tools/invoke', { name: 'vlans_by_location', arguments: { location: 'FRA01' } }),
    mcp('tools/list', {}),
    mcp('tools/call', { name: 'circuits', arguments: { limit: 10 } }),
    {
      method: 'GET',
      path: '/tools',
      onResponse: (status, body) => record(restVerdict(status, body)),
    },
  ];
}

const FAULTS = [
  { graphqlErrors: ['soak: injected GraphQL error'] },
  { status: 500 },
  { malformedJson: true },
];

async function simJson(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  if (!response.ok) {
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as Record<string, unknown>;
}

/** `NODE_OPTIONS` as the Dockerfile's `ENV` sets it ('' when it sets none). */
function imageNodeOptions(root: string): string {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  return /^\s*(?:ENV\s+)?NODE_OPTIONS=(\S+)/m.exec(dockerfile)?.[1] ?? '';
}

function vmRssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

async function lagP99Ms(url: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  const match = /^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? ([0-9.eE+-]+)$/m.exec(text);
  return match ? Number(match[1]) * 1000 : undefined;
}

interface Sample {
  t: number;
  rssKb: number;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const root = repoRoot();
  const before = machine();
  const watchdog = setTimeout(
    () => {
      log('watchdog: the run took far too long');
      killAllNow();
      process.exit(2);
    },
    (options.duration + 180) * 1000,
  );
  watchdog.unref();

  const sim = await startSimulator(root, []);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const serverNodeOptions = process.env.NODE_OPTIONS ?? imageNodeOptions(root);
  const server = await startNode(
    'server',
    [...TRACE_FULL_GC_FLAGS, join(root, 'dist/apps/server/src/cli.js'), 'serve'],
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // The server runs as the image runs it: the Dockerfile's NODE_OPTIONS (its V8 heap
      // limit), unless NODE_OPTIONS is set here to try other flags.
      NODE_OPTIONS: serverNodeOptions,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      AUDIT_LOG: 'off',
      AUTH_MODE: 'none',
      RATE_LIMIT_PER_MIN: '0',
      HOST: '127.0.0.1',
      PORT: String(port),
      NAUTOBOT_URL: sim.url,
      NAUTOBOT_TOKEN: DEMO_TOKEN,
    },
    /Listening on/,
    60_000,
    `${url}/healthz`,
  );
  const pid = server.process.pid!;
  log(
    `server pid ${pid} at ${url}, simulator at ${sim.url}; ${options.duration} s at ${options.connections} connections`,
  );

  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  const collections = watchFullCollections(server.process.stdout!, elapsed);
  const samples: Sample[] = [];
  const lags: { t: number; ms: number }[] = [];
  let injected = 0;
  let owed = 0;
  let lastUpstream = Number((await simJson(`${sim.url}/__sim/stats`)).graphqlRequests);
  let round = 0;

  const everySecond = setInterval(() => {
    samples.push({ t: elapsed(), rssKb: vmRssKb(pid) });
    void (async () => {
      const upstream = Number((await simJson(`${sim.url}/__sim/stats`)).graphqlRequests);
      // The fraction carries over: at 50 upstream requests a second, 1 % is one every 2 s.
      owed += (upstream - lastUpstream) * options.faultRate;
      lastUpstream = upstream;
      const times = Math.floor(owed);
      owed -= times;
      if (times > 0) {
        await simJson(`${sim.url}/__sim/faults`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ ...FAULTS[round++ % FAULTS.length], times }),
        });
        injected += times;
      }
    })().catch((error: unknown) => log(`fault injection failed: ${String(error)}`));
  }, 1000);
  const everyFive = setInterval(() => {
    lagP99Ms(url).then(
      (ms) => ms !== undefined && lags.push({ t: elapsed(), ms }),
      (error: unknown) => log(`metrics scrape failed: ${String(error)}`),
    );
  }, 5000);

  const result = await steadyLoad({
    url,
    connections: options.connections,
    durationS: options.duration,
    rate: options.rate,
    requests: requests(),
    timeoutMs: 30_000,
  });
  clearInterval(everySecond);
  clearInterval(everyFive);
  const upstreamTotal = Number((await simJson(`${sim.url}/__sim/stats`)).graphqlRequests);
  await stopAll();

  const after = (from: number, to: number) =>
    samples.filter((s) => s.t >= from && s.t < to).map((s) => s.rssKb);
  const baselineKb = median(after(options.warmup, options.warmup + BASELINE_WINDOW_S));
  const finalKb = median(after(options.duration - FINAL_WINDOW_S, Number.POSITIVE_INFINITY));
  const peakKb = Math.max(...samples.map((s) => s.rssKb));
  const growth = finalKb / baselineKb - 1;
  const steadyLags = lags.filter((l) => l.t >= options.warmup).map((l) => l.ms);
  const lagMax = steadyLags.length ? Math.max(...steadyLags) : Number.NaN;
  const lagMedian = steadyLags.length ? median(steadyLags) : Number.NaN;
  const steadyCollections = collections.filter((c) => c.t >= options.warmup);
  const firstLive = steadyCollections[0]?.liveMiB ?? Number.NaN;
  const lastLive = steadyCollections.at(-1)?.liveMiB ?? Number.NaN;
  const liveGrowth = lastLive / firstLive - 1;
  const transportErrors = result.errors + result.timeouts;
  const latency = (p: number) => percentile(result.latenciesMs, p).toFixed(1);
  const answered = tally.ok + tally.fault + tally.unexpected;

  const checks = [
    {
      name: 'unexpected answers',
      value: `${tally.unexpected + transportErrors} (${tally.unexpected} answers, ${result.errors} connection errors, ${result.timeouts} timeouts)`,
      target: '0',
      met: tally.unexpected + transportErrors === 0,
    },
    {
      name: 'RSS growth after warm-up',
      value: `${(growth * 100).toFixed(1)} % (${(baselineKb / 1024).toFixed(0)} → ${(finalKb / 1024).toFixed(0)} MiB; peak ${(peakKb / 1024).toFixed(0)} MiB)`,
      target: `< ${MAX_RSS_GROWTH * 100} %`,
      met: growth < MAX_RSS_GROWTH,
    },
    {
      name: 'live heap growth (after full collections, first vs last after warm-up)',
      value:
        steadyCollections.length >= 2
          ? `${(liveGrowth * 100).toFixed(1)} % (${firstLive.toFixed(1)} → ${lastLive.toFixed(1)} MiB over ${steadyCollections.length} full collections; V8 reserved up to ${Math.max(...steadyCollections.map((c) => c.reservedMiB)).toFixed(0)} MiB)`
          : `too few full collections to judge (${steadyCollections.length})`,
      target: `< ${MAX_RSS_GROWTH * 100} %`,
      met: steadyCollections.length >= 2 && liveGrowth < MAX_RSS_GROWTH,
    },
    {
      name: 'event-loop lag p99 (highest 5 s scrape after warm-up)',
      value: `${lagMax.toFixed(1)} ms (median scrape ${lagMedian.toFixed(1)} ms, ${steadyLags.length} scrapes)`,
      target: `< ${MAX_LAG_P99_MS} ms`,
      met: lagMax < MAX_LAG_P99_MS,
    },
  ];
  const section = [
    `Last run: ${new Date().toISOString()}`,
    '',
    `- Machine: ${before}`,
    `- Workload: ${options.duration} s at ${options.connections} connections, ${options.rate > 0 ? `${options.rate} req/s in all` : 'as fast as possible'} (${options.warmup} s warm-up), cycling over REST (\`/tools/invoke\`, \`/tools/{name}\`, \`GET /tools\`) and MCP (\`tools/call\`, \`tools/list\`); ${(options.faultRate * 100).toFixed(1)} % of upstream requests failed on purpose; the server's \`NODE_OPTIONS\`: ${serverNodeOptions ? `\`${serverNodeOptions}\`` : 'none'}${process.env.NODE_OPTIONS === undefined ? " (the Dockerfile's)" : ''}`,
    `- Reproduce: \`npm run build && node dist/bench/soak.js --duration ${options.duration} --connections ${options.connections} --warmup ${options.warmup} --fault-rate ${options.faultRate} --rate ${options.rate}${options.write ? ' --write' : ''}${options.gate === 'answers' ? ' --gate answers' : ''}\``,
    '',
    `Answers: ${answered} (${(answered / options.duration).toFixed(0)} req/s; latency p50 ${latency(50)} ms, p99 ${latency(99)} ms): ${tally.ok} ok, ${tally.fault} documented fault answers (502 / MCP \`isError\` with \`nautobot-*\`); upstream requests ${upstreamTotal}, of which ${injected} made to fail (${((injected / Math.max(1, upstreamTotal)) * 100).toFixed(2)} %).`,
    '',
    '| Check | Measured | Target | Met |',
    '| --- | --- | --- | --- |',
    ...checks.map((c) => `| ${c.name} | ${c.value} | ${c.target} | ${c.met ? 'yes' : '**NO**'} |`),
    ...(tally.examples.length + result.errorExamples.length
      ? [
          '',
          'Unexpected answers (first ones):',
          '',
          ...[...tally.examples, ...result.errorExamples].map((e) => `- \`${e}\``),
        ]
      : []),
  ].join('\n');
  process.stdout.write(`${section}\n`);
  if (options.write) {
    const path = writeSection(root, README_START, README_END, '## Soak', section);
    log(`wrote ${path}`);
  }
  clearTimeout(watchdog);
  // On a shared CI machine RSS and lag say more about the neighbours than about us: there
  // `--gate answers` reports them and gates only on the answers.
  const gated = options.gate === 'all' ? checks : checks.slice(0, 1);
  process.exitCode = gated.every((c) => c.met) ? 0 : 1;
}

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}
main().catch(async (error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  await stopAll();
  process.exit(1);
});
