import { hashInt } from '../util/ids.js';
import { formatIp, lastOf, networkOf, parseIp, within } from '../util/ip.js';
import { compareNatural } from '../util/natural.js';
import { Builder, addLocation, buildBase, type BaseObjects } from './builder.js';
import type { NautobotLine } from './nautobot-defaults.js';
import { Store } from './dataset.js';
import { enumName } from './enums.js';
import {
  compareCircuits,
  compareDevices,
  compareInterfaces,
  compareIpAddresses,
  compareLocations,
  comparePrefixes,
  compareRacks,
  compareTerminations,
  compareVlans,
} from './ordering.js';
import type {
  CableRec,
  CircuitRec,
  CircuitTerminationRec,
  DeviceRec,
  InterfaceRec,
  IPAddressRec,
  LocationRec,
  LocationTypeRec,
  ManufacturerRec,
  NamedRec,
  NamespaceRec,
  PlatformRec,
  PrefixRec,
  ProviderRec,
  RackRec,
  RoleRec,
  TagRec,
  TenantGroupRec,
  VLANGroupRec,
  VLANRec,
  VRFRec,
  CircuitTypeRec,
  DeviceTypeRec,
} from './types.js';

/** A demo site and what gets generated for it. */
export interface DemoSite {
  name: string;
  region: string;
  octet: number;
  status: 'Active' | 'Planned';
  vendor: 'arista' | 'cisco' | 'juniper';
  spines: number;
  leafs: number;
  edges: number;
  consoles: number;
  facility: string;
  asn: number;
  tz: string;
  lat: string;
  lon: string;
  city: string;
  address: string;
  storage: boolean;
  prefixes: boolean;
  serverTenant: string | null;
}

/** The demo regions and sites. */
export const DEMO_REGIONS = ['Europe', 'North America', 'APAC'] as const;

/** The demo sites. */
export const DEMO_SITES: readonly DemoSite[] = [
  {
    name: 'AMS01',
    region: 'Europe',
    octet: 11,
    status: 'Active',
    vendor: 'arista',
    spines: 2,
    leafs: 4,
    edges: 2,
    consoles: 1,
    facility: 'Equinix AM3',
    asn: 65011,
    tz: 'Europe/Amsterdam',
    lat: '52.303500',
    lon: '4.938600',
    city: 'Amsterdam',
    address: 'Science Park 610, 1098 XH Amsterdam, Netherlands',
    storage: true,
    prefixes: true,
    serverTenant: 'Acme Corp',
  },
  {
    name: 'FRA01',
    region: 'Europe',
    octet: 12,
    status: 'Active',
    vendor: 'cisco',
    spines: 2,
    leafs: 2,
    edges: 1,
    consoles: 1,
    facility: 'Interxion FRA6',
    asn: 65012,
    tz: 'Europe/Berlin',
    lat: '50.119800',
    lon: '8.735500',
    city: 'Frankfurt',
    address: 'Hanauer Landstrasse 298, 60314 Frankfurt am Main, Germany',
    storage: false,
    prefixes: true,
    serverTenant: 'Globex',
  },
  {
    name: 'LON01',
    region: 'Europe',
    octet: 13,
    status: 'Active',
    vendor: 'arista',
    spines: 2,
    leafs: 4,
    edges: 2,
    consoles: 1,
    facility: 'Telehouse North',
    asn: 65013,
    tz: 'Europe/London',
    lat: '51.511800',
    lon: '-0.001500',
    city: 'London',
    address: 'Coriander Avenue, London E14 2AA, United Kingdom',
    storage: true,
    prefixes: true,
    serverTenant: 'Acme Corp',
  },
  {
    name: 'NYC01',
    region: 'North America',
    octet: 21,
    status: 'Active',
    vendor: 'cisco',
    spines: 2,
    leafs: 4,
    edges: 2,
    consoles: 1,
    facility: 'Equinix NY5',
    asn: 65021,
    tz: 'America/New_York',
    lat: '40.776500',
    lon: '-74.071700',
    city: 'Secaucus',
    address: '800 Secaucus Road, Secaucus, NJ 07094, USA',
    storage: true,
    prefixes: true,
    serverTenant: 'Globex',
  },
  {
    name: 'SJC01',
    region: 'North America',
    octet: 22,
    status: 'Active',
    vendor: 'juniper',
    spines: 2,
    leafs: 2,
    edges: 1,
    consoles: 0,
    facility: 'Equinix SV1',
    asn: 65022,
    tz: 'America/Los_Angeles',
    lat: '37.372100',
    lon: '-121.974900',
    city: 'San Jose',
    address: '11 Great Oaks Blvd, San Jose, CA 95119, USA',
    storage: false,
    prefixes: true,
    serverTenant: null,
  },
  {
    name: 'SIN01',
    region: 'APAC',
    octet: 31,
    status: 'Planned',
    vendor: 'cisco',
    spines: 1,
    leafs: 2,
    edges: 0,
    consoles: 0,
    facility: 'Equinix SG3',
    asn: 65031,
    tz: 'Asia/Singapore',
    lat: '1.330100',
    lon: '103.893000',
    city: 'Singapore',
    address: '26A Ayer Rajah Crescent, Singapore 139963',
    storage: false,
    prefixes: false,
    serverTenant: null,
  },
];

/** Child locations under AMS01 (tree-filter semantics). */
export const DEMO_AMS01_BUILDING = 'AMS01-DC1';
export const DEMO_AMS01_FLOOR = 'AMS01-DC1-F1';
/** The prefix assigned to two locations (exercises the `location` convenience-field error). */
export const DEMO_MULTI_LOCATION_PREFIX = '10.255.0.0/24';

