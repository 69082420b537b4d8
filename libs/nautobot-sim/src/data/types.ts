/** Read-only random access list: plain arrays satisfy it, lazy generated collections too. */
export interface Coll<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** Keys of the data tables (the GraphQL list-field names). */
export type ModelKey =
  | 'locations'
  | 'location_types'
  | 'devices'
  | 'interfaces'
  | 'ip_addresses'
  | 'prefixes'
  | 'vlans'
  | 'vlan_groups'
  | 'racks'
  | 'rack_groups'
  | 'circuits'
  | 'circuit_terminations'
  | 'providers'
  | 'provider_networks'
  | 'circuit_types'
  | 'statuses'
  | 'roles'
  | 'tenants'
  | 'tenant_groups'
  | 'platforms'
  | 'manufacturers'
  | 'device_types'
  | 'namespaces'
  | 'tags'
  | 'vrfs'
  | 'rirs'
  | 'clusters'
  | 'virtual_chassis'
  | 'cables'
  | 'software_versions';

/** Fields every Nautobot object has in this simulator. */
export interface BaseRec {
  id: string;
  created: string;
  last_updated: string;
}

export interface TagRec extends BaseRec {
  name: string;
  color: string;
  description: string;
  content_types: string[];
}

interface Tagged {
  tags: TagRec[];
  _custom_field_data: Record<string, unknown>;
}

export interface StatusRec extends BaseRec {
  name: string;
  color: string;
  description: string;
  content_types: string[];
}

export interface RoleRec extends StatusRec {
  weight: number | null;
}

export interface TenantGroupRec extends BaseRec {
  name: string;
  description: string;
  parent: TenantGroupRec | null;
  children: TenantGroupRec[];
}

export interface TenantRec extends BaseRec, Tagged {
  name: string;
  description: string;
  comments: string;
  tenant_group: TenantGroupRec | null;
}

export interface ManufacturerRec extends BaseRec {
  name: string;
  description: string;
  device_types: DeviceTypeRec[];
  platforms: PlatformRec[];
}

export interface PlatformRec extends BaseRec {
  name: string;
  manufacturer: ManufacturerRec | null;
  network_driver: string;
  napalm_driver: string;
  napalm_args: unknown;
  description: string;
  network_driver_mappings: Record<string, string>;
  devices: DeviceRec[];
}

export interface DeviceTypeRec extends BaseRec, Tagged {
  manufacturer: ManufacturerRec;
  model: string;
  part_number: string;
  u_height: number;
  is_full_depth: boolean;
  subdevice_role: string | null;
  comments: string;
  devices: DeviceRec[];
}

export interface NamespaceRec extends BaseRec, Tagged {
  name: string;
  description: string;
  location: LocationRec | null;
  prefixes: Coll<PrefixRec>;
}

export interface LocationTypeRec extends BaseRec {
  name: string;
  description: string;
  nestable: boolean;
  parent: LocationTypeRec | null;
  children: LocationTypeRec[];
  locations: LocationRec[];
  content_types: string[];
}

export interface LocationRec extends BaseRec, Tagged {
  name: string;
  location_type: LocationTypeRec;
  parent: LocationRec | null;
  status: StatusRec;
  tenant: TenantRec | null;
  description: string;
  facility: string;
  asn: number | null;
  time_zone: string | null;
  physical_address: string;
  shipping_address: string;
  latitude: string | null;
  longitude: string | null;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  comments: string;
  children: LocationRec[];
  devices: DeviceRec[];
  racks: RackRec[];
  prefixes: Coll<PrefixRec>;
  vlans: VLANRec[];
  vlan_groups: VLANGroupRec[];
  circuit_terminations: CircuitTerminationRec[];
  /** Index of this location among the scale data set's sites (prefix ranges); -1 otherwise. */
  _siteIndex: number;
}

export interface RackGroupRec extends BaseRec {
  name: string;
  location: LocationRec;
  parent: RackGroupRec | null;
  children: RackGroupRec[];
  description: string;
}

export interface RackRec extends BaseRec, Tagged {
  name: string;
  status: StatusRec;
  role: RoleRec | null;
  facility_id: string | null;
  location: LocationRec;
  rack_group: RackGroupRec | null;
  tenant: TenantRec | null;
  serial: string;
  asset_tag: string | null;
  type: string | null;
  width: string;
  u_height: number;
  desc_units: boolean;
  outer_width: number | null;
  outer_depth: number | null;
  comments: string;
  devices: DeviceRec[];
}

export interface NamedRec extends BaseRec {
  name: string;
}

export interface CableRec extends BaseRec {
  label: string;
  name: string;
}

