import type { Dataset } from './data/dataset.js';
import {
  DEVICE_FACES,
  INTERFACE_MODES,
  INTERFACE_TYPES,
  IP_ADDRESS_TYPES,
  PREFIX_TYPES,
  RACK_TYPES,
  RACK_WIDTHS,
  TERM_SIDES,
  interfaceKind,
  restValue,
} from './data/enums.js';
import type {
  CircuitRec,
  CircuitTerminationRec,
  DeviceRec,
  DeviceTypeRec,
  InterfaceRec,
  IPAddressRec,
  LocationRec,
  LocationTypeRec,
  ModelKey,
  NamedRec,
  NamespaceRec,
  PlatformRec,
  PrefixRec,
  ProviderRec,
  RackRec,
  RoleRec,
  TenantRec,
  VLANGroupRec,
  VLANRec,
  VRFRec,
} from './data/types.js';
import {
  bool,
  char,
  choice,
  custom,
  fk,
  ids,
  lookup,
  num,
  search,
  strings,
  type FilterDef,
  type ModelDef,
} from './filters.js';
import { compareLocationTree } from './data/ordering.js';
import { normalizeUuid } from './util/ids.js';
import { parseIp, within as ipWithin, type IpValue } from './util/ip.js';

interface WithStatus {
  status: { name: string };
}
interface WithTenant {
  tenant: TenantRec | null;
}
interface WithTags {
  tags: { name: string }[];
}

const statusF = <T extends WithStatus>() => fk<T>('status', 'statuses', (r) => r.status);
const roleF = <T extends { role: RoleRec | null }>(nullable = true) =>
  fk<T>('role', 'roles', (r) => r.role, { nullable });
const tagsF = <T extends WithTags>() => fk<T>('tags', 'tags', (r) => r.tags, { all: true });
const tenancyF = <T extends WithTenant>(): FilterDef[] => [
  ...fk<T>('tenant', 'tenants', (r) => r.tenant, { nullable: true }),
  ...fk<T>('tenant_id', 'tenants', (r) => r.tenant, { pkOnly: true }),
  ...fk<T>('tenant_group', 'tenant_groups', (r) => r.tenant?.tenant_group, { tree: true }),
];
const nameF = <T extends { name: string | null }>(nullable = false) =>
  char<T>('name', (r) => r.name, { nullable });
const descriptionF = <T extends { description: string }>() =>
  char<T>('description', (r) => r.description);

/** Parsed CIDR values of a filter; invalid ones are dropped (no error, like netaddr-based methods). */
function cidrs(value: unknown): IpValue[] {
  return strings(value)
    .map((v) => parseIp(v))
    .filter((v): v is IpValue => v !== undefined);
}

const prefixValue = (r: PrefixRec): IpValue => ({
  version: r._v,
  value: r._net,
  len: r.prefix_length,
});
const hostValue = (r: IPAddressRec): IpValue => ({
  version: r._v,
  value: r._host,
  len: r.mask_length,
});

function cidrFilter<T>(arg: string, test: (rec: T, cidr: IpValue) => boolean): FilterDef {
  return custom(arg, '[String]', (value) => {
    if (strings(value).length === 0) {
      return {};
    }
    const list = cidrs(value);
    return { pred: (rec) => list.some((c) => test(rec as T, c)) };
  });
}

function ipVersionF<T>(get: (r: T) => number): FilterDef {
  return custom('ip_version', 'Int', (value) => ({ pred: (rec) => get(rec as T) === value }));
}

function sameNet(a: IpValue, b: IpValue): boolean {
  return a.len === b.len && ipWithin(a, b) && ipWithin(b, a);
}

/** IP addresses given as `10.0.0.1/24`, `10.0.0.1` or UUIDs. */
function ipMatcher(value: unknown): (ip: IPAddressRec) => boolean {
  const values = strings(value);
  const uuids = new Set(values.map((v) => normalizeUuid(v)).filter((v) => v !== undefined));
  const addrs = values.map((v) => ({ text: v, ip: parseIp(v) })).filter((v) => v.ip !== undefined);
  return (ip) =>
    uuids.has(ip.id) ||
    addrs.some(
      ({ text, ip: a }) =>
        a !== undefined &&
        a.version === ip._v &&
        a.value === ip._host &&
        (!text.includes('/') || a.len === ip.mask_length),
    );
}