type PortKind = 'fabric' | 'host' | 'uplink' | 'lag' | 'mgmt' | 'loopback' | 'wan';
interface Port {
  name: string;
  type: string;
  kind: PortKind;
}

function range(prefix: string, from: number, to: number, type: string, kind: PortKind): Port[] {
  const out: Port[] = [];
  for (let i = from; i <= to; i++) {
    out.push({ name: `${prefix}${i}`, type, kind });
  }
  return out;
}

const Q28 = '100gbase-x-qsfp28';
const S28 = '25gbase-x-sfp28';
const T1G = '1000base-t';

const PORTS: Record<string, Port[]> = {
  'DCS-7280CR3-32P4': [
    ...range('Ethernet1/', 1, 8, Q28, 'fabric'),
    { name: 'Management1', type: T1G, kind: 'mgmt' },
    { name: 'Loopback0', type: 'virtual', kind: 'loopback' },
  ],
  'DCS-7050SX3-48YC8': [
    ...range('Ethernet', 1, 8, S28, 'host'),
    { name: 'Ethernet49/1', type: Q28, kind: 'uplink' },
    { name: 'Ethernet50/1', type: Q28, kind: 'uplink' },
    { name: 'Port-Channel10', type: 'lag', kind: 'lag' },
    { name: 'Management1', type: T1G, kind: 'mgmt' },
    { name: 'Loopback0', type: 'virtual', kind: 'loopback' },
  ],
  'N9K-C9336C-FX2': [
    ...range('Ethernet1/', 1, 8, Q28, 'fabric'),
    { name: 'mgmt0', type: T1G, kind: 'mgmt' },
    { name: 'loopback0', type: 'virtual', kind: 'loopback' },
  ],
  'N9K-C93180YC-FX': [
    ...range('Ethernet1/', 1, 8, S28, 'host'),
    { name: 'Ethernet1/49', type: Q28, kind: 'uplink' },
    { name: 'Ethernet1/50', type: Q28, kind: 'uplink' },
    { name: 'port-channel10', type: 'lag', kind: 'lag' },
    { name: 'mgmt0', type: T1G, kind: 'mgmt' },
    { name: 'loopback0', type: 'virtual', kind: 'loopback' },
  ],
  'QFX5120-32C': [
    ...range('et-0/0/', 0, 7, Q28, 'fabric'),
    { name: 'em0', type: T1G, kind: 'mgmt' },
    { name: 'lo0', type: 'virtual', kind: 'loopback' },
  ],
  'QFX5120-48Y': [
    ...range('xe-0/0/', 0, 7, S28, 'host'),
    { name: 'et-0/0/48', type: Q28, kind: 'uplink' },
    { name: 'et-0/0/49', type: Q28, kind: 'uplink' },
    { name: 'ae10', type: 'lag', kind: 'lag' },
    { name: 'em0', type: T1G, kind: 'mgmt' },
    { name: 'lo0', type: 'virtual', kind: 'loopback' },
  ],
  MX204: [
    ...range('et-0/0/', 0, 3, Q28, 'fabric'),
    ...range('xe-0/1/', 0, 3, '10gbase-x-sfpp', 'wan'),
    { name: 'fxp0', type: T1G, kind: 'mgmt' },
    { name: 'lo0', type: 'virtual', kind: 'loopback' },
  ],
  CM8148: [
    { name: 'NET1', type: T1G, kind: 'mgmt' },
    { name: 'NET2', type: T1G, kind: 'host' },
  ],
};

const MODELS_BY_VENDOR = {
  arista: { spine: 'DCS-7280CR3-32P4', leaf: 'DCS-7050SX3-48YC8', platform: 'arista_eos' },
  cisco: { spine: 'N9K-C9336C-FX2', leaf: 'N9K-C93180YC-FX', platform: 'cisco_nxos' },
  juniper: { spine: 'QFX5120-32C', leaf: 'QFX5120-48Y', platform: 'juniper_junos' },
};

const OUI: Record<string, string> = {
  Arista: '00:1C:73',
  Cisco: '00:2A:10',
  Juniper: '3C:61:04',
  Opengear: '00:13:C6',
};

const SERIAL_PREFIX: Record<string, string> = {
  Arista: 'JPE',
  Cisco: 'FDO',
  Juniper: 'WS',
  Opengear: 'CM',
};

interface DemoCircuit {
  cid: string;
  provider: string;
  type: string;
  status: string;
  a: string;
  aIf?: [string, string];
  z?: string;
  zIf?: [string, string];
  commit: number;
  install: string | null;
}