export interface DeviceRec extends BaseRec, Tagged {
  name: string | null;
  device_type: DeviceTypeRec;
  role: RoleRec;
  status: StatusRec;
  tenant: TenantRec | null;
  platform: PlatformRec | null;
  serial: string;
  asset_tag: string | null;
  location: LocationRec;
  rack: RackRec | null;
  position: number | null;
  face: string | null;
  primary_ip4: IPAddressRec | null;
  primary_ip6: IPAddressRec | null;
  cluster: NamedRec | null;
  virtual_chassis: NamedRec | null;
  vc_position: number | null;
  vc_priority: number | null;
  comments: string;
  local_config_context_data: unknown;
  config_context: Record<string, unknown>;
  interfaces: InterfaceRec[];
}

export interface InterfaceRec extends BaseRec, Tagged {
  device: DeviceRec;
  name: string;
  label: string;
  description: string;
  type: string;
  enabled: boolean;
  mgmt_only: boolean;
  mtu: number | null;
  mode: string | null;
  mac_address: string | null;
  status: StatusRec;
  role: RoleRec | null;
  lag: InterfaceRec | null;
  parent_interface: InterfaceRec | null;
  bridge: InterfaceRec | null;
  untagged_vlan: VLANRec | null;
  tagged_vlans: VLANRec[];
  vrf: VRFRec | null;
  ip_addresses: IPAddressRec[];
  cable: CableRec | null;
  connected_interface: InterfaceRec | null;
  cable_peer_interface: InterfaceRec | null;
  connected_circuit_termination: CircuitTerminationRec | null;
  member_interfaces: InterfaceRec[];
  child_interfaces: InterfaceRec[];
}

export interface IPAddressRec extends BaseRec, Tagged {
  address: string;
  host: string;
  mask_length: number;
  ip_version: number;
  type: string;
  status: StatusRec;
  role: RoleRec | null;
  parent: PrefixRec | null;
  tenant: TenantRec | null;
  nat_inside: IPAddressRec | null;
  dns_name: string;
  description: string;
  interfaces: InterfaceRec[];
  primary_ip4_for: DeviceRec[];
  primary_ip6_for: DeviceRec[];
  _v: 4 | 6;
  _host: bigint;
}

export interface PrefixRec extends BaseRec, Tagged {
  prefix: string;
  network: string;
  broadcast: string;
  prefix_length: number;
  ip_version: number;
  type: string;
  status: StatusRec;
  role: RoleRec | null;
  parent: PrefixRec | null;
  namespace: NamespaceRec;
  tenant: TenantRec | null;
  vlan: VLANRec | null;
  rir: NamedRec | null;
  date_allocated: string | null;
  description: string;
  locations: LocationRec[];
  children: Coll<PrefixRec>;
  ip_addresses: IPAddressRec[];
  vrfs: VRFRec[];
  _v: 4 | 6;
  _net: bigint;
}

export interface VLANGroupRec extends BaseRec {
  name: string;
  location: LocationRec | null;
  description: string;
  range: string;
  vlans: VLANRec[];
}

export interface VLANRec extends BaseRec, Tagged {
  vid: number;
  name: string;
  vlan_group: VLANGroupRec | null;
  status: StatusRec;
  role: RoleRec | null;
  tenant: TenantRec | null;
  description: string;
  locations: LocationRec[];
  prefixes: PrefixRec[];
  interfaces_as_untagged: InterfaceRec[];
  interfaces_as_tagged: InterfaceRec[];
}

export interface VRFRec extends BaseRec {
  name: string;
  rd: string | null;
  namespace: NamespaceRec;
  description: string;
  prefixes: PrefixRec[];
}

export interface ProviderRec extends BaseRec, Tagged {
  name: string;
  asn: number | null;
  account: string;
  portal_url: string;
  noc_contact: string;
  admin_contact: string;
  comments: string;
  circuits: CircuitRec[];
}

export interface CircuitTypeRec extends BaseRec {
  name: string;
  description: string;
  circuits: CircuitRec[];
}

export interface CircuitRec extends BaseRec, Tagged {
  cid: string;
  provider: ProviderRec;
  circuit_type: CircuitTypeRec;
  status: StatusRec;
  tenant: TenantRec | null;
  install_date: string | null;
  commit_rate: number | null;
  description: string;
  comments: string;
  circuit_termination_a: CircuitTerminationRec | null;
  circuit_termination_z: CircuitTerminationRec | null;
  circuit_terminations: CircuitTerminationRec[];
}

export interface CircuitTerminationRec extends BaseRec, Tagged {
  circuit: CircuitRec;
  term_side: string;
  location: LocationRec | null;
  provider_network: NamedRec | null;
  port_speed: number | null;
  upstream_speed: number | null;
  xconnect_id: string;
  pp_info: string;
  description: string;
  cable: CableRec | null;
  connected_interface: InterfaceRec | null;
  cable_peer_interface: InterfaceRec | null;
}
