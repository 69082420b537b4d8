import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@nautobot-mcp/config';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { createApp } from '../apps/server/src/create-app.js';
import { MCP_HEADERS, connectHttp } from './support/mcp.js';
import { postJson } from './support/test-app.js';
import { startUpstreamProxy, type UpstreamProxy } from './support/upstream-proxy.js';

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

  /** Requests Nautobot got before the client left mid-call, and after, until things settle. */
  async function requestsAfterDisconnect(start: (signal: AbortSignal) => Promise<unknown>) {
    const controller = new AbortController();
    const before = sim.simulator.stats.graphqlRequests;
    const call = start(controller.signal).catch(() => undefined);
    // The client leaves once Nautobot has seen two requests of the call (however slow a
    // loaded machine makes them), or after 10 s, when the count below tells what happened.
    for (let waited = 0; waited < 10_000; waited += LATENCY_MS / 3) {
      if (sim.simulator.stats.graphqlRequests - before >= 2) {
        break;
      }
      await sleep(LATENCY_MS / 3);
    }
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

  it('on the CSV export (the client leaves mid-download)', async () => {
    const { beforeAbort, afterAbort } = await requestsAfterDisconnect(async (signal) => {
      const response = await fetch(`${t.url}/exports/prefixes.csv?within=10.0.0.0/8`, { signal });
      const reader = response.body!.getReader();
      while (!(await reader.read()).done) {
        // Reads on until the abort; the rows themselves do not matter here.
      }
    });
    expect(beforeAbort).toBeGreaterThan(1);
    // At most the page the export had already asked for (its prefetch) when the client left.
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

describe('a CSV download the client leaves cancels the page already asked for', () => {
  let sim: SimServer;
  let proxy: UpstreamProxy;
  let t: { app: NestExpressApplication; url: string };

  beforeAll(async () => {
    sim = await startSimulatorServer({ dataset: { prefixes: 30_000 }, latencyMs: LATENCY_MS });
    // The proxy counts the requests whose client (our server) hung up before the answer.
    proxy = await startUpstreamProxy(sim.url);
    t = await appAgainst({ url: proxy.url, token: sim.token } as SimServer);
    await postJson(`${t.url}/tools/invoke`, {
      name: 'analyze_prefixes',
      arguments: { within: '10.0.0.0/24' },
    });
  });
  afterAll(async () => {
    await t.app.close();
    await proxy.close();
    await sim.close();
  });

  /**
   * Downloads the export; with `leaveAtRequest`, leaves the moment Nautobot (the proxy) has
   * received that many page requests, so one is surely in flight (each takes LATENCY_MS).
   */
  async function download(leaveAtRequest?: number) {
    const controller = new AbortController();
    const before = { requests: proxy.requests, abandoned: proxy.abandoned };
    const reading = (async () => {
      const response = await fetch(`${t.url}/exports/prefixes.csv?within=10.0.0.0/8`, {
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      while (!(await reader.read()).done) {
        // Reads every row as fast as they come: the export is always waiting on a page.
      }
    })().catch(() => undefined);
    if (leaveAtRequest !== undefined) {
      while (proxy.requests - before.requests < leaveAtRequest) {
        await sleep(2);
      }
      controller.abort();
    }
    await reading;
    await sleep(LATENCY_MS * 4);
    return {
      requests: proxy.requests - before.requests,
      abandoned: proxy.abandoned - before.abandoned,
    };
  }

  it('aborts the request in flight at Nautobot when the client leaves', async () => {
    const { requests, abandoned } = await download(3);
    expect(requests).toBe(3);
    expect(abandoned).toBe(1);
  });

  it('abandons nothing when the client reads to the end (so the count above means something)', async () => {
    const { requests, abandoned } = await download();
    expect(requests).toBeGreaterThan(5);
    expect(abandoned).toBe(0);
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

describe('MCP notifications/cancelled over stateless Streamable HTTP stops the paging', () => {
  const KEY_A = 'cancel-key-a-0123456789abcdef';
  const KEY_B = 'cancel-key-b-0123456789abcdef';
  let sim: SimServer;
  let t: { app: NestExpressApplication; url: string };

  beforeAll(async () => {
    sim = await startSimulatorServer({ dataset: { prefixes: 30_000 }, latencyMs: LATENCY_MS });
    t = await appAgainst(sim, {
      AUTH_MODE: 'api_key',
      API_KEYS: `a=${KEY_A},b=${KEY_B}`,
      // Let the call page through all 30 pages rather than stop at the 10,000 limit.
      ANALYZE_MAX_PREFIXES: '50000',
    });
    await postJson(
      `${t.url}/tools/invoke`,
      { name: 'analyze_prefixes', arguments: { within: '10.0.0.0/24' } },
      { 'x-api-key': KEY_A },
    );
  });
  afterAll(async () => {
    await t.app.close();
    await sim.close();
  });

  /** Nautobot requests before and after `cancel()` ran, a few pages into the call. */
  async function requestsAround(cancel: () => unknown) {
    const before = sim.simulator.stats.graphqlRequests;
    await sleep(LATENCY_MS * 4);
    const atCancel = sim.simulator.stats.graphqlRequests;
    await cancel();
    await sleep(LATENCY_MS * 8);
    return {
      beforeCancel: atCancel - before,
      afterCancel: sim.simulator.stats.graphqlRequests - atCancel,
    };
  }

  it.each(['legacy', 'modern'] as const)(
    'an SDK client (%s) aborting callTool stops the paging at Nautobot',
    async (era) => {
      const client = await connectHttp(t.url, era, { 'x-api-key': KEY_A });
      try {
        const controller = new AbortController();
        const call = client.callTool(PAGING, { signal: controller.signal }).then(
          () => 'answered',
          (error: Error) => error.message,
        );
        const { beforeCancel, afterCancel } = await requestsAround(() => controller.abort());
        expect(await call).not.toBe('answered');
        expect(beforeCancel).toBeGreaterThan(1);
        expect(afterCancel).toBeLessThanOrEqual(1);
      } finally {
        await client.close();
      }
    },
  );

  /** A raw 2025-11-25 POST of `tools/call` with request id `id`, and its answer. */
  function rawCall(id: number | string, key: string) {
    return postJson(
      `${t.url}/mcp`,
      { jsonrpc: '2.0', id, method: 'tools/call', params: PAGING },
      { ...MCP_HEADERS, 'mcp-protocol-version': '2025-11-25', 'x-api-key': key },
    );
  }

  function cancelNotification(requestId: number | string, key: string) {
    return postJson(
      `${t.url}/mcp`,
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId, reason: 'test' } },
      { ...MCP_HEADERS, 'mcp-protocol-version': '2025-11-25', 'x-api-key': key },
    );
  }

  it('another principal cannot cancel a call by its id; its owner can, and the POST is answered', async () => {
    const call = rawCall(7, KEY_A);
    // Another principal with the same id, and the same principal with another id ("7"):
    // neither is this call.
    const foreign = await requestsAround(async () => {
      expect((await cancelNotification(7, KEY_B)).status).toBe(202);
      expect((await cancelNotification('7', KEY_A)).status).toBe(202);
    });
    expect(foreign.afterCancel).toBeGreaterThan(1);
    const own = await requestsAround(() => cancelNotification(7, KEY_A));
    expect(own.afterCancel).toBeLessThanOrEqual(1);
    const answer = await call;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ jsonrpc: '2.0', id: 7, result: { isError: true } });
    expect(answer.body.result.content[0].text).toContain('client-closed');
  });
});