const CIRCUITS: DemoCircuit[] = [
  {
    cid: 'NTT-AMS-700112',
    provider: 'NTT',
    type: 'Internet Transit',
    status: 'Active',
    a: 'AMS01',
    aIf: ['ams01-edge01', 'xe-0/1/0'],
    commit: 10_000_000,
    install: '2021-03-15',
  },
  {
    cid: 'LMN-AMS-410023',
    provider: 'Lumen',
    type: 'Internet Transit',
    status: 'Active',
    a: 'AMS01',
    aIf: ['ams01-edge02', 'xe-0/1/0'],
    commit: 10_000_000,
    install: '2021-04-02',
  },
  {
    cid: 'ZYO-FRA-220731',
    provider: 'Zayo',
    type: 'Internet Transit',
    status: 'Active',
    a: 'FRA01',
    aIf: ['fra01-edge01', 'xe-0/1/0'],
    commit: 5_000_000,
    install: '2022-01-20',
  },
  {
    cid: 'NTT-FRA-700001',
    provider: 'NTT',
    type: 'Internet Transit',
    status: 'Decommissioning',
    a: 'FRA01',
    commit: 1_000_000,
    install: '2017-06-01',
  },
  {
    cid: 'LMN-LON-410077',
    provider: 'Lumen',
    type: 'Internet Transit',
    status: 'Active',
    a: 'LON01',
    aIf: ['lon01-edge01', 'xe-0/1/0'],
    commit: 10_000_000,
    install: '2020-11-09',
  },
  {
    cid: 'NTT-LON-700245',
    provider: 'NTT',
    type: 'Internet Transit',
    status: 'Active',
    a: 'LON01',
    aIf: ['lon01-edge02', 'xe-0/1/0'],
    commit: 10_000_000,
    install: '2020-12-14',
  },
  {
    cid: 'ZYO-NYC-220119',
    provider: 'Zayo',
    type: 'Internet Transit',
    status: 'Active',
    a: 'NYC01',
    aIf: ['nyc01-edge01', 'xe-0/1/0'],
    commit: 20_000_000,
    install: '2019-08-30',
  },
  {
    cid: 'LMN-NYC-410101',
    provider: 'Lumen',
    type: 'Internet Transit',
    status: 'Active',
    a: 'NYC01',
    aIf: ['nyc01-edge02', 'xe-0/1/0'],
    commit: 20_000_000,
    install: '2019-09-12',
  },
  {
    cid: 'NTT-SJC-700733',
    provider: 'NTT',
    type: 'Internet Transit',
    status: 'Active',
    a: 'SJC01',
    aIf: ['sjc01-edge01', 'xe-0/1/0'],
    commit: 10_000_000,
    install: '2022-05-05',
  },
  {
    cid: 'ZYO-DF-AMS-FRA-01',
    provider: 'Zayo',
    type: 'Dark Fiber',
    status: 'Active',
    a: 'AMS01',
    aIf: ['ams01-edge01', 'xe-0/1/1'],
    z: 'FRA01',
    zIf: ['fra01-edge01', 'xe-0/1/1'],
    commit: 100_000_000,
    install: '2023-02-01',
  },
  {
    cid: 'LMN-MPLS-NYC-SJC',
    provider: 'Lumen',
    type: 'MPLS',
    status: 'Active',
    a: 'NYC01',
    aIf: ['nyc01-edge01', 'xe-0/1/1'],
    z: 'SJC01',
    zIf: ['sjc01-edge01', 'xe-0/1/1'],
    commit: 1_000_000,
    install: '2021-07-19',
  },
  {
    cid: 'NTT-SIN-700900',
    provider: 'NTT',
    type: 'Internet Transit',
    status: 'Planned',
    a: 'SIN01',
    commit: 10_000_000,
    install: null,
  },
];

const pad2 = (n: number) => String(n).padStart(2, '0');

class DemoBuilder {
  readonly b = new Builder();
  readonly base: BaseObjects;
  private readonly sites = new Map<string, LocationRec>();
  private readonly devices = new Map<string, DeviceRec>();
  private cableCount = 0;

  constructor(line: NautobotLine) {
    this.base = buildBase(this.b, line);
  }

  location(name: string): LocationRec {
    const found = this.b.rows<LocationRec>('locations').find((l) => l.name === name);
    if (!found) {
      throw new Error(`demo data: unknown location ${name}`);
    }
    return found;
  }

  build(): Store {
    const { base } = this;
    const regions = new Map<string, LocationRec>();
    const descriptions: Record<string, string> = {
      Europe: 'EMEA data centres',
      'North America': 'AMER data centres',
      APAC: 'APAC data centres',
    };
    for (const name of DEMO_REGIONS) {
      regions.set(
        name,
        addLocation(this.b, {
          name,
          type: base.locationType('Region'),
          parent: null,
          status: base.status('Active'),
          description: descriptions[name],
        }),
      );
    }
    for (const site of DEMO_SITES) {
      const loc = addLocation(this.b, {
        name: site.name,
        type: base.locationType('Site'),
        parent: regions.get(site.region) ?? null,
        status: base.status(site.status),
        description: `${site.city} data centre`,
        facility: site.facility,
        asn: site.asn,
        time_zone: site.tz,
        physical_address: site.address,
        latitude: site.lat,
        longitude: site.lon,
        contact_name: 'Network Operations',
        contact_phone: '+1 555 0100',
        contact_email: `noc+${site.name.toLowerCase()}@example.net`,
      });
      loc.tags = site.status === 'Active' ? [base.tag('production')] : [];
      this.sites.set(site.name, loc);
    }
    const ams = this.sites.get('AMS01') as LocationRec;
    const building = addLocation(this.b, {
      name: DEMO_AMS01_BUILDING,
      type: base.locationType('Building'),
      parent: ams,
      status: base.status('Active'),
      description: 'AMS01 data hall building 1',
      facility: 'AM3 building 1',
    });
    const floor = addLocation(this.b, {
      name: DEMO_AMS01_FLOOR,
      type: base.locationType('Floor'),
      parent: building,
      status: base.status('Active'),
      description: 'AMS01 DC1 floor 1',
    });

    this.globalObjects();
    for (const site of DEMO_SITES) {
      this.site(site, site.name === 'AMS01' ? floor : (this.sites.get(site.name) as LocationRec));
    }
    this.circuits();
    this.finish();
    return new Store('demo', this.b.sorted());
  }

