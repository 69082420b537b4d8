import { describe, expect, it } from '@jest/globals';
import { DEMO_TOKEN, NautobotSimulator } from './index.js';

async function gql(sim: NautobotSimulator, query: string, variables?: unknown) {
  const res = await sim.handle({
    method: 'POST',
    path: '/api/graphql/',
    headers: {
      authorization: `Token ${DEMO_TOKEN}`,
      'content-type': 'application/json',
      host: 'scale.local',
    },
    body: JSON.stringify({ query, variables }),
  });
  return JSON.parse(res.body) as {
    data?: Record<string, Record<string, unknown>[] | Record<string, unknown> | null>;
    errors?: { message: string }[];
  };
}

interface P {
  prefix: string;
  id: string;
  locations?: { name: string }[];
  parent?: { prefix: string } | null;
  type?: string;
}

describe('scale data set (1,000,000 prefixes)', () => {
  const sim = new NautobotSimulator({ dataset: { prefixes: 1_000_000 } });
  const PAGE =
    'query ($loc: [String], $o: Int) { prefixes(location: $loc, limit: 1000, offset: $o) { id prefix type locations { name } parent { prefix } } }';

  it('builds 100 sites in 10 regions holding 10,000 prefixes each', async () => {
    const body = await gql(
      sim,
      '{ locations(location_type: "Site", limit: 3) { name parent { name } prefixes(prefix_length: 16) { prefix } } r: locations(location_type: "Region") { name } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.locations).toEqual([
      { name: 'AMS01', parent: { name: 'Region 01' }, prefixes: [{ prefix: '10.0.0.0/16' }] },
      { name: 'AMS02', parent: { name: 'Region 03' }, prefixes: [{ prefix: '10.28.0.0/16' }] },
      { name: 'AMS03', parent: { name: 'Region 06' }, prefixes: [{ prefix: '10.56.0.0/16' }] },
    ]);
    expect(body.data?.r).toHaveLength(10);
    const count = await gql(sim, '{ locations(location_type: "Site") { name } }');
    expect(count.data?.locations).toHaveLength(100);
  });

  it('serves page N of a location in order', async () => {
    const body = await gql(sim, PAGE, { loc: 'AMS01', o: 9000 });
    const page = body.data?.prefixes as unknown as P[];
    expect(page).toHaveLength(1000);
    expect(page[0]).toMatchObject({
      prefix: '10.0.140.156/30',
      type: 'NETWORK',
      locations: [{ name: 'AMS01' }],
      parent: { prefix: '10.0.0.0/16' },
    });
    expect(page[999].prefix).toBe('10.0.156.56/30');
    const last = await gql(sim, PAGE, { loc: 'AMS01', o: 9999 });
    expect((last.data?.prefixes as unknown as P[]).map((p) => p.prefix)).toEqual([
      '10.0.156.56/30',
    ]);
    const beyond = await gql(sim, PAGE, { loc: 'AMS01', o: 10_000 });
    expect(beyond.data?.prefixes).toEqual([]);
  });

  it('pages through a region (descendant sites) and the whole table', async () => {
    const region = await gql(sim, PAGE, { loc: 'Region 01', o: 99_500 });
    const page = region.data?.prefixes as unknown as P[];
    expect(page).toHaveLength(500);
    expect(page.at(-1)?.locations).toEqual([{ name: 'FRA01' }]);
    const tail = await gql(
      sim,
      '{ prefixes(offset: 999998) { prefix status { name } namespace { name } description } }',
    );
    expect(tail.data?.prefixes).toEqual([
      {
        prefix: '10.99.156.52/30',
        status: { name: 'Active' },
        namespace: { name: 'Global' },
        description: '',
      },
      {
        prefix: '10.99.156.56/30',
        status: { name: 'Active' },
        namespace: { name: 'Global' },
        description: '',
      },
    ]);
    const first = await gql(
      sim,
      '{ prefixes(limit: 1) { prefix network broadcast prefix_length ip_version description created last_updated url } }',
    );
    expect(first.data?.prefixes).toEqual([
      {
        prefix: '10.0.0.0/16',
        network: '10.0.0.0',
        broadcast: '10.0.255.255',
        prefix_length: 16,
        ip_version: 4,
        description: 'AMS01 aggregate',
        created: '2024-02-01T00:00:00.000000+00:00',
        last_updated: '2024-02-02T00:00:00.000000+00:00',
        url: expect.stringMatching(
          /^http:\/\/scale\.local\/api\/ipam\/prefixes\/[0-9a-f-]{36}\/$/,
        ) as unknown,
      },
    ]);
  });

  it('looks prefixes up by id, natural key and combined filters', async () => {
    const page = (await gql(sim, PAGE, { loc: 'ZRH01', o: 10 })).data?.prefixes as unknown as P[];
    const { id, prefix } = page[0];
    const byId = await gql(
      sim,
      `{ prefix(id: "${id}") { prefix children { prefix } } prefixes(id: ["${id}", "${id}"], location: "ZRH01") { prefix } }`,
    );
    expect(byId.data?.prefix).toEqual({ prefix, children: [] });
    expect(byId.data?.prefixes).toEqual([{ prefix }]);
    expect(
      (await gql(sim, '{ prefix(id: "00000000-0000-4000-8000-000000000001") { prefix } }')).data
        ?.prefix,
    ).toBeNull();
    const byKey = await gql(sim, `{ prefixes(parent: "10.27.0.0/16", limit: 2) { prefix } }`);
    expect(byKey.data?.prefixes).toEqual([{ prefix: '10.27.0.0/30' }, { prefix: '10.27.0.4/30' }]);
    const reserved = await gql(
      sim,
      '{ prefixes(location: "ATL01", status: "Reserved", limit: 2) { prefix status { name } } }',
    );
    expect(reserved.data?.prefixes).toEqual([
      { prefix: '10.1.0.196/30', status: { name: 'Reserved' } },
      { prefix: '10.1.1.140/30', status: { name: 'Reserved' } },
    ]);
    const parent = await gql(sim, '{ prefixes(parent: "10.27.0.4/30") { prefix } }');
    expect(parent).toEqual({ data: { prefixes: [] } });
    for (const missing of ['10.200.0.0/16', '10.27.0.2/30', 'nonsense', '10.27.0.0']) {
      const res = await gql(sim, `{ prefixes(parent: "${missing}") { prefix } }`);
      expect(res.errors?.[0].message).toContain("'parent'");
    }
  });

  it('a container lists its children lazily', async () => {
    const body = await gql(
      sim,
      '{ prefixes(prefix: "10.83.0.0/16", location: "ZRH03") { prefix children(prefix_length: 30, status: "Reserved") { prefix } } }',
    );
    expect(body.errors).toBeUndefined();
    const [container] = body.data?.prefixes as { children: unknown[] }[];
    expect(container.children).toHaveLength(199);
  });
});

