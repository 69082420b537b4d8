import { describe, expect, it } from '@jest/globals';
import { formatAddress, formatCidr, type Cidr } from './ip-math.js';
import { addressInputOf, analysePrefixes, type PrefixInput } from './prefix-analysis.js';

/**
 * Property test: analysePrefixes (fed addresses as Nautobot prints them) against a naive
 * brute force that looks at every address of a small space one by one. Seeded, so a
 * failure names its case and reproduces. (fast-check is not installed; this is its
 * plain-loop equivalent.)
 */

/** mulberry32: a tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Space {
  version: 4 | 6;
  bits: number;
  base: bigint;
  /** Prefix length of the whole space (256 addresses). */
  length: number;
}

const SPACES: Space[] = [
  { version: 4, bits: 32, base: 0x0a000000n, length: 24 },
  { version: 6, bits: 128, base: 0x20010db8000000000000000000000000n, length: 120 },
];

interface Case {
  space: Space;
  prefixes: PrefixInput[];
  /** Addresses as offsets into the space (distinct or not), and their text. */
  addresses: { offset: number; text: string }[];
}

function generate(random: () => number, space: Space): Case {
  const int = (n: number) => Math.floor(random() * n);
  const seen = new Set<string>();
  const prefixes: PrefixInput[] = [];
  const count = 1 + int(8);
  for (let i = 0; i < count; i++) {
    const hostBits = int(9); // /24../32 (or /120../128)
    const size = 1 << hostBits;
    const start = int(256 / size) * size;
    const cidr: Cidr = {
      version: space.version,
      network: space.base + BigInt(start),
      length: space.bits - hostBits,
    };
    const key = formatCidr(cidr);
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    prefixes.push({
      cidr,
      namespace: 'Global',
      type: ['container', 'network', 'pool'][int(3)],
      status: 'Active',
      role: null,
    });
  }
  const addresses = Array.from({ length: int(24) }, () => {
    const offset = int(256);
    // Nautobot prints the parent's length after the host; any length must read the same.
    const length = space.length + int(space.bits - space.length + 1);
    return {
      offset,
      text: `${formatAddress(space.version, space.base + BigInt(offset))}/${length}`,
    };
  });
  return { space, prefixes, addresses };
}

/** Offsets [first, last] of a prefix inside the space. */
function rangeOf(space: Space, cidr: Cidr): [number, number] {
  const first = Number(cidr.network - space.base);
  return [first, first + 2 ** (space.bits - cidr.length) - 1];
}

interface Expected {
  size: bigint;
  used: bigint;
  ips: number;
  children: number;
  /** Free offsets. */
  free: Set<number>;
  /** The largest aligned block of free offsets, as a size. */
  largestFree: number;
}

function bruteForce(c: Case): Map<string, Expected> {
  const ips = new Set(c.addresses.map((a) => a.offset));
  const out = new Map<string, Expected>();
  for (const p of c.prefixes) {
    const [first, last] = rangeOf(c.space, p.cidr);
    const strictlyInside = c.prefixes.filter((q) => {
      const [qf, ql] = rangeOf(c.space, q.cidr);
      return q !== p && qf >= first && ql <= last;
    });
    const direct = strictlyInside.filter(
      (q) =>
        !strictlyInside.some((r) => {
          const [rf, rl] = rangeOf(c.space, r.cidr);
          const [qf, ql] = rangeOf(c.space, q.cidr);
          return r !== q && qf >= rf && ql <= rl;
        }),
    );
    const free = new Set<number>();
    let ipsInside = 0;
    let used = 0;
    for (let at = first; at <= last; at++) {
      const isIp = ips.has(at);
      ipsInside += isIp ? 1 : 0;
      const covered =
        isIp ||
        (p.type === 'container' &&
          strictlyInside.some((q) => {
            const [qf, ql] = rangeOf(c.space, q.cidr);
            return at >= qf && at <= ql;
          }));
      if (covered) {
        used++;
      } else {
        free.add(at);
      }
    }
    let largestFree = 0;
    for (let size = last - first + 1; size >= 1 && largestFree === 0; size /= 2) {
      for (let at = first; at <= last; at += size) {
        let all = true;
        for (let i = at; i < at + size && all; i++) {
          all = free.has(i);
        }
        if (all) {
          largestFree = size;
          break;
        }
      }
    }
    const raw = BigInt(last - first + 1);
    const size =
      c.space.version === 4 && p.type === 'network' && p.cidr.length < 31 ? raw - 2n : raw;
    out.set(formatCidr(p.cidr), {
      size,
      used: BigInt(used) > size ? size : BigInt(used),
      ips: ipsInside,
      children: direct.length,
      free,
      largestFree,
    });
  }
  return out;
}

describe('analysePrefixes against a brute-force count', () => {
  const SEED = 20260611;
  const CASES = 300;

  it(`agrees on ${CASES} random small scopes (seed ${SEED})`, () => {
    const random = prng(SEED);
    for (let n = 0; n < CASES; n++) {
      const c = generate(random, SPACES[n % 2]);
      const label = `case ${n}: ${c.prefixes.map((p) => `${formatCidr(p.cidr)} ${p.type}`).join(', ')} | ${c.addresses.map((a) => a.text).join(' ')}`;
      const result = analysePrefixes(
        c.prefixes,
        c.addresses.map((a) => addressInputOf(a.text, 'Global')!),
        1000,
      );
      const analysis = c.space.version === 4 ? result.ipv4 : result.ipv6;
      const expected = bruteForce(c);
      // Every prefix listed in fullest (top is larger than the scope).
      expect({ label, count: analysis.fullest.length }).toEqual({
        label,
        count: c.prefixes.length,
      });
      for (const usage of analysis.fullest) {
        const e = expected.get(usage.prefix)!;
        expect({ label, prefix: usage.prefix, ...pick(usage) }).toEqual({
          label,
          prefix: usage.prefix,
          size: e.size.toString(),
          used: e.used.toString(),
          ip_addresses: e.ips,
          child_prefixes: e.children,
          utilisation: Number(e.size === 0n ? 0n : (e.used * 10000n) / e.size) / 100,
        });
      }
      // Every reported free block is free by brute force, inside the prefix it names.
      for (const block of analysis.largest_free) {
        const e = expected.get(block.within)!;
        const [first, last] = rangeOf(c.space, {
          version: c.space.version,
          network: addressInputOf(block.prefix, 'Global')!.value,
          length: Number(block.prefix.split('/')[1]),
        });
        const notFree = [];
        for (let at = first; at <= last; at++) {
          if (!e.free.has(at)) {
            notFree.push(at);
          }
        }
        expect({ label, block: block.prefix, notFree }).toEqual({
          label,
          block: block.prefix,
          notFree: [],
        });
      }
      // And the largest one is as large as the brute force finds.
      const largest = Math.max(0, ...[...expected.values()].map((e) => e.largestFree));
      expect({ label, largest: Number(analysis.largest_free[0]?.size ?? 0) }).toEqual({
        label,
        largest,
      });
      expect({ label, ips: result.ip_addresses }).toEqual({
        label,
        ips: new Set(c.addresses.map((a) => a.offset)).size,
      });
    }
  });
});

function pick(u: {
  size: string;
  used: string;
  ip_addresses: number;
  child_prefixes: number;
  utilisation: number;
}) {
  return {
    size: u.size,
    used: u.used,
    ip_addresses: u.ip_addresses,
    child_prefixes: u.child_prefixes,
    utilisation: u.utilisation,
  };
}