  private globalObjects(): void {
    const { base } = this;
    const lab = base.namespace('Lab');
    this.prefix({
      prefix: '10.0.0.0/8',
      type: 'container',
      description: 'RFC 1918 private space',
      rir: base.rir('RFC 1918'),
    });
    this.prefix({
      prefix: '2001:db8::/32',
      type: 'container',
      description: 'IPv6 documentation space',
    });
    const ams = this.sites.get('AMS01') as LocationRec;
    const fra = this.sites.get('FRA01') as LocationRec;
    const lon = this.sites.get('LON01') as LocationRec;
    this.prefix({
      prefix: DEMO_MULTI_LOCATION_PREFIX,
      type: 'network',
      role: 'p2p',
      locations: [ams, fra],
      description: 'AMS01-FRA01 DCI',
    });
    this.prefix({
      prefix: '192.168.0.0/16',
      type: 'container',
      locations: [lon],
      namespace: lab,
      description: 'LON01 lab',
    });
    this.prefix({
      prefix: '192.168.10.0/24',
      type: 'network',
      locations: [lon],
      namespace: lab,
      description: 'LON01 lab servers',
    });
    this.prefix({
      prefix: '10.11.0.0/24',
      type: 'network',
      status: 'Reserved',
      locations: [lon],
      namespace: lab,
      description: 'Lab copy of AMS01 servers A',
    });
    this.vlan(null, 999, 'quarantine', [], null, 'Active');
    this.vlan(null, 3000, 'dci-transit', [ams, fra], base.role('p2p'), 'Active');
  }

  private prefix(spec: {
    prefix: string;
    type: 'container' | 'network' | 'pool';
    status?: string;
    role?: string;
    locations?: LocationRec[];
    namespace?: NamespaceRec;
    tenant?: string | null;
    vlan?: VLANRec | null;
    description: string;
    tags?: TagRec[];
    vrfs?: VRFRec[];
    rir?: NamedRec;
  }): PrefixRec {
    const ip = parseIp(spec.prefix);
    if (!ip) {
      throw new Error(`demo data: bad prefix ${spec.prefix}`);
    }
    const net = networkOf(ip.version, ip.value, ip.len);
    const namespace = spec.namespace ?? this.base.namespace('Global');
    const text = `${formatIp(ip.version, net)}/${ip.len}`;
    const rec = this.b.add<PrefixRec>('prefixes', `${namespace.name}/${text}`, {
      prefix: text,
      network: formatIp(ip.version, net),
      broadcast: formatIp(ip.version, lastOf(ip.version, net, ip.len)),
      prefix_length: ip.len,
      ip_version: ip.version,
      type: enumName(spec.type),
      status: this.base.status(spec.status ?? 'Active'),
      role: spec.role ? this.base.role(spec.role) : null,
      parent: null,
      namespace,
      tenant: spec.tenant ? this.base.tenant(spec.tenant) : null,
      vlan: spec.vlan ?? null,
      rir: spec.rir ?? null,
      date_allocated: null,
      description: spec.description,
      locations: spec.locations ?? [],
      children: [],
      ip_addresses: [],
      vrfs: spec.vrfs ?? [],
      tags: spec.tags ?? [],
      _custom_field_data: {},
      _v: ip.version,
      _net: net,
    });
    return rec;
  }

  private vlan(
    group: VLANGroupRec | null,
    vid: number,
    name: string,
    locations: LocationRec[],
    role: RoleRec | null,
    status: string,
  ): VLANRec {
    const rec = this.b.add<VLANRec>('vlans', `${group?.name ?? ''}/${vid}`, {
      vid,
      name,
      vlan_group: group,
      status: this.base.status(status),
      role,
      tenant: null,
      description: '',
      locations,
      prefixes: [],
      interfaces_as_untagged: [],
      interfaces_as_tagged: [],
      tags: [],
      _custom_field_data: {},
    });
    group?.vlans.push(rec);
    return rec;
  }

