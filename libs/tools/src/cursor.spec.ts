import { describe, expect, it } from '@jest/globals';
import { ProblemException } from '@nautobot-mcp/common';
import { decodeCursor, encodeCursor, filterFingerprint } from './cursor.js';

describe('cursor', () => {
  const fingerprint = filterFingerprint('prefixes_by_location', {
    location: 'AMS01',
    children: true,
  });

  it('round-trips an offset bound to the filters', () => {
    expect(decodeCursor(encodeCursor(300, fingerprint), fingerprint)).toBe(300);
  });

  it('fingerprints independently of key order and undefined values', () => {
    expect(filterFingerprint('t', { a: 1, b: 2, c: undefined })).toBe(
      filterFingerprint('t', { b: 2, a: 1 }),
    );
    expect(filterFingerprint('t', { a: 1 })).not.toBe(filterFingerprint('u', { a: 1 }));
    expect(filterFingerprint('t', { a: 1 })).not.toBe(filterFingerprint('t', { a: 2 }));
  });

  it.each([
    ['garbage', 'not base64 json'],
    ['wrong version', Buffer.from(JSON.stringify({ v: 2, o: 1, f: 'x' })).toString('base64url')],
    ['negative offset', Buffer.from(JSON.stringify({ v: 1, o: -5, f: 'x' })).toString('base64url')],
  ])('rejects %s', (_label, cursor) => {
    expect(() => decodeCursor(cursor, fingerprint)).toThrow(ProblemException);
  });

  it('rejects a cursor of other filters', () => {
    const other = encodeCursor(
      10,
      filterFingerprint('prefixes_by_location', { location: 'FRA01' }),
    );
    try {
      decodeCursor(other, fingerprint);
      throw new Error('expected invalid-cursor');
    } catch (error) {
      expect((error as ProblemException).problem.type).toBe('invalid-cursor');
      expect((error as ProblemException).problem.detail).toContain('different query');
    }
  });
});
