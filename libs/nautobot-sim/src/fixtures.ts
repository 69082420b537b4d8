import { demoDataset } from './data/demo.js';
import {
  DEMO_AMS01_BUILDING,
  DEMO_AMS01_FLOOR,
  DEMO_MULTI_LOCATION_PREFIX,
  DEMO_REGIONS,
  DEMO_SITES,
} from './data/demo.js';
import type {
  CircuitRec,
  DeviceRec,
  LocationRec,
  PrefixRec,
  RackRec,
  VLANRec,
} from './data/types.js';
import { compareNatural } from './util/natural.js';
import { DEMO_TOKEN } from './simulator.js';

/** Per-location counts as list filters return them (`location: X` includes child locations). */
export interface DemoLocationCounts {
  prefixes: number;
  devices: number;
  racks: number;
  vlans: number;
  circuits: number;
}

/** Names and numbers of the demo data set that tests and docs rely on. */
export interface DemoFixtures {
  /** The API token accepted by default. */
  token: string;
  /** Location names by role in the hierarchy (Region → Site → Building → Floor). */
  locations: {
    regions: string[];
    sites: string[];
    /** A region with three sites (AMS01, FRA01, LON01). */
    region: string;
    /** The main example site. */
    site: string;
    /** Its sibling in the same region. */
    otherSite: string;
    /** Building under `site` (Building location type). */
    building: string;
    /** Floor under `building`; AMS01's racks and devices live here (tree filters include it). */
    floor: string;
    /** A planned site with devices but zero prefixes. */
    siteWithoutPrefixes: string;
    /** A name that matches no location (filter error). */
    unknown: string;
  };
  locationTypes: string[];
  deviceRoles: string[];
  prefixRoles: string[];
  statuses: string[];
  platforms: string[];
  manufacturers: string[];
  deviceTypes: string[];
  tenants: string[];
  providers: string[];
  circuitTypes: string[];
  namespaces: string[];
  tags: string[];
  devices: {
    /** `ams01-spine01`: Arista, rack AMS01-R01, primary IPv4 10.11.128.10/24. */
    example: string;
    edge: string;
    /** Status Offline. */
    offline: string;
    /** Planned device without rack, position or primary IP. */
    withoutPrimaryIp: string;
    /** Device names follow `^(?<site>[a-z]{3}\d{2})-(?<role>[a-z]+)(?<index>\d+)$`. */
    namePattern: string;
  };
  /** A prefix with two locations: its `location` field errors (Nautobot 2.2.3+ convenience field). */
  multiLocationPrefix: { prefix: string; locations: string[] };
  /** Counts by location name (every location of the data set). */
  counts: Record<string, DemoLocationCounts>;
  /** Table sizes. */
  totals: Record<
    | 'locations'
    | 'devices'
    | 'interfaces'
    | 'ip_addresses'
    | 'prefixes'
    | 'vlans'
    | 'racks'
    | 'circuits',
    number
  >;
}

function names<T>(rows: ArrayLike<T> & Iterable<T>, key: (r: T) => string): string[] {
  return [...rows].map(key).sort((a, b) => compareNatural(a, b));
}

function build(): DemoFixtures {
  const db = demoDataset();
  const rows = <T>(key: Parameters<typeof db.table>[0]) => [...(db.table(key) as T[])];
  const locations = rows<LocationRec>('locations');
  const subtree = (loc: LocationRec): Set<LocationRec> => {
    const out = new Set<LocationRec>([loc]);
    for (const child of loc.children) {
      for (const l of subtree(child)) {
        out.add(l);
      }
    }
    return out;
  };
  const prefixes = rows<PrefixRec>('prefixes');
  const devices = rows<DeviceRec>('devices');
  const racks = rows<RackRec>('racks');
  const vlans = rows<VLANRec>('vlans');
  const circuits = rows<CircuitRec>('circuits');
  const counts: Record<string, DemoLocationCounts> = {};
  for (const loc of locations) {
    const tree = subtree(loc);
    counts[loc.name] = {
      prefixes: prefixes.filter((p) => p.locations.some((l) => tree.has(l))).length,
      devices: devices.filter((d) => tree.has(d.location)).length,
      racks: racks.filter((r) => tree.has(r.location)).length,
      vlans: vlans.filter((v) => v.locations.some((l) => tree.has(l))).length,
      circuits: circuits.filter((c) =>
        c.circuit_terminations.some((t) => t.location !== null && tree.has(t.location)),
      ).length,
    };
  }
  const named = (key: Parameters<typeof db.table>[0]) =>
    names(rows<{ name: string }>(key), (r) => r.name);
  return {
    token: DEMO_TOKEN,
    locations: {
      regions: [...DEMO_REGIONS].sort((a, b) => compareNatural(a, b)),
      sites: DEMO_SITES.map((s) => s.name).sort((a, b) => compareNatural(a, b)),
      region: 'Europe',
      site: 'AMS01',
      otherSite: 'FRA01',
      building: DEMO_AMS01_BUILDING,
      floor: DEMO_AMS01_FLOOR,
      siteWithoutPrefixes: 'SIN01',
      unknown: 'atlantis',
    },
    locationTypes: ['Region', 'Site', 'Building', 'Floor'],
    deviceRoles: ['spine', 'leaf', 'edge', 'console'],
    prefixRoles: ['server', 'storage', 'mgmt', 'p2p', 'loopback'],
    statuses: named('statuses'),
    platforms: named('platforms'),
    manufacturers: named('manufacturers'),
    deviceTypes: names(rows<{ model: string }>('device_types'), (r) => r.model),
    tenants: named('tenants'),
    providers: named('providers'),
    circuitTypes: named('circuit_types'),
    namespaces: named('namespaces'),
    tags: named('tags'),
    devices: {
      example: 'ams01-spine01',
      edge: 'ams01-edge01',
      offline: 'lon01-leaf04',
      withoutPrimaryIp: 'sin01-spine01',
      namePattern: '^(?<site>[a-z]{3}\\d{2})-(?<role>[a-z]+)(?<index>\\d+)$',
    },
    multiLocationPrefix: { prefix: DEMO_MULTI_LOCATION_PREFIX, locations: ['AMS01', 'FRA01'] },
    counts,
    totals: {
      locations: locations.length,
      devices: devices.length,
      interfaces: db.table('interfaces').length,
      ip_addresses: db.table('ip_addresses').length,
      prefixes: prefixes.length,
      vlans: vlans.length,
      racks: racks.length,
      circuits: circuits.length,
    },
  };
}

/** Names in the demo data set that tests and docs rely on (counts derived from the data itself). */
export const DEMO_FIXTURES: DemoFixtures = build();