  private site(spec: DemoSite, deviceLocation: LocationRec): void {
    const { base } = this;
    const site = this.sites.get(spec.name) as LocationRec;
    const o = spec.octet;
    const planned = spec.status === 'Planned';
    const group = this.b.add<VLANGroupRec>('vlan_groups', spec.name, {
      name: `${spec.name} VLANs`,
      location: site,
      description: `${spec.name} VLAN allocations`,
      range: '1-4094',
      vlans: [],
    });
    site.vlan_groups.push(group);
    const vlanStatus = planned ? 'Planned' : 'Active';
    const vlans = new Map<number, VLANRec>();
    vlans.set(100, this.vlan(group, 100, 'servers-a', [site], base.role('server'), vlanStatus));
    if (!planned) {
      vlans.set(101, this.vlan(group, 101, 'servers-b', [site], base.role('server'), vlanStatus));
      if (spec.storage) {
        vlans.set(102, this.vlan(group, 102, 'storage', [site], base.role('storage'), vlanStatus));
      }
      vlans.set(1000, this.vlan(group, 1000, 'oob-mgmt', [site], base.role('mgmt'), vlanStatus));
    }
    if (spec.name === 'LON01') {
      // Only in the site's VLAN group, assigned to no location (as Nautobot allows).
      this.vlan(group, 2000, 'build-lab', [], base.role('server'), 'Reserved');
    }

    if (spec.prefixes) {
      const at = [site];
      const tenant = spec.serverTenant;
      const pci = spec.name === 'NYC01' ? [base.tag('pci')] : [];
      const S = spec.name;
      this.prefix({
        prefix: `10.${o}.0.0/16`,
        type: 'container',
        locations: at,
        description: `${S} aggregate`,
      });
      this.prefix({
        prefix: `10.${o}.0.0/24`,
        type: 'network',
        role: 'server',
        locations: at,
        tenant,
        vlan: vlans.get(100),
        description: `${S} servers A`,
        tags: pci,
        vrfs: [base.vrf('PROD')],
      });
      this.prefix({
        prefix: `10.${o}.1.0/24`,
        type: 'network',
        role: 'server',
        locations: at,
        tenant,
        vlan: vlans.get(101),
        description: `${S} servers B`,
        tags: pci,
        vrfs: [base.vrf('PROD')],
      });
      if (spec.storage) {
        this.prefix({
          prefix: `10.${o}.2.0/24`,
          type: 'network',
          status: 'Planned',
          role: 'storage',
          locations: at,
          vlan: vlans.get(102),
          description: `${S} storage`,
        });
      }
      this.prefix({
        prefix: `10.${o}.128.0/24`,
        type: 'network',
        role: 'mgmt',
        locations: at,
        tenant: 'NetOps',
        vlan: vlans.get(1000),
        description: `${S} OOB management`,
        vrfs: [base.vrf('MGMT')],
      });
      this.prefix({
        prefix: `10.${o}.192.0/24`,
        type: 'pool',
        role: 'p2p',
        locations: at,
        description: `${S} point-to-point links`,
      });
      this.prefix({
        prefix: `10.${o}.255.0/24`,
        type: 'pool',
        role: 'loopback',
        locations: at,
        description: `${S} loopbacks`,
      });
      this.prefix({
        prefix: `2001:db8:${o}::/48`,
        type: 'container',
        locations: at,
        description: `${S} IPv6 aggregate`,
      });
      this.prefix({
        prefix: `2001:db8:${o}:100::/64`,
        type: 'network',
        role: 'server',
        locations: at,
        tenant,
        vlan: vlans.get(100),
        description: `${S} servers A (IPv6)`,
      });
      this.prefix({
        prefix: `2001:db8:${o}:ffff::/64`,
        type: 'pool',
        role: 'loopback',
        locations: at,
        description: `${S} IPv6 loopbacks`,
      });
      if (S === 'AMS01') {
        this.prefix({
          prefix: '10.11.3.0/24',
          type: 'network',
          status: 'Reserved',
          role: 'server',
          locations: [deviceLocation],
          description: 'AMS01 DC1 floor 1 lab',
        });
      }
    }

    const racks: RackRec[] = [];
    for (let r = 1; r <= (planned ? 1 : 2); r++) {
      const rack = this.b.add<RackRec>('racks', `${spec.name}-R0${r}`, {
        name: `${spec.name}-R0${r}`,
        status: base.status(planned ? 'Planned' : 'Active'),
        role: null,
        facility_id: r === 1 ? `${spec.facility.split(' ').pop() ?? ''}:010${r}` : null,
        location: deviceLocation,
        rack_group: null,
        tenant: null,
        serial: '',
        asset_tag: null,
        type: enumName('4-post-cabinet'),
        width: enumName('19'),
        u_height: 42,
        desc_units: false,
        outer_width: null,
        outer_depth: null,
        comments: '',
        devices: [],
        tags: [],
        _custom_field_data: {},
      });
      deviceLocation.racks.push(rack);
      racks.push(rack);
    }

    const models = MODELS_BY_VENDOR[spec.vendor];
    const plan: { role: string; index: number; model: string; position: number }[] = [];
    for (let i = 1; i <= spec.spines; i++) {
      plan.push({ role: 'spine', index: i, model: models.spine, position: 40 });
    }
    for (let i = 1; i <= spec.leafs; i++) {
      plan.push({
        role: 'leaf',
        index: i,
        model: models.leaf,
        position: 38 - 2 * Math.floor((i - 1) / 2),
      });
    }
    for (let i = 1; i <= spec.edges; i++) {
      plan.push({ role: 'edge', index: i, model: 'MX204', position: 30 });
    }
    for (let i = 1; i <= spec.consoles; i++) {
      plan.push({ role: 'console', index: i, model: 'CM8148', position: 42 });
    }
    const devices = plan.map((p, devIdx) => {
      const name = `${spec.name.toLowerCase()}-${p.role}${pad2(p.index)}`;
      let status = planned ? 'Planned' : 'Active';
      if (name === 'lon01-leaf04') {
        status = 'Offline';
      } else if (name === 'nyc01-leaf04') {
        status = 'Planned';
      }
      const rack = planned
        ? null
        : p.role === 'console'
          ? racks[0]
          : racks[(p.index - 1) % racks.length];
      const deviceType = base.deviceType(p.model);
      const platformName =
        p.role === 'edge' ? 'juniper_junos' : p.role === 'console' ? null : models.platform;
      const h = hashInt(name);
      const tags: TagRec[] = [];
      if (p.role === 'spine' || p.role === 'edge') {
        tags.push(base.tag('core'));
      }
      if (status === 'Active') {
        tags.push(base.tag('production'));
      }
      const device = this.b.add<DeviceRec>('devices', name, {
        name,
        device_type: deviceType,
        role: base.role(p.role),
        status: base.status(status),
        tenant: null,
        platform: platformName ? base.platform(platformName) : null,
        serial: `${SERIAL_PREFIX[deviceType.manufacturer.name]}${(h % 100_000_000).toString().padStart(8, '0')}`,
        asset_tag:
          p.role === 'spine' || p.role === 'leaf'
            ? `AT-${o}${String(devIdx + 1).padStart(3, '0')}`
            : null,
        location: deviceLocation,
        rack,
        position: rack ? p.position : null,
        face: rack ? enumName('front') : null,
        primary_ip4: null,
        primary_ip6: null,
        cluster: null,
        virtual_chassis: null,
        vc_position: null,
        vc_priority: null,
        comments: '',
        local_config_context_data: null,
        config_context: {
          ntp_servers: [`10.${o}.128.5`, `10.${o}.128.6`],
          syslog_servers: [`10.${o}.128.20`],
          site_asn: spec.asn,
        },
        interfaces: [],
        tags,
        _custom_field_data: {},
      });
      deviceLocation.devices.push(device);
      rack?.devices.push(device);
      deviceType.devices.push(device);
      device.platform?.devices.push(device);
      this.devices.set(name, device);
      this.interfaces(device, vlans, p.index);
      return device;
    });

    // Cabling: leaf uplinks to spines, edge fabric ports to spines.
    const byRole = (role: string) => devices.filter((d) => d.role.name === role);
    const spines = byRole('spine');
    const leafs = byRole('leaf');
    const edges = byRole('edge');
    let p2p = 0;
    const link = (a: InterfaceRec, z: InterfaceRec) => {
      this.cable(a, z);
      if (spec.prefixes) {
        this.ip(`10.${o}.192.${2 * p2p}/31`, a, {
          description: `${a.device.name} to ${z.device.name}`,
        });
        this.ip(`10.${o}.192.${2 * p2p + 1}/31`, z, {
          description: `${z.device.name} to ${a.device.name}`,
        });
        p2p++;
      }
    };
    const portsOf = (d: DeviceRec, kind: PortKind) =>
      d.interfaces.filter(
        (i) => PORTS[d.device_type.model].find((p) => p.name === i.name)?.kind === kind,
      );
    spines.forEach((spine, s) => {
      const fabric = portsOf(spine, 'fabric');
      leafs.forEach((leaf, l) => {
        const up = portsOf(leaf, 'uplink')[s];
        if (up && fabric[l]) {
          link(fabric[l], up);
        }
      });
      edges.forEach((edge, e) => {
        const edgePort = portsOf(edge, 'fabric')[s];
        const spinePort = fabric[6 + e];
        if (edgePort && spinePort) {
          link(spinePort, edgePort);
        }
      });
    });

    // Addresses: management (primary IPv4), loopbacks, IPv6 loopbacks on spines and edges.
    if (spec.prefixes) {
      devices.forEach((device, i) => {
        const mgmt = portsOf(device, 'mgmt')[0];
        const loop = portsOf(device, 'loopback')[0];
        device.primary_ip4 = this.ip(`10.${o}.128.${10 + i}/24`, mgmt, {
          dns_name: `${device.name}.oob.example.net`,
        });
        if (loop) {
          this.ip(`10.${o}.255.${1 + i}/32`, loop, {
            role: 'loopback',
            dns_name: `${device.name}.example.net`,
          });
          if (device.role.name === 'spine' || device.role.name === 'edge') {
            const v6 = this.ip(`2001:db8:${o}:ffff::${1 + i}/128`, loop, { role: 'loopback' });
            if (device.role.name === 'edge') {
              device.primary_ip6 = v6;
            }
          }
        }
      });
    }
  }

