import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@nautobot-mcp/config';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import type { AddressInfo } from 'node:net';
import { createApp } from '../apps/server/src/create-app.js';
import { freePort, postJson } from './support/test-app.js';

const CALL = { name: 'prefixes_by_location', arguments: { location: 'AMS01' } };

async function appAgainst(env: Record<string, string>) {
  const { app } = await createApp(
    // AUDIT_LOG=off: audit lines would go straight to the test run's stdout.
    loadSettings({ LOG_LEVEL: 'fatal', AUTH_MODE: 'none', AUDIT_LOG: 'off', ...env }),
  );
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

describe('Nautobot faults become clear 5xx problems', () => {
  let sim: SimServer;
  let t: Awaited<ReturnType<typeof appAgainst>>;

  beforeAll(async () => {
    sim = await startSimulatorServer();
    t = await appAgainst({
      NAUTOBOT_URL: sim.url,
      NAUTOBOT_TOKEN: sim.token,
      NAUTOBOT_TIMEOUT_MS: '400',
    });
  });
  afterEach(() => sim.simulator.clearFaults());
  afterAll(async () => {
    await t.app.close();
    await sim.close();
  });

  it('maps a hang to 504 nautobot-timeout', async () => {
    sim.simulator.setFaults({ hang: true });
    const { status, body } = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(status).toBe(504);
    expect(body.type).toBe('nautobot-timeout');
    expect(body.detail).toContain('400 ms');
  });

  it('maps an HTTP 500 to 502 nautobot-error', async () => {
    sim.simulator.setFaults({ status: 500 });
    const { status, body } = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(status).toBe(502);
    expect(body.type).toBe('nautobot-error');
    expect(body.detail).toContain('500');
  });

  it('maps a malformed body to 502 nautobot-bad-response', async () => {
    sim.simulator.setFaults({ malformedJson: true });
    const { status, body } = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(status).toBe(502);
    expect(body.type).toBe('nautobot-bad-response');
  });

  it('maps GraphQL errors to 502 nautobot-query-error with the messages', async () => {
    sim.simulator.setFaults({ graphqlErrors: ['database is locked'] });
    const { status, body } = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(status).toBe(502);
    expect(body.type).toBe('nautobot-query-error');
    expect(body.detail).toContain('database is locked');
  });

  it('answers slowly but correctly under added latency', async () => {
    sim.simulator.setFaults({ latencyMs: 100 });
    const { status } = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(status).toBe(200);
  });

  it('reports not ready while Nautobot fails, and recovers', async () => {
    sim.simulator.setFaults({ status: 500 });
    const down = await fetch(`${t.url}/readyz`);
    expect(down.status).toBe(503);
    const problem = (await down.json()) as any;
    expect(problem.type).toBe('not-ready');
    expect(problem.detail).toContain('500');
    sim.simulator.clearFaults();
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('keeps serving after every fault', async () => {
    const { status } = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(status).toBe(200);
  });
});

describe('Nautobot configuration faults', () => {
  it('maps a refused connection to 503 nautobot-unreachable', async () => {
    const t = await appAgainst({
      NAUTOBOT_URL: `http://127.0.0.1:${await freePort()}`,
      NAUTOBOT_TOKEN: 'a'.repeat(40),
    });
    try {
      const { status, body } = await postJson(`${t.url}/tools/invoke`, CALL);
      expect(status).toBe(503);
      expect(body.type).toBe('nautobot-unreachable');
      expect(body.detail).toContain('ECONNREFUSED');
      expect((await fetch(`${t.url}/readyz`)).status).toBe(503);
    } finally {
      await t.app.close();
    }
  });

  it('maps a rejected token to 502 nautobot-auth without echoing it', async () => {
    const sim = await startSimulatorServer();
    const wrong = 'feedfacefeedfacefeedfacefeedfacefeedface';
    const t = await appAgainst({ NAUTOBOT_URL: sim.url, NAUTOBOT_TOKEN: wrong });
    try {
      const { status, body } = await postJson(`${t.url}/tools/invoke`, CALL);
      expect(status).toBe(502);
      expect(body.type).toBe('nautobot-auth');
      expect(body.detail).toContain('NAUTOBOT_TOKEN');
      expect(body.detail).toContain('403');
      expect(JSON.stringify(body)).not.toContain(wrong);
      const ready = await fetch(`${t.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).not.toContain(wrong);
    } finally {
      await t.app.close();
      await sim.close();
    }
  });

  it('maps a query Nautobot finds invalid (HTTP 400) to 502 nautobot-query-error', async () => {
    const sim = await startSimulatorServer();
    const dir = mkdtempSync(join(tmpdir(), 'nms-bad-query-'));
    writeFileSync(
      join(dir, 'prefixes_by_location.graphql'),
      `query prefixes_by_location($location: [String], $exclude_locations: [String], $limit: Int, $offset: Int) {
        prefixes(location: $location, location__n: $exclude_locations, limit: $limit, offset: $offset) { prefix family }
      }`,
    );
    const t = await appAgainst({
      NAUTOBOT_URL: sim.url,
      NAUTOBOT_TOKEN: sim.token,
      QUERIES_DIR: dir,
    });
    try {
      const { status, body } = await postJson(`${t.url}/tools/invoke`, CALL);
      expect(status).toBe(502);
      expect(body.type).toBe('nautobot-query-error');
      expect(body.detail).toContain('Cannot query field "family" on type "PrefixType"');
    } finally {
      await t.app.close();
      await sim.close();
    }
  });
});
