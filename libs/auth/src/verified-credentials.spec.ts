import { describe, expect, it } from '@jest/globals';
import { VerifiedCredentials } from './verified-credentials.js';

describe('VerifiedCredentials', () => {
  it('remembers a success until its TTL has passed', () => {
    let now = 1_000;
    const cache = new VerifiedCredentials<string>(60_000, 10, () => now);
    cache.set('alice', 'alice', 'pw');
    expect(cache.get('alice', 'pw')).toBe('alice');
    expect(cache.get('alice', 'other')).toBeUndefined();
    expect(cache.get('alic', 'epw')).toBeUndefined();
    now += 59_999;
    expect(cache.get('alice', 'pw')).toBe('alice');
    now += 1;
    expect(cache.get('alice', 'pw')).toBeUndefined();
  });

  it('holds at most maxEntries, forgetting the oldest', () => {
    const cache = new VerifiedCredentials<number>(60_000, 3);
    for (let i = 0; i < 5; i++) {
      cache.set(i, `user-${i}`, 'pw');
    }
    expect(cache.size).toBe(3);
    expect(cache.get('user-0', 'pw')).toBeUndefined();
    expect(cache.get('user-1', 'pw')).toBeUndefined();
    expect(cache.get('user-4', 'pw')).toBe(4);
  });
});
