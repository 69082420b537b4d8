/**
 * Nautobot reports a filter value that names nothing (an unknown location, role,
 * status…) as an execution error whose message is a Python dict repr:
 * `{'location': ['Select a valid choice. atlantis is not one of the available choices.']}`.
 */
const INVALID_CHOICE =
  /^\{(['"])(?<filter>[\w]+)\1: \[(['"])Select a valid choice\. (?<value>.*) is not one of the available choices\.\3\]\}$/s;

/** An unknown filter value recognised in a Nautobot error message. */
export interface InvalidFilterValue {
  /** The filter argument as Nautobot names it, e.g. `location`, `role`, `parent`. */
  filter: string;
  value: string;
}

/** Recognises Nautobot's "Select a valid choice" filter error; undefined for anything else. */
export function parseInvalidFilterValue(message: string): InvalidFilterValue | undefined {
  const match = INVALID_CHOICE.exec(message.trim());
  if (!match?.groups) {
    return undefined;
  }
  return { filter: match.groups.filter, value: match.groups.value };
}

/** How to list the names of one kind of object, for suggestions. */
export interface KindSpec {
  /** Human label used in problem details, e.g. `device type`. */
  label: string;
  /** GraphQL list field, e.g. `device_types`. */
  list: string;
  /** Field holding the name users type (`name`, `model`, `cid`). */
  key: string;
  /**
   * Too many objects to list them all (devices, interfaces): candidates are searched with
   * the list's `q` filter on the first characters of the value instead.
   */
  search?: boolean;
}

/** Every kind of object a tool filter can name. */
export const FILTER_KIND_SPECS = {
  location: { label: 'location', list: 'locations', key: 'name' },
  role: { label: 'role', list: 'roles', key: 'name' },
  status: { label: 'status', list: 'statuses', key: 'name' },
  tenant: { label: 'tenant', list: 'tenants', key: 'name' },
  tenant_group: { label: 'tenant group', list: 'tenant_groups', key: 'name' },
  platform: { label: 'platform', list: 'platforms', key: 'name' },
  device_type: { label: 'device type', list: 'device_types', key: 'model' },
  manufacturer: { label: 'manufacturer', list: 'manufacturers', key: 'name' },
  location_type: { label: 'location type', list: 'location_types', key: 'name' },
  rack: { label: 'rack', list: 'racks', key: 'name' },
  rack_group: { label: 'rack group', list: 'rack_groups', key: 'name' },
  vlan_group: { label: 'VLAN group', list: 'vlan_groups', key: 'name' },
  namespace: { label: 'namespace', list: 'namespaces', key: 'name' },
  vrf: { label: 'VRF', list: 'vrfs', key: 'name' },
  rir: { label: 'RIR', list: 'rirs', key: 'name' },
  provider: { label: 'provider', list: 'providers', key: 'name' },
  circuit_type: { label: 'circuit type', list: 'circuit_types', key: 'name' },
  tag: { label: 'tag', list: 'tags', key: 'name' },
  device: { label: 'device', list: 'devices', key: 'name', search: true },
  interface: { label: 'interface', list: 'interfaces', key: 'name', search: true },
} as const satisfies Record<string, KindSpec>;

/** The kind of object a filter argument names, for the problem type and suggestions. */
export type FilterKind = keyof typeof FILTER_KIND_SPECS;

const FILTER_KINDS: Record<string, FilterKind> = {
  location: 'location',
  locations: 'location',
  location__n: 'location',
  parent: 'location',
  subtree: 'location',
  role: 'role',
  status: 'status',
  tenant: 'tenant',
  tenant_group: 'tenant_group',
  platform: 'platform',
  device_type: 'device_type',
  manufacturer: 'manufacturer',
  location_type: 'location_type',
  rack: 'rack',
  rack_group: 'rack_group',
  vlan_group: 'vlan_group',
  namespace: 'namespace',
  vrfs: 'vrf',
  vrf: 'vrf',
  rir: 'rir',
  provider: 'provider',
  circuit_type: 'circuit_type',
  tags: 'tag',
  device: 'device',
  interfaces: 'interface',
};

/** Maps a Nautobot filter argument to the kind of object it names. */
export function filterKind(filter: string): FilterKind | undefined {
  return FILTER_KINDS[filter];
}