const PREFIX: ModelDef = {
  key: 'prefixes',
  single: 'prefix',
  typeName: 'PrefixType',
  restPath: 'ipam/prefixes',
  filters: [
    ...ids(),
    search<PrefixRec>(
      (r) => [r.description],
      (r, q) => {
        const ip = parseIp(q);
        return ip !== undefined && ipWithin(prefixValue(r), ip);
      },
    ),
    cidrFilter<PrefixRec>('prefix', (r, c) => sameNet(prefixValue(r), c)),
    cidrFilter<PrefixRec>(
      'within',
      (r, c) => ipWithin(c, prefixValue(r)) && r.prefix_length > c.len,
    ),
    cidrFilter<PrefixRec>('within_include', (r, c) => ipWithin(c, prefixValue(r))),
    cidrFilter<PrefixRec>('contains', (r, c) => ipWithin(prefixValue(r), c)),
    ...num<PrefixRec>('prefix_length', (r) => r.prefix_length),
    ipVersionF<PrefixRec>((r) => r.ip_version),
    ...choice<PrefixRec>('_type', PREFIX_TYPES, (r) => restValue(PREFIX_TYPES, r.type), {
      key: 'type',
      brokenAtTopLevel: true,
    }),
    ...statusF<PrefixRec>(),
    ...roleF<PrefixRec>(),
    ...fk<PrefixRec>('location', 'locations', (r) => r.locations, { tree: true }),
    ...fk<PrefixRec>('locations', 'locations', (r) => r.locations, { tree: true }),
    ...fk<PrefixRec>('namespace', 'namespaces', (r) => r.namespace),
    ...tenancyF<PrefixRec>(),
    ...fk<PrefixRec>('vlan_id', 'vlans', (r) => r.vlan, { pkOnly: true }),
    ...num<PrefixRec>('vlan_vid', (r) => r.vlan?.vid),
    ...fk<PrefixRec>('vrfs', 'vrfs', (r) => r.vrfs),
    ...fk<PrefixRec>('rir', 'rirs', (r) => r.rir, { nullable: true }),
    bool<PrefixRec>('has_rir', (r) => r.rir !== null),
    ...fk<PrefixRec>('parent', 'prefixes', (r) => r.parent, { nullable: true }),
    ...tagsF<PrefixRec>(),
    ...descriptionF<PrefixRec>(),
  ],
};

const DEVICE: ModelDef = {
  key: 'devices',
  single: 'device',
  typeName: 'DeviceType',
  restPath: 'dcim/devices',
  filters: [
    ...ids(),
    search<DeviceRec>((r) => [
      r.name,
      r.serial,
      r.asset_tag,
      r.comments,
      r.device_type.model,
      r.device_type.manufacturer.name,
    ]),
    ...nameF<DeviceRec>(true),
    ...fk<DeviceRec>('location', 'locations', (r) => r.location, { tree: true }),
    ...fk<DeviceRec>('role', 'roles', (r) => r.role),
    ...statusF<DeviceRec>(),
    ...fk<DeviceRec>('platform', 'platforms', (r) => r.platform, { nullable: true }),
    ...fk<DeviceRec>('device_type', 'device_types', (r) => r.device_type),
    ...fk<DeviceRec>('manufacturer', 'manufacturers', (r) => r.device_type.manufacturer),
    ...fk<DeviceRec>('rack', 'racks', (r) => r.rack, { nullable: true }),
    ...fk<DeviceRec>('rack_group', 'rack_groups', (r) => r.rack?.rack_group, { tree: true }),
    ...tenancyF<DeviceRec>(),
    ...char<DeviceRec>('serial', (r) => r.serial, { iexact: true }),
    ...char<DeviceRec>('asset_tag', (r) => r.asset_tag, { nullable: true }),
    ...choice<DeviceRec>('face', DEVICE_FACES, (r) => restValue(DEVICE_FACES, r.face)),
    ...num<DeviceRec>('position', (r) => r.position, { nullable: true }),
    bool<DeviceRec>('has_primary_ip', (r) => r.primary_ip4 !== null || r.primary_ip6 !== null),
    custom('ip_addresses', '[String]', (value) => {
      if (strings(value).length === 0) {
        return {};
      }
      const match = ipMatcher(value);
      return {
        pred: (rec) => (rec as DeviceRec).interfaces.some((i) => i.ip_addresses.some(match)),
      };
    }),
    ...char<DeviceRec>(
      'mac_address',
      (r) => r.interfaces.map((i) => i.mac_address?.toLowerCase() ?? null),
      { lookups: false },
    ).map((def) => ({
      ...def,
      compile: (value: unknown, db: Dataset) =>
        def.compile(
          strings(value).map((v) => v.toLowerCase()),
          db,
        ),
    })),
    ...fk<DeviceRec>('virtual_chassis', 'virtual_chassis', (r) => r.virtual_chassis, {
      nullable: true,
    }),
    ...fk<DeviceRec>('cluster', 'clusters', (r) => r.cluster, { nullable: true }),
    ...fk<DeviceRec>('software_version', 'software_versions', () => null, { nullable: true }),
    ...tagsF<DeviceRec>(),
    ...char<DeviceRec>('comments', (r) => r.comments),
  ],
};

