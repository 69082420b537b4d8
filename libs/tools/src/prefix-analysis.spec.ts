import { describe, expect, it } from '@jest/globals';
import { parseAddress, parseCidr } from './ip-math.js';
import {
  addressInputOf,
  analysePrefixes,
  type AddressInput,
  type PrefixInput,
} from './prefix-analysis.js';

function p(
  prefix: string,
  type = 'network',
  namespace = 'Global',
  extra: Partial<PrefixInput> = {},
): PrefixInput {
  return { cidr: parseCidr(prefix)!, namespace, type, status: 'Active', role: null, ...extra };
}

function ip(address: string, namespace = 'Global'): AddressInput {
  const parsed = parseAddress(address)!;
  return { ...parsed, namespace };
}

const usageOf = (result: ReturnType<typeof analysePrefixes>, prefix: string) =>
  [...result.ipv4.fullest, ...result.ipv6.fullest].find((u) => u.prefix === prefix);

describe('analysePrefixes', () => {
  it('counts by status, role and type', () => {
    const result = analysePrefixes(
      [
        p('10.0.0.0/8', 'container'),
        p('10.1.0.0/24', 'network', 'Global', { role: 'server' }),
        p('10.2.0.0/24', 'pool', 'Global', { status: 'Reserved', role: 'server' }),
      ],
      [],
      10,
    );
    expect(result.prefixes).toBe(3);
    expect(result.by_status).toEqual({ Active: 2, Reserved: 1 });
    expect(result.by_role).toEqual({ '(none)': 1, server: 2 });
    expect(result.by_type).toEqual({ container: 1, network: 1, pool: 1 });
  });

  it('measures containers by their children, with adjacent and duplicate children', () => {
    const result = analysePrefixes(
      [
        p('10.0.0.0/24', 'container'),
        p('10.0.0.0/26'),
        p('10.0.0.64/26'),
        p('10.0.0.64/26'),
        p('10.0.0.128/27', 'container'),
        p('10.0.0.128/28'),
      ],
      [ip('10.0.0.200'), ip('10.0.0.1')],
      20,
    );
    const top = result.ipv4.top_level;
    expect(top).toHaveLength(1);
    // 64 + 64 + 32 covered, plus the address .200 held directly: 161 of 256.
    expect(top[0]).toMatchObject({
      prefix: '10.0.0.0/24',
      size: '256',
      used: '161',
      child_prefixes: 3,
    });
    expect(top[0].utilisation).toBe(62.89);
    expect(top[0].ip_addresses).toBe(2);
    expect(usageOf(result, '10.0.0.128/27')).toMatchObject({ used: '16', utilisation: 50 });
    // Largest first; among equal sizes, in address order of the prefix they are free in.
    expect(result.ipv4.largest_free.slice(0, 6).map((f) => `${f.prefix} in ${f.within}`)).toEqual([
      '10.0.0.64/26 in 10.0.0.64/26',
      '10.0.0.64/26 in 10.0.0.64/26',
      '10.0.0.160/27 in 10.0.0.0/24',
      '10.0.0.224/27 in 10.0.0.0/24',
      '10.0.0.32/27 in 10.0.0.0/26',
      '10.0.0.208/28 in 10.0.0.0/24',
    ]);
    const sizes = result.ipv4.largest_free.map((f) => BigInt(f.size));
    expect(sizes).toEqual([...sizes].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
  });

  it('counts network addresses the way Nautobot does on the boundaries', () => {
    const result = analysePrefixes(
      [
        p('10.0.0.0/30'),
        p('10.0.1.0/31'),
        p('10.0.2.1/32'),
        p('10.0.3.0/30', 'pool'),
        p('2001:db8::/127'),
        p('2001:db8::2/128'),
        p('2001:db8:1::/64'),
      ],
      [
        ip('10.0.0.1'),
        ip('10.0.0.2'),
        ip('10.0.1.0'),
        ip('10.0.1.1'),
        ip('10.0.2.1'),
        ip('10.0.3.0'),
        ip('2001:db8::1'),
        ip('2001:db8::2'),
        ip('2001:db8:1::1'),
        ip('2001:db8:1::1'),
      ],
      20,
    );
    // A /30 network has 2 usable addresses; /31 and /32 keep all; pools keep all.
    expect(usageOf(result, '10.0.0.0/30')).toMatchObject({
      size: '2',
      used: '2',
      utilisation: 100,
    });
    expect(usageOf(result, '10.0.1.0/31')).toMatchObject({
      size: '2',
      used: '2',
      utilisation: 100,
    });
    expect(usageOf(result, '10.0.2.1/32')).toMatchObject({
      size: '1',
      used: '1',
      utilisation: 100,
    });
    expect(usageOf(result, '10.0.3.0/30')).toMatchObject({ size: '4', used: '1', utilisation: 25 });
    expect(usageOf(result, '2001:db8::/127')).toMatchObject({
      size: '2',
      used: '1',
      utilisation: 50,
    });
    expect(usageOf(result, '2001:db8::2/128')).toMatchObject({ size: '1', used: '1' });
    // Exact IPv6 sizes (2^64), and one distinct address counted once.
    expect(usageOf(result, '2001:db8:1::/64')).toMatchObject({
      size: '18446744073709551616',
      used: '1',
      utilisation: 0,
      ip_addresses: 1,
    });
    expect(result.ip_addresses).toBe(9);
    expect(result.ipv6.largest_free[0]).toEqual({
      prefix: '2001:db8:1:0:8000::/65',
      size: '9223372036854775808',
      within: '2001:db8:1::/64',
      namespace: 'Global',
    });
    expect(result.ipv4.fullest[0].utilisation).toBe(100);
  });

  it('covers /0 exactly and keeps namespaces apart', () => {
    const result = analysePrefixes(
      [
        p('0.0.0.0/0', 'container'),
        p('10.0.0.0/8', 'container'),
        p('::/0', 'container'),
        p('10.0.0.0/8', 'container', 'Lab'),
        p('10.0.0.0/9', 'network', 'Lab'),
      ],
      [ip('10.0.0.1', 'Lab')],
      5,
    );
    const global = result.ipv4.top_level.find((u) => u.namespace === 'Global')!;
    expect(global).toMatchObject({ prefix: '0.0.0.0/0', size: '4294967296', used: '16777216' });
    expect(global.utilisation).toBe(0.39);
    const lab = result.ipv4.top_level.find((u) => u.namespace === 'Lab')!;
    expect(lab).toMatchObject({
      prefix: '10.0.0.0/8',
      used: '8388608',
      utilisation: 50,
      ip_addresses: 1,
    });
    expect(result.ipv4.top_level_count).toBe(2);
    expect(result.ipv6.top_level[0]).toMatchObject({
      size: (1n << 128n).toString(),
      used: '0',
      utilisation: 0,
    });
    expect(result.ipv6.largest_free[0]).toMatchObject({ prefix: '::/0' });
    expect(result.ipv4.largest_free[0]).toMatchObject({
      prefix: '128.0.0.0/1',
      within: '0.0.0.0/0',
    });
    expect(result.ipv4.largest_free).toHaveLength(5);
    // Totals over the top-level prefixes only.
    expect(result.ipv4.size).toBe((4294967296n + 16777216n).toString());
  });

  it('reads addresses as Nautobot prints them, with the length of their parent', () => {
    // Nautobot sends `address` as host/parent-length; the host bits are the address.
    const rows = (texts: string[]) => texts.map((text) => addressInputOf(text, 'Global')!);
    expect(addressInputOf('10.11.128.10/24', 'Global')).toEqual({
      version: 4,
      value: 168525834n, // 10*2^24 + 11*2^16 + 128*2^8 + 10, by hand
      namespace: 'Global',
    });
    expect(addressInputOf('2001:db8::1:2/64', 'Lab')).toEqual({
      version: 6,
      value: 0x20010db8000000000000000000010002n,
      namespace: 'Lab',
    });
    expect(addressInputOf('192.0.2.7', 'Global')?.value).toBe(0xc0000207n);
    for (const bad of ['', '10.0.0.1/33', '10.0.0.1/24/1', 'fe80::1%eth0/64', 'x/24']) {
      expect(addressInputOf(bad, 'Global')).toBeUndefined();
    }

    const v4 = analysePrefixes(
      [p('192.0.2.0/28', 'container'), p('192.0.2.0/29')],
      rows(['192.0.2.1/29', '192.0.2.2/29', '192.0.2.6/29', '192.0.2.9/28']),
      10,
    );
    expect(v4.ip_addresses).toBe(4);
    // The /29 network: 8 - 2 usable, .1 .2 .6 used; free .0, .3, .4/31, .7.
    expect(usageOf(v4, '192.0.2.0/29')).toMatchObject({
      size: '6',
      used: '3',
      utilisation: 50,
      ip_addresses: 3,
    });
    // The /28 container: the /29 child (8) plus .9 held directly = 9 of 16.
    expect(usageOf(v4, '192.0.2.0/28')).toMatchObject({
      size: '16',
      used: '9',
      utilisation: 56.25,
      ip_addresses: 4,
    });
    // Largest first; equal sizes in the order of the prefix they are free in (/28 first).
    expect(v4.ipv4.largest_free.map((f) => `${f.prefix} in ${f.within}`)).toEqual([
      '192.0.2.12/30 in 192.0.2.0/28',
      '192.0.2.10/31 in 192.0.2.0/28',
      '192.0.2.4/31 in 192.0.2.0/29',
      '192.0.2.8/32 in 192.0.2.0/28',
      '192.0.2.0/32 in 192.0.2.0/29',
      '192.0.2.3/32 in 192.0.2.0/29',
      '192.0.2.7/32 in 192.0.2.0/29',
    ]);

    const v6 = analysePrefixes(
      [p('2001:db8::/126'), p('2001:db8:1::/48', 'container'), p('2001:db8:1::/64')],
      rows(['2001:db8::1/64', '2001:db8::3/64', '2001:db8:1:1::5/64']),
      10,
    );
    expect(v6.ip_addresses).toBe(3);
    // IPv6 networks keep every address: 2 of 4 used, ::0 and ::2 free.
    expect(usageOf(v6, '2001:db8::/126')).toMatchObject({ size: '4', used: '2', utilisation: 50 });
    const network = analysePrefixes(
      [p('2001:db8::/126')],
      rows(['2001:db8::1/64', '2001:db8::3/64']),
      10,
    );
    expect(network.ipv6.largest_free).toEqual([
      { prefix: '2001:db8::/128', size: '1', within: '2001:db8::/126', namespace: 'Global' },
      { prefix: '2001:db8::2/128', size: '1', within: '2001:db8::/126', namespace: 'Global' },
    ]);
    // The /48: its /64 child (2^64) plus 2001:db8:1:1::5 held directly.
    expect(usageOf(v6, '2001:db8:1::/48')).toMatchObject({
      size: (2n ** 80n).toString(),
      used: (2n ** 64n + 1n).toString(),
      ip_addresses: 1,
    });
  });

  it('answers empty input', () => {
    const result = analysePrefixes([], [], 10);
    expect(result.ipv4).toEqual({
      prefixes: 0,
      size: '0',
      used: '0',
      utilisation: 0,
      top_level: [],
      top_level_count: 0,
      fullest: [],
      largest_free: [],
    });
  });
});
