import type { Coll, ModelKey } from './types.js';

/** A fast path for top-level list fields: a reduced, still ordered candidate collection. */
export interface Narrowed {
  coll: Coll<unknown>;
  /** Filter argument names fully handled by `coll` (their predicates are skipped). */
  consumed: string[];
}

/** The data behind the GraphQL schema: ordered tables and lookups. */
export interface Dataset {
  readonly kind: 'demo' | 'scale';
  /** All records of a table in the model's default ordering. */
  table(key: ModelKey): Coll<unknown>;
  /** The record with this (canonical lower-case) UUID. */
  byId(key: ModelKey, id: string): unknown;
  /** Records whose natural key (name, model, vid, rd, …) equals `value` exactly. */
  byNaturalKey(key: ModelKey, value: string): readonly unknown[];
  /** Optional index-based narrowing of a top-level list by already resolved related-object filters. */
  narrow?(key: ModelKey, resolved: ReadonlyMap<string, ReadonlySet<unknown>>): Narrowed | undefined;
}

const EMPTY: Coll<unknown> = [];

/** Natural key used by name-or-UUID filters pointing at each table. */
export const NATURAL_KEYS: Record<ModelKey, (rec: never) => string | null> = {
  locations: (r: { name: string }) => r.name,
  location_types: (r: { name: string }) => r.name,
  devices: (r: { name: string | null }) => r.name,
  interfaces: (r: { name: string }) => r.name,
  ip_addresses: (r: { address: string }) => r.address,
  prefixes: (r: { prefix: string }) => r.prefix,
  vlans: (r: { vid: number }) => String(r.vid),
  vlan_groups: (r: { name: string }) => r.name,
  racks: (r: { name: string }) => r.name,
  rack_groups: (r: { name: string }) => r.name,
  circuits: (r: { cid: string }) => r.cid,
  circuit_terminations: () => null,
  providers: (r: { name: string }) => r.name,
  provider_networks: (r: { name: string }) => r.name,
  circuit_types: (r: { name: string }) => r.name,
  statuses: (r: { name: string }) => r.name,
  roles: (r: { name: string }) => r.name,
  tenants: (r: { name: string }) => r.name,
  tenant_groups: (r: { name: string }) => r.name,
  platforms: (r: { name: string }) => r.name,
  manufacturers: (r: { name: string }) => r.name,
  device_types: (r: { model: string }) => r.model,
  namespaces: (r: { name: string }) => r.name,
  tags: (r: { name: string }) => r.name,
  vrfs: (r: { rd: string | null }) => r.rd,
  rirs: (r: { name: string }) => r.name,
  clusters: (r: { name: string }) => r.name,
  virtual_chassis: (r: { name: string }) => r.name,
  cables: (r: { label: string }) => r.label,
  software_versions: (r: { name: string }) => r.name,
};

/** Array-backed dataset with lazily built id and natural-key indexes. */
export class Store implements Dataset {
  private readonly ids = new Map<ModelKey, Map<string, unknown>>();
  private readonly keys = new Map<ModelKey, Map<string, unknown[]>>();

  constructor(
    readonly kind: 'demo' | 'scale',
    private readonly tables: Partial<Record<ModelKey, readonly unknown[]>>,
  ) {}

  table(key: ModelKey): Coll<unknown> {
    return this.tables[key] ?? EMPTY;
  }

  byId(key: ModelKey, id: string): unknown {
    let map = this.ids.get(key);
    if (!map) {
      map = new Map();
      for (const rec of this.tables[key] ?? []) {
        map.set((rec as { id: string }).id, rec);
      }
      this.ids.set(key, map);
    }
    return map.get(id);
  }

  byNaturalKey(key: ModelKey, value: string): readonly unknown[] {
    let map = this.keys.get(key);
    if (!map) {
      map = new Map();
      const keyOf = NATURAL_KEYS[key] as (rec: unknown) => string | null;
      for (const rec of this.tables[key] ?? []) {
        const k = keyOf(rec);
        if (k !== null) {
          const list = map.get(k);
          if (list) {
            list.push(rec);
          } else {
            map.set(k, [rec]);
          }
        }
      }
      this.keys.set(key, map);
    }
    return map.get(value) ?? [];
  }
}