const LOCATION: ModelDef = {
  key: 'locations',
  single: 'location',
  typeName: 'LocationType',
  restPath: 'dcim/locations',
  // DCIM's `_subtree` filter returns `queryset.with_tree_fields().filter(...)`.
  reorder: (args, rows) =>
    strings(args.subtree ?? []).length > 0
      ? Array.from({ length: rows.length }, (_, i) => rows.at(i) as LocationRec).sort(
          compareLocationTree,
        )
      : undefined,
  filters: [
    ...ids(),
    search<LocationRec>(
      (r) => [
        r.name,
        r.facility,
        r.description,
        r.physical_address,
        r.shipping_address,
        r.contact_name,
        r.comments,
      ],
      (r, q) => r.asn !== null && String(r.asn) === q,
    ),
    ...nameF<LocationRec>(),
    ...fk<LocationRec>('location_type', 'location_types', (r) => r.location_type),
    ...fk<LocationRec>('parent', 'locations', (r) => r.parent, { nullable: true }),
    ...fk<LocationRec>('subtree', 'locations', (r) => r, { tree: true, negate: false }),
    ...statusF<LocationRec>(),
    ...tenancyF<LocationRec>(),
    ...char<LocationRec>('facility', (r) => r.facility),
    ...num<LocationRec>('asn', (r) => r.asn, { type: '[BigInteger]', nullable: true }),
    ...descriptionF<LocationRec>(),
    ...char<LocationRec>('time_zone', (r) => r.time_zone, { lookups: false }),
    ...char<LocationRec>('contact_name', (r) => r.contact_name),
    ...char<LocationRec>('physical_address', (r) => r.physical_address),
    bool<LocationRec>('has_devices', (r) => r.devices.length > 0),
    bool<LocationRec>('has_prefixes', (r) => r.prefixes.length > 0),
    bool<LocationRec>('has_racks', (r) => r.racks.length > 0),
    bool<LocationRec>('has_vlans', (r) => r.vlans.length > 0),
    bool<LocationRec>('has_circuit_terminations', (r) => r.circuit_terminations.length > 0),
    ...tagsF<LocationRec>(),
  ],
};

const LOCATION_TYPE: ModelDef = {
  key: 'location_types',
  single: 'location_type',
  typeName: 'LocationTypeType',
  restPath: 'dcim/location-types',
  filters: [
    ...ids(),
    search<LocationTypeRec>((r) => [r.name, r.description]),
    ...nameF<LocationTypeRec>(),
    ...fk<LocationTypeRec>('parent', 'location_types', (r) => r.parent, { nullable: true }),
    bool<LocationTypeRec>('nestable', (r) => r.nestable),
    ...char<LocationTypeRec>('content_types', (r) => r.content_types, { lookups: false }),
    ...descriptionF<LocationTypeRec>(),
  ],
};

