import { loadSettings } from '@nautobot-mcp/config';
import { bindAddress } from './main.js';

describe('bindAddress', () => {
  it('keeps demo mode on 127.0.0.1 while HOST is left at its default', () => {
    expect(bindAddress(loadSettings({ DEMO_MODE: 'true' }))).toBe('127.0.0.1');
  });

  it.each(['0.0.0.0', '::', '127.0.0.1'])('binds demo mode to HOST=%s when HOST is set', (host) => {
    expect(bindAddress(loadSettings({ DEMO_MODE: 'true', HOST: host }))).toBe(host);
  });

  it('binds HOST, default 0.0.0.0, when not in demo mode', () => {
    const env = {
      NAUTOBOT_URL: 'https://nautobot.example.com',
      NAUTOBOT_TOKEN: 'a'.repeat(40),
      AUTH_MODE: 'none',
    };
    expect(bindAddress(loadSettings(env))).toBe('0.0.0.0');
    expect(bindAddress(loadSettings({ ...env, HOST: '10.1.2.3' }))).toBe('10.1.2.3');
  });
});