  private interfaces(device: DeviceRec, vlans: Map<number, VLANRec>, index: number): void {
    const model = device.device_type.model;
    const mfr = device.device_type.manufacturer.name;
    const active = device.status.name === 'Planned' ? 'Planned' : 'Active';
    const hostVlan = vlans.get(index % 2 === 1 ? 100 : 101) ?? vlans.get(100) ?? null;
    let hostPort = 0;
    let lag: InterfaceRec | undefined;
    const members: InterfaceRec[] = [];
    for (const port of PORTS[model]) {
      const virtual = port.kind === 'loopback' || port.kind === 'lag';
      const h = hashInt(`${device.name}/${port.name}`);
      const mac = virtual
        ? null
        : `${OUI[mfr]}:${[h >>> 16, h >>> 8, h].map((x) => (x & 255).toString(16).toUpperCase().padStart(2, '0')).join(':')}`;
      const rec = this.b.add<InterfaceRec>('interfaces', `${device.name}/${port.name}`, {
        device,
        name: port.name,
        label: '',
        description:
          port.kind === 'mgmt' ? 'OOB management' : port.kind === 'loopback' ? 'Router ID' : '',
        type: enumName(port.type),
        enabled: true,
        mgmt_only: port.kind === 'mgmt',
        mtu:
          port.kind === 'mgmt' || port.kind === 'loopback'
            ? null
            : port.kind === 'host'
              ? 1500
              : 9216,
        mode: null,
        mac_address: mac,
        status: this.base.status(active),
        role: null,
        lag: null,
        parent_interface: null,
        bridge: null,
        untagged_vlan: null,
        tagged_vlans: [],
        vrf: port.kind === 'mgmt' ? this.base.vrf('MGMT') : null,
        ip_addresses: [],
        cable: null,
        connected_interface: null,
        cable_peer_interface: null,
        connected_circuit_termination: null,
        member_interfaces: [],
        child_interfaces: [],
        tags: [],
        _custom_field_data: {},
      });
      device.interfaces.push(rec);
      if (port.kind === 'host' && device.role.name === 'leaf') {
        hostPort++;
        if (hostPort <= 3 && hostVlan) {
          rec.mode = enumName('access');
          rec.untagged_vlan = hostVlan;
          rec.description = `srv-${device.name}-${pad2(hostPort)}`;
        } else if (hostPort <= 5) {
          rec.mode = enumName('tagged');
          rec.tagged_vlans = [100, 101, 102]
            .map((v) => vlans.get(v))
            .filter((v) => v !== undefined);
          rec.description = `hypervisor-${device.name}-${pad2(hostPort)}`;
        } else if (hostPort === 6) {
          rec.enabled = false;
        } else {
          members.push(rec);
        }
      }
      if (port.kind === 'lag') {
        lag = rec;
        rec.mode = enumName('tagged-all');
        rec.description = 'storage cluster bond';
      }
      if (
        model === 'MX204' &&
        (port.name === 'et-0/0/2' || port.name === 'et-0/0/3' || /xe-0\/1\/[23]/.test(port.name))
      ) {
        rec.enabled = false;
      }
    }
    if (lag) {
      for (const m of members) {
        m.lag = lag;
        lag.member_interfaces.push(m);
      }
    }
  }

