import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, postJson, startTestApp, type TestApp } from './support/test-app.js';

const CALL = { name: 'prefixes_by_location', arguments: { location: 'AMS01', limit: 3 } };

describe('DEMO_FALLBACK=true with Nautobot down', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      NAUTOBOT_URL: `http://127.0.0.1:${await freePort()}`,
      NAUTOBOT_TOKEN: 'not-the-demo-token',
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
      NAUTOBOT_TOKEN: 'x'.repeat(40),
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
