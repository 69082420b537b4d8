import type { Dataset } from './data/dataset.js';
import type { Coll, ModelKey } from './data/types.js';
import { normalizeUuid } from './util/ids.js';
import { pyErrorDict } from './util/py.js';

/** GraphQL types used by filter arguments. */
export type GqlArgType =
  '[String]' | '[Int]' | '[BigInteger]' | '[Float]' | 'Boolean' | 'Int' | 'String';

/** A record predicate. */
export type Pred = (rec: unknown) => boolean;

/** Result of compiling one filter argument: an error text, or a predicate (absent = no-op). */
export type Compiled = { error: string } | { pred?: Pred; resolved?: ReadonlySet<unknown> };

/** One filter argument of a list field (the same name as the REST query parameter). */
export interface FilterDef {
  /** GraphQL argument name. */
  arg: string;
  /** Name used in the FilterSet error dict (`_type` is reported as `type` when nested). */
  key: string;
  type: GqlArgType;
  /** Nautobot 2.x rejects it at top level with "Unknown filter field" (the `_type` bug, issue #4665). */
  brokenAtTopLevel?: boolean;
  compile(value: unknown, db: Dataset): Compiled;
}

/** A list model: its table, GraphQL names and filters. */
export interface ModelDef {
  key: ModelKey;
  single: string;
  typeName: string;
  restPath: string;
  filters: FilterDef[];
  /**
   * A top-level list whose queryset some filter re-orders (Location `subtree` adds tree fields):
   * the rows in that order, or undefined to keep the default ordering.
   */
  reorder?: (args: Record<string, unknown>, rows: Coll<unknown>) => Coll<unknown> | undefined;
}

/** Django's message for a name-or-UUID value matching nothing. */
export function invalidChoice(value: string): string {
  return `Select a valid choice. ${value} is not one of the available choices.`;
}

/** Values of a `[String]` argument (a scalar was already coerced to a one-element list). */
export function strings(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter((v) => v !== null && v !== undefined).map((v) => String(v as string));
}

function numbers(value: unknown): number[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter((v): v is number => typeof v === 'number');
}

/** Normalises a getter result (record, list of records, lazy collection, null) to an array. */
function toArray(value: unknown): unknown[] {
  if (value === null || value === undefined) {
    return [];
  }
  if (Array.isArray(value)) {
    return value;
  }
  return [value];
}

function addWithDescendants(set: Set<unknown>, rec: unknown): void {
  if (set.has(rec)) {
    return;
  }
  set.add(rec);
  for (const child of (rec as { children?: unknown[] }).children ?? []) {
    addWithDescendants(set, child);
  }
}

/** Records of `target` matching a name/natural key or a UUID (Nautobot's NaturalKeyOrPK lookup). */
export function lookup(db: Dataset, target: ModelKey, value: string): readonly unknown[] {
  const uuid = normalizeUuid(value);
  if (uuid) {
    const rec = db.byId(target, uuid);
    return rec === undefined ? [] : [rec];
  }
  return db.byNaturalKey(target, value);
}

/** Options of {@link fk}. */
export interface FkOptions {
  /** Tree filter: also match descendants (`children`) of the named objects. */
  tree?: boolean;
  /** Add an `<arg>__isnull` variant. */
  nullable?: boolean;
  /** Values are AND-ed (tags). */
  all?: boolean;
  /** Only UUIDs are accepted (ModelMultipleChoiceFilter on pk). */
  pkOnly?: boolean;
  /** Generate the `__n` variant (default true). */
  negate?: boolean;
}

function resolveValues(
  db: Dataset,
  target: ModelKey,
  values: string[],
  opts: FkOptions,
): { error: string } | { sets: Set<unknown>[] } {
  const sets: Set<unknown>[] = [];
  for (const value of values) {
    if (opts.pkOnly && !normalizeUuid(value)) {
      return { error: `“${value}” is not a valid value.` };
    }
    const found = lookup(db, target, value);
    if (found.length === 0) {
      return { error: invalidChoice(value) };
    }
    const set = new Set<unknown>();
    for (const rec of found) {
      if (opts.tree) {
        addWithDescendants(set, rec);
      } else {
        set.add(rec);
      }
    }
    sets.push(set);
  }
  return { sets };
}

