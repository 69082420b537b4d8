import { describe, expect, it } from '@jest/globals';
import { loadSettings } from '@nautobot-mcp/config';
import { hostnameOf, mcpAllowList } from './dns-rebinding.middleware.js';

describe('MCP Host/Origin allow-lists', () => {
  it('reduces origins to host names', () => {
    expect(hostnameOf('https://Agents.Example.com:8443')).toBe('agents.example.com');
    expect(hostnameOf(' mcp.internal ')).toBe('mcp.internal');
    expect(hostnameOf('moz-extension://*')).toBe('moz-extension://*');
    expect(hostnameOf('http://[bad')).toBe('http://[bad');
  });

  it('allows localhost by default', () => {
    const { settings } = loadSettings({ DEMO_MODE: 'true' });
    expect(mcpAllowList(settings)).toEqual({
      hosts: ['localhost', '127.0.0.1', '[::1]'],
      origins: ['localhost', '127.0.0.1', '[::1]'],
    });
  });

  it('adds PUBLIC_BASE_URL and the configured names; * turns the Host check off', () => {
    const { settings } = loadSettings({
      DEMO_MODE: 'true',
      PUBLIC_BASE_URL: 'https://mcp.example.com',
      MCP_ALLOWED_HOSTS: 'a.internal',
      MCP_ALLOWED_ORIGINS: 'https://agents.example.com',
    });
    expect(mcpAllowList(settings)).toEqual({
      hosts: ['localhost', '127.0.0.1', '[::1]', 'mcp.example.com', 'a.internal'],
      origins: ['localhost', '127.0.0.1', '[::1]', 'mcp.example.com', 'agents.example.com'],
    });
    const any = loadSettings({ DEMO_MODE: 'true', MCP_ALLOWED_HOSTS: '*' }).settings;
    expect(mcpAllowList(any).hosts).toBeUndefined();
  });
});
