import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveMcpStdio } from '@nautobot-mcp/mcp';
import { connectHttp } from './support/mcp.js';
import { freePort, postJson, startTestApp, type TestApp } from './support/test-app.js';

/** The `_meta` key MCP results carry when they come from demo data. */
const SOURCE_KEY = 'nautobot-mcp-server/source';

const CALL = { name: 'prefixes_by_location', arguments: { location: 'AMS01', limit: 3 } };

describe('DEMO_FALLBACK=true with Nautobot down', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      NAUTOBOT_URL: `http://127.0.0.1:${await freePort()}`,
      NAUTOBOT_TOKEN: 'e'.repeat(40),
      DEMO_FALLBACK: 'true',
      LOG_LEVEL: 'warn',
    });
  });
  afterAll(() => t.close());

  it('answers from demo data and marks the answer everywhere', async () => {
    const { status, headers, body } = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(status).toBe(200);
    expect(body.result.count).toBe(3);
    expect(body.meta.source).toBe('demo-fallback');
    expect(body.meta.warnings.join(' ')).toContain('DEMO');
    expect(headers.get('x-data-source')).toBe('demo-fallback');
    expect(
      t.logs.lines.some((l) => l.level === 'warn' && String(l.msg).includes('DEMO_FALLBACK')),
    ).toBe(true);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(
      /nautobot_mcp_demo_fallback_total\{query="prefixes_by_location"\} [1-9]/,
    );
  });

  it('tells the truth on /readyz: Nautobot is down, whatever the fallback answers', async () => {
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(503);
    const problem = (await ready.json()) as any;
    expect(problem.checks.nautobot).toEqual({ status: 'down', reason: 'nautobot-unreachable' });
  });

  it('marks fallback answers on the MCP HTTP door in _meta and the text', async () => {
    const client = await connectHttp(t.url, 'legacy');
    try {
      const result = await client.callTool({ name: CALL.name, arguments: CALL.arguments });
      expect(result.isError).toBeFalsy();
      expect(result._meta?.[SOURCE_KEY]).toBe('demo-fallback');
      expect(JSON.stringify(result.content)).toContain('DEMO data');
    } finally {
      await client.close();
    }
  });

  it('marks fallback answers on the stdio door, which has no HTTP request', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const connection = serveMcpStdio(t.app, serverSide);
    const client = new Client({ name: 'e2e', version: '1.0.0' });
    await client.connect(clientSide as never);
    const result = await client.callTool({ name: CALL.name, arguments: CALL.arguments });
    expect(result._meta?.[SOURCE_KEY]).toBe('demo-fallback');
    expect(JSON.stringify(result.content)).toContain('DEMO data');
    await client.close();
    await connection.closed;
  });

  it('marks a CSV download built from demo data with the header', async () => {
    const response = await fetch(`${t.url}/exports/prefixes.csv?location=AMS01`);
    const csv = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-data-source')).toBe('demo-fallback');
    expect(csv.split('\r\n').length).toBeGreaterThan(2);
  });

  it('marks the per-tool route too, and leaves other routes unmarked', async () => {
    const direct = await postJson(`${t.url}/tools/devices_by_location`, { location: 'FRA01' });
    expect(direct.status).toBe(200);
    expect(direct.headers.get('x-data-source')).toBe('demo-fallback');
    const health = await fetch(`${t.url}/healthz`);
    expect(health.headers.get('x-data-source')).toBeNull();
  });
});

describe('DEMO_FALLBACK=false (default) with Nautobot down', () => {
  it('fails clearly instead', async () => {
    const t = await startTestApp({
      NAUTOBOT_URL: `http://127.0.0.1:${await freePort()}`,
      NAUTOBOT_TOKEN: 'e'.repeat(40),
    });
    try {
      const { status, body, headers } = await postJson(`${t.url}/tools/invoke`, CALL);
      expect(status).toBe(503);
      expect(body.type).toBe('nautobot-unreachable');
      expect(headers.get('x-data-source')).toBeNull();
    } finally {
      await t.close();
    }
  });
});

describe('DEMO_FALLBACK=true with Nautobot failing mid-invocation', () => {
  let t: TestApp;
  /** A call that makes several Nautobot requests (prefixes, then their addresses). */
  const MULTI = { name: 'analyze_prefixes', arguments: { within: '10.11.0.0/16' } };

  beforeAll(async () => {
    t = await startTestApp({ DEMO_FALLBACK: 'true', LOG_LEVEL: 'warn' });
  });
  afterAll(() => t.close());

  it('never mixes real and demo answers in one invocation: it fails instead', async () => {
    const sim = t.sim!;
    // How many Nautobot requests the call makes when all is well (counted, not assumed).
    const before = sim.simulator.stats.graphqlRequests;
    expect((await postJson(`${t.url}/tools/invoke`, MULTI)).status).toBe(200);
    const requests = sim.simulator.stats.graphqlRequests - before;
    expect(requests).toBeGreaterThan(1);
    // Nautobot answers the first request of the next call, then fails.
    sim.simulator.setFaults({ status: 500, after: 1 });
    const { status, body, headers } = await postJson(`${t.url}/tools/invoke`, MULTI);
    sim.simulator.clearFaults();
    expect(status).toBe(502);
    expect(body.type).toBe('nautobot-error');
    expect(headers.get('x-data-source')).toBeNull();
  });

  it('answers wholly from demo data when Nautobot fails from the first request', async () => {
    t.sim!.simulator.setFaults({ status: 500 });
    const { status, body } = await postJson(`${t.url}/tools/invoke`, MULTI);
    t.sim!.simulator.clearFaults();
    expect(status).toBe(200);
    expect(body.meta.source).toBe('demo-fallback');
  });
});
