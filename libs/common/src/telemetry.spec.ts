import { describe, expect, it } from '@jest/globals';
import { TelemetryHub, isSecretName, maskArguments } from './telemetry.js';

describe('maskArguments', () => {
  it('records nothing for arguments that are not an object', () => {
    expect(maskArguments(null)).toEqual({});
    expect(maskArguments(['a'])).toEqual({});
    expect(maskArguments('x')).toEqual({});
  });

  it('masks secret names, cuts long values at 200 characters, keeps the rest', () => {
    const masked = maskArguments({
      location: 'AMS01',
      limit: 5,
      API_KEY: 'k',
      nautobotToken: 't',
      note: 'n'.repeat(250),
      filters: { roles: ['leaf'] },
      many: Array.from({ length: 100 }, (_, i) => `item-${i}`),
    });
    expect(masked).toMatchObject({
      location: 'AMS01',
      limit: 5,
      API_KEY: '***',
      nautobotToken: '***',
      note: `${'n'.repeat(200)}…`,
      filters: { roles: ['leaf'] },
    });
    expect(String(masked.many)).toHaveLength(201);
  });

  it('never throws on a value JSON cannot write (too deep, cyclic, BigInt)', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) {
      deep = [deep];
    }
    expect(maskArguments({ cyclic, deep, big: { n: 1n } })).toEqual({
      cyclic: '[not serialisable]',
      deep: '[not serialisable]',
      big: '[not serialisable]',
    });
  });

  it('knows secret names whatever their case or separator', () => {
    for (const name of [
      'api_key',
      'api-key',
      'ApiKey',
      'access_token',
      'Password',
      'client_secret',
    ]) {
      expect(isSecretName(name)).toBe(true);
    }
    for (const name of ['location', 'limit', 'cursor', 'keyword']) {
      expect(isSecretName(name)).toBe(false);
    }
  });
});

describe('TelemetryHub', () => {
  it('keeps calling listeners after one throws', () => {
    const hub = new TelemetryHub();
    const seen: string[] = [];
    hub.onAuthFailure(() => {
      throw new Error('broken listener');
    });
    hub.onAuthFailure((e) => seen.push(e.reason));
    expect(() => hub.authFailed({ mode: 'api_key', reason: 'invalid-key' })).not.toThrow();
    expect(seen).toEqual(['invalid-key']);
  });
});
