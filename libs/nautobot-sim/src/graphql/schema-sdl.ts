import { enumSdl } from '../data/enums.js';
import type { ModelKey } from '../data/types.js';
import { MODEL_BY_KEY, MODELS } from '../models.js';

function model(key: ModelKey) {
  const m = MODEL_BY_KEY.get(key);
  if (!m) {
    throw new Error(`unknown model ${key}`);
  }
  return m;
}

/** `(limit: Int, offset: Int, <every filter>)` of a list field. */
function args(key: ModelKey): string {
  const filters = model(key).filters.map((f) => `${f.arg}: ${f.type}`);
  return `(limit: Int, offset: Int, ${filters.join(', ')})`;
}

/** A filterable list field returning `[<Model>Type]` (top level or nested). */
function L(key: ModelKey): string {
  return `${args(key)}: [${model(key).typeName}]`;
}

const QUERY = MODELS.map((m) => `  ${m.single}(id: ID): ${m.typeName}\n  ${m.key}${L(m.key)}`).join(
  '\n',
);

/**
 * The Nautobot 2.x GraphQL schema as served by the simulator. Derived from the reference
 * `schema-partial.graphql` (types, fields, nullability); list-field arguments are generated from the
 * simulator's filter tables (every filter with its lookup-suffixed variants, top level and nested).
 */
