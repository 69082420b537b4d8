import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import { assertBuilt, startCli } from './support/cli.js';
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