const VLAN: ModelDef = {
  key: 'vlans',
  single: 'vlan',
  typeName: 'VLANType',
  restPath: 'ipam/vlans',
  filters: [
    ...ids(),
    search<VLANRec>(
      (r) => [r.name, r.description],
      (r, q) => String(r.vid) === q,
    ),
    ...num<VLANRec>('vid', (r) => r.vid),
    ...nameF<VLANRec>(),
    ...fk<VLANRec>('vlan_group', 'vlan_groups', (r) => r.vlan_group, { nullable: true }),
    ...fk<VLANRec>('location', 'locations', (r) => r.locations, { tree: true }),
    ...fk<VLANRec>('locations', 'locations', (r) => r.locations, { tree: true }),
    ...statusF<VLANRec>(),
    ...roleF<VLANRec>(),
    ...tenancyF<VLANRec>(),
    custom('available_on_device', '[String]', (value, db) => {
      const values = strings(value);
      if (values.length === 0) {
        return {};
      }
      const devices = values.map((v) => lookup(db, 'devices', v)[0] as DeviceRec | undefined);
      const allowed = new Set<unknown>();
      for (const d of devices) {
        for (let loc: LocationRec | null = d?.location ?? null; loc; loc = loc.parent) {
          allowed.add(loc);
        }
      }
      return {
        pred: (rec) => {
          const v = rec as VLANRec;
          return v.locations.length === 0 || v.locations.some((l) => allowed.has(l));
        },
      };
    }),
    ...descriptionF<VLANRec>(),
    ...tagsF<VLANRec>(),
  ],
};

const VLAN_GROUP: ModelDef = {
  key: 'vlan_groups',
  single: 'vlan_group',
  typeName: 'VLANGroupType',
  restPath: 'ipam/vlan-groups',
  filters: [
    ...ids(),
    search<VLANGroupRec>((r) => [r.name, r.description]),
    ...nameF<VLANGroupRec>(),
    ...fk<VLANGroupRec>('location', 'locations', (r) => r.location, { tree: true, nullable: true }),
    ...descriptionF<VLANGroupRec>(),
  ],
};

const IP_ADDRESS: ModelDef = {
  key: 'ip_addresses',
  single: 'ip_address',
  typeName: 'IPAddressType',
  restPath: 'ipam/ip-addresses',
  filters: [
    ...ids(),
    search<IPAddressRec>(
      (r) => [r.dns_name, r.description],
      (r, q) => {
        const ip = parseIp(q);
        return ip !== undefined && ip.version === r._v && ip.value === r._host;
      },
    ),
    custom('address', '[String]', (value) => {
      if (strings(value).length === 0) {
        return {};
      }
      const match = ipMatcher(value);
      return { pred: (rec) => match(rec as IPAddressRec) };
    }),
    ...fk<IPAddressRec>('parent', 'prefixes', (r) => r.parent, { pkOnly: true }),
    cidrFilter<IPAddressRec>('prefix', (r, c) => ipWithin(c, hostValue(r))),
    ...num<IPAddressRec>('mask_length', (r) => r.mask_length),
    ipVersionF<IPAddressRec>((r) => r.ip_version),
    ...choice<IPAddressRec>('_type', IP_ADDRESS_TYPES, (r) => restValue(IP_ADDRESS_TYPES, r.type), {
      key: 'type',
      brokenAtTopLevel: true,
    }),
    ...char<IPAddressRec>('dns_name', (r) => r.dns_name),
    ...statusF<IPAddressRec>(),
    ...roleF<IPAddressRec>(),
    ...fk<IPAddressRec>('namespace', 'namespaces', (r) => r.parent?.namespace),
    ...char<IPAddressRec>('device', (r) => r.interfaces.map((i) => i.device.name), {
      lookups: false,
    }),
    custom('device_id', '[String]', (value) => {
      const values = strings(value);
      if (values.length === 0) {
        return {};
      }
      const wanted = new Set<string>();
      for (const v of values) {
        const uuid = normalizeUuid(v);
        if (!uuid) {
          return { error: 'Enter a valid UUID.' };
        }
        wanted.add(uuid);
      }
      return {
        pred: (rec) => (rec as IPAddressRec).interfaces.some((i) => wanted.has(i.device.id)),
      };
    }),
    ...fk<IPAddressRec>('interfaces', 'interfaces', (r) => r.interfaces),
    bool<IPAddressRec>('has_interface_assignments', (r) => r.interfaces.length > 0),
    ...tenancyF<IPAddressRec>(),
    ...fk<IPAddressRec>('vrfs', 'vrfs', (r) => r.parent?.vrfs ?? []),
    ...descriptionF<IPAddressRec>(),
    ...tagsF<IPAddressRec>(),
  ],
};

