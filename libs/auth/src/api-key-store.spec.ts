import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ApiKeyStore, parseKey, splitNamedKey, type ApiKeyEntry } from './api-key-store.js';

const entry = (name: string, value: string): ApiKeyEntry => {
  const parsed = parseKey(name, value);
  if ('problem' in parsed) {
    throw new Error(parsed.problem);
  }
  return parsed;
};

describe('API keys', () => {
  it('finds plain and sha256 keys', () => {
    const plain = 'a-plain-key-0123456789';
    const hashed = 'a-hashed-key-0123456789';
    const sha = createHash('sha256').update(hashed).digest('hex');
    const store = new ApiKeyStore([
      entry('one', plain),
      entry('two', `sha256:${sha.toUpperCase()}`),
    ]);
    expect(store.find(plain)?.name).toBe('one');
    expect(store.find(hashed)?.name).toBe('two');
    expect(store.find('nope')).toBeUndefined();
    expect(store.find(`sha256:${sha}`)).toBeUndefined();
  });

  it('refuses short keys and malformed digests without echoing them', () => {
    const short = parseKey('ci', 'short-secret');
    expect('problem' in short && short.problem).toContain('too short');
    expect(JSON.stringify(short)).not.toContain('short-secret');
    const bad = parseKey('ci', 'sha256:xyz');
    expect('problem' in bad && bad.problem).toContain('64 hex digits');
  });

  it('splits optional names', () => {
    expect(splitNamedKey('grafana=abc', 0)).toEqual({ name: 'grafana', value: 'abc' });
    expect(splitNamedKey('sha256:abc', 2)).toEqual({ name: 'api-key-3', value: 'sha256:abc' });
    expect(splitNamedKey('x=y=z', 0)).toEqual({ name: 'x', value: 'y=z' });
  });
});
