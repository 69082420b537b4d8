import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadSettings, SettingsError } from '@nautobot-mcp/config';
import { buildAuthConfig, effectiveModes } from './auth-config.js';

const BASE = { NAUTOBOT_URL: 'https://nautobot.example.com', NAUTOBOT_TOKEN: 'a'.repeat(40) };

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'nms-authcfg-')), 'auth.yaml');
  writeFileSync(path, text);
  return path;
}

function problems(env: Record<string, string>): string[] {
  try {
    buildAuthConfig(loadSettings({ ...BASE, ...env }).settings);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as SettingsError).problems;
  }
  throw new Error('expected a SettingsError');
}

describe('buildAuthConfig', () => {
  it('defaults to none in demo mode only', () => {
    expect(effectiveModes(loadSettings({ DEMO_MODE: 'true' }).settings)).toEqual(['none']);
    expect(() => loadSettings(BASE)).toThrow('AUTH_MODE');
  });

  it('requires keys for api_key and users for basic', () => {
    expect(problems({ AUTH_MODE: 'api_key,basic' })).toEqual([
      expect.stringContaining('no key is configured'),
      expect.stringContaining('no user is configured'),
    ]);
  });

  it('names AUTH_FILE problems with file, line and key, never the secret', () => {
    const path = file(
      [
        'apiKeys:',
        '  - name: a',
        '    key: tiny-secret',
        '  - name: b',
        '    key: another-long-enough-key-123',
        '    tool: [ipam]',
        'users:',
        '  - name: alice',
        '    password: plaintext-password',
        'oidc:',
        '  tools:',
        '    nautobot.read: everything',
        'extra: 1',
        '',
      ].join('\n'),
    );
    const lines = problems({ AUTH_MODE: 'api_key', AUTH_FILE: path });
    const text = lines.join('\n');
    expect(text).toContain(`AUTH_FILE ${path} line 6, apiKeys[1].tool: unknown key`);
    expect(text).toContain('oidc.tools.nautobot.read: must be a list');
    expect(text).toContain('extra: unknown key');
    expect(text).not.toContain('tiny-secret');
    expect(text).not.toContain('plaintext-password');
  });

  it('rejects plain passwords and duplicate names', () => {
    const path = file(
      'apiKeys:\n  - name: a\n    key: tiny\nusers:\n  - name: alice\n    password: hunter2\n',
    );
    const lines = problems({
      AUTH_MODE: 'basic',
      AUTH_FILE: path,
      API_KEYS: 'a=long-enough-key-0123456789',
    });
    expect(lines.join('\n')).toContain('too short');
    expect(lines.join('\n')).toContain('not a plain password');
    const dup = problems({
      AUTH_MODE: 'api_key',
      API_KEYS: 'x=long-enough-key-0123456789,x=another-long-key-01234567',
    });
    expect(dup).toEqual([expect.stringContaining('used twice')]);
  });

  it('builds the OIDC config with claim mappings', () => {
    const path = file('oidc:\n  tools:\n    nautobot.read: ["*"]\n');
    const config = buildAuthConfig(
      loadSettings({
        ...BASE,
        AUTH_MODE: 'oidc',
        OIDC_ISSUER: 'https://login.example.com',
        OIDC_AUDIENCE: 'nms',
        AUTH_FILE: path,
      }).settings,
    );
    expect(config.oidc).toMatchObject({
      issuer: 'https://login.example.com',
      audience: 'nms',
      toolsClaim: 'scope',
    });
    expect(config.oidc?.claimTools?.get('nautobot.read')).toEqual(['*']);
  });

  it('requires issuer and audience with oidc and refuses HS algorithms', () => {
    expect(() => loadSettings({ ...BASE, AUTH_MODE: 'oidc' })).toThrow(
      /OIDC_ISSUER[\s\S]*OIDC_AUDIENCE/,
    );
    expect(() =>
      loadSettings({
        ...BASE,
        AUTH_MODE: 'oidc',
        OIDC_ISSUER: 'https://x',
        OIDC_AUDIENCE: 'a',
        OIDC_ALGORITHMS: 'HS256',
      }),
    ).toThrow('none and HS* are never accepted');
    expect(() => loadSettings({ ...BASE, AUTH_MODE: 'kerberos' })).toThrow(
      'none, api_key, basic, oidc',
    );
  });
});
