import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { loadSettings } from '@nautobot-mcp/config';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createApp } from '../apps/server/src/create-app.js';
import { freePort, postJson } from './support/test-app.js';
import { startUpstreamProxy, type UpstreamProxy } from './support/upstream-proxy.js';

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

  it('maps GraphQL errors to 502 nautobot-query-error, passing on only messages we recognise', async () => {
    sim.simulator.setFaults({
      graphqlErrors: ['Cannot query field "family" on type "PrefixType".'],
    });
    const known = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(known.status).toBe(502);
    expect(known.body.type).toBe('nautobot-query-error');
    expect(known.body.detail).toBe('Cannot query field "family" on type "PrefixType".');
    sim.simulator.setFaults({ graphqlErrors: ['database is locked at /srv/nautobot/db.sqlite3'] });
    const unknown = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(unknown.status).toBe(502);
    expect(unknown.body.type).toBe('nautobot-query-error');
    expect(JSON.stringify(unknown.body)).not.toContain('database is locked');
    expect(unknown.body.detail).toContain('log');
  });

  it('redacts token-like strings and cuts long texts in the messages it passes on', async () => {
    const hex = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    sim.simulator.setFaults({
      graphqlErrors: [
        `Unknown argument "x${hex}" on field "prefixes" (Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payloadpayload.sig, Token ${hex}) ${'y'.repeat(2000)}`,
      ],
    });
    const { status, body } = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(status).toBe(502);
    const text = JSON.stringify(body);
    expect(text).not.toContain(hex);
    expect(text).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(text).not.toContain('payloadpayload');
    expect(body.detail).toContain('Unknown argument');
    expect(body.detail).toContain('[redacted]');
    expect(body.detail.length).toBeLessThanOrEqual(300);
  });

  it('answers slowly but correctly under added latency', async () => {
    sim.simulator.setFaults({ latencyMs: 100 });
    const { status } = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(status).toBe(200);
  });

  it('reports not ready while Nautobot fails, with a reason code only, and recovers', async () => {
    sim.simulator.setFaults({ status: 500 });
    const down = await fetch(`${t.url}/readyz`);
    expect(down.status).toBe(503);
    const problem = (await down.json()) as any;
    expect(problem.type).toBe('not-ready');
    expect(problem.checks).toEqual({ nautobot: { status: 'down', reason: 'nautobot-error' } });
    expect(JSON.stringify(problem)).not.toContain(sim.url);
    expect(JSON.stringify(problem)).not.toContain('Server Error');
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

  it('never shows NAUTOBOT_URL on the public /readyz or in errors', async () => {
    const port = await freePort();
    const t = await appAgainst({
      NAUTOBOT_URL: `http://127.0.0.1:${port}/nautobot-s3cr3t-path`,
      NAUTOBOT_TOKEN: 'a'.repeat(40),
    });
    try {
      const ready = await fetch(`${t.url}/readyz`);
      expect(ready.status).toBe(503);
      const text = await ready.text();
      expect(text).not.toContain('s3cr3t');
      expect(text).not.toContain(String(port));
      expect(JSON.parse(text).checks).toEqual({
        nautobot: { status: 'down', reason: 'nautobot-unreachable' },
      });
      const { status, body } = await postJson(`${t.url}/tools/invoke`, CALL);
      expect(status).toBe(503);
      expect(JSON.stringify(body)).not.toContain('s3cr3t');
    } finally {
      await t.app.close();
    }
  });

  it('refuses to start with a password in NAUTOBOT_URL, and masks it in the error', () => {
    // fetch refuses URLs with credentials: such a server could never reach Nautobot.
    const start = () =>
      loadSettings({
        NAUTOBOT_URL: 'http://admin:s3cr3t-pass@127.0.0.1:1/nautobot',
        NAUTOBOT_TOKEN: 'a'.repeat(40),
      });
    expect(start).toThrow(/NAUTOBOT_URL .*must not contain a user name or password/);
    expect(start).not.toThrow(/s3cr3t-pass/);
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

/** A full collection, as `node --expose-gc` gives, without restarting jest with flags. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

async function timed<T>(promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await promise;
  return { value, ms: performance.now() - started };
}

describe('Nautobot misbehaving after its headers', () => {
  const TIMEOUT_MS = 500;
  let sim: SimServer;
  let proxy: UpstreamProxy;
  let t: Awaited<ReturnType<typeof appAgainst>>;

  beforeAll(async () => {
    sim = await startSimulatorServer();
    proxy = await startUpstreamProxy(sim.url);
    t = await appAgainst({
      NAUTOBOT_URL: proxy.url,
      NAUTOBOT_TOKEN: sim.token,
      NAUTOBOT_TIMEOUT_MS: String(TIMEOUT_MS),
      NAUTOBOT_MAX_RESPONSE_BYTES: String(1024 * 1024),
    });
  });
  afterEach(() => {
    proxy.mode = { kind: 'pass' };
  });
  afterAll(async () => {
    await t.app.close();
    await proxy.close();
    await sim.close();
  });

  it('times a stall after the headers out, even across a GC, and identical calls recover', async () => {
    proxy.mode = { kind: 'stall-after-headers' };
    const first = postJson(`${t.url}/tools/invoke`, CALL);
    const second = postJson(`${t.url}/tools/invoke`, CALL);
    await new Promise((resolve) => setTimeout(resolve, 150));
    collectGarbage();
    const { value, ms } = await timed(Promise.all([first, second]));
    for (const answer of value) {
      expect(answer.status).toBe(504);
      expect(answer.body.type).toBe('nautobot-timeout');
    }
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
    // Nautobot recovers: the same call (same arguments) must not join a stuck one.
    proxy.mode = { kind: 'pass' };
    const again = await timed(postJson(`${t.url}/tools/invoke`, CALL));
    expect(again.value.status).toBe(200);
    expect(again.ms).toBeLessThan(2000);
  });

  it('reports a body that arrives too slowly as nautobot-timeout', async () => {
    proxy.mode = { kind: 'trickle', intervalMs: 100 };
    const { value, ms } = await timed(postJson(`${t.url}/tools/invoke`, CALL));
    expect(value.status).toBe(504);
    expect(value.body.type).toBe('nautobot-timeout');
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
  });

  it('stops reading an endless body at NAUTOBOT_MAX_RESPONSE_BYTES', async () => {
    proxy.mode = { kind: 'endless-body' };
    const { value, ms } = await timed(postJson(`${t.url}/tools/invoke`, CALL));
    expect(value.status).toBe(502);
    expect(value.body.type).toBe('nautobot-response-too-large');
    expect(value.body.detail).toContain('NAUTOBOT_MAX_RESPONSE_BYTES');
    expect(ms).toBeLessThan(TIMEOUT_MS);
  });

  it('answers rows that are not objects with 502 nautobot-bad-response', async () => {
    proxy.mode = { kind: 'body', json: { data: { prefixes: [1, 'two', null] } } };
    const { status, body } = await postJson(`${t.url}/tools/invoke`, CALL);
    expect(status).toBe(502);
    expect(body.type).toBe('nautobot-bad-response');
  });
});