/** A related-object filter: names (natural keys) or UUIDs, every value must exist. */
export function fk<T>(
  arg: string,
  target: ModelKey,
  get: (rec: T) => unknown,
  opts: FkOptions = {},
): FilterDef[] {
  const rel = (rec: unknown): unknown[] => toArray(get(rec as T));
  const build = (negate: boolean) =>
    function compile(value: unknown, db: Dataset): Compiled {
      const values = strings(value);
      if (values.length === 0) {
        return {};
      }
      const res = resolveValues(db, target, values, opts);
      if ('error' in res) {
        return res;
      }
      if (opts.all && !negate) {
        const sets = res.sets;
        return { pred: (rec) => sets.every((s) => rel(rec).some((x) => s.has(x))) };
      }
      // Membership by id: generated (scale) records are materialised anew on every access.
      const union = new Set<unknown>();
      const ids = new Set<string>();
      for (const s of res.sets) {
        for (const x of s) {
          union.add(x);
          ids.add((x as { id: string }).id);
        }
      }
      const hit = (rec: unknown) => rel(rec).some((x) => ids.has((x as { id: string }).id));
      return negate ? { pred: (rec) => !hit(rec) } : { pred: hit, resolved: union };
    };
  const defs: FilterDef[] = [{ arg, key: arg, type: '[String]', compile: build(false) }];
  if (opts.negate !== false) {
    defs.push({ arg: `${arg}__n`, key: `${arg}__n`, type: '[String]', compile: build(true) });
  }
  if (opts.nullable) {
    defs.push(isNull(`${arg}__isnull`, (rec) => rel(rec).length === 0));
  }
  return defs;
}

function isNull(arg: string, test: Pred): FilterDef {
  return {
    arg,
    key: arg,
    type: 'Boolean',
    compile: (value) => ({ pred: (rec) => test(rec) === Boolean(value) }),
  };
}

type StrTest = (field: string, value: string) => boolean;

const lower = (s: string) => s.toLowerCase();
const exact: StrTest = (f, v) => f === v;
const iexact: StrTest = (f, v) => lower(f) === lower(v);
const icontains: StrTest = (f, v) => lower(f).includes(lower(v));
const istartswith: StrTest = (f, v) => lower(f).startsWith(lower(v));
const iendswith: StrTest = (f, v) => lower(f).endsWith(lower(v));

function regexTest(flags: string): StrTest {
  const cache = new Map<string, RegExp | null>();
  return (f, v) => {
    let re = cache.get(v);
    if (re === undefined) {
      try {
        re = new RegExp(v, flags);
      } catch {
        re = null;
      }
      cache.set(v, re);
    }
    return re !== null && re.test(f);
  };
}

const STRING_LOOKUPS: [suffix: string, negate: boolean, test: StrTest][] = [
  ['__n', true, exact],
  ['__ic', false, icontains],
  ['__nic', true, icontains],
  ['__isw', false, istartswith],
  ['__nisw', true, istartswith],
  ['__iew', false, iendswith],
  ['__niew', true, iendswith],
  ['__ie', false, iexact],
  ['__nie', true, iexact],
  ['__re', false, regexTest('')],
  ['__nre', true, regexTest('')],
  ['__ire', false, regexTest('i')],
  ['__nire', true, regexTest('i')],
];

/** Options of {@link char}. */
export interface CharOptions {
  /** The plain filter is case-insensitive exact (iexact), e.g. `serial`. */
  iexact?: boolean;
  /** Add `<arg>__isnull`. */
  nullable?: boolean;
  /** Generate the lookup-suffixed variants (default true). */
  lookups?: boolean;
}

