import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_FIXTURES } from '@nautobot-mcp/nautobot-sim';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

const { locations: L, counts } = DEMO_FIXTURES;

describe('IPAM tools', () => {
  let t: TestApp;
  const call = (tool: string, args: Record<string, unknown>) =>
    postJson(`${t.url}/tools/${tool}`, args);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('prefixes', () => {
    it('lists every prefix without filters, and matches prefixes_by_location for a location', async () => {
      const all = await call('prefixes', { limit: 1000, brief: true });
      expect(all.body.total).toBe(DEMO_FIXTURES.totals.prefixes);
      const scoped = await call('prefixes', { location: 'Europe', limit: 1000 });
      const shortcut = await call('prefixes_by_location', { location: 'Europe', limit: 1000 });
      expect(scoped.body.items).toEqual(shortcut.body.items);
      expect(scoped.body.count).toBe(counts.Europe.prefixes);
      const own = await call('prefixes', { location: L.site, includeChildLocations: false });
      const ownShortcut = await call('prefixes_by_location', {
        location: L.site,
        includeChildLocations: false,
      });
      expect(own.body.items).toEqual(ownShortcut.body.items);
    });

    it('filters by status, role, tenant, namespace and IP version', async () => {
      const cases: [Record<string, unknown>, (p: any) => boolean][] = [
        [{ status: 'Reserved' }, (p) => p.status === 'Reserved'],
        [{ role: 'loopback' }, (p) => p.role === 'loopback'],
        [{ tenant: 'Acme Corp' }, (p) => p.tenant === 'Acme Corp'],
        [{ namespace: 'Global' }, (p) => p.namespace === 'Global'],
        [{ ipVersion: 6 }, (p) => p.prefix.includes(':')],
        [{ ipVersion: 4, role: 'server', location: 'FRA01' }, (p) => /^10\.12\./.test(p.prefix)],
      ];
      for (const [args, test] of cases) {
        const { status, body } = await call('prefixes', { ...args, limit: 1000 });
        expect(status).toBe(200);
        expect(body.count).toBeGreaterThan(0);
        expect(body.items.every(test)).toBe(true);
      }
      const v4 = await call('prefixes', { ipVersion: 4, limit: 1000, brief: true });
      const v6 = await call('prefixes', { ipVersion: 6, limit: 1000, brief: true });
      expect(v4.body.count + v6.body.count).toBe(DEMO_FIXTURES.totals.prefixes);
    });

    it('filters by parent network (within) and VRF name or RD', async () => {
      const inside = await call('prefixes', { within: '10.11.0.0/16', fields: ['prefix'] });
      expect(inside.body.count).toBeGreaterThan(0);
      expect(inside.body.items.map((p: any) => p.prefix)).not.toContain('10.11.0.0/16');
      for (const p of inside.body.items) {
        expect(p.prefix).toMatch(/^10\.11\./);
      }
      // Host bits are ignored, as Nautobot does.
      const sloppy = await call('prefixes', { within: '10.11.7.7/16', fields: ['prefix'] });
      expect(sloppy.body.items).toEqual(inside.body.items);
      const v6 = await call('prefixes', { within: '2001:db8:11::/48', fields: ['prefix'] });
      expect(v6.body.items.map((p: any) => p.prefix)).toEqual([
        '2001:db8:11:100::/64',
        '2001:db8:11:ffff::/64',
      ]);
      const prod = await call('prefixes', { vrf: 'PROD', within: '10.11.0.0/16', brief: true });
      expect(prod.body.items.map((p: any) => p.prefix)).toEqual(['10.11.0.0/24', '10.11.1.0/24']);
    });

    it('rejects unknown names with close matches and bad networks', async () => {
      const cases: [Record<string, unknown>, Record<string, unknown>][] = [
        [{ location: 'AMS1' }, { type: 'unknown-location', suggestions: ['AMS01'] }],
        [{ status: 'Reservd' }, { type: 'unknown-status', suggestions: ['Reserved', 'Retired'] }],
        [{ role: 'servers' }, { type: 'unknown-role', suggestions: ['server'] }],
        [{ namespace: 'global' }, { type: 'unknown-filter-value', suggestions: ['Global'] }],
        [{ tenant: 'Globx' }, { type: 'unknown-filter-value', suggestions: ['Globex'] }],
        [{ vrf: 'PRDO' }, { type: 'unknown-filter-value', kind: 'vrf', suggestions: ['PROD'] }],
        [{ vrf: '65000:999' }, { type: 'unknown-filter-value', kind: 'vrf' }],
      ];
      for (const [args, problem] of cases) {
        const { status, body } = await call('prefixes', args);
        expect(status).toBe(400);
        expect(body).toMatchObject(problem);
      }
      for (const within of ['10.11.0.0', '10.11.0.0/33', 'ten/8', '::/129']) {
        const { status, body } = await call('prefixes', { within });
        expect(status).toBe(400);
        expect(body.errors[0].field).toBe('within');
      }
      const version = await call('prefixes', { ipVersion: 5 });
      expect(version.body.errors[0].field).toBe('ipVersion');
    });
  });

  describe('ip_addresses', () => {
    it('lists the addresses of a device and of one of its interfaces', async () => {
      const device = await call('ip_addresses', { device: DEMO_FIXTURES.devices.example });
      expect(device.status).toBe(200);
      expect(device.body.count).toBeGreaterThan(1);
      for (const ip of device.body.items) {
        expect(ip.interfaces.some((i: string) => i.startsWith('ams01-spine01:'))).toBe(true);
      }
      const mgmt = await call('ip_addresses', {
        device: DEMO_FIXTURES.devices.example,
        interface: 'Management1',
      });
      expect(mgmt.body.items).toEqual([
        expect.objectContaining({
          address: '10.11.128.10/24',
          type: 'host',
          status: 'Active',
          dns_name: 'ams01-spine01.oob.example.net',
          parent: '10.11.128.0/24',
          namespace: 'Global',
          interfaces: ['ams01-spine01:Management1'],
        }),
      ]);
    });

    it('filters by network, DNS name, IP version, role and status', async () => {
      const inside = await call('ip_addresses', { prefix: '10.11.192.0/24', limit: 1000 });
      expect(inside.body.count).toBeGreaterThan(0);
      expect(inside.body.items.every((i: any) => i.address.startsWith('10.11.192.'))).toBe(true);
      const dns = await call('ip_addresses', { dnsName: 'SPINE01.oob', fields: ['address'] });
      expect(dns.body.items.length).toBeGreaterThan(1);
      const v6 = await call('ip_addresses', { ipVersion: 6, role: 'loopback', limit: 1000 });
      expect(v6.body.count).toBeGreaterThan(0);
      for (const ip of v6.body.items) {
        expect(ip.address).toMatch(/:.*\/128$/);
        expect(ip.role).toBe('loopback');
      }
      const active = await call('ip_addresses', {
        status: 'Active',
        namespace: 'Global',
        limit: 1,
      });
      expect(active.body.count).toBe(1);
    });

    it('400s unknown devices, interfaces and other names instead of an empty list', async () => {
      const device = await call('ip_addresses', { device: 'ams01-spin01' });
      expect(device.status).toBe(400);
      expect(device.body).toMatchObject({ type: 'unknown-filter-value', kind: 'device' });
      expect(device.body.suggestions).toContain('ams01-spine01');
      const iface = await call('ip_addresses', {
        device: 'ams01-spine01',
        interface: 'Managment1',
      });
      expect(iface.body).toMatchObject({
        type: 'unknown-filter-value',
        kind: 'interface',
        suggestions: ['Management1'],
      });
      const ifaceOfUnknown = await call('ip_addresses', { device: 'nope01', interface: 'eth0' });
      expect(ifaceOfUnknown.body).toMatchObject({ type: 'unknown-filter-value', kind: 'device' });
      const lone = await call('ip_addresses', { interface: 'Management1' });
      expect(lone.body.errors[0].field).toBe('interface');
      const status = await call('ip_addresses', { status: 'activ' });
      expect(status.body.type).toBe('unknown-status');
      const prefix = await call('ip_addresses', { prefix: '10.11.0.0' });
      expect(prefix.body.errors[0].field).toBe('prefix');
    });
  });

  describe('vlans_by_location', () => {
    it('merges the VLANs assigned to the location and those of its VLAN groups', async () => {
      const { status, body } = await call('vlans_by_location', { location: 'LON01' });
      expect(status).toBe(200);
      expect(body.items.map((v: any) => v.vid)).toEqual([100, 101, 102, 1000, 2000]);
      const lab = body.items.find((v: any) => v.vid === 2000);
      expect(lab).toMatchObject({ vlan_group: 'LON01 VLANs', locations: [], status: 'Reserved' });
      expect(body.count).toBe(counts.LON01.vlans + 1);
    });

    it('covers child locations, ungrouped VLANs and each VLAN once', async () => {
      const { body } = await call('vlans_by_location', { location: 'Europe', limit: 1000 });
      const ids = body.items.map((v: any) => v.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(body.items[body.items.length - 1]).toMatchObject({ vid: 3000, vlan_group: null });
      const groups = body.items.map((v: any) => v.vlan_group ?? '~');
      expect(groups).toEqual([...groups].sort());
      const paged: any[] = [];
      let cursor: string | undefined;
      do {
        const page = await call('vlans_by_location', {
          location: 'Europe',
          limit: 4,
          ...(cursor ? { cursor } : {}),
        });
        paged.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(body.items);
      const own = await call('vlans_by_location', {
        location: 'Europe',
        includeChildLocations: false,
      });
      expect(own.body.count).toBe(0);
    });

    it('filters by group, status, role and VID', async () => {
      const group = await call('vlans_by_location', {
        location: 'LON01',
        vlanGroup: 'LON01 VLANs',
      });
      expect(group.body.count).toBe(5);
      const otherGroup = await call('vlans_by_location', {
        location: 'LON01',
        vlanGroup: 'AMS01 VLANs',
      });
      expect(otherGroup.body.count).toBe(0);
      const reserved = await call('vlans_by_location', { location: 'LON01', status: 'Reserved' });
      expect(reserved.body.items.map((v: any) => v.vid)).toEqual([2000]);
      const mgmt = await call('vlans_by_location', {
        location: 'Europe',
        role: 'mgmt',
        brief: true,
      });
      expect(mgmt.body.items.every((v: any) => v.vid === 1000)).toBe(true);
      const vid = await call('vlans_by_location', {
        location: 'Europe',
        vid: 100,
        fields: ['vid'],
      });
      expect(vid.body.items).toEqual([{ vid: 100 }, { vid: 100 }, { vid: 100 }]);
    });

    it('rejects unknown names and bad VIDs', async () => {
      const group = await call('vlans_by_location', { location: 'LON01', vlanGroup: 'LON VLANs' });
      expect(group.body).toMatchObject({ type: 'unknown-filter-value', kind: 'vlan_group' });
      expect(group.body.suggestions).toContain('LON01 VLANs');
      const location = await call('vlans_by_location', { location: 'LON1' });
      expect(location.body.type).toBe('unknown-location');
      const vid = await call('vlans_by_location', { location: 'LON01', vid: 4095 });
      expect(vid.body.errors[0].field).toBe('vid');
    });
  });
});
