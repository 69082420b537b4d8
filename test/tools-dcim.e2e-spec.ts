import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_FIXTURES } from '@nautobot-mcp/nautobot-sim';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

const { locations: L, counts } = DEMO_FIXTURES;

describe('DCIM tools', () => {
  let t: TestApp;
  const call = (tool: string, args: Record<string, unknown>) =>
    postJson(`${t.url}/tools/${tool}`, args);

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nms-dcim-'));
    const org = join(dir, 'org.yaml');
    writeFileSync(org, 'locationAliases:\n  amsterdam: AMS01\n  emea: Europe\n');
    t = await startTestApp({ ORG_CONFIG_FILE: org });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('locations', () => {
    it('lists every location with type, parent chain, children and counts', async () => {
      const { status, body } = await call('locations', { limit: 1000 });
      expect(status).toBe(200);
      expect(body.total).toBe(DEMO_FIXTURES.totals.locations);
      const byName = new Map(body.items.map((l: any) => [l.name, l]));
      const floor: any = byName.get(L.floor);
      expect(floor.location_type).toBe('Floor');
      expect(floor.ancestors).toEqual([L.region, L.site, L.building]);
      expect(floor.parent).toBe(L.building);
      const site: any = byName.get(L.site);
      expect(site.children).toEqual([L.building]);
      for (const name of [L.region, L.site, L.otherSite, L.siteWithoutPrefixes, ...L.regions]) {
        const loc: any = byName.get(name);
        expect(loc.device_count).toBe(counts[name].devices);
        expect(loc.prefix_count).toBe(counts[name].prefixes);
      }
    });

    it('gives time zones as IANA names, though Nautobot GraphQL serves them as enum names', async () => {
      const { body } = await call('locations', { limit: 1000, fields: ['name', 'time_zone'] });
      const zones = Object.fromEntries(body.items.map((l: any) => [l.name, l.time_zone]));
      expect(zones).toMatchObject({
        AMS01: 'Europe/Amsterdam',
        FRA01: 'Europe/Berlin',
        LON01: 'Europe/London',
        NYC01: 'America/New_York',
        SJC01: 'America/Los_Angeles',
        SIN01: 'Asia/Singapore',
        [L.region]: null,
        [L.building]: null,
      });
    });

    it('searches by part of the name, or by alias for the exact location', async () => {
      const part = await call('locations', { name: 'ams' });
      expect(part.body.items.map((l: any) => l.name)).toEqual([L.site, L.building, L.floor]);
      const alias = await call('locations', { name: 'Amsterdam' });
      expect(alias.body.items.map((l: any) => l.name)).toEqual([L.site]);
      const none = await call('locations', { name: 'atlantis' });
      expect(none.body).toEqual({ items: [], count: 0, total: 0, truncated: false });
    });

    it('filters by type, parent, within and status', async () => {
      const sites = await call('locations', { locationType: 'Site', brief: true });
      expect(sites.body.items.map((l: any) => l.name)).toEqual(L.sites);
      const children = await call('locations', { parent: 'emea', fields: ['name'] });
      expect(children.body.items).toEqual([
        { name: 'AMS01' },
        { name: 'FRA01' },
        { name: 'LON01' },
      ]);
      const below = await call('locations', { within: L.site, fields: ['name'] });
      expect(below.body.items).toEqual([{ name: L.building }, { name: L.floor }]);
      const planned = await call('locations', { status: 'Planned', fields: ['name'] });
      expect(planned.body.items).toEqual([{ name: L.siteWithoutPrefixes }]);
    });

    it('rejects unknown type, parent and status values with close matches', async () => {
      const type = await call('locations', { locationType: 'site' });
      expect(type.status).toBe(400);
      expect(type.body).toMatchObject({
        type: 'unknown-filter-value',
        filter: 'location_type',
        suggestions: ['Site'],
      });
      const parent = await call('locations', { parent: 'Europa' });
      expect(parent.body).toMatchObject({ type: 'unknown-location', suggestions: ['Europe'] });
      const within = await call('locations', { within: 'AMS1' });
      expect(within.body.type).toBe('unknown-location');
      const status = await call('locations', { status: 'planned' });
      expect(status.body).toMatchObject({ type: 'unknown-status', suggestions: ['Planned'] });
      const bad = await call('locations', { name: '', region: 'Europe' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['name', 'region']);
    });
  });

  describe('devices', () => {
    it('lists every device without filters, paged', async () => {
      const { body } = await call('devices', { limit: 1000, brief: true });
      expect(body.total).toBe(DEMO_FIXTURES.totals.devices);
      const page = await call('devices', { limit: 10 });
      expect(page.body.count).toBe(10);
      expect(page.body.truncated).toBe(true);
    });

    it('filters by location with and without child locations', async () => {
      const tree = await call('devices', { location: 'emea', limit: 1000, fields: ['location'] });
      expect(tree.body.count).toBe(counts.Europe.devices);
      const own = await call('devices', { location: L.site, includeChildLocations: false });
      expect(own.body.count).toBe(0);
      const withChildren = await call('devices', { location: L.site, fields: ['location'] });
      expect(withChildren.body.count).toBe(counts[L.site].devices);
      expect(new Set(withChildren.body.items.map((d: any) => d.location))).toEqual(
        new Set([L.floor]),
      );
    });

    it('combines role, status, platform, device type, tenant and name filters', async () => {
      const leafs = await call('devices', { location: 'Europe', role: 'leaf', status: 'Active' });
      expect(leafs.body.count).toBeGreaterThan(0);
      for (const d of leafs.body.items) {
        expect(d).toMatchObject({ role: 'leaf', status: 'Active' });
      }
      const offline = await call('devices', { status: 'Offline', fields: ['name'] });
      expect(offline.body.items).toEqual([{ name: DEMO_FIXTURES.devices.offline }]);
      const example = (await call('devices', { name: DEMO_FIXTURES.devices.example })).body
        .items[0];
      const same = await call('devices', {
        platform: example.platform,
        deviceType: example.device_type,
        location: L.site,
        role: example.role,
        fields: ['name', 'platform', 'device_type'],
      });
      expect(same.body.items.map((d: any) => d.name)).toContain(DEMO_FIXTURES.devices.example);
      for (const d of same.body.items) {
        expect(d.platform).toBe(example.platform);
        expect(d.device_type).toBe(example.device_type);
      }
      const byName = await call('devices', { name: 'SPINE0', location: L.site, fields: ['name'] });
      expect(byName.body.items).toEqual([{ name: 'ams01-spine01' }, { name: 'ams01-spine02' }]);
      const byRegex = await call('devices', { nameRegex: '^(ams|fra)01-edge0[1]$', brief: true });
      expect(byRegex.body.items.map((d: any) => d.name)).toEqual(['ams01-edge01', 'fra01-edge01']);
      const tenant = await call('devices', { tenant: DEMO_FIXTURES.tenants[0] });
      expect(tenant.status).toBe(200);
    });

    it('rejects unknown filter values with close matches, never an unfiltered list', async () => {
      const cases: [Record<string, unknown>, Record<string, unknown>][] = [
        [{ location: 'AMS1' }, { type: 'unknown-location', suggestions: ['AMS01'] }],
        [{ role: 'leafs' }, { type: 'unknown-role', suggestions: ['leaf'] }],
        [{ status: 'active' }, { type: 'unknown-status', suggestions: ['Active'] }],
        [
          { platform: 'arista' },
          { type: 'unknown-filter-value', filter: 'platform', value: 'arista' },
        ],
        [{ deviceType: 'MX-204' }, { type: 'unknown-filter-value', suggestions: ['MX204'] }],
        [{ tenant: 'Acme' }, { type: 'unknown-filter-value', suggestions: ['Acme Corp'] }],
      ];
      for (const [args, problem] of cases) {
        const { status, body } = await call('devices', args);
        expect(status).toBe(400);
        expect(body).toMatchObject(problem);
        expect(body.detail).toContain('Did you mean');
      }
    });

    it('rejects bad arguments', async () => {
      const noLocation = await call('devices', { includeChildLocations: false });
      expect(noLocation.status).toBe(400);
      expect(noLocation.body.errors[0].field).toBe('includeChildLocations');
      const regex = await call('devices', { nameRegex: '(unclosed' });
      expect(regex.status).toBe(400);
      expect(regex.body.errors[0].field).toBe('nameRegex');
      const types = await call('devices', { role: ['leaf'], limit: 0 });
      // One message per field (issue 11, item 14).
      expect(types.body.errors).toEqual([
        { field: 'limit', message: 'limit must not be less than 1' },
        { field: 'role', message: 'role must be a string' },
      ]);
    });
  });

  describe('device_details', () => {
    it('answers the device and a page of its interfaces', async () => {
      const { status, body } = await call('device_details', {
        name: DEMO_FIXTURES.devices.example,
        limit: 5,
      });
      expect(status).toBe(200);
      expect(body.device).toMatchObject({
        name: DEMO_FIXTURES.devices.example,
        role: 'spine',
        status: 'Active',
        location: L.floor,
        manufacturer: 'Arista',
        rack: 'AMS01-R01',
        position: 40,
        face: 'front',
        primary_ip4: '10.11.128.10/24',
        tags: ['core', 'production'],
      });
      expect(body.count).toBe(5);
      expect(body.truncated).toBe(true);
      const first = body.items[0];
      expect(first).toMatchObject({
        name: 'Ethernet1/1',
        enabled: true,
        type: '100gbase-x-qsfp28',
      });
      expect(first.mac_address).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
      expect(first.ip_addresses).toEqual(['10.11.192.0/31']);
      expect(first.cable_peer).toBe('ams01-leaf01:Ethernet49/1');
    });

    it('pages interfaces to the end and shows circuits and IPs', async () => {
      const seen: any[] = [];
      let cursor: string | undefined;
      for (;;) {
        const { body } = await call('device_details', {
          name: DEMO_FIXTURES.devices.edge,
          limit: 3,
          fields: ['name', 'ip_addresses', 'circuit'],
          ...(cursor ? { cursor } : {}),
        });
        expect(body.device.name).toBe(DEMO_FIXTURES.devices.edge);
        seen.push(...body.items);
        if (!body.truncated) {
          expect(body.total).toBe(seen.length);
          break;
        }
        cursor = body.nextCursor;
      }
      expect(seen.find((i) => i.name === 'xe-0/1/0').circuit).toBe('NTT-AMS-700112/A');
      expect(seen.find((i) => i.name === 'lo0').ip_addresses).toHaveLength(2);
      expect(new Set(seen.map((i) => i.name)).size).toBe(seen.length);
    });

    it('answers a device without rack or primary IP with nulls', async () => {
      const { body } = await call('device_details', {
        name: DEMO_FIXTURES.devices.withoutPrimaryIp,
        brief: true,
      });
      expect(body.device).toMatchObject({ rack: null, position: null, primary_ip4: null });
      expect(Object.keys(body.items[0])).toEqual(['id', 'name', 'enabled']);
    });

    it('400s an unknown device with close names, and bad arguments', async () => {
      const unknown = await call('device_details', { name: 'ams01-spine1' });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ type: 'unknown-filter-value', kind: 'device' });
      expect(unknown.body.suggestions).toContain('ams01-spine01');
      const elsewhere = await call('device_details', { name: 'ams01-spine01', location: 'FRA01' });
      expect(elsewhere.body.type).toBe('unknown-filter-value');
      const badLocation = await call('device_details', { name: 'ams01-spine01', location: 'FRA1' });
      expect(badLocation.body.type).toBe('unknown-location');
      const missing = await call('device_details', {});
      expect(missing.body.errors[0].field).toBe('name');
      const field = await call('device_details', { name: 'ams01-spine01', fields: ['serial'] });
      expect(field.status).toBe(400);
      expect(field.body.errors[0].message).toContain('cable_peer');
    });
  });

  describe('racks_by_location', () => {
    it('lists racks with used and free units and their devices, top first', async () => {
      const { status, body } = await call('racks_by_location', { location: 'amsterdam' });
      expect(status).toBe(200);
      expect(body.count).toBe(counts[L.site].racks);
      for (const rack of body.items) {
        expect(rack.location).toBe(L.floor);
        expect(rack.u_height).toBe(42);
        expect(rack.used_units + rack.free_units).toBe(42);
        expect(rack.device_count).toBe(rack.devices.length);
        const units = rack.devices.reduce((n: number, d: any) => n + d.u_height, 0);
        expect(rack.used_units).toBe(units);
        const positions = rack.devices.map((d: any) => d.position);
        expect(positions).toEqual([...positions].sort((a, b) => b - a));
      }
      const r01 = body.items.find((r: any) => r.name === 'AMS01-R01');
      expect(r01.devices.map((d: any) => d.name)).toContain(DEMO_FIXTURES.devices.example);
    });

    it('filters by status and child locations, and rejects unknown values', async () => {
      const region = await call('racks_by_location', { location: 'Europe', brief: true });
      expect(region.body.count).toBe(counts.Europe.racks);
      expect(Object.keys(region.body.items[0])).toEqual(['id', 'name', 'free_units']);
      const own = await call('racks_by_location', {
        location: L.site,
        includeChildLocations: false,
      });
      expect(own.body.count).toBe(0);
      const planned = await call('racks_by_location', { location: 'APAC', status: 'Planned' });
      expect(planned.body.count).toBe(counts.APAC.racks);
      const status = await call('racks_by_location', { location: 'AMS01', status: 'Plannd' });
      expect(status.body).toMatchObject({ type: 'unknown-status', suggestions: ['Planned'] });
      const group = await call('racks_by_location', { location: 'AMS01', rackGroup: 'Row Z' });
      expect(group.body).toMatchObject({ type: 'unknown-filter-value', kind: 'rack_group' });
      const role = await call('racks_by_location', { location: 'AMS01', role: 'nope' });
      expect(role.body.type).toBe('unknown-role');
      const noLocation = await call('racks_by_location', {});
      expect(noLocation.body.errors[0].field).toBe('location');
    });
  });
});