const INTERFACE: ModelDef = {
  key: 'interfaces',
  single: 'interface',
  typeName: 'InterfaceType',
  restPath: 'dcim/interfaces',
  filters: [
    ...ids(),
    search<InterfaceRec>((r) => [r.name, r.label, r.description]),
    ...nameF<InterfaceRec>(),
    ...fk<InterfaceRec>('device', 'devices', (r) => r.device),
    ...fk<InterfaceRec>('device_id', 'devices', (r) => r.device, { pkOnly: true }),
    ...fk<InterfaceRec>('location', 'locations', (r) => r.device.location),
    ...choice<InterfaceRec>('_type', INTERFACE_TYPES, (r) => restValue(INTERFACE_TYPES, r.type), {
      key: 'type',
      brokenAtTopLevel: true,
    }),
    bool<InterfaceRec>('enabled', (r) => r.enabled),
    bool<InterfaceRec>('mgmt_only', (r) => r.mgmt_only),
    ...choice<InterfaceRec>('mode', INTERFACE_MODES, (r) => restValue(INTERFACE_MODES, r.mode)),
    ...num<InterfaceRec>('mtu', (r) => r.mtu, { nullable: true }),
    ...char<InterfaceRec>('mac_address', (r) => r.mac_address, { lookups: false, nullable: true }),
    ...statusF<InterfaceRec>(),
    ...roleF<InterfaceRec>(),
    custom('kind', 'String', (value) => ({
      pred: (rec) => interfaceKind((rec as InterfaceRec).type) === value,
    })),
    custom('vlan', 'Int', (value) => ({
      pred: (rec) => {
        const r = rec as InterfaceRec;
        return r.untagged_vlan?.vid === value || r.tagged_vlans.some((v) => v.vid === value);
      },
    })),
    custom('vlan_id', 'String', (value) => {
      const id = normalizeUuid(String(value));
      return {
        pred: (rec) => {
          const r = rec as InterfaceRec;
          return r.untagged_vlan?.id === id || r.tagged_vlans.some((v) => v.id === id);
        },
      };
    }),
    ...fk<InterfaceRec>('untagged_vlan', 'vlans', (r) => r.untagged_vlan, { nullable: true }),
    ...fk<InterfaceRec>('tagged_vlans', 'vlans', (r) => r.tagged_vlans),
    ...fk<InterfaceRec>('lag', 'interfaces', (r) => r.lag, { nullable: true }),
    ...fk<InterfaceRec>('parent_interface', 'interfaces', (r) => r.parent_interface, {
      nullable: true,
    }),
    bool<InterfaceRec>(
      'connected',
      (r) => r.connected_interface !== null || r.connected_circuit_termination !== null,
    ),
    bool<InterfaceRec>('has_ip_addresses', (r) => r.ip_addresses.length > 0),
    custom('ip_addresses', '[String]', (value) => {
      if (strings(value).length === 0) {
        return {};
      }
      const match = ipMatcher(value);
      return { pred: (rec) => (rec as InterfaceRec).ip_addresses.some(match) };
    }),
    ...fk<InterfaceRec>('cable', 'cables', (r) => r.cable, { nullable: true }),
    bool<InterfaceRec>('has_cable', (r) => r.cable !== null),
    ...char<InterfaceRec>('label', (r) => r.label),
    ...descriptionF<InterfaceRec>(),
    ...tagsF<InterfaceRec>(),
  ],
};

const RACK: ModelDef = {
  key: 'racks',
  single: 'rack',
  typeName: 'RackType',
  restPath: 'dcim/racks',
  filters: [
    ...ids(),
    search<RackRec>((r) => [r.name, r.facility_id, r.serial, r.asset_tag, r.comments]),
    ...nameF<RackRec>(),
    ...fk<RackRec>('location', 'locations', (r) => r.location, { tree: true }),
    ...fk<RackRec>('rack_group', 'rack_groups', (r) => r.rack_group, {
      tree: true,
      nullable: true,
    }),
    ...statusF<RackRec>(),
    ...roleF<RackRec>(),
    ...tenancyF<RackRec>(),
    ...char<RackRec>('serial', (r) => r.serial, { iexact: true }),
    ...char<RackRec>('asset_tag', (r) => r.asset_tag, { nullable: true }),
    ...char<RackRec>('facility_id', (r) => r.facility_id, { nullable: true }),
    ...choice<RackRec>('_type', RACK_TYPES, (r) => restValue(RACK_TYPES, r.type), {
      key: 'type',
      brokenAtTopLevel: true,
    }),
    ...choice<RackRec>('width', RACK_WIDTHS, (r) => restValue(RACK_WIDTHS, r.width)),
    ...num<RackRec>('u_height', (r) => r.u_height),
    bool<RackRec>('desc_units', (r) => r.desc_units),
    bool<RackRec>('has_devices', (r) => r.devices.length > 0),
    ...tagsF<RackRec>(),
  ],
};

