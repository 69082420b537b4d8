import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_FIXTURES, startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import { startAppOn } from './support/app-on.js';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

describe('analyze_prefixes', () => {
  let t: TestApp;
  let small: TestApp;
  const call = (args: Record<string, unknown>, app = t) =>
    postJson(`${app.url}/tools/analyze_prefixes`, args);

  beforeAll(async () => {
    t = await startTestApp();
    small = await startTestApp({ MAX_RESULT_BYTES: '2048' });
  });
  afterAll(async () => {
    await t.close();
    await small.close();
  });

  it('analyses a location: counts, utilisation, fullest and free space', async () => {
    const { status, body } = await call({ location: 'AMS01', top: 5 });
    expect(status).toBe(200);
    expect(body.scope).toEqual({ location: 'AMS01', children: true });
    expect(body.prefixes).toBe(DEMO_FIXTURES.counts.AMS01.prefixes);
    const listed = await postJson(`${t.url}/tools/prefixes`, { location: 'AMS01', limit: 1000 });
    const count = (key: string) =>
      listed.body.items.reduce((m: Record<string, number>, p: any) => {
        const k = p[key] ?? '(none)';
        m[k] = (m[k] ?? 0) + 1;
        return m;
      }, {});
    expect(body.by_status).toEqual(count('status'));
    expect(body.by_role).toEqual(count('role'));
    expect(body.by_type).toEqual(count('type'));
    expect(body.ipv4.prefixes + body.ipv6.prefixes).toBe(body.prefixes);
    // The /16 container: seven /24 children used, 256 addresses each.
    const aggregate = body.ipv4.top_level.find((p: any) => p.prefix === '10.11.0.0/16');
    expect(aggregate).toMatchObject({
      type: 'container',
      size: '65536',
      used: String(7 * 256),
      utilisation: 2.73,
      child_prefixes: 7,
    });
    // The largest unallocated block of 10.11.0.0/16 is 10.11.64.0/18.
    expect(body.ipv4.largest_free[0]).toEqual({
      prefix: '10.11.64.0/18',
      size: '16384',
      within: '10.11.0.0/16',
      namespace: 'Global',
    });
    const fullest = body.ipv4.fullest.map((p: any) => p.utilisation);
    expect(fullest).toEqual([...fullest].sort((a: number, b: number) => b - a));
    // The point-to-point pool holds the /31 link addresses of the fabric.
    const p2p = body.ipv4.fullest.find((p: any) => p.prefix === '10.11.192.0/24');
    expect(p2p).toMatchObject({ type: 'pool', size: '256' });
    expect(Number(p2p.used)).toBe(p2p.ip_addresses);
    // IPv6 sizes are exact decimal strings.
    expect(body.ipv6.top_level[0]).toMatchObject({
      prefix: '2001:db8:11::/48',
      size: (2n ** 80n).toString(),
      used: (2n ** 65n).toString(),
    });
    expect(body.ipv4.largest_free).toHaveLength(5);
    expect(body.truncated).toBe(false);
  });

  it('analyses a parent prefix, itself included, per namespace', async () => {
    const { body } = await call({ within: '10.11.7.7/16' });
    expect(body.scope).toEqual({ within: '10.11.0.0/16' });
    expect(body.ipv6.prefixes).toBe(0);
    const namespaces = body.ipv4.top_level.map((p: any) => `${p.namespace} ${p.prefix}`);
    expect(namespaces).toEqual(['Global 10.11.0.0/16', 'Lab 10.11.0.0/24']);
    const lab = await call({ within: '10.11.0.0/16', namespace: 'Lab' });
    expect(lab.body.prefixes).toBe(1);
    expect(lab.body.ipv4.top_level[0]).toMatchObject({ size: '254', used: '0' });
    const both = await call({ location: 'AMS01', within: '2001:db8::/32', top: 1 });
    expect(both.body.ipv4.prefixes).toBe(0);
    expect(both.body.ipv6.top_level).toHaveLength(1);
    expect(both.body.ipv6.top_level_count).toBe(1);
  });

  it('counts the addresses ip_addresses lists, and never reports them as free', async () => {
    // Independent truth: the ip_addresses tool lists what Nautobot holds in the /24.
    const listed = await postJson(`${t.url}/tools/ip_addresses`, {
      prefix: '10.11.128.0/24',
      limit: 1000,
    });
    expect(listed.status).toBe(200);
    const hosts = listed.body.items.map((a: any) => String(a.address).split('/')[0]);
    expect(hosts.length).toBeGreaterThan(1);
    const { status, body } = await call({ within: '10.11.128.0/24', top: 50 });
    expect(status).toBe(200);
    expect(body.ip_addresses).toBe(hosts.length);
    const network = body.ipv4.top_level[0];
    expect(network).toMatchObject({ prefix: '10.11.128.0/24', type: 'network', size: '254' });
    expect(network.ip_addresses).toBe(hosts.length);
    expect(network.used).toBe(String(hosts.length));
    // No listed address lies in a block reported free.
    const toInt = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
    for (const block of body.ipv4.largest_free) {
      const [base, length] = block.prefix.split('/');
      const first = toInt(base);
      const last = first + 2 ** (32 - Number(length)) - 1;
      const inside = hosts.filter((h: string) => toInt(h) >= first && toInt(h) <= last);
      expect({ block: block.prefix, inside }).toEqual({ block: block.prefix, inside: [] });
    }
    // Hand-checked: the demo holds .10-.18, so .128/25, .64/26 and .32/27 are the largest free.
    expect(body.ipv4.largest_free.slice(0, 3).map((b: any) => b.prefix)).toEqual([
      '10.11.128.128/25',
      '10.11.128.64/26',
      '10.11.128.32/27',
    ]);
  });

  it('answers an empty scope with zeros', async () => {
    const { body } = await call({ location: DEMO_FIXTURES.locations.siteWithoutPrefixes });
    expect(body).toMatchObject({ prefixes: 0, ip_addresses: 0, by_status: {} });
    expect(body.ipv4.utilisation).toBe(0);
  });

  it('shortens its lists to fit MAX_RESULT_BYTES and says so', async () => {
    const { status, body } = await postJson(`${small.url}/tools/invoke`, {
      name: 'analyze_prefixes',
      arguments: { location: 'Europe', top: 50 },
    });
    expect(status).toBe(200);
    expect(body.result.truncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(body.result))).toBeLessThanOrEqual(2048);
    expect(body.meta.warnings[0]).toContain('MAX_RESULT_BYTES');
  });

  it('rejects a missing scope, bad networks, unknown names and bad tops', async () => {
    const none = await call({ top: 3 });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].field).toBe('location');
    const cases: [Record<string, unknown>, string][] = [
      [{ within: '10.11.0.0' }, 'within'],
      [{ location: 'AMS01', top: 0 }, 'top'],
      [{ location: 'AMS01', top: 51 }, 'top'],
      [{ location: 'AMS01', limit: 5 }, 'limit'],
      [{ within: '10.0.0.0/8', includeChildLocations: false }, 'includeChildLocations'],
    ];
    for (const [args, field] of cases) {
      const { status, body } = await call(args);
      expect(status).toBe(400);
      expect(body.errors[0].field).toBe(field);
    }
    const location = await call({ location: 'AMS1' });
    expect(location.body).toMatchObject({ type: 'unknown-location', suggestions: ['AMS01'] });
    const namespace = await call({ location: 'AMS01', namespace: 'Lob' });
    expect(namespace.body).toMatchObject({ type: 'unknown-filter-value', kind: 'namespace' });
  });
});

