import { describe, expect, it } from '@jest/globals';
import { hashInt, indexFromUuid, indexedUuid, normalizeUuid, uuidFor } from './ids.js';
import { formatIp, formatV4, lastOf, networkOf, parseIp, within } from './ip.js';
import { chain, compareNatural, compareNum, naturalize, naturalizeInterface } from './natural.js';
import { pyErrorDict, pyJsonDumps, pyRepr, pySplitlines, pyStrRepr } from './py.js';

describe('ids', () => {
  it('derives stable UUIDv5-like ids and reversible indexed ids', () => {
    expect(uuidFor('devices', 'x')).toBe(uuidFor('devices', 'x'));
    expect(uuidFor('devices', 'x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(hashInt('a')).toBe(hashInt('a'));
    const prefix = '0123456789abcdef0123';
    const id = indexedUuid(prefix, 255);
    expect(id).toBe('01234567-89ab-cdef-0123-0000000000ff');
    expect(indexFromUuid(prefix, id)).toBe(255);
    expect(indexFromUuid('f'.repeat(20), id)).toBeUndefined();
    expect(normalizeUuid('{0123456789ABCDEF0123456789ABCDEF}')).toBe(
      '01234567-89ab-cdef-0123-456789abcdef',
    );
    expect(normalizeUuid('urn:uuid:01234567-89ab-cdef-0123-456789abcdef')).toBe(
      '01234567-89ab-cdef-0123-456789abcdef',
    );
    expect(normalizeUuid('nope')).toBeUndefined();
  });
});

describe('ip', () => {
  it('parses and formats v4/v6', () => {
    expect(parseIp('10.1.2.3/24')).toEqual({ version: 4, value: 0x0a010203n, len: 24 });
    expect(parseIp('2001:db8::1')).toEqual({
      version: 6,
      value: 0x20010db8000000000000000000000001n,
      len: 128,
    });
    expect(parseIp('::ffff:10.0.0.1/128')?.value).toBe(0xffff0a000001n);
    for (const bad of [
      '10.1.2',
      '10.1.2.256',
      '10.1.2.3/33',
      '1::2::3',
      'zz::',
      '1:2:3:4:5:6:7:8:9',
      '::ffff:1.2.3',
      'a.b.c.d',
      '1:2',
    ]) {
      expect(parseIp(bad)).toBeUndefined();
    }
    expect(formatIp(6, 0x20010db8000000000000000000000001n)).toBe('2001:db8::1');
    expect(formatIp(6, 0n)).toBe('::');
    expect(formatIp(6, 0x20010db8000100000001000000000001n)).toBe('2001:db8:1:0:1::1');
    expect(formatIp(6, 0x20010db8000100010001000100010001n)).toBe('2001:db8:1:1:1:1:1:1');
    expect(formatIp(4, 0x0a000001n)).toBe('10.0.0.1');
    expect(formatV4(0xc0a80a01)).toBe('192.168.10.1');
    expect(networkOf(4, 0x0a0102ffn, 24)).toBe(0x0a010200n);
    expect(lastOf(4, 0x0a010200n, 24)).toBe(0x0a0102ffn);
    const net = (s: string) => parseIp(s) ?? { version: 4 as const, value: 0n, len: 0 };
    expect(within(net('10.0.0.0/8'), net('10.1.0.0/16'))).toBe(true);
    expect(within(net('10.1.0.0/16'), net('10.0.0.0/8'))).toBe(false);
    expect(within(net('10.0.0.0/8'), net('2001:db8::/32'))).toBe(false);
  });
});

describe('natural ordering', () => {
  it('naturalizes names and interfaces', () => {
    expect(naturalize('nyc9')).toBe('nyc00000009');
    expect(naturalize('')).toBe('');
    expect(compareNatural('nyc9', 'nyc10')).toBeLessThan(0);
    expect(compareNatural(null, 'a')).toBeGreaterThan(0);
    expect(compareNatural('a', undefined)).toBeLessThan(0);
    expect(compareNatural(null, null)).toBe(0);
    expect(naturalizeInterface('Ethernet1/2/3')).toBe('0001000299999999Ethernet000003............');
    expect(naturalizeInterface('xe-0/0/1.100')).toBe('0000000099999999xe-000001......000100');
    expect(naturalizeInterface('Po1:2 extra')).toBe('9999999999999999Po000001000002...... extra');
    expect(compareNum(1n, 2n)).toBe(-1);
    expect(chain<number>((a, b) => a - b)(2, 2)).toBe(0);
  });
});

describe('python reprs', () => {
  it('renders str/repr/json like CPython', () => {
    expect(pyStrRepr("it's")).toBe(`"it's"`);
    expect(pyStrRepr('both \' and "')).toBe(`'both \\' and "'`);
    expect(pyStrRepr('a\\b\n\r\t\x01\u2028é')).toBe("'a\\\\b\\n\\r\\t\\x01\\u2028é'");
    expect(pyRepr([1, 'a', true, false, null, { k: [2] }])).toBe(
      "[1, 'a', True, False, None, {'k': [2]}]",
    );
    expect(pyRepr(() => 1)).toBe('<function>');
    expect(
      pyErrorDict([
        ['a', 'x'],
        ['b', 'y'],
      ]),
    ).toBe("{'a': ['x'], 'b': ['y']}");
    expect(
      pyJsonDumps(
        { b: [1, 'é\b\f"\\'], a: null, c: true, d: false, e: Infinity, f: -Infinity, g: NaN },
        true,
      ),
    ).toBe(
      '{"a": null, "b": [1, "\\u00e9\\b\\f\\"\\\\"], "c": true, "d": false, "e": Infinity, "f": -Infinity, "g": NaN}',
    );
    expect(pyJsonDumps(undefined)).toBe('null');
    expect(pyJsonDumps(Symbol('x'))).toBe('null');
    expect(pySplitlines('')).toEqual([]);
    expect(pySplitlines('a\nb\n')).toEqual(['a', 'b']);
    expect(pySplitlines('a\r\n\x1cb\u2029c')).toEqual(['a', '', 'b', 'c']);
  });
});