/** A plain string filter (no existence check) with Nautobot's string lookup suffixes. */
export function char<T>(
  arg: string,
  get: (rec: T) => string | null | undefined | readonly (string | null)[],
  opts: CharOptions = {},
): FilterDef[] {
  const fields = (rec: unknown): (string | null | undefined)[] => {
    const v = get(rec as T);
    return Array.isArray(v) ? (v as (string | null)[]) : [v as string | null | undefined];
  };
  const make = (name: string, negate: boolean, test: StrTest): FilterDef => ({
    arg: name,
    key: name,
    type: '[String]',
    compile(value) {
      const values = strings(value);
      if (values.length === 0) {
        return {};
      }
      const match = (rec: unknown) =>
        fields(rec).some((f) => f !== null && f !== undefined && values.some((v) => test(f, v)));
      return { pred: negate ? (rec) => !match(rec) : match };
    },
  });
  const defs = [make(arg, false, opts.iexact ? iexact : exact)];
  if (opts.lookups !== false) {
    for (const [suffix, negate, test] of STRING_LOOKUPS) {
      defs.push(make(`${arg}${suffix}`, negate, test));
    }
  }
  if (opts.nullable) {
    defs.push(
      isNull(`${arg}__isnull`, (rec) => fields(rec).every((f) => f === null || f === undefined)),
    );
  }
  return defs;
}

type NumTest = (field: number, value: number) => boolean;

const NUMBER_LOOKUPS: [suffix: string, negate: boolean, test: NumTest][] = [
  ['', false, (f, v) => f === v],
  ['__n', true, (f, v) => f === v],
  ['__lt', false, (f, v) => f < v],
  ['__lte', false, (f, v) => f <= v],
  ['__gt', false, (f, v) => f > v],
  ['__gte', false, (f, v) => f >= v],
];

/** A multi-value number filter with `__n __lt __lte __gt __gte` variants. */
export function num<T>(
  arg: string,
  get: (rec: T) => number | null | undefined,
  opts: { type?: '[Int]' | '[BigInteger]' | '[Float]'; nullable?: boolean } = {},
): FilterDef[] {
  const defs = NUMBER_LOOKUPS.map(([suffix, negate, test]): FilterDef => ({
    arg: `${arg}${suffix}`,
    key: `${arg}${suffix}`,
    type: opts.type ?? '[Int]',
    compile(value) {
      const values = numbers(value);
      if (values.length === 0) {
        return {};
      }
      const match = (rec: unknown) => {
        const f = get(rec as T);
        return f !== null && f !== undefined && values.some((v) => test(f, v));
      };
      return { pred: negate ? (rec) => !match(rec) : match };
    },
  }));
  if (opts.nullable) {
    defs.push(isNull(`${arg}__isnull`, (rec) => get(rec as T) === null));
  }
  return defs;
}

/** A single Boolean filter. */
export function bool<T>(arg: string, test: (rec: T) => boolean): FilterDef {
  return {
    arg,
    key: arg,
    type: 'Boolean',
    compile: (value) => ({ pred: (rec) => test(rec as T) === Boolean(value) }),
  };
}

/** A choice filter over REST values (validated) with an `__n` variant. */
export function choice<T>(
  arg: string,
  values: readonly string[],
  get: (rec: T) => string | null,
  opts: { key?: string; brokenAtTopLevel?: boolean } = {},
): FilterDef[] {
  const key = opts.key ?? arg;
  const make = (name: string, errKey: string, negate: boolean, broken: boolean): FilterDef => ({
    arg: name,
    key: errKey,
    type: '[String]',
    brokenAtTopLevel: broken || undefined,
    compile(value) {
      const wanted = strings(value);
      if (wanted.length === 0) {
        return {};
      }
      const bad = wanted.find((v) => !values.includes(v));
      if (bad !== undefined) {
        return { error: invalidChoice(bad) };
      }
      const match = (rec: unknown) => {
        const f = get(rec as T);
        return f !== null && wanted.includes(f);
      };
      return { pred: negate ? (rec) => !match(rec) : match };
    },
  });
  return [
    make(arg, key, false, opts.brokenAtTopLevel ?? false),
    make(`${key}__n`, `${key}__n`, true, false),
  ];
}

/** A filter with custom logic. */
export function custom(arg: string, type: GqlArgType, compile: FilterDef['compile']): FilterDef {
  return { arg, key: arg, type, compile };
}