  private cable(a: InterfaceRec, z: InterfaceRec): CableRec {
    this.cableCount++;
    const label = `CBL-${String(this.cableCount).padStart(5, '0')}`;
    const cable = this.b.add<CableRec>('cables', label, { label, name: label });
    a.cable = cable;
    z.cable = cable;
    a.cable_peer_interface = z;
    z.cable_peer_interface = a;
    a.connected_interface = z;
    z.connected_interface = a;
    a.description ||= `to ${z.device.name} ${z.name}`;
    z.description ||= `to ${a.device.name} ${a.name}`;
    return cable;
  }

  private ip(
    address: string,
    iface: InterfaceRec | undefined,
    opts: { role?: string; dns_name?: string; description?: string } = {},
  ): IPAddressRec {
    const ip = parseIp(address);
    if (!ip) {
      throw new Error(`demo data: bad address ${address}`);
    }
    const host = formatIp(ip.version, ip.value);
    const rec = this.b.add<IPAddressRec>('ip_addresses', `Global/${host}`, {
      address: `${host}/${ip.len}`,
      host,
      mask_length: ip.len,
      ip_version: ip.version,
      type: enumName('host'),
      status: this.base.status(iface?.device.status.name === 'Planned' ? 'Planned' : 'Active'),
      role: opts.role ? this.base.role(opts.role) : null,
      parent: null,
      tenant: null,
      nat_inside: null,
      dns_name: opts.dns_name ?? '',
      description: opts.description ?? '',
      interfaces: iface ? [iface] : [],
      primary_ip4_for: [],
      primary_ip6_for: [],
      tags: [],
      _custom_field_data: {},
      _v: ip.version,
      _host: ip.value,
    });
    iface?.ip_addresses.push(rec);
    return rec;
  }

  private circuits(): void {
    const { base } = this;
    const iface = (ref?: [string, string]) =>
      ref ? this.devices.get(ref[0])?.interfaces.find((i) => i.name === ref[1]) : undefined;
    for (const spec of CIRCUITS) {
      const provider: ProviderRec = base.provider(spec.provider);
      const type: CircuitTypeRec = base.circuitType(spec.type);
      const circuit = this.b.add<CircuitRec>('circuits', spec.cid, {
        cid: spec.cid,
        provider,
        circuit_type: type,
        status: base.status(spec.status),
        tenant: base.tenant('NetOps'),
        install_date: spec.install,
        commit_rate: spec.commit,
        description: `${spec.type} ${spec.a}${spec.z ? `-${spec.z}` : ''}`,
        comments: '',
        circuit_termination_a: null,
        circuit_termination_z: null,
        circuit_terminations: [],
        tags: spec.status === 'Active' ? [base.tag('production')] : [],
        _custom_field_data: {},
      });
      provider.circuits.push(circuit);
      type.circuits.push(circuit);
      const term = (side: 'A' | 'Z', siteName: string, ref?: [string, string]) => {
        const location = this.sites.get(siteName) ?? null;
        const t = this.b.add<CircuitTerminationRec>('circuit_terminations', `${spec.cid}/${side}`, {
          circuit,
          term_side: side,
          location,
          provider_network: null,
          port_speed: spec.commit,
          upstream_speed: null,
          xconnect_id: `XC-${siteName}-${(hashInt(spec.cid + side) % 9000) + 1000}`,
          pp_info: `PP-01 port ${(hashInt(spec.cid) % 24) + 1}`,
          description: '',
          cable: null,
          connected_interface: null,
          cable_peer_interface: null,
          tags: [],
          _custom_field_data: {},
        });
        location?.circuit_terminations.push(t);
        circuit.circuit_terminations.push(t);
        const i = iface(ref);
        if (i) {
          this.cableCount++;
          const label = `CBL-${String(this.cableCount).padStart(5, '0')}`;
          const cable = this.b.add<CableRec>('cables', label, { label, name: label });
          i.cable = cable;
          t.cable = cable;
          i.connected_circuit_termination = t;
          t.connected_interface = i;
          t.cable_peer_interface = i;
          i.description = `${spec.provider} ${spec.cid}`;
        }
        return t;
      };
      const a = term('A', spec.a, spec.aIf);
      circuit.circuit_termination_a = a;
      if (spec.z) {
        const z = term('Z', spec.z, spec.zIf);
        circuit.circuit_termination_z = z;
        connectThrough(a, z);
      }
    }
    const amsEdge = this.devices.get('ams01-edge01')?.interfaces.find((i) => i.name === 'xe-0/1/1');
    const fraEdge = this.devices.get('fra01-edge01')?.interfaces.find((i) => i.name === 'xe-0/1/1');
    this.ip('10.255.0.0/31', amsEdge, { description: 'DCI to fra01-edge01' });
    this.ip('10.255.0.1/31', fraEdge, { description: 'DCI to ams01-edge01' });
  }

