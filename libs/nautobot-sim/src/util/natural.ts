/** Nautobot's `naturalize()`: zero-pads every run of digits so that `nyc9` sorts before `nyc10`. */
export function naturalize(value: string, maxLength = 255, integerPlaces = 8): string {
  if (!value) {
    return value;
  }
  let out = '';
  for (const segment of value.split(/(\d+)/)) {
    if (/^\d+$/.test(segment)) {
      out += segment.padStart(integerPlaces, '0');
    } else {
      out += segment;
    }
  }
  return out.slice(0, maxLength);
}

const INTERFACE_NAME =
  /^(?<type>[^\d.:]+)?(?:(?<slot>\d+)\/)?(?:(?<subslot>\d+)\/)?(?:(?<position>\d+)\/)?(?:(?<subposition>\d+)\/)?(?<id>\d+)?(?::(?<channel>\d+))?(?:\.(?<vc>\d+))?(?<remainder>.*)$/;

/** Nautobot's `naturalize_interface()`: slot/subslot/position numbers, then the type prefix, then id, channel, unit. */
export function naturalizeInterface(value: string, maxLength = 255): string {
  const match = INTERFACE_NAME.exec(value);
  if (!match?.groups) {
    return value;
  }
  const g = match.groups;
  let out = '';
  for (const part of [g.slot, g.subslot, g.position, g.subposition]) {
    out += part !== undefined ? part.padStart(4, '0') : '9999';
  }
  out += g.type ?? '';
  for (const part of [g.id, g.channel, g.vc]) {
    out += part !== undefined ? part.padStart(6, '0') : '......';
  }
  if (g.remainder !== undefined && out.length < maxLength) {
    out += naturalize(g.remainder, maxLength - out.length);
  }
  return out.slice(0, maxLength);
}

const collator = new Intl.Collator('en-US', { sensitivity: 'variant' });

/** Database-like string comparison (en_US collation: case-insensitive first, then case). */
export function collate(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Compares two names in Nautobot's natural order (`_name` column). */
export function compareNatural(a: string | null | undefined, b: string | null | undefined): number {
  return compareNullsLast(a, b) ?? collate(naturalize(a ?? ''), naturalize(b ?? ''));
}

/** PostgreSQL ordering of NULLs for ascending sorts (NULLS LAST); undefined when both are set. */
export function compareNullsLast(a: unknown, b: unknown): number | undefined {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an && bn) {
    return 0;
  }
  if (an) {
    return 1;
  }
  if (bn) {
    return -1;
  }
  return undefined;
}

/** Chains comparators: the first non-zero result wins. */
export function chain<T>(...comparators: ((a: T, b: T) => number)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const cmp of comparators) {
      const r = cmp(a, b);
      if (r !== 0) {
        return r;
      }
    }
    return 0;
  };
}

/** Numeric/bigint comparison. */
export function compareNum(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
