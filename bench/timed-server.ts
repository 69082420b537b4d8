/**
 * Helpers of the export, analysis and answer-size benchmarks: our server as a child
 * process under `/usr/bin/time -v` (its peak RSS is the figure to report), the
 * simulator child, and the README section writer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { freePort, startNode, type Child } from './children.js';

/** Where the ready line of the simulator CLI puts its URL. */
const SIM_READY = /nautobot-sim listening on (http:\/\/[^\s/]+)/;

/** Starts the simulator CLI (built) with extra flags; resolves with its URL. */
export async function startSimulator(
  root: string,
  flags: string[],
): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = await startNode(
    'simulator',
    [join(root, 'dist/libs/nautobot-sim/src/sim-cli.js'), '--port', String(port), ...flags],
    { ...process.env, NODE_ENV: 'production' },
    SIM_READY,
    120_000,
  );
  return { child, url: SIM_READY.exec(child.output())![1] };
}

/** Our server under `/usr/bin/time -v`. */
export interface TimedServer {
  url: string;
  /** PID of the node process (not of `time`). */
  pid: number;
  /** Peak RSS so far from /proc (VmHWM), in KiB. */
  peakRssKb(): number;
  /** Stops the server; resolves with `time -v`'s maximum resident set size in KiB. */
  stop(): Promise<number>;
}

const running = new Set<ChildProcess>();

/** Kills every timed server still running (synchronous, for `process.on('exit')`). */
export function killTimedServers(): void {
  for (const proc of running) {
    proc.kill('SIGKILL');
  }
}

function childPid(parent: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim();
    return text ? Number(text.split(/\s+/)[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** VmHWM (peak resident set size) of a process, in KiB; 0 when unknown. */
export function vmHwmKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Starts `node dist/apps/server/src/cli.js serve` under `/usr/bin/time -v`. */
export async function startTimedServer(
  root: string,
  env: Record<string, string>,
): Promise<TimedServer> {
  const port = await freePort();
  const proc = spawn(
    '/usr/bin/time',
    ['-v', process.execPath, join(root, 'dist/apps/server/src/cli.js'), 'serve'],
    {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        AUTH_MODE: 'none',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(proc);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-64 * 1024);
  };
  proc.stdout.on('data', collect);
  proc.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) {
      throw new Error(`our server exited early; output:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      break;
    } catch {
      if (Date.now() > deadline) {
        throw new Error(`our server was not ready within 60 s; output:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const pid = childPid(proc.pid!) ?? proc.pid!;
  return {
    url,
    pid,
    peakRssKb: () => vmHwmKb(pid),
    async stop() {
      // SIGTERM to node itself: `time` would die of it and leave node orphaned.
      process.kill(pid, 'SIGTERM');
      await exited;
      running.delete(proc);
      const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(output);
      if (!match) {
        throw new Error(`no /usr/bin/time report in the server output:\n${output}`);
      }
      return Number(match[1]);
    },
  };
}

/** One line describing the machine, for results. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}; load average before the run: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

/** Replaces the text between two markers of bench/README.md (adds the section if missing). */
export function writeSection(
  root: string,
  start: string,
  end: string,
  heading: string,
  section: string,
): string {
  const path = join(root, 'bench', 'README.md');
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  if (text.indexOf(start) < 0 || text.indexOf(end) < text.indexOf(start)) {
    text = `${text.trimEnd()}\n\n${heading}\n\n${start}\n${end}\n`;
  }
  const from = text.indexOf(start) + start.length;
  const to = text.indexOf(end);
  writeFileSync(path, `${text.slice(0, from)}\n${section}\n${text.slice(to)}`);
  return path;
}

/** Median of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Logs to stderr with a prefix. */
export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
