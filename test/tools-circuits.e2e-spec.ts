import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_FIXTURES } from '@nautobot-mcp/nautobot-sim';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

describe('circuits', () => {
  let t: TestApp;
  const call = (args: Record<string, unknown>) => postJson(`${t.url}/tools/circuits`, args);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every circuit with its terminations', async () => {
    const { status, body } = await call({ limit: 1000 });
    expect(status).toBe(200);
    expect(body.total).toBe(DEMO_FIXTURES.totals.circuits);
    const ntt = body.items.find((c: any) => c.cid === 'NTT-AMS-700112');
    expect(ntt).toMatchObject({
      provider: 'NTT',
      circuit_type: 'Internet Transit',
      status: 'Active',
      tenant: 'NetOps',
      commit_rate: 10_000_000,
      install_date: '2021-03-15',
      termination_a: {
        location: 'AMS01',
        port_speed: 10_000_000,
        connected_to: 'ams01-edge01:xe-0/1/0',
      },
      termination_z: null,
    });
    expect(ntt.termination_a.xconnect_id).toMatch(/^XC-AMS01-/);
  });

  it('filters by termination location, including child locations', async () => {
    for (const location of ['AMS01', 'FRA01', 'Europe', 'APAC']) {
      const { body } = await call({ location, limit: 1000 });
      expect(body.count).toBe(DEMO_FIXTURES.counts[location].circuits);
      for (const c of body.items) {
        const ends = [c.termination_a?.location, c.termination_z?.location];
        if (location.length === 5) {
          expect(ends).toContain(location);
        }
      }
    }
    const dci = await call({ location: 'FRA01', circuitType: 'Dark Fiber' });
    expect(dci.body.items[0].termination_z.location).toBe('FRA01');
  });

  it('filters by provider, type, status, tenant and CID', async () => {
    const ntt = await call({ provider: 'NTT', fields: ['cid', 'provider'] });
    expect(ntt.body.count).toBeGreaterThan(1);
    expect(ntt.body.items.every((c: any) => c.provider === 'NTT')).toBe(true);
    const decom = await call({ status: 'Decommissioning', brief: true });
    expect(decom.body.items).toEqual([expect.objectContaining({ cid: 'NTT-FRA-700001' })]);
    const transitAms = await call({
      circuitType: 'Internet Transit',
      cid: 'ams',
      tenant: 'NetOps',
    });
    expect(transitAms.body.items.map((c: any) => c.cid).sort()).toEqual([
      'LMN-AMS-410023',
      'NTT-AMS-700112',
    ]);
  });

  it('rejects unknown providers, types, statuses, locations and tenants', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { provider: 'NT' },
        { type: 'unknown-filter-value', kind: 'provider', suggestions: ['NTT'] },
      ],
      [{ circuitType: 'transit' }, { type: 'unknown-filter-value', kind: 'circuit_type' }],
      [{ status: 'decommissioned' }, { type: 'unknown-status' }],
      [{ location: 'AMS' }, { type: 'unknown-location' }],
      [{ tenant: 'Net Ops' }, { type: 'unknown-filter-value', suggestions: ['NetOps'] }],
    ];
    for (const [args, problem] of cases) {
      const { status, body } = await call(args);
      expect(status).toBe(400);
      expect(body).toMatchObject(problem);
    }
    const bad = await call({ cid: '', region: 'x' });
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['cid', 'region']);
  });
});
