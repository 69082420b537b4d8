import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
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

/** A raw request with any Host header (fetch always sends the URL's host). */
function requestWithHost(
  url: string,
  path: string,
  host: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const payload = options.body === undefined ? '' : JSON.stringify(options.body);
    const req = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path,
        method: options.method ?? 'GET',
        headers: {
          host,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', text }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('DNS-rebinding protection on every route when unauthenticated or on loopback', () => {
  const CALL = { name: 'prefixes_by_location', arguments: { location: 'AMS01', limit: 1 } };
  let open: TestApp;

  beforeAll(async () => {
    open = await startTestApp({ AUTH_MODE: 'none' });
  });
  afterAll(() => open.close());

  it.each([
    ['GET /tools', '/tools', {}],
    ['POST /tools/invoke', '/tools/invoke', { method: 'POST', body: CALL }],
    ['POST /tools/{name}', '/tools/prefixes_by_location', { method: 'POST', body: CALL.arguments }],
    ['GET /exports/prefixes.csv', '/exports/prefixes.csv?location=AMS01', {}],
  ])('refuses %s with Host: evil.example (AUTH_MODE=none)', async (_label, path, options) => {
    const answer = await requestWithHost(open.url, path, 'evil.example', options);
    expect(answer.status).toBe(403);
    expect(answer.type).toContain('application/problem+json');
    expect(JSON.parse(answer.text)).toMatchObject({ type: 'forbidden' });
    expect(answer.text).toContain('evil.example');
    expect(answer.text).not.toContain('"prefix"');
  });

  it('refuses a foreign Origin on REST', async () => {
    const port = new URL(open.url).port;
    const answer = await requestWithHost(open.url, '/tools', `127.0.0.1:${port}`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(answer.status).toBe(403);
  });

  it('serves localhost, IP-literal Hosts (no rebinding possible) and same-origin browser calls', async () => {
    const port = new URL(open.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, '10.1.2.3:7001']) {
      expect((await requestWithHost(open.url, '/tools', host)).status).toBe(200);
    }
    const sameOrigin = await requestWithHost(open.url, '/tools/invoke', `127.0.0.1:${port}`, {
      method: 'POST',
      body: CALL,
      headers: { origin: `http://127.0.0.1:${port}` },
    });
    expect(sameOrigin.status).toBe(200);
    // Kubernetes probes send the pod IP as Host.
    expect((await requestWithHost(open.url, '/healthz', '10.1.2.3:7001')).status).toBe(200);
  });

  it('applies to REST with credentials required when HOST is loopback', async () => {
    const key = 'loopback-key-0123456789abcdef';
    const t = await startTestApp({ AUTH_MODE: 'api_key', API_KEYS: key, HOST: '127.0.0.1' });
    try {
      const answer = await requestWithHost(t.url, '/tools', 'evil.example', {
        headers: { 'x-api-key': key },
      });
      expect(answer.status).toBe(403);
    } finally {
      await t.close();
    }
  });

  it('leaves REST to authentication when credentials are required and HOST is not loopback', async () => {
    const key = 'wide-key-0123456789abcdef0000';
    const t = await startTestApp({ AUTH_MODE: 'api_key', API_KEYS: key, HOST: '0.0.0.0' });
    try {
      const answer = await requestWithHost(t.url, '/tools', 'nautobot-mcp.ns.svc:7001', {
        headers: { 'x-api-key': key },
      });
      expect(answer.status).toBe(200);
      expect((await postWithHost(t.url, 'evil.example', INITIALIZE)).status).toBe(403);
    } finally {
      await t.close();
    }
  });
});

describe('MCP JSON-RPC batches', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MIN: '5' });
  });
  afterAll(() => t.close());

  it('are refused whole, so one request cannot run more calls than the rate limit allows', async () => {
    const before = t.sim?.simulator.stats.graphqlRequests ?? 0;
    const batch = Array.from({ length: 20 }, (_, i) => ({
      jsonrpc: '2.0',
      id: i + 2,
      method: 'tools/call',
      params: { name: 'prefixes_by_location', arguments: { location: 'AMS01', limit: 1 } },
    }));
    const { status, body } = await postMcp(t.url, batch, {
      'mcp-protocol-version': '2025-03-26',
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });
    expect(body.error.message).toContain('batch');
    expect(t.sim?.simulator.stats.graphqlRequests ?? 0).toBe(before);
    expect(t.audit.lines.filter((l) => l.door === 'mcp')).toEqual([]);
  });

  it('a single call still works', async () => {
    expect((await postMcp(t.url, INITIALIZE)).status).toBe(200);
  });
});