export const SCHEMA_SDL = `
scalar UUID
scalar DateTime
scalar Date
scalar Decimal
scalar GenericScalar
scalar BigInteger

schema { query: Query }

type Query {
${QUERY}
}

${enumSdl()}

type StatusType { id: UUID! url: String name: String! color: String! description: String! created: DateTime last_updated: DateTime }
type RoleType { id: UUID! url: String name: String! color: String! description: String! weight: Int created: DateTime last_updated: DateTime }
type TagType { id: UUID! url: String name: String! color: String! description: String! }
type TenantGroupType { id: UUID! url: String name: String! description: String! parent: TenantGroupType }
type TenantType { id: UUID! url: String name: String! description: String! comments: String! tenant_group: TenantGroupType tags: [TagType] }
type ManufacturerType { id: UUID! url: String name: String! description: String! device_types${L('device_types')} platforms${L('platforms')} }
type PlatformType {
  id: UUID! url: String name: String! manufacturer: ManufacturerType
  network_driver: String! napalm_driver: String! napalm_args: GenericScalar description: String!
  network_driver_mappings: GenericScalar
  devices${L('devices')}
}
type DeviceTypeType {
  id: UUID! url: String manufacturer: ManufacturerType! model: String! part_number: String!
  u_height: Int! is_full_depth: Boolean! subdevice_role: DcimDeviceTypeSubdeviceRoleChoices comments: String!
  devices${L('devices')}
  tags: [TagType]
}
type NamespaceType {
  id: UUID! url: String name: String! description: String! location: LocationType
  prefixes${L('prefixes')}
  tags: [TagType]
}
type LocationTypeType {
  id: UUID! url: String name: String! description: String! nestable: Boolean! parent: LocationTypeType
  children${L('location_types')}
  locations${L('locations')}
}

type LocationType {
  id: UUID! url: String
  name: String! location_type: LocationTypeType! parent: LocationType status: StatusType! tenant: TenantType
  description: String! facility: String! asn: BigInteger time_zone: String
  physical_address: String! shipping_address: String! latitude: Decimal longitude: Decimal
  contact_name: String! contact_phone: String! contact_email: String! comments: String!
  children${L('locations')}
  devices${L('devices')}
  racks${L('racks')}
  prefixes${L('prefixes')}
  vlans${L('vlans')}
  vlan_groups: [VLANGroupType]
  circuit_terminations${L('circuit_terminations')}
  tags: [TagType] created: DateTime last_updated: DateTime _custom_field_data: GenericScalar
}

type DeviceType {
  id: UUID! url: String
  name: String
  device_type: DeviceTypeType! role: RoleType! status: StatusType! tenant: TenantType platform: PlatformType
  serial: String! asset_tag: String
  location: LocationType! rack: RackType position: Int face: DcimDeviceFaceChoices
  primary_ip4: IPAddressType primary_ip6: IPAddressType primary_ip: IPAddressType
  cluster: ClusterType virtual_chassis: VirtualChassisType vc_position: Int vc_priority: Int
  comments: String! local_config_context_data: GenericScalar config_context: GenericScalar
  interfaces${L('interfaces')}
  all_interfaces: [InterfaceType] vc_interfaces: [InterfaceType]
  tags: [TagType] created: DateTime last_updated: DateTime _custom_field_data: GenericScalar
}

type RackType {
  id: UUID! url: String
  name: String! status: StatusType! role: RoleType facility_id: String location: LocationType! rack_group: RackGroupType
  tenant: TenantType serial: String! asset_tag: String type: DcimRackTypeChoices width: DcimRackWidthChoices!
  u_height: Int! desc_units: Boolean! outer_width: Int outer_depth: Int comments: String!
  devices${L('devices')}
  tags: [TagType]
}
type RackGroupType { id: UUID! url: String name: String! location: LocationType! parent: RackGroupType description: String! }

type InterfaceType {
  id: UUID! url: String
  device: DeviceType
  name: String! label: String! description: String!
  type: DcimInterfaceTypeChoices! enabled: Boolean! mgmt_only: Boolean! mtu: Int mode: DcimInterfaceModeChoices
  mac_address: String
  status: StatusType! role: RoleType
  lag: InterfaceType parent_interface: InterfaceType bridge: InterfaceType
  untagged_vlan: VLANType
  tagged_vlans${L('vlans')}
  vrf: VRFType
  ip_addresses${L('ip_addresses')}
  cable: CableType connected_interface: InterfaceType cable_peer_interface: InterfaceType
  connected_circuit_termination: CircuitTerminationType
  member_interfaces: [InterfaceType] child_interfaces: [InterfaceType]
  tags: [TagType]
}

type IPAddressType {
  id: UUID! url: String
  address: String
  host: String! mask_length: Int! ip_version: Int
  type: IpamIPAddressTypeChoices! status: StatusType! role: RoleType
  parent: PrefixType tenant: TenantType nat_inside: IPAddressType
  dns_name: String! description: String!
  interfaces${L('interfaces')}
  primary_ip4_for${L('devices')}
  primary_ip6_for${L('devices')}
  tags: [TagType]
}

type PrefixType {
  id: UUID! url: String
  prefix: String
  network: String! broadcast: String! prefix_length: Int! ip_version: Int
  type: IpamPrefixTypeChoices! status: StatusType! role: RoleType
  parent: PrefixType namespace: NamespaceType! tenant: TenantType vlan: VLANType rir: RIRType
  date_allocated: DateTime description: String!
  locations${L('locations')}
  location: LocationType
  children${L('prefixes')}
  ip_addresses${L('ip_addresses')}
  vrfs${L('vrfs')}
  tags: [TagType] created: DateTime last_updated: DateTime _custom_field_data: GenericScalar
}

type VLANGroupType {
  id: UUID! url: String name: String! location: LocationType description: String! range: String!
  vlans${L('vlans')}
}

type VLANType {
  id: UUID! url: String
  vid: Int! name: String! vlan_group: VLANGroupType status: StatusType! role: RoleType tenant: TenantType description: String!
  locations${L('locations')}
  location: LocationType
  prefixes${L('prefixes')}
  interfaces_as_untagged: [InterfaceType] interfaces_as_tagged: [InterfaceType]
  tags: [TagType]
}

type ProviderType {
  id: UUID! url: String name: String! asn: BigInteger account: String! portal_url: String!
  noc_contact: String! admin_contact: String! comments: String!
  circuits${L('circuits')}
  tags: [TagType]
}
type CircuitTypeType { id: UUID! url: String name: String! description: String! circuits${L('circuits')} }

type CircuitType {
  id: UUID! url: String
  cid: String! provider: ProviderType! circuit_type: CircuitTypeType! status: StatusType! tenant: TenantType
  install_date: Date commit_rate: Int description: String! comments: String!
  circuit_termination_a: CircuitTerminationType circuit_termination_z: CircuitTerminationType
  circuit_terminations${L('circuit_terminations')}
  tags: [TagType]
}

type CircuitTerminationType {
  id: UUID! url: String
  circuit: CircuitType! term_side: CircuitsCircuitTerminationTermSideChoices!
  location: LocationType provider_network: ProviderNetworkType
  port_speed: Int upstream_speed: Int xconnect_id: String! pp_info: String! description: String!
  cable: CableType connected_interface: InterfaceType cable_peer_interface: InterfaceType
  tags: [TagType]
}

type RIRType { id: UUID! url: String name: String! is_private: Boolean! description: String! }
type VRFType { id: UUID! url: String name: String! rd: String namespace: NamespaceType! description: String! prefixes${L('prefixes')} }
type ClusterType { id: UUID! url: String name: String! }
type VirtualChassisType { id: UUID! url: String name: String! }
type CableType { id: UUID! url: String label: String! }
type ProviderNetworkType { id: UUID! url: String name: String! }
`;