const CIRCUIT: ModelDef = {
  key: 'circuits',
  single: 'circuit',
  typeName: 'CircuitType',
  restPath: 'circuits/circuits',
  filters: [
    ...ids(),
    search<CircuitRec>((r) => [
      r.cid,
      r.description,
      r.comments,
      ...r.circuit_terminations.flatMap((t) => [t.xconnect_id, t.pp_info, t.description]),
    ]),
    ...char<CircuitRec>('cid', (r) => r.cid),
    ...fk<CircuitRec>('provider', 'providers', (r) => r.provider),
    ...fk<CircuitRec>('circuit_type', 'circuit_types', (r) => r.circuit_type),
    ...statusF<CircuitRec>(),
    ...fk<CircuitRec>(
      'location',
      'locations',
      (r) => r.circuit_terminations.map((t) => t.location),
      {
        tree: true,
      },
    ),
    ...fk<CircuitRec>('provider_network', 'provider_networks', (r) =>
      r.circuit_terminations.map((t) => t.provider_network),
    ),
    ...tenancyF<CircuitRec>(),
    ...num<CircuitRec>('commit_rate', (r) => r.commit_rate, { nullable: true }),
    ...char<CircuitRec>('install_date', (r) => r.install_date, { lookups: false, nullable: true }),
    bool<CircuitRec>('has_terminations', (r) => r.circuit_terminations.length > 0),
    ...descriptionF<CircuitRec>(),
    ...tagsF<CircuitRec>(),
  ],
};

const CIRCUIT_TERMINATION: ModelDef = {
  key: 'circuit_terminations',
  single: 'circuit_termination',
  typeName: 'CircuitTerminationType',
  restPath: 'circuits/circuit-terminations',
  filters: [
    ...ids(),
    search<CircuitTerminationRec>((r) => [r.circuit.cid, r.xconnect_id, r.pp_info, r.description]),
    ...fk<CircuitTerminationRec>('circuit', 'circuits', (r) => r.circuit),
    ...choice<CircuitTerminationRec>('term_side', TERM_SIDES, (r) => r.term_side),
    ...fk<CircuitTerminationRec>('location', 'locations', (r) => r.location, {
      tree: true,
      nullable: true,
    }),
    ...fk<CircuitTerminationRec>(
      'provider_network',
      'provider_networks',
      (r) => r.provider_network,
      {
        nullable: true,
      },
    ),
    ...num<CircuitTerminationRec>('port_speed', (r) => r.port_speed, { nullable: true }),
    ...char<CircuitTerminationRec>('xconnect_id', (r) => r.xconnect_id),
    ...fk<CircuitTerminationRec>('cable', 'cables', (r) => r.cable, { nullable: true }),
    ...descriptionF<CircuitTerminationRec>(),
    ...tagsF<CircuitTerminationRec>(),
  ],
};

function simple(
  key: ModelKey,
  single: string,
  typeName: string,
  restPath: string,
  extra: FilterDef[] = [],
): ModelDef {
  return {
    key,
    single,
    typeName,
    restPath,
    filters: [
      ...ids(),
      search<NamedRec & { description?: string }>((r) => [r.name, r.description]),
      ...nameF<NamedRec>(),
      ...extra,
    ],
  };
}

const contentTypesF = () =>
  char<{ content_types: string[] }>('content_types', (r) => r.content_types, { lookups: false });
const colorF = () => char<{ color: string }>('color', (r) => r.color, { lookups: false });

