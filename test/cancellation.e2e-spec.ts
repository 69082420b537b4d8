import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@nautobot-mcp/config';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { createApp } from '../apps/server/src/create-app.js';
import { MCP_HEADERS } from './support/mcp.js';
import { postJson } from './support/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A call that pages through every prefix of the scale data set (1000 a page). */
const PAGING = { name: 'analyze_prefixes', arguments: { within: '10.0.0.0/8' } };
const LATENCY_MS = 150;

async function appAgainst(sim: SimServer, env: Record<string, string> = {}) {
  const { app } = await createApp(
    loadSettings({
      LOG_LEVEL: 'fatal',
      AUTH_MODE: 'none',
      NAUTOBOT_URL: sim.url,
      NAUTOBOT_TOKEN: sim.token,
      ...env,
    }),
    { auditStream: { write: () => true } },
  );
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

describe('a client that goes away mid-call stops the paging at Nautobot', () => {
  let sim: SimServer;
  let t: { app: NestExpressApplication; url: string };

  beforeAll(async () => {
    sim = await startSimulatorServer({ dataset: { prefixes: 30_000 }, latencyMs: LATENCY_MS });
    t = await appAgainst(sim);
    // The scale data set builds its indexes on first use: do that before counting.
    await postJson(`${t.url}/tools/invoke`, {
      name: 'analyze_prefixes',
      arguments: { within: '10.0.0.0/24' },
    });
  });
  afterAll(async () => {
    await t.app.close();
    await sim.close();
  });

  /** Requests Nautobot gets after `abort()` ran at `afterMs`, until things settle. */
  async function requestsAfterDisconnect(start: (signal: AbortSignal) => Promise<unknown>) {
    const controller = new AbortController();
    const before = sim.simulator.stats.graphqlRequests;
    const call = start(controller.signal).catch(() => undefined);
    await sleep(LATENCY_MS * 4);
    controller.abort();
    const atAbort = sim.simulator.stats.graphqlRequests;
    await call;
    await sleep(LATENCY_MS * 8);
    return {
      beforeAbort: atAbort - before,
      afterAbort: sim.simulator.stats.graphqlRequests - atAbort,
    };
  }

  it('on REST', async () => {
    const { beforeAbort, afterAbort } = await requestsAfterDisconnect((signal) =>
      fetch(`${t.url}/tools/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(PAGING),
        signal,
      }),
    );
    expect(beforeAbort).toBeGreaterThan(1);
    // At most the page (and its prefetch) already asked for when the client left.
    expect(afterAbort).toBeLessThanOrEqual(1);
  });

  it('on MCP over HTTP (the client drops the connection)', async () => {
    const { beforeAbort, afterAbort } = await requestsAfterDisconnect((signal) =>
      fetch(`${t.url}/mcp`, {
        method: 'POST',
        headers: { ...MCP_HEADERS, 'mcp-protocol-version': '2025-11-25' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: PAGING,
        }),
        signal,
      }),
    );
    expect(beforeAbort).toBeGreaterThan(1);
    expect(afterAbort).toBeLessThanOrEqual(1);
  });

  it('the same call, left alone, pages on (so the counts above mean something)', async () => {
    const before = sim.simulator.stats.graphqlRequests;
    const controller = new AbortController();
    const call = fetch(`${t.url}/tools/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(PAGING),
      signal: controller.signal,
    }).catch(() => undefined);
    await sleep(LATENCY_MS * 12);
    expect(sim.simulator.stats.graphqlRequests - before).toBeGreaterThan(6);
    controller.abort();
    await call;
  });
});

describe('TOOL_TIMEOUT_MS bounds a whole call', () => {
  let sim: SimServer;
  let t: { app: NestExpressApplication; url: string };

  beforeAll(async () => {
    sim = await startSimulatorServer({ dataset: { prefixes: 30_000 }, latencyMs: LATENCY_MS });
    t = await appAgainst(sim, { TOOL_TIMEOUT_MS: '700', NAUTOBOT_TIMEOUT_MS: '5000' });
  });
  afterAll(async () => {
    await t.app.close();
    await sim.close();
  });

  it('answers 504 nautobot-timeout naming TOOL_TIMEOUT_MS, though each page is fast', async () => {
    const started = performance.now();
    const { status, body } = await postJson(`${t.url}/tools/invoke`, PAGING);
    const ms = performance.now() - started;
    expect(status).toBe(504);
    expect(body.type).toBe('nautobot-timeout');
    expect(body.detail).toContain('TOOL_TIMEOUT_MS');
    expect(ms).toBeLessThan(700 + 1000);
    const settled = sim.simulator.stats.graphqlRequests;
    await sleep(LATENCY_MS * 4);
    expect(sim.simulator.stats.graphqlRequests - settled).toBeLessThanOrEqual(1);
  });
});
