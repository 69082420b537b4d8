import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProtocolError, type Client } from '@modelcontextprotocol/client';
import { loadSettings } from '@nautobot-mcp/config';
import { createApp } from '../apps/server/src/create-app.js';
import { INITIALIZE, connectHttp, postMcp, postWithHost } from './support/mcp.js';
import { CapturedLines, startTestApp, type TestApp } from './support/test-app.js';

describe('MCP DNS-rebinding protection (Host and Origin)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('accepts localhost Host and Origin', async () => {
    const port = new URL(t.url).port;
    for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`]) {
      expect((await postMcp(t.url, INITIALIZE, { origin })).status).toBe(200);
    }
    expect((await postWithHost(t.url, `localhost:${port}`, INITIALIZE)).status).toBe(200);
  });

  it('refuses a foreign Origin with 403 and a JSON-RPC error', async () => {
    const { status, body } = await postMcp(t.url, INITIALIZE, { origin: 'http://evil.example' });
    expect(status).toBe(403);
    expect(body).toEqual({
      jsonrpc: '2.0',
      error: { code: -32000, message: 'Forbidden: Invalid Origin: evil.example' },
      id: null,
    });
  });

  it('refuses a foreign Host with 403', async () => {
    const { status, body } = await postWithHost(t.url, 'evil.example', INITIALIZE);
    expect(status).toBe(403);
    expect(body.error.message).toContain('Invalid Host: evil.example');
  });

  it('refuses an SDK client sending a foreign Origin', async () => {
    await expect(connectHttp(t.url, 'legacy', { origin: 'https://evil.example' })).rejects.toThrow(
      'Invalid Origin: evil.example',
    );
  });
});

describe('MCP_ALLOWED_HOSTS, MCP_ALLOWED_ORIGINS and PUBLIC_BASE_URL extend localhost', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      MCP_ALLOWED_HOSTS: 'mcp.internal',
      MCP_ALLOWED_ORIGINS: 'https://agents.example.com,vscode-webview.example',
      PUBLIC_BASE_URL: 'https://nautobot-mcp.example.com',
    });
  });
  afterAll(() => t.close());

  it('accepts the configured and public hosts, still refuses others', async () => {
    expect((await postWithHost(t.url, 'mcp.internal:7001', INITIALIZE)).status).toBe(200);
    expect((await postWithHost(t.url, 'nautobot-mcp.example.com', INITIALIZE)).status).toBe(200);
    expect((await postWithHost(t.url, 'evil.example', INITIALIZE)).status).toBe(403);
  });

  it('accepts the configured and public origins, still refuses others', async () => {
    for (const origin of [
      'https://agents.example.com',
      'https://vscode-webview.example',
      'https://nautobot-mcp.example.com',
    ]) {
      expect((await postMcp(t.url, INITIALIZE, { origin })).status).toBe(200);
    }
    expect((await postMcp(t.url, INITIALIZE, { origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('MCP_ALLOWED_HOSTS=*', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ MCP_ALLOWED_HOSTS: '*' });
  });
  afterAll(() => t.close());

  it('accepts any Host, still checks Origin', async () => {
    expect((await postWithHost(t.url, 'nautobot-mcp.ns.svc:7001', INITIALIZE)).status).toBe(200);
    expect((await postMcp(t.url, INITIALIZE, { origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('MCP applies the caller’s tool permissions', () => {
  const IPAM_KEY = 'ipam-bot-key-0123456789abcdef';
  let t: TestApp;
  let client: Client;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mcp-auth-')), 'auth.yaml');
    writeFileSync(file, `apiKeys:\n  - name: ipam-bot\n    key: ${IPAM_KEY}\n    tools: [ipam]\n`);
    t = await startTestApp({ AUTH_MODE: 'api_key', AUTH_FILE: file });
    client = await connectHttp(t.url, 'legacy', { 'x-api-key': IPAM_KEY });
  });
  afterAll(async () => {
    await client.close();
    await t.close();
  });

  it('lists only the tools of the key’s toolset', async () => {
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    const rest = (
      await (await fetch(`${t.url}/tools`, { headers: { 'x-api-key': IPAM_KEY } })).json()
    ).tools as { name: string; toolset: string }[];
    expect(rest.every((tool) => tool.toolset === 'ipam')).toBe(true);
    expect(tools.map((tool) => tool.name)).toEqual(rest.map((tool) => tool.name));
    expect(client.getInstructions()).not.toContain('- devices:');
  });

  it('refuses a tool outside the key’s toolset with a JSON-RPC error', async () => {
    const error = await client
      .callTool({ name: 'devices_by_location', arguments: { location: 'AMS01' } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).data).toMatchObject({ type: 'tool-forbidden' });
  });

  it('runs a tool of the key’s toolset', async () => {
    const result = await client.callTool({
      name: 'prefixes_by_location',
      arguments: { location: 'AMS01', limit: 1 },
    });
    expect(result.isError).toBeFalsy();
  });
});

describe('TOOLSETS', () => {
  it('enables a subset of tools on every door', async () => {
    const t = await startTestApp({ TOOLSETS: 'ipam' });
    const client = await connectHttp(t.url, 'modern');
    try {
      const { tools } = await client.listTools();
      const rest = (await (await fetch(`${t.url}/tools`)).json()).tools as {
        name: string;
        toolset: string;
      }[];
      expect(rest.length).toBeGreaterThan(0);
      expect(rest.every((tool) => tool.toolset === 'ipam')).toBe(true);
      expect(tools.map((tool) => tool.name)).toEqual(rest.map((tool) => tool.name));
      const error = await client
        .callTool({ name: 'devices_by_location', arguments: { location: 'AMS01' } })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((error as ProtocolError).data).toMatchObject({ type: 'unknown-tool' });
    } finally {
      await client.close();
      await t.close();
    }
  });

  it('refuses an unknown toolset at start-up', async () => {
    const loaded = loadSettings({ DEMO_MODE: 'true', TOOLSETS: 'ipam,bogus', LOG_LEVEL: 'fatal' });
    const sink = { logStream: new CapturedLines(), auditStream: new CapturedLines() };
    await expect(createApp(loaded, sink)).rejects.toThrow(
      /TOOLSETS names unknown toolsets: bogus \(known: .*dcim.*ipam/,
    );
  });
});
