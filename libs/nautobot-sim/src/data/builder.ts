import { hashInt, uuidFor } from '../util/ids.js';
import type {
  BaseRec,
  CircuitTypeRec,
  DeviceTypeRec,
  LocationRec,
  LocationTypeRec,
  ManufacturerRec,
  ModelKey,
  NamedRec,
  NamespaceRec,
  PlatformRec,
  ProviderRec,
  RoleRec,
  StatusRec,
  TagRec,
  TenantGroupRec,
  TenantRec,
  VRFRec,
} from './types.js';
import {
  DEFAULT_ROLES,
  DEFAULT_STATUSES,
  type NautobotLine,
  type StatusSpec,
} from './nautobot-defaults.js';
import { sortTable } from './ordering.js';

const EPOCH = Date.UTC(2024, 0, 8, 9, 0, 0);
const DAY = 86_400_000;

function iso(ms: number, micros: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micros, 6)}+00:00`
  );
}

/** Deterministic `created`/`last_updated` timestamps (graphene DateTime `isoformat()`). */
export function stamps(kind: string, key: string): { created: string; last_updated: string } {
  const h = hashInt(`${kind}/${key}`);
  const created = EPOCH + (h % 120) * DAY + (h % 86_399) * 1000;
  const updated = created + ((h >>> 8) % 200) * DAY + ((h >>> 4) % 3600) * 1000;
  return {
    created: iso(created, h % 1_000_000),
    last_updated: iso(updated, (h >>> 3) % 1_000_000),
  };
}

/** Collects records per table, giving each a deterministic id and timestamps. */
export class Builder {
  readonly tables = new Map<ModelKey, BaseRec[]>();

  add<T extends BaseRec>(table: ModelKey, key: string, fields: Omit<T, keyof BaseRec>): T {
    const rec = { id: uuidFor(table, key), ...stamps(table, key), ...fields } as T;
    let rows = this.tables.get(table);
    if (!rows) {
      rows = [];
      this.tables.set(table, rows);
    }
    rows.push(rec);
    return rec;
  }

  rows<T>(table: ModelKey): T[] {
    return (this.tables.get(table) ?? []) as unknown as T[];
  }

  /** Sorted tables for a {@link Store}. */
  sorted(): Partial<Record<ModelKey, unknown[]>> {
    const out: Partial<Record<ModelKey, unknown[]>> = {};
    for (const [key, rows] of this.tables) {
      out[key] = sortTable(key, rows);
    }
    return out;
  }
}

const CT = {
  location: 'dcim.location',
  device: 'dcim.device',
  rack: 'dcim.rack',
  interface: 'dcim.interface',
  prefix: 'ipam.prefix',
  ip: 'ipam.ipaddress',
  vlan: 'ipam.vlan',
  circuit: 'circuits.circuit',
};

/** The demo world's own roles (Nautobot's defaults come from `nautobot-defaults.ts`). */
const ROLES: [name: string, color: string, types: string[]][] = [
  ['spine', '3f51b5', [CT.device]],
  ['leaf', '2196f3', [CT.device]],
  ['edge', 'e91e63', [CT.device]],
  ['console', '9e9e9e', [CT.device]],
  ['server', '4caf50', [CT.prefix, CT.vlan]],
  ['storage', '795548', [CT.prefix, CT.vlan]],
  ['mgmt', '607d8b', [CT.prefix, CT.vlan]],
  ['p2p', 'ff9800', [CT.prefix, CT.vlan]],
  ['loopback', '673ab7', [CT.prefix, CT.ip]],
];

const NETWORK_DRIVERS: Record<string, Record<string, string>> = {
  arista_eos: {
    ansible: 'arista.eos.eos',
    hier_config: 'eos',
    napalm: 'eos',
    netmiko: 'arista_eos',
    netutils_parser: 'arista_eos',
    ntc_templates: 'arista_eos',
    pyntc: 'arista_eos_eapi',
    scrapli: 'arista_eos',
  },
  cisco_nxos: {
    ansible: 'cisco.nxos.nxos',
    hier_config: 'nxos',
    napalm: 'nxos',
    netmiko: 'cisco_nxos',
    netutils_parser: 'cisco_nxos',
    ntc_templates: 'cisco_nxos',
    pyntc: 'cisco_nxos_nxapi',
    scrapli: 'cisco_nxos',
  },
  cisco_ios: {
    ansible: 'cisco.ios.ios',
    hier_config: 'ios',
    napalm: 'ios',
    netmiko: 'cisco_ios',
    netutils_parser: 'cisco_ios',
    ntc_templates: 'cisco_ios',
    pyntc: 'cisco_ios_ssh',
    scrapli: 'cisco_iosxe',
  },
  juniper_junos: {
    ansible: 'junipernetworks.junos.junos',
    hier_config: 'junos',
    napalm: 'junos',
    netmiko: 'juniper_junos',
    netutils_parser: 'juniper_junos',
    ntc_templates: 'juniper_junos',
    pyntc: 'juniper_junos_netconf',
    scrapli: 'juniper_junos',
  },
};

/** Objects shared by the demo and scale data sets. */
export interface BaseObjects {
  status: (name: string) => StatusRec;
  role: (name: string) => RoleRec;
  tag: (name: string) => TagRec;
  locationType: (name: string) => LocationTypeRec;
  namespace: (name: string) => NamespaceRec;
  tenant: (name: string) => TenantRec;
  manufacturer: (name: string) => ManufacturerRec;
  platform: (name: string) => PlatformRec;
  deviceType: (model: string) => DeviceTypeRec;
  provider: (name: string) => ProviderRec;
  circuitType: (name: string) => CircuitTypeRec;
  vrf: (name: string) => VRFRec;
  rir: (name: string) => NamedRec;
}

function finder<T>(rows: T[], key: (r: T) => string, what: string): (name: string) => T {
  return (name) => {
    const found = rows.find((r) => key(r) === name);
    if (!found) {
      throw new Error(`demo data: unknown ${what} ${name}`);
    }
    return found;
  };
}

/**
 * Creates statuses and roles (the defaults of the emulated Nautobot line, plus the demo's own
 * roles), tags, location types, namespaces, tenants, vendors, providers, VRFs.
 */
export function buildBase(b: Builder, line: NautobotLine): BaseObjects {
  for (const [name, color, description, content_types] of DEFAULT_STATUSES[line]) {
    b.add<StatusRec>('statuses', name, { name, color, description, content_types });
  }
  const roles: StatusSpec[] = [
    ...DEFAULT_ROLES[line],
    ...ROLES.map(([name, color, types]): StatusSpec => [name, color, '', types]),
  ];
  for (const [name, color, description, content_types] of roles) {
    b.add<RoleRec>('roles', name, { name, color, description, weight: null, content_types });
  }
  const tagSpecs: [string, string, string][] = [
    ['core', 'ff5722', 'Core network infrastructure'],
    ['production', '4caf50', 'In production service'],
    ['pci', '9c27b0', 'In PCI DSS scope'],
  ];
  for (const [name, color, description] of tagSpecs) {
    b.add<TagRec>('tags', name, {
      name,
      color,
      description,
      content_types: [CT.device, CT.prefix, CT.location, CT.circuit],
    });
  }
  const lt = (name: string, parent: LocationTypeRec | null, nestable: boolean, types: string[]) => {
    const rec = b.add<LocationTypeRec>('location_types', name, {
      name,
      description: '',
      nestable,
      parent,
      children: [],
      locations: [],
      content_types: types,
    });
    parent?.children.push(rec);
    return rec;
  };
  const region = lt('Region', null, true, []);
  const site = lt('Site', region, false, [
    CT.device,
    CT.rack,
    CT.prefix,
    CT.vlan,
    'circuits.circuittermination',
  ]);
  const building = lt('Building', site, false, [CT.device, CT.rack, CT.prefix, CT.vlan]);
  lt('Floor', building, false, [CT.device, CT.rack, CT.prefix, CT.vlan]);

  for (const [name, description] of [
    ['Global', 'Default Global namespace. Created by Nautobot.'],
    ['Lab', 'Isolated lab address space'],
  ]) {
    b.add<NamespaceRec>('namespaces', name, {
      name,
      description,
      location: null,
      prefixes: [],
      tags: [],
      _custom_field_data: {},
    });
  }
  const customers = b.add<TenantGroupRec>('tenant_groups', 'Customers', {
    name: 'Customers',
    description: 'External customers',
    parent: null,
    children: [],
  });
  for (const [name, group] of [
    ['Acme Corp', customers],
    ['Globex', customers],
    ['NetOps', null],
  ] as const) {
    b.add<TenantRec>('tenants', name, {
      name,
      description: '',
      comments: '',
      tenant_group: group,
      tags: [],
      _custom_field_data: {},
    });
  }
  const mfr = (name: string) =>
    b.add<ManufacturerRec>('manufacturers', name, {
      name,
      description: '',
      device_types: [],
      platforms: [],
    });
  const arista = mfr('Arista');
  const cisco = mfr('Cisco');
  const juniper = mfr('Juniper');
  const opengear = mfr('Opengear');
  const platform = (name: string, m: ManufacturerRec, napalm: string) => {
    const rec = b.add<PlatformRec>('platforms', name, {
      name,
      manufacturer: m,
      network_driver: name,
      napalm_driver: napalm,
      napalm_args: null,
      description: '',
      network_driver_mappings: NETWORK_DRIVERS[name],
      devices: [],
    });
    m.platforms.push(rec);
    return rec;
  };
  platform('arista_eos', arista, 'eos');
  platform('cisco_ios', cisco, 'ios');
  platform('cisco_nxos', cisco, 'nxos');
  platform('juniper_junos', juniper, 'junos');
  const dt = (m: ManufacturerRec, model: string, part: string, height = 1) => {
    const rec = b.add<DeviceTypeRec>('device_types', model, {
      manufacturer: m,
      model,
      part_number: part,
      u_height: height,
      is_full_depth: true,
      subdevice_role: null,
      comments: '',
      devices: [],
      tags: [],
      _custom_field_data: {},
    });
    m.device_types.push(rec);
    return rec;
  };
  dt(arista, 'DCS-7280CR3-32P4', 'DCS-7280CR3-32P4-F');
  dt(arista, 'DCS-7050SX3-48YC8', 'DCS-7050SX3-48YC8-F');
  dt(cisco, 'N9K-C9336C-FX2', 'N9K-C9336C-FX2');
  dt(cisco, 'N9K-C93180YC-FX', 'N9K-C93180YC-FX');
  dt(juniper, 'QFX5120-32C', 'QFX5120-32C-AFO');
  dt(juniper, 'QFX5120-48Y', 'QFX5120-48Y-AFO');
  dt(juniper, 'MX204', 'MX204-HW-BASE');
  dt(opengear, 'CM8148', 'CM8148-10-DAC-US');

  for (const [name, asn, account, portal] of [
    ['Lumen', 3356, 'LMN-88231', 'https://www.lumen.com/'],
    ['NTT', 2914, 'NTT-447190', 'https://www.gin.ntt.net/'],
    ['Zayo', 6461, 'ZYO-102938', 'https://www.zayo.com/'],
  ] as const) {
    b.add<ProviderRec>('providers', name, {
      name,
      asn,
      account,
      portal_url: portal,
      noc_contact: `noc@${name.toLowerCase()}.example`,
      admin_contact: '',
      comments: '',
      circuits: [],
      tags: [],
      _custom_field_data: {},
    });
  }
  for (const [name, description] of [
    ['Dark Fiber', 'Point-to-point dark fibre'],
    ['Internet Transit', 'IP transit / DIA'],
    ['MPLS', 'Layer 3 VPN'],
  ]) {
    b.add<CircuitTypeRec>('circuit_types', name, { name, description, circuits: [] });
  }
  b.add<NamedRec & { is_private: boolean; description: string }>('rirs', 'RFC 1918', {
    name: 'RFC 1918',
    is_private: true,
    description: 'Private IPv4 space',
  });
  const namespace = finder(b.rows<NamespaceRec>('namespaces'), (r) => r.name, 'namespace');
  for (const [name, rd, description] of [
    ['MGMT', '65000:1', 'Out-of-band management'],
    ['PROD', '65000:100', 'Production'],
  ]) {
    b.add<VRFRec>('vrfs', name, {
      name,
      rd,
      namespace: namespace('Global'),
      description,
      prefixes: [],
    });
  }
  return {
    status: finder(b.rows<StatusRec>('statuses'), (r) => r.name, 'status'),
    role: finder(b.rows<RoleRec>('roles'), (r) => r.name, 'role'),
    tag: finder(b.rows<TagRec>('tags'), (r) => r.name, 'tag'),
    locationType: finder(b.rows<LocationTypeRec>('location_types'), (r) => r.name, 'location type'),
    namespace,
    tenant: finder(b.rows<TenantRec>('tenants'), (r) => r.name, 'tenant'),
    manufacturer: finder(b.rows<ManufacturerRec>('manufacturers'), (r) => r.name, 'manufacturer'),
    platform: finder(b.rows<PlatformRec>('platforms'), (r) => r.name, 'platform'),
    deviceType: finder(b.rows<DeviceTypeRec>('device_types'), (r) => r.model, 'device type'),
    provider: finder(b.rows<ProviderRec>('providers'), (r) => r.name, 'provider'),
    circuitType: finder(b.rows<CircuitTypeRec>('circuit_types'), (r) => r.name, 'circuit type'),
    vrf: finder(b.rows<VRFRec>('vrfs'), (r) => r.name, 'vrf'),
    rir: finder(b.rows<NamedRec>('rirs'), (r) => r.name, 'rir'),
  };
}

/** Options of {@link addLocation}. */
export interface LocationSpec {
  name: string;
  type: LocationTypeRec;
  parent: LocationRec | null;
  status: StatusRec;
  tenant?: TenantRec | null;
  description?: string;
  facility?: string;
  asn?: number | null;
  time_zone?: string | null;
  physical_address?: string;
  latitude?: string | null;
  longitude?: string | null;
  contact_name?: string;
  contact_phone?: string;
  contact_email?: string;
  siteIndex?: number;
}

/** Adds a location and wires parent/children and location-type reverse lists. */
export function addLocation(b: Builder, spec: LocationSpec): LocationRec {
  const rec = b.add<LocationRec>('locations', `${spec.parent?.name ?? ''}/${spec.name}`, {
    name: spec.name,
    location_type: spec.type,
    parent: spec.parent,
    status: spec.status,
    tenant: spec.tenant ?? null,
    description: spec.description ?? '',
    facility: spec.facility ?? '',
    asn: spec.asn ?? null,
    time_zone: spec.time_zone ?? null,
    physical_address: spec.physical_address ?? '',
    shipping_address: '',
    latitude: spec.latitude ?? null,
    longitude: spec.longitude ?? null,
    contact_name: spec.contact_name ?? '',
    contact_phone: spec.contact_phone ?? '',
    contact_email: spec.contact_email ?? '',
    comments: '',
    children: [],
    devices: [],
    racks: [],
    prefixes: [],
    vlans: [],
    vlan_groups: [],
    circuit_terminations: [],
    tags: [],
    _custom_field_data: {},
    _siteIndex: spec.siteIndex ?? -1,
  });
  spec.parent?.children.push(rec);
  spec.type.locations.push(rec);
  return rec;
}
