import { createHash } from 'node:crypto';
import { indexFromUuid, indexedUuid } from '../util/ids.js';
import { formatV4, parseIp } from '../util/ip.js';
import { Builder, addLocation, buildBase } from './builder.js';
import type { NautobotLine } from './nautobot-defaults.js';
import { Store, type Narrowed } from './dataset.js';
import { MAX_DEVICES_PER_SITE, addScaleDevices } from './scale-devices.js';
import type { Coll, LocationRec, ModelKey, NamespaceRec, PrefixRec, StatusRec } from './types.js';

/** Largest supported scale data set. */
export const MAX_SCALE_PREFIXES = 1_000_000;

const CODES = [
  'AMS',
  'ATL',
  'BER',
  'BOS',
  'CDG',
  'CHI',
  'DAL',
  'DEN',
  'DUB',
  'FRA',
  'HKG',
  'IAD',
  'JNB',
  'LAX',
  'LON',
  'MAD',
  'MEL',
  'MIA',
  'MIL',
  'NYC',
  'OSA',
  'SEA',
  'SIN',
  'SJC',
  'SYD',
  'TYO',
  'WAW',
  'ZRH',
];

const ID_PREFIX = (() => {
  const hex = createHash('sha1')
    .update('nautobot-sim/scale/prefixes')
    .digest('hex')
    .slice(0, 20)
    .split('');
  hex[12] = '5';
  hex[16] = '8';
  return hex.join('');
})();

const BASE_V4 = 0x0a000000;
const EPOCH_MS = Date.UTC(2024, 1, 1, 0, 0, 0);

function stamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.000000+00:00`;
}

/** Lazy ordered view over index ranges `[start, end)` of the generated prefixes. */
class RangeColl implements Coll<PrefixRec> {
  private readonly cumulative: number[] = [];
  readonly length: number;

  constructor(
    private readonly ranges: readonly (readonly [number, number])[],
    private readonly get: (index: number) => PrefixRec,
  ) {
    let total = 0;
    for (const [start, end] of ranges) {
      this.cumulative.push(total);
      total += end - start;
    }
    this.length = total;
  }

  at(index: number): PrefixRec | undefined {
    if (index < 0 || index >= this.length) {
      return undefined;
    }
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cumulative[mid] <= index) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return this.get(this.ranges[lo][0] + index - this.cumulative[lo]);
  }
}

interface Layout {
  total: number;
  sites: number;
  base: number;
  extra: number;
  blockBits: number;
}

/** One generated prefix, materialised on access (fields are computed by getters). */
class ScalePrefix {
  readonly _v = 4 as const;
  readonly ip_version = 4;
  readonly role = null;
  readonly tenant = null;
  readonly vlan = null;
  readonly rir = null;
  readonly date_allocated = null;
  readonly ip_addresses = [];
  readonly vrfs = [];
  readonly tags = [];
  readonly _custom_field_data = {};
  private readonly site: number;
  private readonly j: number;
  private readonly net: number;
  readonly prefix_length: number;

  constructor(
    private readonly ds: ScaleStore,
    readonly index: number,
  ) {
    const { site, j } = ds.locate(index);
    this.site = site;
    this.j = j;
    const block = BASE_V4 + site * 2 ** ds.layout.blockBits;
    this.net = j === 0 ? block : block + (j - 1) * 4;
    this.prefix_length = j === 0 ? 32 - ds.layout.blockBits : 30;
  }

  get id(): string {
    return indexedUuid(ID_PREFIX, this.index);
  }
  get created(): string {
    return stamp(EPOCH_MS + this.index * 1000);
  }
  get last_updated(): string {
    return stamp(EPOCH_MS + this.index * 1000 + 86_400_000);
  }
  get _net(): bigint {
    return BigInt(this.net);
  }
  get network(): string {
    return formatV4(this.net);
  }
  get broadcast(): string {
    return formatV4(this.net + 2 ** (32 - this.prefix_length) - 1);
  }
  get prefix(): string {
    return `${formatV4(this.net)}/${this.prefix_length}`;
  }
  get type(): string {
    return this.j === 0 ? 'CONTAINER' : 'NETWORK';
  }
  get status(): StatusRec {
    return this.j !== 0 && this.j % 50 === 0 ? this.ds.reserved : this.ds.active;
  }
  get description(): string {
    return this.j === 0 ? `${this.ds.siteRec(this.site).name} aggregate` : '';
  }
  get namespace(): NamespaceRec {
    return this.ds.global;
  }
  get locations(): LocationRec[] {
    return [this.ds.siteRec(this.site)];
  }
  get parent(): PrefixRec | null {
    return this.j === 0 ? null : this.ds.prefixAt(this.ds.siteStart(this.site));
  }
  get children(): Coll<PrefixRec> {
    if (this.j !== 0) {
      return [];
    }
    const start = this.ds.siteStart(this.site);
    return new RangeColl([[start + 1, start + this.ds.siteCount(this.site)]], (i) =>
      this.ds.prefixAt(i),
    );
  }
}

/** The scale data set: generated regions/sites and `total` prefixes computed from their index. */
export class ScaleStore extends Store {
  readonly layout: Layout;
  readonly active: StatusRec;
  readonly reserved: StatusRec;
  readonly global: NamespaceRec;
  private readonly siteRecs: LocationRec[];
  private readonly all: RangeColl;

  constructor(total: number, devicesPerSite = 0, line: NautobotLine = '2') {
    if (!Number.isInteger(total) || total < 0 || total > MAX_SCALE_PREFIXES) {
      throw new RangeError(`prefixes must be an integer between 0 and ${MAX_SCALE_PREFIXES}`);
    }
    if (
      !Number.isInteger(devicesPerSite) ||
      devicesPerSite < 0 ||
      devicesPerSite > MAX_DEVICES_PER_SITE
    ) {
      throw new RangeError(
        `devicesPerSite must be an integer between 0 and ${MAX_DEVICES_PER_SITE}`,
      );
    }
    const sites = Math.max(1, Math.min(100, Math.ceil(total / 1000)));
    const base = Math.floor(total / sites);
    const extra = total % sites;
    const maxCount = base + (extra ? 1 : 0);
    const blockBits = Math.max(8, Math.ceil(Math.log2(Math.max(2, 4 * Math.max(1, maxCount - 1)))));
    const b = new Builder();
    const refs = buildBase(b, line);
    const regions: LocationRec[] = [];
    const siteRecs: LocationRec[] = [];
    for (let k = 0; k < sites; k++) {
      const r = Math.floor(k / 10);
      regions[r] ??= addLocation(b, {
        name: `Region ${String(r + 1).padStart(2, '0')}`,
        type: refs.locationType('Region'),
        parent: null,
        status: refs.status('Active'),
      });
      siteRecs.push(
        addLocation(b, {
          name: `${CODES[k % CODES.length]}${String(Math.floor(k / CODES.length) + 1).padStart(2, '0')}`,
          type: refs.locationType('Site'),
          parent: regions[r],
          status: refs.status('Active'),
          facility: `Facility ${k + 1}`,
          asn: 64512 + k,
          siteIndex: k,
        }),
      );
    }
    if (devicesPerSite > 0) {
      siteRecs.forEach((site, k) => addScaleDevices(b, refs, site, k, devicesPerSite));
    }
    const tables = b.sorted();
    super('scale', tables);
    this.layout = { total, sites, base, extra, blockBits };
    this.active = refs.status('Active');
    this.reserved = refs.status('Reserved');
    this.global = refs.namespace('Global');
    this.siteRecs = siteRecs;
    this.all = new RangeColl([[0, total]], (i) => this.prefixAt(i));
    this.global.prefixes = this.all;
    for (const [k, site] of siteRecs.entries()) {
      const start = this.siteStart(k);
      site.prefixes = new RangeColl([[start, start + this.siteCount(k)]], (i) => this.prefixAt(i));
    }
  }

  /** Site index and position within the site of global prefix `index`. */
  locate(index: number): { site: number; j: number } {
    const { base, extra } = this.layout;
    const big = (base + 1) * extra;
    if (index < big) {
      return { site: Math.floor(index / (base + 1)), j: index % (base + 1) };
    }
    const rest = index - big;
    return { site: extra + Math.floor(rest / base), j: rest % base };
  }

  siteStart(k: number): number {
    const { base, extra } = this.layout;
    return k * base + Math.min(k, extra);
  }

  siteCount(k: number): number {
    return this.layout.base + (k < this.layout.extra ? 1 : 0);
  }

  siteRec(k: number): LocationRec {
    return this.siteRecs[k];
  }

  prefixAt(index: number): PrefixRec {
    return new ScalePrefix(this, index);
  }

  override table(key: ModelKey): Coll<unknown> {
    return key === 'prefixes' ? this.all : super.table(key);
  }

  override byId(key: ModelKey, id: string): unknown {
    if (key !== 'prefixes') {
      return super.byId(key, id);
    }
    const index = indexFromUuid(ID_PREFIX, id);
    return index !== undefined && index < this.layout.total ? this.prefixAt(index) : undefined;
  }

  override byNaturalKey(key: ModelKey, value: string): readonly unknown[] {
    if (key !== 'prefixes') {
      return super.byNaturalKey(key, value);
    }
    const ip = parseIp(value);
    const { blockBits, sites } = this.layout;
    if (!ip || ip.version !== 4 || !value.includes('/')) {
      return [];
    }
    const offset = Number(ip.value) - BASE_V4;
    const k = Math.floor(offset / 2 ** blockBits);
    if (offset < 0 || k >= sites) {
      return [];
    }
    const within = offset - k * 2 ** blockBits;
    const j =
      ip.len === 32 - blockBits && within === 0
        ? 0
        : ip.len === 30 && within % 4 === 0
          ? within / 4 + 1
          : -1;
    if (j < 0 || j >= this.siteCount(k)) {
      return [];
    }
    return [this.prefixAt(this.siteStart(k) + j)];
  }

  narrow(key: ModelKey, resolved: ReadonlyMap<string, ReadonlySet<unknown>>): Narrowed | undefined {
    if (key !== 'prefixes') {
      return undefined;
    }
    const ids = resolved.get('id');
    if (ids) {
      const indexes = [...ids]
        .map((id) => indexFromUuid(ID_PREFIX, id as string))
        .filter((i): i is number => i !== undefined && i < this.layout.total);
      const unique = [...new Set(indexes)].sort((a, b) => a - b);
      return {
        coll: new RangeColl(
          unique.map((i) => [i, i + 1] as const),
          (i) => this.prefixAt(i),
        ),
        consumed: ['id'],
      };
    }
    const parents = resolved.get('parent');
    if (parents) {
      const ranges: [number, number][] = [];
      for (const p of parents) {
        const { site, j } = this.locate((p as ScalePrefix).index);
        if (j === 0) {
          const start = this.siteStart(site);
          ranges.push([start + 1, start + this.siteCount(site)]);
        }
      }
      ranges.sort((a, b) => a[0] - b[0]);
      return { coll: new RangeColl(ranges, (i) => this.prefixAt(i)), consumed: ['parent'] };
    }
    const arg = resolved.has('location')
      ? 'location'
      : resolved.has('locations')
        ? 'locations'
        : undefined;
    if (!arg) {
      return undefined;
    }
    const ranges: [number, number][] = [];
    for (const loc of resolved.get(arg) ?? []) {
      const k = (loc as LocationRec)._siteIndex;
      if (k >= 0) {
        const start = this.siteStart(k);
        ranges.push([start, start + this.siteCount(k)]);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    return { coll: new RangeColl(ranges, (i) => this.prefixAt(i)), consumed: [arg] };
  }
}