describe('scale data set sizing', () => {
  it('spreads small data sets evenly and validates the size', async () => {
    const sim = new NautobotSimulator({ dataset: { prefixes: 2_501 } });
    const sites = await gql(
      sim,
      '{ locations(location_type: "Site") { name prefixes { prefix } } }',
    );
    const counts = (sites.data?.locations as { prefixes: unknown[] }[]).map(
      (l) => l.prefixes.length,
    );
    expect(counts).toEqual([834, 834, 833]);
    const all = await gql(sim, '{ prefixes(prefix_length: 20) { prefix } }');
    expect(all.data?.prefixes).toEqual([
      { prefix: '10.0.0.0/20' },
      { prefix: '10.0.16.0/20' },
      { prefix: '10.0.32.0/20' },
    ]);
    const empty = new NautobotSimulator({ dataset: { prefixes: 0 } });
    expect((await gql(empty, '{ prefixes { prefix } }')).data?.prefixes).toEqual([]);
    expect(() => new NautobotSimulator({ dataset: { prefixes: 1_000_001 } })).toThrow(RangeError);
    expect(() => new NautobotSimulator({ dataset: { prefixes: 1.5 } })).toThrow(RangeError);
  });
});

describe('scale devices', () => {
  it('racks the requested number of devices at every site, with primary IPs', async () => {
    const sim = new NautobotSimulator({ dataset: { prefixes: 2000, devicesPerSite: 7 } });
    const sites = await gql(sim, '{ locations(location_type: "Site") { name devices { name } } }');
    const locations = sites.data?.locations as { name: string; devices: unknown[] }[];
    expect(locations.map((l) => l.devices.length)).toEqual([7, 7]);
    const leafs = await gql(
      sim,
      '{ devices(location: "AMS01", role: "leaf") { name rack { name } position primary_ip4 { address } platform { name } } }',
    );
    expect(leafs.data?.devices).toEqual([
      expect.objectContaining({
        name: 'ams01-leaf001',
        rack: { name: 'AMS01-R001' },
        position: 40,
        primary_ip4: { address: '172.16.0.1/16' },
        platform: { name: 'arista_eos' },
      }),
      ...Array.from({ length: 6 }, () => expect.anything()),
    ]);
    const many = new NautobotSimulator({ dataset: { prefixes: 1000, devicesPerSite: 500 } });
    const roles = await gql(many, '{ devices(role: "spine") { name } racks { name } }');
    expect(roles.data?.devices).toHaveLength(50);
    expect(roles.data?.racks).toHaveLength(25);
    expect(
      () => new NautobotSimulator({ dataset: { prefixes: 10, devicesPerSite: 5001 } }),
    ).toThrow(RangeError);
  });
});
