import { describe, expect, it } from '@jest/globals';
import {
  compareCidrs,
  contains,
  coveredSize,
  formatAddress,
  formatCidr,
  freeBlocks,
  lastOf,
  parseAddress,
  parseCidr,
  rangeToCidrs,
  sizeOf,
  type Cidr,
} from './ip-math.js';

const c = (text: string): Cidr => {
  const cidr = parseCidr(text);
  if (!cidr) {
    throw new Error(`bad test CIDR ${text}`);
  }
  return cidr;
};
const texts = (list: Cidr[]) => list.map(formatCidr);

describe('ip-math', () => {
  it('parses strictly and normalises the network', () => {
    expect(formatCidr(c('10.1.2.3/16'))).toBe('10.1.0.0/16');
    expect(formatCidr(c('2001:DB8:0:0::1/32'))).toBe('2001:db8::/32');
    expect(formatCidr(c('0.0.0.0/0'))).toBe('0.0.0.0/0');
    expect(formatCidr(c('::/0'))).toBe('::/0');
    expect(parseCidr('10.0.0.0')).toBeUndefined();
    expect(formatCidr(parseCidr('10.0.0.1', true)!)).toBe('10.0.0.1/32');
    for (const bad of [
      '10.0.0.0/33',
      '::/129',
      '10.1/8',
      '010.0.0.0/8',
      'fe80::1%eth0/64',
      'x/8',
      '10.0.0.0/8/1',
      '10.0.0.0/-1',
      '10.0.0.0/',
    ]) {
      expect(parseCidr(bad)).toBeUndefined();
    }
    expect(parseAddress('10.0.0.256')).toBeUndefined();
    expect(parseAddress('::ffff:10.0.0.1')).toEqual({ version: 6, value: 0xffff0a000001n });
  });

  it('computes sizes exactly on the boundaries', () => {
    expect(sizeOf(c('0.0.0.0/0'))).toBe(4294967296n);
    expect(sizeOf(c('10.0.0.0/31'))).toBe(2n);
    expect(sizeOf(c('10.0.0.7/32'))).toBe(1n);
    expect(sizeOf(c('::/0'))).toBe(1n << 128n);
    expect(sizeOf(c('2001:db8::/127'))).toBe(2n);
    expect(sizeOf(c('2001:db8::1/128'))).toBe(1n);
    expect(lastOf(c('::/0'))).toBe((1n << 128n) - 1n);
    expect(formatAddress(4, lastOf(c('0.0.0.0/0')))).toBe('255.255.255.255');
    expect(formatAddress(6, lastOf(c('::/0')))).toBe('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  });

  it('tests containment per version and orders like Nautobot', () => {
    expect(contains(c('10.0.0.0/8'), c('10.255.255.255/32'))).toBe(true);
    expect(contains(c('10.0.0.0/8'), c('10.0.0.0/8'))).toBe(true);
    expect(contains(c('10.0.0.0/8'), c('11.0.0.0/32'))).toBe(false);
    expect(contains(c('10.0.0.0/24'), c('10.0.0.0/8'))).toBe(false);
    expect(contains(c('::/0'), c('10.0.0.0/8'))).toBe(false);
    const sorted = ['2001:db8::/32', '10.0.0.0/24', '10.0.0.0/8', '9.0.0.0/8']
      .map(c)
      .sort(compareCidrs);
    expect(texts(sorted)).toEqual(['9.0.0.0/8', '10.0.0.0/8', '10.0.0.0/24', '2001:db8::/32']);
  });

  it('splits ranges into the fewest aligned blocks', () => {
    expect(texts(rangeToCidrs(4, 0n, 4294967295n))).toEqual(['0.0.0.0/0']);
    expect(texts(rangeToCidrs(4, 1n, 6n))).toEqual([
      '0.0.0.1/32',
      '0.0.0.2/31',
      '0.0.0.4/31',
      '0.0.0.6/32',
    ]);
    expect(texts(rangeToCidrs(6, 0n, (1n << 128n) - 1n))).toEqual(['::/0']);
  });

  it('finds free blocks around adjacent, nested and overlapping children', () => {
    const parent = c('10.0.0.0/24');
    expect(texts(freeBlocks(parent, []))).toEqual(['10.0.0.0/24']);
    expect(texts(freeBlocks(parent, [c('10.0.0.0/25')]))).toEqual(['10.0.0.128/25']);
    // Adjacent children leave no gap between them.
    expect(texts(freeBlocks(parent, [c('10.0.0.0/26'), c('10.0.0.64/26')]))).toEqual([
      '10.0.0.128/25',
    ]);
    // A child inside another child, a duplicate and an overlap count once.
    const used = [
      c('10.0.0.0/25'),
      c('10.0.0.0/26'),
      c('10.0.0.0/25'),
      c('10.0.0.96/27'),
      c('10.0.0.200/32'),
    ];
    expect(texts(freeBlocks(parent, used))).toEqual([
      '10.0.0.128/26',
      '10.0.0.192/29',
      '10.0.0.201/32',
      '10.0.0.202/31',
      '10.0.0.204/30',
      '10.0.0.208/28',
      '10.0.0.224/27',
    ]);
    expect(coveredSize(parent, used)).toBe(129n);
    // Children reaching outside the parent and of the other version are clipped/ignored.
    expect(texts(freeBlocks(parent, [c('10.0.0.0/8'), c('::/0')]))).toEqual([]);
    expect(coveredSize(parent, [c('10.0.0.0/8')])).toBe(256n);
    // /31 and /32 parents.
    expect(texts(freeBlocks(c('10.0.0.0/31'), [c('10.0.0.1/32')]))).toEqual(['10.0.0.0/32']);
    expect(texts(freeBlocks(c('10.0.0.1/32'), [c('10.0.0.1/32')]))).toEqual([]);
    // IPv6 /0 with one /128 used: 128 free blocks, the largest a /1.
    const v6 = freeBlocks(c('::/0'), [c('::1/128')]);
    expect(v6).toHaveLength(128);
    expect(formatCidr(v6[v6.length - 1])).toBe('8000::/1');
    expect(coveredSize(c('::/0'), [c('::1/128')])).toBe(1n);
    expect(texts(freeBlocks(c('2001:db8::/127'), [c('2001:db8::/128')]))).toEqual([
      '2001:db8::1/128',
    ]);
  });
});
