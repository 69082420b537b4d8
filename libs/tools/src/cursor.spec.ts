import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ProblemException } from '@nautobot-mcp/common';
import { CursorCodec, MAX_CURSOR_OFFSET, filterFingerprint } from './cursor.js';

const SECRET = 'unit-test-cursor-secret';
const b64 = (text: string) => Buffer.from(text).toString('base64url');
/** Signs a payload as the documented format says, without our code. */
const signed = (payload: unknown, secret = SECRET) => {
  const body = b64(JSON.stringify(payload));
  const mac = createHmac('sha256', secret).update(body).digest().subarray(0, 16);
  return `${body}.${mac.toString('base64url')}`;
};

function problemOfDecode(codec: CursorCodec, cursor: string, fingerprint: string) {
  try {
    codec.decode(cursor, fingerprint);
  } catch (error) {
    return (error as ProblemException).problem;
  }
  throw new Error(`expected ${cursor} to be refused`);
}

describe('cursor', () => {
  const fingerprint = filterFingerprint('prefixes_by_location', {
    location: 'AMS01',
    children: true,
  });
  const codec = new CursorCodec(SECRET);

  it('round-trips an offset bound to the filters', () => {
    expect(codec.decode(codec.encode(300, fingerprint), fingerprint)).toBe(300);
  });

  it('signs as documented, so replicas sharing CURSOR_SECRET agree', () => {
    expect(codec.encode(300, fingerprint)).toBe(signed({ v: 1, o: 300, f: fingerprint }));
    expect(new CursorCodec(SECRET).decode(codec.encode(7, fingerprint), fingerprint)).toBe(7);
    // Without a secret each instance draws its own key.
    const a = new CursorCodec();
    const b = new CursorCodec();
    expect(a.decode(a.encode(7, fingerprint), fingerprint)).toBe(7);
    expect(() => b.decode(a.encode(7, fingerprint), fingerprint)).toThrow(ProblemException);
  });

  it('fingerprints independently of key order and undefined values', () => {
    expect(filterFingerprint('t', { a: 1, b: 2, c: undefined })).toBe(
      filterFingerprint('t', { b: 2, a: 1 }),
    );
    expect(filterFingerprint('t', { a: 1 })).not.toBe(filterFingerprint('u', { a: 1 }));
    expect(filterFingerprint('t', { a: 1 })).not.toBe(filterFingerprint('t', { a: 2 }));
  });

  const good = () => signed({ v: 1, o: 10, f: fingerprint });
  it.each([
    ['JSON null (bnVsbA)', 'bnVsbA'],
    ['signed JSON null', signed(null)],
    ['signed array', signed([1])],
    ['signed string', signed('x')],
    ['garbage', 'not base64 json'],
    ['empty', ''],
    ['only a dot', '.'],
    ['three parts', `${good()}.x`],
    ['unsigned (old format)', b64(JSON.stringify({ v: 1, o: 1, f: fingerprint }))],
    ['wrong key', signed({ v: 1, o: 1, f: fingerprint }, 'another-secret-value')],
    ['wrong version', signed({ v: 2, o: 1, f: fingerprint })],
    ['negative offset', signed({ v: 1, o: -5, f: fingerprint })],
    ['fractional offset', signed({ v: 1, o: 1.5, f: fingerprint })],
    ['string offset', signed({ v: 1, o: '1', f: fingerprint })],
    ['unsafe offset', signed({ v: 1, o: 2 ** 60, f: fingerprint })],
    ['truncated MAC', good().slice(0, -3)],
    ['padded MAC', `${good()}=`],
    [
      'tampered payload',
      `${b64(JSON.stringify({ v: 1, o: 11, f: fingerprint }))}.${good().split('.')[1]}`,
    ],
    ['very long', `${'A'.repeat(10_000)}.${'B'.repeat(22)}`],
  ])('refuses %s with invalid-cursor saying to start over', (_label, cursor) => {
    const problem = problemOfDecode(codec, cursor, fingerprint);
    expect(problem.type).toBe('invalid-cursor');
    expect(problem.status).toBe(400);
    expect(problem.detail).toContain('without cursor');
  });

  it('refuses an offset Nautobot cannot take, even when signed', () => {
    expect(MAX_CURSOR_OFFSET).toBeLessThan(2 ** 31);
    expect(codec.decode(signed({ v: 1, o: MAX_CURSOR_OFFSET, f: fingerprint }), fingerprint)).toBe(
      MAX_CURSOR_OFFSET,
    );
    for (const o of [MAX_CURSOR_OFFSET + 1, 2 ** 31, 2 ** 32]) {
      const problem = problemOfDecode(codec, signed({ v: 1, o, f: fingerprint }), fingerprint);
      expect(problem.type).toBe('invalid-cursor');
      expect(problem.detail).toContain('beyond what Nautobot accepts');
    }
  });

  it('refuses a cursor of other filters', () => {
    const other = codec.encode(
      10,
      filterFingerprint('prefixes_by_location', { location: 'FRA01' }),
    );
    const problem = problemOfDecode(codec, other, fingerprint);
    expect(problem.type).toBe('invalid-cursor');
    expect(problem.detail).toContain('different query');
  });
});