  /** Parents, reverse relations and orderings. */
  private finish(): void {
    const prefixes = this.b.rows<PrefixRec>('prefixes');
    const ips = this.b.rows<IPAddressRec>('ip_addresses');
    const byLen = [...prefixes].sort((a, b) => b.prefix_length - a.prefix_length);
    const value = (p: PrefixRec) => ({ version: p._v, value: p._net, len: p.prefix_length });
    for (const p of prefixes) {
      const parent = byLen.find(
        (c) =>
          c !== p &&
          c.namespace === p.namespace &&
          c.prefix_length < p.prefix_length &&
          within(value(c), value(p)),
      );
      p.parent = parent ?? null;
      (parent?.children as PrefixRec[] | undefined)?.push(p);
      for (const loc of p.locations) {
        (loc.prefixes as PrefixRec[]).push(p);
      }
      (p.namespace.prefixes as PrefixRec[]).push(p);
      p.vlan?.prefixes.push(p);
      for (const vrf of p.vrfs) {
        vrf.prefixes.push(p);
      }
    }
    const global = this.base.namespace('Global');
    for (const ip of ips) {
      const host = { version: ip._v, value: ip._host, len: ip._v === 4 ? 32 : 128 };
      const parent = byLen.find((c) => c.namespace === global && within(value(c), host)) ?? null;
      ip.parent = parent;
      parent?.ip_addresses.push(ip);
    }
    for (const d of this.b.rows<DeviceRec>('devices')) {
      d.primary_ip4?.primary_ip4_for.push(d);
      d.primary_ip6?.primary_ip6_for.push(d);
    }
    for (const i of this.b.rows<InterfaceRec>('interfaces')) {
      i.untagged_vlan?.interfaces_as_untagged.push(i);
      for (const v of i.tagged_vlans) {
        v.interfaces_as_tagged.push(i);
      }
    }
    for (const v of this.b.rows<VLANRec>('vlans')) {
      for (const loc of v.locations) {
        loc.vlans.push(v);
      }
    }
    this.sortRelations();
  }

  private sortRelations(): void {
    const byName = (a: { name: string }, b: { name: string }) => compareNatural(a.name, b.name);
    for (const l of this.b.rows<LocationRec>('locations')) {
      l.children.sort(compareLocations);
      l.devices.sort(compareDevices);
      l.racks.sort(compareRacks);
      (l.prefixes as PrefixRec[]).sort(comparePrefixes);
      l.vlans.sort(compareVlans);
      l.vlan_groups.sort(byName);
      l.circuit_terminations.sort(compareTerminations);
    }
    for (const t of this.b.rows<LocationTypeRec>('location_types')) {
      t.children.sort(byName);
      t.locations.sort(compareLocations);
    }
    for (const d of this.b.rows<DeviceRec>('devices')) {
      d.interfaces.sort(compareInterfaces);
    }
    for (const r of this.b.rows<RackRec>('racks')) {
      r.devices.sort(compareDevices);
    }
    for (const p of this.b.rows<PlatformRec>('platforms')) {
      p.devices.sort(compareDevices);
    }
    for (const t of this.b.rows<DeviceTypeRec>('device_types')) {
      t.devices.sort(compareDevices);
    }
    for (const m of this.b.rows<ManufacturerRec>('manufacturers')) {
      m.device_types.sort((a, b) => compareNatural(a.model, b.model));
      m.platforms.sort(byName);
    }
    for (const i of this.b.rows<InterfaceRec>('interfaces')) {
      i.tagged_vlans.sort(compareVlans);
      i.ip_addresses.sort(compareIpAddresses);
      i.member_interfaces.sort(compareInterfaces);
    }
    for (const ip of this.b.rows<IPAddressRec>('ip_addresses')) {
      ip.interfaces.sort(compareInterfaces);
    }
    for (const p of this.b.rows<PrefixRec>('prefixes')) {
      p.locations.sort(compareLocations);
      (p.children as PrefixRec[]).sort(comparePrefixes);
      p.ip_addresses.sort(compareIpAddresses);
    }
    for (const v of this.b.rows<VLANRec>('vlans')) {
      v.locations.sort(compareLocations);
      v.prefixes.sort(comparePrefixes);
      v.interfaces_as_untagged.sort(compareInterfaces);
      v.interfaces_as_tagged.sort(compareInterfaces);
    }
    for (const g of this.b.rows<VLANGroupRec>('vlan_groups')) {
      g.vlans.sort(compareVlans);
    }
    for (const n of this.b.rows<NamespaceRec>('namespaces')) {
      (n.prefixes as PrefixRec[]).sort(comparePrefixes);
    }
    for (const v of this.b.rows<VRFRec>('vrfs')) {
      v.prefixes.sort(comparePrefixes);
    }
    for (const p of this.b.rows<ProviderRec>('providers')) {
      p.circuits.sort(compareCircuits);
    }
    for (const t of this.b.rows<CircuitTypeRec>('circuit_types')) {
      t.circuits.sort(compareCircuits);
    }
    for (const c of this.b.rows<CircuitRec>('circuits')) {
      c.circuit_terminations.sort(compareTerminations);
    }
    for (const g of this.b.rows<TenantGroupRec>('tenant_groups')) {
      g.children.sort(byName);
    }
  }
}

/**
 * A cable path goes on through a circuit whose two terminations are both cabled: each
 * interface's path then ends at the far interface (Nautobot's CablePath), so it is
 * `connected_interface` and `connected_circuit_termination` is null. The terminations keep
 * their own interface as `connected_interface`.
 */
function connectThrough(a: CircuitTerminationRec, z: CircuitTerminationRec): void {
  const near = a.cable_peer_interface;
  const far = z.cable_peer_interface;
  if (near && far) {
    near.connected_interface = far;
    far.connected_interface = near;
    near.connected_circuit_termination = null;
    far.connected_circuit_termination = null;
  }
}

const demo = new Map<NautobotLine, Store>();

/** The demo data set as a Nautobot of `line` holds it (built once per line; immutable). */
export function demoDataset(line: NautobotLine = '2'): Store {
  let store = demo.get(line);
  if (!store) {
    store = new DemoBuilder(line).build();
    demo.set(line, store);
  }
  return store;
}
