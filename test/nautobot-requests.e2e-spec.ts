import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@nautobot-mcp/config';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { createApp } from '../apps/server/src/create-app.js';
import { postJson } from './support/test-app.js';
import { startUpstreamProxy, type UpstreamProxy } from './support/upstream-proxy.js';

describe('what we ask of Nautobot, and how we count it', () => {
  let sim: SimServer;
  let proxy: UpstreamProxy;
  let t: { app: NestExpressApplication; url: string };

  beforeAll(async () => {
    sim = await startSimulatorServer();
    proxy = await startUpstreamProxy(sim.url);
    const { app } = await createApp(
      loadSettings({
        LOG_LEVEL: 'fatal',
        AUTH_MODE: 'none',
        NAUTOBOT_URL: proxy.url,
        NAUTOBOT_TOKEN: sim.token,
        ENABLE_RAW_GRAPHQL: 'true',
        NAUTOBOT_MAX_RESPONSE_BYTES: String(256 * 1024),
      }),
      { auditStream: { write: () => true } },
    );
    await app.listen(0, '127.0.0.1');
    t = { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
  });
  afterEach(() => {
    proxy.mode = { kind: 'pass' };
  });
  afterAll(async () => {
    await t.app.close();
    await proxy.close();
    await sim.close();
  });

  it('labels raw GraphQL queries "raw" in the metrics, whatever they name themselves', async () => {
    const names = ['probe_alpha_1', 'probe_beta_2', 'probe_gamma_3'];
    for (const name of names) {
      const { status } = await postJson(`${t.url}/tools/graphql_query`, {
        query: `query ${name} { locations(limit: 1) { name } }`,
      });
      expect(status).toBe(200);
    }
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    for (const name of names) {
      expect(metrics).not.toContain(name);
    }
    expect(metrics).toMatch(/query="raw"/);
    // Our own catalogued queries keep their names.
    expect(
      (await postJson(`${t.url}/tools/prefixes_by_location`, { location: 'AMS01' })).status,
    ).toBe(200);
    expect(await (await fetch(`${t.url}/metrics`)).text()).toMatch(/query="prefixes_by_location"/);
  });

  it('stops reading a raw query answer at NAUTOBOT_MAX_RESPONSE_BYTES', async () => {
    proxy.mode = { kind: 'endless-body' };
    const { status, body } = await postJson(`${t.url}/tools/graphql_query`, {
      query: 'query { prefixes { prefix } }',
    });
    expect(status).toBe(502);
    expect(body.type).toBe('nautobot-response-too-large');
  });

  it('bounds every suggestion lookup with a limit', async () => {
    proxy.bodies.length = 0;
    const { status, body } = await postJson(`${t.url}/tools/prefixes_by_location`, {
      location: 'ams01',
    });
    expect(status).toBe(400);
    expect(body.suggestions).toEqual(['AMS01']);
    const lookups = proxy.bodies.filter((b) => b.operationName?.endsWith('_names'));
    expect(lookups.length).toBeGreaterThan(0);
    for (const lookup of lookups) {
      expect(lookup.query).toMatch(/\blimit: \d+/);
    }
  });
});