describe('analyze_prefixes scope limits', () => {
  const PREFIXES = 10_000;
  let sim: SimServer;
  let scale: TestApp;
  let demo: TestApp;

  beforeAll(async () => {
    sim = await startSimulatorServer({ dataset: { prefixes: PREFIXES } });
    scale = await startAppOn(sim, { ANALYZE_MAX_PREFIXES: '1500' });
    demo = await startTestApp({ ANALYZE_MAX_PREFIXES: '1', ANALYZE_MAX_IP_ADDRESSES: '9' });
  });
  afterAll(async () => {
    await Promise.all([scale.close(), demo.close()]);
    await sim.close();
  });

  it('refuses a scope over ANALYZE_MAX_PREFIXES with 400 scope-too-large, without reading it all', async () => {
    const before = sim.simulator.stats.graphqlRequests;
    const { status, body } = await postJson(`${scale.url}/tools/analyze_prefixes`, {
      within: '0.0.0.0/0',
    });
    expect(status).toBe(400);
    expect(body.type).toBe('scope-too-large');
    expect(body.detail).toContain('more than 1500 prefixes (ANALYZE_MAX_PREFIXES)');
    expect(body.detail).toMatch(/narrow/i);
    expect(body).toMatchObject({ limit: 1500, kind: 'prefixes' });
    // Paging stopped at the limit: 2 pages of 1000 (and perhaps one read ahead), not all 10.
    expect(sim.simulator.stats.graphqlRequests - before).toBeLessThanOrEqual(3);
  });

  it('accepts a scope of exactly the limits, and limits the IP addresses too', async () => {
    const analyse = (within: string) => postJson(`${demo.url}/tools/analyze_prefixes`, { within });
    // 10.11.128.0/24: 1 prefix, 9 addresses (see the ip_addresses check above).
    const ok = await analyse('10.11.128.0/24');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ prefixes: 1, ip_addresses: 9 });
    // 10.11.0.0/24 is in two namespaces: 2 prefixes.
    const prefixes = await analyse('10.11.0.0/24');
    expect(prefixes.body).toMatchObject({ type: 'scope-too-large', kind: 'prefixes', limit: 1 });
    // 10.11.192.0/24: 1 prefix, 24 addresses.
    const ips = await analyse('10.11.192.0/24');
    expect(ips.status).toBe(400);
    expect(ips.body).toMatchObject({ type: 'scope-too-large', kind: 'ip_addresses', limit: 9 });
    expect(ips.body.detail).toContain('more than 9 IP addresses (ANALYZE_MAX_IP_ADDRESSES)');
  });
});
