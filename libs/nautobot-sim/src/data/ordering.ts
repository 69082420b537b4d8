import { naturalizeInterface } from '../util/natural.js';
import { chain, collate, compareNatural, compareNullsLast, compareNum } from '../util/natural.js';
import type {
  CircuitRec,
  CircuitTerminationRec,
  DeviceRec,
  DeviceTypeRec,
  InterfaceRec,
  IPAddressRec,
  LocationRec,
  ModelKey,
  PrefixRec,
  RackRec,
  VLANRec,
  VRFRec,
} from './types.js';

type Cmp<T> = (a: T, b: T) => number;

const byName: Cmp<{ name: string | null }> = (a, b) => compareNatural(a.name, b.name);

export const compareLocations: Cmp<LocationRec> = byName;
export const compareDevices: Cmp<DeviceRec> = chain<DeviceRec>(byName, (a, b) =>
  collate(a.id, b.id),
);
export const compareInterfaces: Cmp<InterfaceRec> = chain<InterfaceRec>(
  (a, b) => compareDevices(a.device, b.device),
  (a, b) => collate(naturalizeInterface(a.name), naturalizeInterface(b.name)),
  (a, b) => compareNatural(a.name, b.name),
);
export const compareIpAddresses: Cmp<IPAddressRec> = chain<IPAddressRec>(
  (a, b) => compareNum(a.ip_version, b.ip_version),
  (a, b) => compareNum(a._host, b._host),
  (a, b) => compareNum(a.mask_length, b.mask_length),
);
export const comparePrefixes: Cmp<PrefixRec> = chain<PrefixRec>(
  (a, b) => collate(a.namespace.name, b.namespace.name),
  (a, b) => compareNum(a.ip_version, b.ip_version),
  (a, b) => compareNum(a._net, b._net),
  (a, b) => compareNum(a.prefix_length, b.prefix_length),
);
export const compareVlans: Cmp<VLANRec> = chain<VLANRec>(
  (a, b) =>
    compareNullsLast(a.vlan_group, b.vlan_group) ??
    compareNatural(a.vlan_group?.name, b.vlan_group?.name),
  (a, b) => compareNum(a.vid, b.vid),
);
export const compareRacks: Cmp<RackRec> = chain<RackRec>(
  (a, b) => compareLocations(a.location, b.location),
  (a, b) =>
    compareNullsLast(a.rack_group, b.rack_group) ??
    compareNatural(a.rack_group?.name, b.rack_group?.name),
  byName,
);
export const compareCircuits: Cmp<CircuitRec> = chain<CircuitRec>(
  (a, b) => compareNatural(a.provider.name, b.provider.name),
  (a, b) => collate(a.cid, b.cid),
);
export const compareTerminations: Cmp<CircuitTerminationRec> = chain<CircuitTerminationRec>(
  (a, b) => compareCircuits(a.circuit, b.circuit),
  (a, b) => collate(a.term_side, b.term_side),
);
const compareDeviceTypes: Cmp<DeviceTypeRec> = chain<DeviceTypeRec>(
  (a, b) => compareNatural(a.manufacturer.name, b.manufacturer.name),
  (a, b) => compareNatural(a.model, b.model),
);
const compareVrfs: Cmp<VRFRec> = chain<VRFRec>(byName, (a, b) => collate(a.rd ?? '', b.rd ?? ''));

/** The chain of locations from the root down to `loc`. */
function pathOf(loc: LocationRec): LocationRec[] {
  const path: LocationRec[] = [];
  for (let l: LocationRec | null = loc; l; l = l.parent) {
    path.unshift(l);
  }
  return path;
}

/**
 * django-tree-queries' `with_tree_fields()` order: the tree in pre-order, each level (roots
 * included) ranked by the model ordering (`_name`).
 */
export const compareLocationTree: Cmp<LocationRec> = (a, b) => {
  const pa = pathOf(a);
  const pb = pathOf(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) {
      return compareLocations(pa[i], pb[i]) || collate(pa[i].id, pb[i].id);
    }
  }
  return pa.length - pb.length;
};

/** Default ordering (Django `Meta.ordering`) of each table. */
export const ORDERING: Partial<Record<ModelKey, Cmp<never>>> = {
  locations: compareLocations,
  devices: compareDevices,
  interfaces: compareInterfaces,
  ip_addresses: compareIpAddresses,
  prefixes: comparePrefixes,
  vlans: compareVlans,
  racks: compareRacks,
  circuits: compareCircuits,
  circuit_terminations: compareTerminations,
  device_types: compareDeviceTypes,
  vrfs: compareVrfs,
};

/** Sorts a table in place by its default ordering (by natural name when none is declared). */
export function sortTable<T>(key: ModelKey, rows: T[]): T[] {
  const cmp = (ORDERING[key] ?? byName) as Cmp<T>;
  return rows.sort(cmp);
}