/** The `q` search filter: case-insensitive substring over the given fields (+ optional extra test). */
export function search<T>(
  fields: (rec: T) => readonly (string | null | undefined)[],
  extra?: (rec: T, q: string) => boolean,
): FilterDef {
  return custom('q', 'String', (value) => {
    const q = String(value).trim();
    if (!q) {
      return {};
    }
    const needle = q.toLowerCase();
    return {
      pred: (rec) =>
        fields(rec as T).some((f) => typeof f === 'string' && f.toLowerCase().includes(needle)) ||
        (extra?.(rec as T, q) ?? false),
    };
  });
}

/** The `id` filter (UUIDs, validated format) and `id__n`. */
export function ids(): FilterDef[] {
  const make = (name: string, negate: boolean): FilterDef =>
    custom(name, '[String]', (value) => {
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
      const match = (rec: unknown) => wanted.has((rec as { id: string }).id);
      return negate ? { pred: (rec) => !match(rec) } : { pred: match, resolved: wanted };
    });
  return [make('id', false), make('id__n', true)];
}

/**
 * Resolves a list field like Nautobot's list/filter resolvers: FilterSet validation (errors raised as a
 * Python dict string), then `qs[offset:][:limit]` at top level.
 */
export function resolveList(
  model: ModelDef,
  base: Coll<unknown>,
  args: Record<string, unknown>,
  db: Dataset,
  nested: boolean,
): unknown[] {
  const errors: [string, string][] = [];
  const extras: string[] = [];
  const preds: { arg: string; pred: Pred }[] = [];
  const resolved = new Map<string, ReadonlySet<unknown>>();
  for (const def of model.filters) {
    const value = args[def.arg];
    if (value === undefined || value === null) {
      continue;
    }
    if (!nested && def.brokenAtTopLevel) {
      extras.push(def.arg);
      continue;
    }
    const compiled = def.compile(value, db);
    if ('error' in compiled) {
      errors.push([def.key, compiled.error]);
      continue;
    }
    if (compiled.pred) {
      preds.push({ arg: def.arg, pred: compiled.pred });
    }
    if (compiled.resolved) {
      resolved.set(def.arg, compiled.resolved);
    }
  }
  const limit = typeof args.limit === 'number' ? args.limit : undefined;
  const offset = typeof args.offset === 'number' ? args.offset : undefined;
  if (nested) {
    // Nested resolvers hand every argument to the FilterSet, which (STRICT_FILTERING) rejects these.
    if (limit !== undefined) {
      extras.push('limit');
    }
    if (offset !== undefined) {
      extras.push('offset');
    }
  }
  for (const extra of extras) {
    errors.push([extra, 'Unknown filter field']);
  }
  if (errors.length > 0) {
    throw new Error(pyErrorDict(errors));
  }
  const lim = nested ? 0 : (limit ?? 0);
  const off = nested ? 0 : (offset ?? 0);
  if (lim < 0 || off < 0) {
    throw new Error('Negative indexing is not supported.');
  }
  let coll = base;
  let active = preds;
  if (!nested && db.narrow && resolved.size > 0) {
    const narrowed = db.narrow(model.key, resolved);
    if (narrowed) {
      coll = narrowed.coll;
      active = preds.filter((p) => !narrowed.consumed.includes(p.arg));
    }
  }
  if (!nested && model.reorder) {
    coll = model.reorder(args, coll) ?? coll;
  }
  const out: unknown[] = [];
  if (active.length === 0) {
    const end = lim ? Math.min(coll.length, off + lim) : coll.length;
    for (let i = off; i < end; i++) {
      out.push(coll.at(i));
    }
    return out;
  }
  let skipped = 0;
  for (let i = 0; i < coll.length; i++) {
    const rec = coll.at(i);
    if (!active.every((p) => p.pred(rec))) {
      continue;
    }
    if (skipped < off) {
      skipped++;
      continue;
    }
    out.push(rec);
    if (lim && out.length >= lim) {
      break;
    }
  }
  return out;
}

/** Resolves a single-object field (`device(id: …)`): null when absent or not found. */
export function resolveSingle(key: ModelKey, id: unknown, db: Dataset): unknown {
  if (id === undefined || id === null || id === '') {
    return null;
  }
  const text = typeof id === 'string' ? id : JSON.stringify(id);
  const uuid = normalizeUuid(text);
  if (!uuid) {
    throw new Error(`['“${text}” is not a valid UUID.']`);
  }
  return db.byId(key, uuid) ?? null;
}
