import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A child process started by a benchmark, with the tail of its output for diagnostics. */
export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** The last 16 KiB of its stdout and stderr. */
  output(): string;
}

const OUTPUT_TAIL = 16 * 1024;
const running = new Set<Child>();

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node <args>` and resolves once its output matches `ready` or, when `probeUrl` is
 * given, once that URL answers HTTP at all (quiet log levels may hide the ready line).
 * Output is drained all along (a full pipe would stall the child) and its tail kept for
 * error messages.
 */
export function startNode(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 30_000,
  probeUrl?: string,
): Promise<Child> {
  const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const child: Child = { name, process: proc, output: () => tail };
  running.add(child);
  proc.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      clearInterval(probe);
      if (error) {
        reject(error);
      } else {
        resolve(child);
      }
    };
    const timer = setTimeout(
      () => settle(new Error(`${name} was not ready within ${timeoutMs} ms; output:\n${tail}`)),
      timeoutMs,
    );
    const probe = setInterval(() => {
      if (probeUrl) {
        fetch(probeUrl, { signal: AbortSignal.timeout(1_000) }).then(
          (response) => {
            void response.body?.cancel();
            settle();
          },
          () => undefined,
        );
      }
    }, 250);
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL);
      if (!settled && ready.test(tail)) {
        settle();
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('error', (error) => settle(new Error(`${name} failed to start: ${error.message}`)));
    proc.once('exit', (code, signal) =>
      settle(new Error(`${name} exited early (${signal ?? code}); output:\n${tail}`)),
    );
  });
}

/** Stops one child: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export function stop(child: Child, graceMs = 5_000): Promise<void> {
  const proc = child.process;
  if (proc.exitCode !== null || proc.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/** Stops every child still running, in reverse start order. */
export async function stopAll(): Promise<void> {
  for (const child of [...running].reverse()) {
    await stop(child);
  }
}

/** Last-resort cleanup for `process.on('exit')`: synchronous, so SIGKILL only. */
export function killAllNow(): void {
  for (const child of running) {
    child.process.kill('SIGKILL');
  }
}
