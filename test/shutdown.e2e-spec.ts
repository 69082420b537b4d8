import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SHUTDOWN_MARGIN_MS } from '@nautobot-mcp/common';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import { CLI, assertBuilt, cleanEnv, startCli } from './support/cli.js';
import { freePort } from './support/test-app.js';

describe('graceful shutdown on SIGTERM', () => {
  let sim: SimServer;

  beforeAll(async () => {
    assertBuilt();
    sim = await startSimulatorServer();
  });
  afterAll(() => sim.close());

  it('fails readiness at once, finishes in-flight requests, then exits 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { child } = await startCli(
      ['serve'],
      {
        NAUTOBOT_URL: sim.url,
        NAUTOBOT_TOKEN: sim.token,
        AUTH_MODE: 'none',
        PORT: String(port),
        HOST: '127.0.0.1',
        SHUTDOWN_DELAY_MS: '500',
        SHUTDOWN_GRACE_MS: '10000',
      },
      /Listening on/,
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    sim.simulator.setFaults({ latencyMs: 1500 });
    const slow = fetch(`${base}/tools/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'prefixes_by_location', arguments: { location: 'AMS01' } }),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));

    const ready = await fetch(`${base}/readyz`, { headers: { connection: 'close' } });
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { detail: string }).detail).toContain('Shutting down');

    const response = await slow;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: { count: number } }).result.count).toBeGreaterThan(
      0,
    );
    expect(await exited).toBe(0);
    sim.simulator.clearFaults();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});

/** Whether a process is gone (or a zombie nobody reaps, which is as good as gone). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * A wrapper like npm or a supervisor: it starts the server with its stdout and stderr
 * piped to itself, forwards SIGTERM once the server listens, and exits at once, so
 * every later log line of the server meets a closed pipe (EPIPE).
 */
const WRAPPER = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, process.argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
process.stdout.write('pid:' + child.pid + '\\n');
let out = '';
const onData = (chunk) => {
  out += chunk;
  if (/Listening on/.test(out)) {
    child.kill('SIGTERM');
    setTimeout(() => process.exit(0), 100);
  }
};
child.stdout.on('data', onData);
child.stderr.on('data', onData);
`;

describe('shutdown deadline', () => {
  let sim: SimServer;

  beforeAll(async () => {
    assertBuilt();
    sim = await startSimulatorServer();
  });
  afterAll(() => sim.close());

  it('ends the process by delay + grace + margin even when its log pipe breaks', async () => {
    const delayMs = 1000;
    const graceMs = 1000;
    const wrapper = spawn(process.execPath, ['-e', WRAPPER, CLI, 'serve'], {
      env: cleanEnv({
        NAUTOBOT_URL: sim.url,
        NAUTOBOT_TOKEN: sim.token,
        AUTH_MODE: 'none',
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        SHUTDOWN_DELAY_MS: String(delayMs),
        SHUTDOWN_GRACE_MS: String(graceMs),
      }),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    wrapper.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise((resolve) => wrapper.on('close', resolve));
    const pid = Number(/pid:(\d+)/.exec(out)?.[1]);
    expect(pid).toBeGreaterThan(0);
    // The wrapper exits ~100 ms after SIGTERM, during the delay.
    const deadline = Date.now() + delayMs + graceMs + SHUTDOWN_MARGIN_MS + 1000;
    try {
      while (!gone(pid) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect({ pid, gone: gone(pid) }).toEqual({ pid, gone: true });
    } finally {
      if (!gone(pid)) {
        process.kill(pid, 'SIGKILL');
      }
    }
  }, 30_000);
});
