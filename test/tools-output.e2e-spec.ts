import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_FIXTURES } from '@nautobot-mcp/nautobot-sim';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

/** Every page of a list tool, following nextCursor. */
async function allPages(
  url: string,
  tool: string,
  args: Record<string, unknown>,
): Promise<{ pages: any[]; items: any[] }> {
  const pages: any[] = [];
  let cursor: string | undefined;
  for (;;) {
    const { status, body } = await postJson(`${url}/tools/${tool}`, {
      ...args,
      ...(cursor ? { cursor } : {}),
    });
    expect(status).toBe(200);
    pages.push(body);
    if (!body.truncated) {
      return { pages, items: pages.flatMap((p) => p.items) };
    }
    cursor = body.nextCursor;
  }
}

/** The list tools and arguments that give a long list in the demo data set. */
const LISTS: [string, Record<string, unknown>][] = [
  ['devices_by_location', { location: 'Europe' }],
  ['devices_by_location_and_role', { location: 'Europe', role: 'leaf' }],
  ['prefixes_by_location', { location: 'Europe' }],
  ['devices', { location: 'Europe' }],
  ['prefixes', { location: 'Europe' }],
  ['locations', {}],
  ['device_details', { name: 'ams01-spine01' }],
  ['ip_addresses', { prefix: '10.0.0.0/8' }],
  ['vlans_by_location', { location: 'Europe' }],
  ['racks_by_location', { location: 'Europe' }],
  ['circuits', {}],
];

describe('output control shared by every list tool', () => {
  let t: TestApp;
  let small: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    small = await startTestApp({ MAX_RESULT_BYTES: '2048' });
  });
  afterAll(async () => {
    await t.close();
    await small.close();
  });

  it.each(LISTS)('%s takes fields, in the order asked', async (tool, args) => {
    const whole = await postJson(`${t.url}/tools/${tool}`, { ...args, limit: 3 });
    const keys = Object.keys(whole.body.items[0]);
    const fields = [keys[2], keys[0]];
    const { status, body } = await postJson(`${t.url}/tools/${tool}`, {
      ...args,
      limit: 3,
      fields,
    });
    expect(status).toBe(200);
    expect(body.items).toEqual(
      whole.body.items.map((i: any) => ({ [fields[0]]: i[fields[0]], [fields[1]]: i[fields[1]] })),
    );
    expect(Object.keys(body.items[0])).toEqual(fields);
  });

  it.each(LISTS)('%s takes brief: id, a name and one key attribute', async (tool, args) => {
    const { status, body } = await postJson(`${t.url}/tools/${tool}`, { ...args, brief: true });
    expect(status).toBe(200);
    expect(body.count).toBeGreaterThan(0);
    for (const item of body.items) {
      const keys = Object.keys(item);
      expect(keys).toHaveLength(3);
      expect(keys[0]).toBe('id');
      expect(['name', 'prefix', 'address', 'cid']).toContain(keys[1]);
    }
  });

  it.each(LISTS)('%s rejects an unknown field naming it and the valid ones', async (tool, args) => {
    const { status, body } = await postJson(`${t.url}/tools/${tool}`, {
      ...args,
      fields: ['name', 'colour'],
    });
    expect(status).toBe(400);
    expect(body.type).toBe('invalid-arguments');
    expect(body.errors[0].field).toBe('fields');
    expect(body.errors[0].message).toContain('"colour"');
    expect(body.errors[0].message).toContain('valid fields: id,');
  });

  it('rejects fields with brief, empty fields and non-names', async () => {
    for (const args of [
      { brief: true, fields: ['id'] },
      { fields: [] },
      { fields: ['na me'] },
      { fields: 'name' },
      { brief: 'yes' },
    ]) {
      const { status, body } = await postJson(`${t.url}/tools/devices`, args);
      expect(status).toBe(400);
      expect(body.type).toBe('invalid-arguments');
    }
  });

  it('accepts fields a user added to the query file (see rest.e2e-spec) and the mapped ones', async () => {
    const { status, body } = await postJson(`${t.url}/tools/prefixes`, {
      location: 'AMS01',
      fields: ['vlan_name', 'vlan'],
      limit: 2,
    });
    expect(status).toBe(200);
    expect(Object.keys(body.items[0])).toEqual(['vlan_name', 'vlan']);
  });

  it('binds the cursor to the filters and to the fields/brief choice', async () => {
    const first = await postJson(`${t.url}/tools/devices`, {
      location: 'Europe',
      limit: 2,
      fields: ['name'],
    });
    expect(first.body.truncated).toBe(true);
    for (const other of [
      { location: 'Europe', limit: 2, fields: ['name', 'role'] },
      { location: 'Europe', limit: 2, brief: true },
      { location: 'Europe', limit: 2 },
      { location: 'AMS01', limit: 2, fields: ['name'] },
    ]) {
      const { status, body } = await postJson(`${t.url}/tools/devices`, {
        ...other,
        cursor: first.body.nextCursor,
      });
      expect(status).toBe(400);
      expect(body.type).toBe('invalid-cursor');
    }
    // The same choice in another order is the same choice; the page size may change.
    const next = await postJson(`${t.url}/tools/devices`, {
      location: 'Europe',
      limit: 5,
      fields: ['name'],
      cursor: first.body.nextCursor,
    });
    expect(next.status).toBe(200);
    expect(next.body.items).toHaveLength(5);
  });

  describe('byte budget (MAX_RESULT_BYTES)', () => {
    it.each(LISTS)('%s cuts at a whole item and continues exactly after it', async (tool, args) => {
      const reference = await allPages(t.url, tool, { ...args, limit: 1000 });
      expect(reference.pages).toHaveLength(1);
      const cut = await allPages(small.url, tool, { ...args, limit: 1000 });
      expect(cut.items).toEqual(reference.items);
      if (JSON.stringify(reference.pages[0]).length > 2048) {
        expect(cut.pages.length).toBeGreaterThan(1);
      }
      for (const page of cut.pages) {
        expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThanOrEqual(2048);
        expect(page.count).toBe(page.items.length);
      }
      const last = cut.pages[cut.pages.length - 1];
      expect(last.total).toBe(reference.items.length);
    });

    it('says why a page was cut, in meta.warnings', async () => {
      const { body } = await postJson(`${small.url}/tools/invoke`, {
        name: 'devices',
        arguments: { location: 'Europe' },
      });
      expect(body.result.truncated).toBe(true);
      expect(body.result.count).toBeLessThan(DEMO_FIXTURES.counts.Europe.devices);
      expect(body.meta.warnings[0]).toContain('MAX_RESULT_BYTES (2048 bytes)');
    });

    it('fits more items per page with brief', async () => {
      const whole = await postJson(`${small.url}/tools/devices`, { location: 'Europe' });
      const brief = await postJson(`${small.url}/tools/devices`, {
        location: 'Europe',
        brief: true,
      });
      expect(brief.body.count).toBeGreaterThan(whole.body.count);
    });
  });
});
