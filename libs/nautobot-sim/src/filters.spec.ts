import { describe, expect, it } from '@jest/globals';
import { DEMO_FIXTURES, DEMO_TOKEN, NautobotSimulator } from './index.js';

const sim = new NautobotSimulator();

async function gql(query: string, variables?: unknown) {
  const res = await sim.handle({
    method: 'POST',
    path: '/api/graphql/',
    headers: { authorization: `Token ${DEMO_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return JSON.parse(res.body) as { data?: Record<string, unknown>; errors?: { message: string }[] };
}

/** Names (or another key) of a list field's items. */
async function list(query: string, key = 'name'): Promise<unknown[]> {
  const body = await gql(query);
  expect(body.errors).toBeUndefined();
  const data = body.data as Record<string, Record<string, unknown>[]>;
  return Object.values(data)[0].map((item) => item[key]);
}

async function error(query: string): Promise<string> {
  const body = await gql(query);
  expect(body.errors).toHaveLength(1);
  return (body.errors as { message: string }[])[0].message;
}

describe('string lookups', () => {
  it('exact and suffixed name filters', async () => {
    expect(await list('{ devices(name: ["ams01-edge01", "nope"]) { name } }')).toEqual([
      'ams01-edge01',
    ]);
    expect(await list('{ devices(name: "AMS01-EDGE01") { name } }')).toEqual([]);
    expect(await list('{ devices(name__ie: "AMS01-EDGE01") { name } }')).toEqual(['ams01-edge01']);
    expect(await list('{ devices(name__ic: "EDGE", location: "Europe") { name } }')).toEqual([
      'ams01-edge01',
      'ams01-edge02',
      'fra01-edge01',
      'lon01-edge01',
      'lon01-edge02',
    ]);
    expect(await list('{ devices(name__isw: "SJC01-S") { name } }')).toEqual([
      'sjc01-spine01',
      'sjc01-spine02',
    ]);
    expect(await list('{ devices(name__iew: "LEAF04") { name } }')).toEqual([
      'ams01-leaf04',
      'lon01-leaf04',
      'nyc01-leaf04',
    ]);
    expect(await list('{ devices(name__re: "^sin01-(spine|leaf)0[12]$") { name } }')).toEqual([
      'sin01-leaf01',
      'sin01-leaf02',
      'sin01-spine01',
    ]);
    expect(await list('{ devices(name__ire: "^SIN01-SPINE") { name } }')).toEqual([
      'sin01-spine01',
    ]);
    expect(await list('{ devices(name__re: "(") { name } }')).toEqual([]);
    const all = DEMO_FIXTURES.totals.devices;
    expect(await list('{ devices(name__n: "ams01-edge01") { name } }')).toHaveLength(all - 1);
    expect(await list('{ devices(name__nic: ["edge", "spine"]) { name } }')).toHaveLength(
      all - (await list('{ devices(role: ["edge", "spine"]) { name } }')).length,
    );
    expect(
      await list(
        '{ devices(name__nisw: "a", name__niew: "1", name__nie: "x", name__nre: "leaf", name__nire: "SPINE") { name } }',
      ),
    ).toEqual(['lon01-edge02', 'nyc01-edge02']);
    expect(await list('{ devices(name: []) { name } }')).toHaveLength(all);
  });

  it('serial is case-insensitive exact; asset_tag supports isnull', async () => {
    const [serial] = (await list(
      '{ devices(name: "ams01-spine01") { serial } }',
      'serial',
    )) as string[];
    expect(await list(`{ devices(serial: "${serial.toLowerCase()}") { name } }`)).toEqual([
      'ams01-spine01',
    ]);
    expect(await list('{ devices(asset_tag__isnull: true, location: "FRA01") { name } }')).toEqual([
      'fra01-console01',
      'fra01-edge01',
    ]);
    expect(
      await list('{ devices(asset_tag__isnull: false, location: "FRA01") { name } }'),
    ).toHaveLength(4);
  });
});

describe('related-object filters', () => {
  it('name-or-UUID values, OR within a filter, AND across filters', async () => {
    const ids = (await list('{ roles(name: "edge") { id } }', 'id')) as string[];
    expect(
      await list(`{ devices(location: "FRA01", role: ["${ids[0]}", "console"]) { name } }`),
    ).toEqual(['fra01-console01', 'fra01-edge01']);
    expect(
      await list('{ devices(role: "spine", platform: "cisco_nxos", status: "Active") { name } }'),
    ).toEqual(['fra01-spine01', 'fra01-spine02', 'nyc01-spine01', 'nyc01-spine02']);
    expect(await list('{ devices(status: "Offline") { name } }')).toEqual([
      DEMO_FIXTURES.devices.offline,
    ]);
    expect(
      await list('{ devices(status__n: "Active", location: "North America") { name } }'),
    ).toEqual(['nyc01-leaf04']);
    expect(await list('{ devices(platform__isnull: true, location: "LON01") { name } }')).toEqual([
      'lon01-console01',
    ]);
    expect(
      await list('{ devices(device_type: "MX204", location: "North America") { name } }'),
    ).toEqual(['nyc01-edge01', 'nyc01-edge02', 'sjc01-edge01']);
    expect(await list('{ devices(manufacturer: "Juniper", role: "spine") { name } }')).toEqual([
      'sjc01-spine01',
      'sjc01-spine02',
    ]);
    expect(await list('{ devices(rack: "FRA01-R02") { name } }')).toEqual([
      'fra01-leaf02',
      'fra01-spine02',
    ]);
    expect(await list('{ devices(rack__isnull: true) { name } }')).toEqual([
      'sin01-leaf01',
      'sin01-leaf02',
      'sin01-spine01',
    ]);
    expect(await error('{ devices(rack_group: "x") { name } }')).toBe(
      "{'rack_group': ['Select a valid choice. x is not one of the available choices.']}",
    );
    expect(await error('{ devices(cluster: "c1") { name } }')).toContain("'cluster'");
    expect(await error('{ devices(software_version: "1.0") { name } }')).toContain(
      "'software_version'",
    );
    expect(await error('{ devices(virtual_chassis: "vc") { name } }')).toContain(
      "'virtual_chassis'",
    );
  });

  it('tags values are AND-ed', async () => {
    const core = await list('{ devices(tags: "core") { name } }');
    const both = await list('{ devices(tags: ["core", "production"]) { name } }');
    expect(both.length).toBeLessThan(core.length);
    expect(both).not.toContain('sin01-spine01');
    expect(core).toContain('sin01-spine01');
    expect(
      await list('{ devices(tags__n: "production", location: "SIN01") { name } }'),
    ).toHaveLength(3);
  });

  it('tenancy filters: tenant, tenant_id (UUID only), tenant_group (tree)', async () => {
    expect(await list('{ prefixes(tenant: "Globex") { prefix } }', 'prefix')).toEqual([
      '10.12.0.0/24',
      '10.12.1.0/24',
      '10.21.0.0/24',
      '10.21.1.0/24',
      '2001:db8:12:100::/64',
      '2001:db8:21:100::/64',
    ]);
    expect(await list('{ prefixes(tenant_group: "Customers") { prefix } }', 'prefix')).toHaveLength(
      12,
    );
    expect(await error('{ prefixes(tenant_id: "Globex") { prefix } }')).toBe(
      "{'tenant_id': ['“Globex” is not a valid value.']}",
    );
    const [id] = (await list('{ tenants(name: "NetOps") { id } }', 'id')) as string[];
    expect(await list(`{ circuits(tenant_id: "${id}", provider: "Zayo") { cid } }`, 'cid')).toEqual(
      ['ZYO-DF-AMS-FRA-01', 'ZYO-FRA-220731', 'ZYO-NYC-220119'],
    );
    expect(
      await list('{ prefixes(tenant__isnull: false, location: "SJC01") { prefix } }', 'prefix'),
    ).toEqual(['10.22.128.0/24']);
  });

  it('id and id__n validate UUIDs', async () => {
    const ids = (await list('{ providers { id } }', 'id')) as string[];
    expect(
      await list(`{ providers(id: ["${ids[0]}", "${ids[2].toUpperCase()}"]) { name } }`),
    ).toEqual(['Lumen', 'Zayo']);
    expect(await list(`{ providers(id__n: "${ids[0]}") { name } }`)).toEqual(['NTT', 'Zayo']);
    expect(await error('{ providers(id: "nope") { name } }')).toBe(
      "{'id': ['Enter a valid UUID.']}",
    );
  });
});

describe('numbers, booleans and choices', () => {
  it('number lookups', async () => {
    expect(await list('{ vlans(vid__gte: 1000) { vid } }', 'vid')).toEqual([
      1000, 1000, 1000, 2000, 1000, 1000, 3000,
    ]);
    expect(
      await list('{ vlans(vid__lt: 101, vid__gt: 99, location: "Europe") { vid } }', 'vid'),
    ).toEqual([100, 100, 100]);
    expect(await list('{ vlans(vid__lte: 100, vid__n: 100) { name } }')).toEqual([]);
    expect(await list('{ prefixes(prefix_length: [8, 32]) { prefix } }', 'prefix')).toEqual([
      '10.0.0.0/8',
      '2001:db8::/32',
    ]);
    expect(await list('{ locations(asn: 65011) { name } }')).toEqual(['AMS01']);
    expect(
      await list('{ locations(asn__isnull: true, location_type: "Region") { name } }'),
    ).toEqual(['APAC', 'Europe', 'North America']);
    expect(await list('{ devices(position__gte: 40, location: "NYC01") { name } }')).toEqual([
      'nyc01-console01',
      'nyc01-spine01',
      'nyc01-spine02',
    ]);
  });

  it('boolean filters', async () => {
    expect(await list('{ devices(has_primary_ip: false) { name } }')).toEqual([
      'sin01-leaf01',
      'sin01-leaf02',
      'sin01-spine01',
    ]);
    expect(await list('{ locations(has_devices: true) { name } }')).toEqual([
      'AMS01-DC1-F1',
      'FRA01',
      'LON01',
      'NYC01',
      'SIN01',
      'SJC01',
    ]);
    expect(
      await list(
        '{ locations(has_prefixes: false, has_racks: false, has_vlans: false, has_circuit_terminations: false) { name } }',
      ),
    ).toEqual(['AMS01-DC1', 'APAC', 'Europe', 'North America']);
    expect(await list('{ interfaces(device: "ams01-leaf01", enabled: false) { name } }')).toEqual([
      'Ethernet6',
    ]);
    expect(await list('{ interfaces(device: "ams01-leaf01", mgmt_only: true) { name } }')).toEqual([
      'Management1',
    ]);
    expect(await list('{ location_types(nestable: true) { name } }')).toEqual(['Region']);
    expect(await list('{ prefixes(has_rir: true) { prefix } }', 'prefix')).toEqual(['10.0.0.0/8']);
    expect(await list('{ prefixes(rir: "RFC 1918") { prefix } }', 'prefix')).toEqual([
      '10.0.0.0/8',
    ]);
  });

  it('choice filters validate REST values', async () => {
    expect(await list('{ devices(face: "rear") { name } }')).toEqual([]);
    expect(await list('{ devices(face__n: "front") { name } }')).toEqual([
      'sin01-leaf01',
      'sin01-leaf02',
      'sin01-spine01',
    ]);
    expect(await error('{ devices(face: "FRONT") { name } }')).toBe(
      "{'face': ['Select a valid choice. FRONT is not one of the available choices.']}",
    );
    expect(
      await list('{ interfaces(device: "ams01-leaf01", mode: "tagged-all") { name } }'),
    ).toEqual(['Port-Channel10']);
    expect(await list('{ racks(width: "19", location: "FRA01") { name } }')).toEqual([
      'FRA01-R01',
      'FRA01-R02',
    ]);
    expect(
      await list(
        '{ prefixes(type__n: ["network", "pool"], location: "AMS01") { prefix } }',
        'prefix',
      ),
    ).toEqual(['10.11.0.0/16', '2001:db8:11::/48']);
    expect(await list('{ circuit_terminations(term_side: "Z") { id } }', 'id')).toHaveLength(2);
    const racks = await gql('{ racks(_type: "4-post-cabinet") { name } }');
    expect(racks.errors?.[0].message).toBe("{'_type': ['Unknown filter field']}");
    const ips = await gql('{ ip_addresses(_type: "host") { address } }');
    expect(ips.errors?.[0].message).toBe("{'_type': ['Unknown filter field']}");
    const ifs = await gql('{ interfaces(_type: "lag") { name } }');
    expect(ifs.errors?.[0].message).toBe("{'_type': ['Unknown filter field']}");
    expect(
      await list(
        '{ locations(name: "FRA01") { racks(_type: "4-post-cabinet") { name } } }',
        'racks',
      ),
    ).toEqual([[{ name: 'FRA01-R01' }, { name: 'FRA01-R02' }]]);
  });
});

describe('IPAM filters', () => {
  it('prefix, within, within_include, contains, ip_version', async () => {
    expect(
      await list(
        '{ prefixes(prefix: "10.11.0.99/24") { prefix namespace { name } } }',
        'namespace',
      ),
    ).toEqual([{ name: 'Global' }, { name: 'Lab' }]);
    expect(await list('{ prefixes(prefix: "not-an-ip") { prefix } }', 'prefix')).toEqual([]);
    expect(await list('{ prefixes(within: "10.22.0.0/16") { prefix } }', 'prefix')).toEqual([
      '10.22.0.0/24',
      '10.22.1.0/24',
      '10.22.128.0/24',
      '10.22.192.0/24',
      '10.22.255.0/24',
    ]);
    expect(
      await list('{ prefixes(within_include: "10.22.0.0/16") { prefix } }', 'prefix'),
    ).toHaveLength(6);
    expect(
      await list('{ prefixes(contains: "10.21.128.7", namespace: "Global") { prefix } }', 'prefix'),
    ).toEqual(['10.0.0.0/8', '10.21.0.0/16', '10.21.128.0/24']);
    expect(
      await list('{ prefixes(ip_version: 6, location: "NYC01") { prefix } }', 'prefix'),
    ).toEqual(['2001:db8:21::/48', '2001:db8:21:100::/64', '2001:db8:21:ffff::/64']);
    expect(await list('{ prefixes(q: "10.13.255.9") { prefix } }', 'prefix')).toEqual([
      '10.0.0.0/8',
      '10.13.0.0/16',
      '10.13.255.0/24',
    ]);
    expect(await list('{ prefixes(q: "oob") { prefix } }', 'prefix')).toHaveLength(5);
  });

  it('vlan, vrf, parent, role and namespace filters on prefixes', async () => {
    expect(
      await list('{ prefixes(vlan_vid: 1000, location: "LON01") { prefix } }', 'prefix'),
    ).toEqual(['10.13.128.0/24']);
    const [vlanId] = (await list(
      '{ vlans(vid: 1000, location: "LON01") { id } }',
      'id',
    )) as string[];
    expect(await list(`{ prefixes(vlan_id: "${vlanId}") { prefix } }`, 'prefix')).toEqual([
      '10.13.128.0/24',
    ]);
    expect(await list('{ prefixes(vrfs: "65000:1") { prefix } }', 'prefix')).toHaveLength(5);
    expect(
      await list('{ vrfs { name rd prefixes(location: "AMS01") { prefix } } }', 'prefixes'),
    ).toEqual([
      [{ prefix: '10.11.128.0/24' }],
      [{ prefix: '10.11.0.0/24' }, { prefix: '10.11.1.0/24' }],
    ]);
    expect(await list('{ prefixes(parent: "10.21.0.0/16") { prefix } }', 'prefix')).toHaveLength(6);
    expect(await list('{ prefixes(parent__isnull: true) { prefix } }', 'prefix')).toEqual(
      ['10.0.0.0/8', '2001:db8::/32', '192.168.0.0/16', '10.11.0.0/24']
        .slice(0, 2)
        .concat(['10.11.0.0/24', '192.168.0.0/16']),
    );
    expect(
      await list('{ prefixes(role: "loopback", ip_version: 4) { prefix } }', 'prefix'),
    ).toHaveLength(5);
    expect(await list('{ prefixes(namespace: "Lab") { prefix } }', 'prefix')).toEqual([
      '10.11.0.0/24',
      '192.168.0.0/16',
      '192.168.10.0/24',
    ]);
    expect(await list('{ prefixes(description__ic: "dci") { prefix } }', 'prefix')).toEqual([
      '10.255.0.0/24',
    ]);
    expect(await list('{ prefixes(status: "Planned") { prefix } }', 'prefix')).toHaveLength(3);
  });

  it('ip address filters', async () => {
    expect(
      await list('{ ip_addresses(address: "10.11.128.10/24") { address } }', 'address'),
    ).toEqual(['10.11.128.10/24']);
    expect(
      await list(
        '{ ip_addresses(address: ["10.11.128.10", "10.11.128.10/25"]) { address } }',
        'address',
      ),
    ).toEqual(['10.11.128.10/24']);
    expect(await list('{ ip_addresses(address: "bogus") { address } }', 'address')).toEqual([]);
    expect(await list('{ ip_addresses(prefix: "10.255.0.0/24") { address } }', 'address')).toEqual([
      '10.255.0.0/31',
      '10.255.0.1/31',
    ]);
    expect(
      await list('{ ip_addresses(device: "fra01-edge01", ip_version: 6) { address } }', 'address'),
    ).toEqual(['2001:db8:12:ffff::5/128']);
    const [deviceId] = (await list('{ devices(name: "fra01-edge01") { id } }', 'id')) as string[];
    expect(
      await list(
        `{ ip_addresses(device_id: "${deviceId}", role: "loopback") { address } }`,
        'address',
      ),
    ).toEqual(['10.12.255.5/32', '2001:db8:12:ffff::5/128']);
    expect(await error('{ ip_addresses(device_id: "x") { address } }')).toBe(
      "{'device_id': ['Enter a valid UUID.']}",
    );
    const [parentId] = (await list(
      '{ prefixes(prefix: "10.12.255.0/24") { id } }',
      'id',
    )) as string[];
    expect(
      await list(`{ ip_addresses(parent: "${parentId}", mask_length: 32) { address } }`, 'address'),
    ).toHaveLength(5);
    expect(
      await list(
        '{ ip_addresses(interfaces: "fxp0", namespace: "Global", dns_name__ic: "sjc01") { address } }',
        'address',
      ),
    ).toEqual(['10.22.128.14/24']);
    expect(
      await list('{ ip_addresses(has_interface_assignments: false) { address } }', 'address'),
    ).toEqual([]);
    expect(
      await list(
        '{ ip_addresses(q: "10.21.128.10", vrfs: "65000:1") { address dns_name } }',
        'dns_name',
      ),
    ).toEqual(['nyc01-spine01.oob.example.net']);
    expect(
      await list(
        '{ ip_addresses(tenant__isnull: true, status: "Planned", limit: 1) { address } }',
        'address',
      ),
    ).toEqual(['10.21.128.15/24']);
  });

  it('vlans and vlan groups', async () => {
    expect(await list('{ vlans(vlan_group: "FRA01 VLANs") { vid } }', 'vid')).toEqual([
      100, 101, 1000,
    ]);
    expect(await list('{ vlans(vlan_group__isnull: true) { name } }')).toEqual([
      'quarantine',
      'dci-transit',
    ]);
    expect(await list('{ vlans(locations: "FRA01", role: "server") { vid } }', 'vid')).toEqual([
      100, 101,
    ]);
    expect(await list('{ vlans(q: "oob", location: "Europe") { vid } }', 'vid')).toEqual([
      1000, 1000, 1000,
    ]);
    expect(await list('{ vlans(q: "3000") { name } }')).toEqual(['dci-transit']);
    const [dev] = (await list('{ devices(name: "sjc01-leaf01") { id } }', 'id')) as string[];
    // A VLAN assigned to no location (LON01's build-lab) is available on every device.
    expect(await list(`{ vlans(available_on_device: "${dev}") { name } }`)).toEqual([
      'build-lab',
      'servers-a',
      'servers-b',
      'oob-mgmt',
      'quarantine',
    ]);
    expect(await list('{ vlan_groups(location: "Europe") { name } }')).toEqual([
      'AMS01 VLANs',
      'FRA01 VLANs',
      'LON01 VLANs',
    ]);
    expect(
      await list('{ vlan_groups(name: "NYC01 VLANs") { vlans(vid__gte: 1000) { vid } } }', 'vlans'),
    ).toEqual([[{ vid: 1000 }]]);
  });
});

describe('DCIM and circuits filters', () => {
  it('interfaces', async () => {
    expect(await list('{ interfaces(device: "nyc01-leaf01", kind: "virtual") { name } }')).toEqual([
      'loopback0',
      'port-channel10',
    ]);
    expect(
      await list(
        '{ interfaces(device: "nyc01-leaf01", kind: "physical", lag__isnull: false) { name } }',
      ),
    ).toEqual(['Ethernet1/7', 'Ethernet1/8']);
    expect(
      await list('{ interfaces(device: "nyc01-leaf01", lag: "port-channel10") { name } }'),
    ).toEqual(['Ethernet1/7', 'Ethernet1/8']);
    expect(await list('{ interfaces(device: "nyc01-leaf01", vlan: 101) { name } }')).toEqual([
      'Ethernet1/4',
      'Ethernet1/5',
    ]);
    expect(
      await list('{ interfaces(device: "nyc01-leaf02", untagged_vlan: "101") { name } }'),
    ).toEqual(['Ethernet1/1', 'Ethernet1/2', 'Ethernet1/3']);
    const [vlanId] = (await list(
      '{ vlans(vid: 102, location: "NYC01") { id } }',
      'id',
    )) as string[];
    expect(
      await list(`{ interfaces(device: "nyc01-leaf01", vlan_id: "${vlanId}") { name } }`),
    ).toEqual(['Ethernet1/4', 'Ethernet1/5']);
    expect(
      await list('{ interfaces(device: "nyc01-leaf01", tagged_vlans: "102") { name } }'),
    ).toEqual(['Ethernet1/4', 'Ethernet1/5']);
    expect(await list('{ interfaces(device: "nyc01-edge01", connected: true) { name } }')).toEqual([
      'et-0/0/0',
      'et-0/0/1',
      'xe-0/1/0',
      'xe-0/1/1',
    ]);
    expect(
      await list(
        '{ interfaces(device: "nyc01-edge01", has_cable: false, has_ip_addresses: true) { name } }',
      ),
    ).toEqual(['fxp0', 'lo0']);
    expect(
      await list('{ interfaces(ip_addresses: "10.21.128.10/24") { name device { name } } }'),
    ).toEqual(['mgmt0']);
    expect(
      await list(
        '{ interfaces(device: "nyc01-leaf01", mtu: 1500, mac_address__isnull: false, description__isw: "srv") { name } }',
      ),
    ).toEqual(['Ethernet1/1', 'Ethernet1/2', 'Ethernet1/3']);
    const [mac] = (await list(
      '{ interfaces(device: "nyc01-leaf01", name: "mgmt0") { mac_address } }',
      'mac_address',
    )) as string[];
    expect(await list(`{ interfaces(mac_address: "${mac}") { name } }`)).toEqual(['mgmt0']);
    expect(await list(`{ devices(mac_address: "${mac.toLowerCase()}") { name } }`)).toEqual([
      'nyc01-leaf01',
    ]);
    expect(await list('{ devices(ip_addresses: "10.21.128.10") { name } }')).toEqual([
      'nyc01-spine01',
    ]);
    expect(await list('{ interfaces(q: "hypervisor", device: "sjc01-leaf02") { name } }')).toEqual([
      'xe-0/0/3',
      'xe-0/0/4',
    ]);
    const [cable] = (await list(
      '{ interfaces(device: "sjc01-edge01", name: "et-0/0/0") { cable { id } } }',
      'cable',
    )) as { id: string }[];
    expect(await list(`{ interfaces(cable: "${cable.id}") { name } }`)).toEqual([
      'et-0/0/0',
      'et-0/0/6',
    ]);
    const [devId] = (await list('{ devices(name: "sjc01-edge01") { id } }', 'id')) as string[];
    expect(
      await list(
        `{ interfaces(device_id: "${devId}", label: "", status: "Active", role__isnull: true, name__ic: "lo") { name } }`,
      ),
    ).toEqual(['lo0']);
    expect(await list('{ interfaces(parent_interface__isnull: false) { name } }')).toEqual([]);
  });

  it('racks, locations, location types', async () => {
    expect(
      await list('{ racks(location: "Europe", facility_id__isnull: false) { name facility_id } }'),
    ).toEqual(['AMS01-R01', 'FRA01-R01', 'LON01-R01']);
    expect(
      await list('{ racks(u_height: 42, status: "Planned", has_devices: false) { name } }'),
    ).toEqual(['SIN01-R01']);
    expect(await list('{ racks(q: "ams01") { name } }')).toEqual(['AMS01-R01', 'AMS01-R02']);
    expect(await list('{ racks(desc_units: true) { name } }')).toEqual([]);
    expect(await list('{ locations(q: "secaucus") { name } }')).toEqual(['NYC01']);
    expect(await list('{ locations(q: "65022") { name } }')).toEqual(['SJC01']);
    expect(
      await list(
        '{ locations(time_zone: "Europe/London", facility__ic: "telehouse", status: "Active") { name } }',
      ),
    ).toEqual(['LON01']);
    expect(await list('{ locations(parent__isnull: true) { name } }')).toEqual([
      'APAC',
      'Europe',
      'North America',
    ]);
    expect(
      await list('{ locations(tags: "production", location_type__n: "Site") { name } }'),
    ).toEqual([]);
    expect(await list('{ location_types(parent: "Site") { name } }')).toEqual(['Building']);
    expect(
      await list('{ location_types(content_types: "dcim.device") { name children { name } } }'),
    ).toEqual(['Building', 'Floor', 'Site']);
  });

  it('circuits and terminations', async () => {
    expect(
      await list('{ circuits(location: "Europe", circuit_type: "Dark Fiber") { cid } }', 'cid'),
    ).toEqual(['ZYO-DF-AMS-FRA-01']);
    expect(await list('{ circuits(location: "SJC01") { cid } }', 'cid')).toEqual([
      'LMN-MPLS-NYC-SJC',
      'NTT-SJC-700733',
    ]);
    expect(await list('{ circuits(commit_rate__gte: 20000000) { cid } }', 'cid')).toEqual([
      'LMN-NYC-410101',
      'ZYO-DF-AMS-FRA-01',
      'ZYO-NYC-220119',
    ]);
    expect(await list('{ circuits(install_date__isnull: true) { cid } }', 'cid')).toEqual([
      'NTT-SIN-700900',
    ]);
    expect(await list('{ circuits(q: "lmn-mpls") { cid } }', 'cid')).toEqual(['LMN-MPLS-NYC-SJC']);
    expect(await list('{ circuits(has_terminations: false) { cid } }', 'cid')).toEqual([]);
    expect(await error('{ circuits(provider_network: "x") { cid } }')).toContain(
      "'provider_network'",
    );
    expect(
      await list(
        '{ circuit_terminations(circuit: "ZYO-DF-AMS-FRA-01") { term_side } }',
        'term_side',
      ),
    ).toEqual(['A', 'Z']);
    expect(
      await list(
        '{ circuit_terminations(location: "APAC", cable__isnull: true) { xconnect_id } }',
        'xconnect_id',
      ),
    ).toHaveLength(1);
    expect(
      await list(
        '{ circuit_terminations(port_speed__lt: 5000000, q: "NTT") { term_side } }',
        'term_side',
      ),
    ).toEqual(['A']);
  });

  it('q searches name-ish fields of every model', async () => {
    expect(await list('{ devices(q: "jpe", location: "SJC01") { name } }')).toEqual([]);
    expect(await list('{ devices(q: "opengear", location: "Europe") { name } }')).toEqual([
      'ams01-console01',
      'fra01-console01',
      'lon01-console01',
    ]);
    expect(
      await list('{ interfaces(q: "OOB management", device: "sin01-leaf01") { name } }'),
    ).toEqual(['mgmt0']);
    expect(await list('{ location_types(q: "floor") { name } }')).toEqual(['Floor']);
    expect(await list('{ vlan_groups(q: "sjc") { name } }')).toEqual(['SJC01 VLANs']);
    expect(await list('{ circuit_terminations(q: "zyo-df") { term_side } }', 'term_side')).toEqual([
      'A',
      'Z',
    ]);
    expect(await list('{ ip_addresses(q: "sin01") { address } }', 'address')).toEqual([]);
    expect(await list('{ ip_addresses(q: "2001:db8:22:ffff::1") { address } }', 'address')).toEqual(
      ['2001:db8:22:ffff::1/128'],
    );
    expect(await list('{ prefixes(q: "   ") { prefix } }', 'prefix')).toHaveLength(
      DEMO_FIXTURES.totals.prefixes,
    );
    expect(await list('{ vrfs(rd: "65000:100", namespace: "Global") { name } }')).toEqual(['PROD']);
    expect(await list('{ tenants(q: "globex", description: "") { name } }')).toEqual(['Globex']);
    expect(await list('{ platforms(network_driver__ic: "junos") { name } }')).toEqual([
      'juniper_junos',
    ]);
    expect(await list('{ location_types(description: "") { name } }')).toHaveLength(4);
  });

  it('organisation models', async () => {
    expect(await list('{ providers(asn: 6461) { name } }')).toEqual(['Zayo']);
    expect(await list('{ providers(q: "lum", account__ic: "lmn") { name } }')).toEqual(['Lumen']);
    expect(await list('{ circuit_types(description__ic: "vpn") { name } }')).toEqual(['MPLS']);
    expect(
      await list(
        '{ device_types(manufacturer: "Cisco", u_height: 1, is_full_depth: true) { model } }',
        'model',
      ),
    ).toEqual(['N9K-C9336C-FX2', 'N9K-C93180YC-FX']);
    expect(await list('{ device_types(q: "qfx") { model } }', 'model')).toEqual([
      'QFX5120-32C',
      'QFX5120-48Y',
    ]);
    expect(
      await list('{ platforms(manufacturer: "Cisco", napalm_driver: "nxos") { name } }'),
    ).toEqual(['cisco_nxos']);
    expect(await list('{ manufacturers(name__n: ["Cisco", "Arista"]) { name } }')).toEqual([
      'Juniper',
      'Opengear',
    ]);
    expect(await list('{ namespaces(q: "lab") { name } }')).toEqual(['Lab']);
    expect(await list('{ tenants(tenant_group: "Customers") { name } }')).toEqual([
      'Acme Corp',
      'Globex',
    ]);
    expect(await list('{ tenant_groups(parent__isnull: true) { name } }')).toEqual(['Customers']);
    // As real Nautobot 2.4.44 and 3.2.7 answer, with their default statuses and roles.
    expect(await list('{ statuses(content_types: "dcim.cable") { name } }')).toEqual([
      'Connected',
      'Decommissioning',
      'Planned',
    ]);
    expect(
      await list('{ roles(content_types: "ipam.ipaddress", weight__isnull: true) { name } }'),
    ).toEqual([
      'Anycast',
      'CARP',
      'GLBP',
      'HSRP',
      'loopback',
      'Loopback',
      'Secondary',
      'VIP',
      'VRRP',
    ]);
    expect(await list('{ tags(color: "9c27b0") { name } }')).toEqual(['pci']);
    expect(await list('{ rirs(q: "1918") { name } }')).toEqual(['RFC 1918']);
    expect(await list('{ rack_groups { name } }')).toEqual([]);
  });
});

describe('nested lists', () => {
  it('filter nested reverse and many-to-many relations', async () => {
    const body = await gql(`{
      locations(name: "NYC01") {
        devices(role: "edge") { name interfaces(name: ["xe-0/1/0"]) { name connected_circuit_termination { circuit { cid } } } }
        racks(name: "NYC01-R01") { devices(role: "spine") { name } }
        prefixes(prefix_length: 24, role: "mgmt") { prefix }
        vlans(vid: 100) { name }
        circuit_terminations(term_side: "A") { circuit { cid } }
        vlan_groups { name }
      }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      locations: [
        {
          devices: [
            {
              name: 'nyc01-edge01',
              interfaces: [
                {
                  name: 'xe-0/1/0',
                  connected_circuit_termination: { circuit: { cid: 'ZYO-NYC-220119' } },
                },
              ],
            },
            {
              name: 'nyc01-edge02',
              interfaces: [
                {
                  name: 'xe-0/1/0',
                  connected_circuit_termination: { circuit: { cid: 'LMN-NYC-410101' } },
                },
              ],
            },
          ],
          racks: [{ devices: [{ name: 'nyc01-spine01' }] }],
          prefixes: [{ prefix: '10.21.128.0/24' }],
          vlans: [{ name: 'servers-a' }],
          circuit_terminations: [
            { circuit: { cid: 'LMN-MPLS-NYC-SJC' } },
            { circuit: { cid: 'LMN-NYC-410101' } },
            { circuit: { cid: 'ZYO-NYC-220119' } },
          ],
          vlan_groups: [{ name: 'NYC01 VLANs' }],
        },
      ],
    });
  });

  it('resolves every object type and its url', async () => {
    const body = await gql(`{
      prefixes(prefix: "10.13.128.0/24") {
        url created last_updated _custom_field_data tags { name url } rir { name }
        namespace { url name description location { name } prefixes(prefix: "10.13.128.0/24") { prefix } tags { name } }
        vlan { url vid vlan_group { url name range location { name } vlans(vid: 1000) { vid } } interfaces_as_untagged { name } interfaces_as_tagged { name } prefixes { prefix } locations { name } tenant { name } role { url name color weight } }
        children { prefix } ip_addresses(mask_length: 24) { url address interfaces(name: "Management1") { url device { name } } primary_ip4_for { name } primary_ip6_for { name } parent { prefix } nat_inside { address } tenant { name } }
        vrfs { url name rd namespace { name } }
        tenant { url name tenant_group { url name parent { name } } tags { name } }
      }
      devices(name: "lon01-leaf01") {
        config_context local_config_context_data cluster { name } virtual_chassis { name } vc_position vc_priority
        all_interfaces { name } vc_interfaces { name }
        device_type { url part_number u_height is_full_depth subdevice_role comments devices(name: "lon01-leaf01") { name } tags { name } manufacturer { url device_types(model__ic: "7050") { model } platforms { name } } }
        platform { url napalm_args network_driver_mappings manufacturer { name } devices(name__isw: "lon01-leaf0") { name } }
        rack { url location { url name } rack_group { name } tenant { name } role { name } outer_width outer_depth devices(role: "leaf") { name } tags { name } }
        interfaces(name: ["Ethernet49/1", "Port-Channel10"]) {
          url label bridge { name } parent_interface { name } vrf { name } role { name }
          cable { url label } connected_interface { name device { name } } cable_peer_interface { name }
          member_interfaces { name } child_interfaces { name }
          tagged_vlans(vid__gte: 101) { vid }
          ip_addresses(ip_version: 4) { address }
          tags { name }
        }
      }
      circuits(cid: "ZYO-DF-AMS-FRA-01") {
        url install_date commit_rate description comments
        provider { url asn account portal_url noc_contact admin_contact comments circuits(cid__ic: "df") { cid } tags { name } }
        circuit_type { url description circuits(status: "Active", location: "AMS01") { cid } }
        circuit_termination_a { url location { name } provider_network { name } port_speed upstream_speed xconnect_id pp_info cable { label } connected_interface { name } cable_peer_interface { name } tags { name } }
        circuit_termination_z { location { name } }
      }
      location_types(name: "Site") { url description nestable parent { name } children { name } locations(name__isw: "A") { name } }
      locations(name: "AMS01") { url facility asn time_zone physical_address shipping_address latitude longitude contact_name contact_phone contact_email comments description }
      statuses(name: "Active") { url color description created last_updated }
      tags(name: "pci") { url color description }
      tenants(name: "Acme Corp") { url tenant_group { url name parent { name } } }
    }`);
    expect(body.errors).toBeUndefined();
    const text = JSON.stringify(body.data);
    for (const path of [
      'ipam/prefixes',
      'ipam/vlans',
      'ipam/vlan-groups',
      'ipam/ip-addresses',
      'ipam/vrfs',
      'ipam/namespaces',
      'dcim/interfaces',
      'dcim/racks',
      'dcim/cables',
      'dcim/device-types',
      'dcim/manufacturers',
      'dcim/platforms',
      'dcim/locations',
      'dcim/location-types',
      'circuits/circuits',
      'circuits/providers',
      'circuits/circuit-types',
      'circuits/circuit-terminations',
      'extras/statuses',
      'extras/tags',
      'extras/roles',
      'tenancy/tenants',
      'tenancy/tenant-groups',
    ]) {
      expect(text).toContain(`http://localhost/api/${path}/`);
    }
    const data = body.data as Record<string, Record<string, unknown>[]>;
    expect(data.locations[0]).toMatchObject({
      latitude: '52.303500',
      longitude: '4.938600',
      asn: 65011,
      time_zone: 'EUROPE_AMSTERDAM',
    });
    expect(data.statuses[0].created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
    expect(data.circuits[0]).toMatchObject({
      install_date: '2023-02-01',
      circuit_termination_z: { location: { name: 'FRA01' } },
    });
  });
});