/** Every list model exposed on the Query root, in schema order. */
export const MODELS: readonly ModelDef[] = [
  PREFIX,
  DEVICE,
  LOCATION,
  LOCATION_TYPE,
  VLAN,
  VLAN_GROUP,
  IP_ADDRESS,
  INTERFACE,
  RACK,
  CIRCUIT,
  CIRCUIT_TERMINATION,
  simple('providers', 'provider', 'ProviderType', 'circuits/providers', [
    ...num<ProviderRec>('asn', (r) => r.asn, { type: '[BigInteger]', nullable: true }),
    ...char<ProviderRec>('account', (r) => r.account),
    ...tagsF<ProviderRec>(),
  ]),
  simple('circuit_types', 'circuit_type', 'CircuitTypeType', 'circuits/circuit-types', [
    ...descriptionF(),
  ]),
  {
    key: 'device_types',
    single: 'device_type',
    typeName: 'DeviceTypeType',
    restPath: 'dcim/device-types',
    filters: [
      ...ids(),
      search<DeviceTypeRec>((r) => [r.model, r.part_number, r.comments, r.manufacturer.name]),
      ...char<DeviceTypeRec>('model', (r) => r.model),
      ...fk<DeviceTypeRec>('manufacturer', 'manufacturers', (r) => r.manufacturer),
      ...char<DeviceTypeRec>('part_number', (r) => r.part_number),
      ...num<DeviceTypeRec>('u_height', (r) => r.u_height),
      bool<DeviceTypeRec>('is_full_depth', (r) => r.is_full_depth),
      ...tagsF<DeviceTypeRec>(),
    ],
  },
  simple('manufacturers', 'manufacturer', 'ManufacturerType', 'dcim/manufacturers', [
    ...descriptionF(),
  ]),
  simple('platforms', 'platform', 'PlatformType', 'dcim/platforms', [
    ...fk<PlatformRec>('manufacturer', 'manufacturers', (r) => r.manufacturer, { nullable: true }),
    ...char<PlatformRec>('network_driver', (r) => r.network_driver),
    ...char<PlatformRec>('napalm_driver', (r) => r.napalm_driver),
    ...descriptionF(),
  ]),
  simple('namespaces', 'namespace', 'NamespaceType', 'ipam/namespaces', [
    ...fk<NamespaceRec>('location', 'locations', (r) => r.location, { nullable: true }),
    ...descriptionF(),
    ...tagsF<NamespaceRec>(),
  ]),
  simple('vrfs', 'vrf', 'VRFType', 'ipam/vrfs', [
    ...char<VRFRec>('rd', (r) => r.rd, { nullable: true }),
    ...fk<VRFRec>('namespace', 'namespaces', (r) => r.namespace),
    ...descriptionF(),
  ]),
  simple('rirs', 'rir', 'RIRType', 'ipam/rirs', [...descriptionF()]),
  simple('tenants', 'tenant', 'TenantType', 'tenancy/tenants', [
    ...fk<TenantRec>('tenant_group', 'tenant_groups', (r) => r.tenant_group, {
      tree: true,
      nullable: true,
    }),
    ...descriptionF(),
    ...tagsF<TenantRec>(),
  ]),
  simple('tenant_groups', 'tenant_group', 'TenantGroupType', 'tenancy/tenant-groups', [
    ...fk<{ parent: unknown }>('parent', 'tenant_groups', (r) => r.parent, { nullable: true }),
    ...descriptionF(),
  ]),
  simple('rack_groups', 'rack_group', 'RackGroupType', 'dcim/rack-groups', [
    ...fk<{ location: unknown }>('location', 'locations', (r) => r.location, { tree: true }),
    ...fk<{ parent: unknown }>('parent', 'rack_groups', (r) => r.parent, { nullable: true }),
    ...descriptionF(),
  ]),
  simple('statuses', 'status', 'StatusType', 'extras/statuses', [
    ...contentTypesF(),
    ...colorF(),
    ...descriptionF(),
  ]),
  simple('roles', 'role', 'RoleType', 'extras/roles', [
    ...contentTypesF(),
    ...colorF(),
    ...num<RoleRec>('weight', (r) => r.weight, { nullable: true }),
    ...descriptionF(),
  ]),
  simple('tags', 'tag', 'TagType', 'extras/tags', [
    ...contentTypesF(),
    ...colorF(),
    ...descriptionF(),
  ]),
];

/** Models by list-field name. */
export const MODEL_BY_KEY: ReadonlyMap<ModelKey, ModelDef> = new Map(MODELS.map((m) => [m.key, m]));

/** REST paths of object types without a list field (for `url`). */
export const EXTRA_REST_PATHS: Readonly<Record<string, string>> = {
  CableType: 'dcim/cables',
  ClusterType: 'virtualization/clusters',
  VirtualChassisType: 'dcim/virtual-chassis',
  ProviderNetworkType: 'circuits/provider-networks',
};
