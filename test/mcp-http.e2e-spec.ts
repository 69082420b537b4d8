import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProtocolError, type Client } from '@modelcontextprotocol/client';
import { packageInfo } from '@nautobot-mcp/common';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import {
  INITIALIZE,
  MODERN_REVISION,
  connectHttp,
  modernRequest,
  postMcp,
  toolExamples,
  type Era,
} from './support/mcp.js';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

function textOf(result: { content?: unknown }): string {
  const [first] = result.content as { type: string; text: string }[];
  expect(first.type).toBe('text');
  return first.text;
}

describe.each<Era>(['legacy', 'modern'])('MCP over Streamable HTTP (%s era)', (era) => {
  let t: TestApp;
  let client: Client;
  let restTools: { name: string; title: string; description: string; inputSchema: object }[];

  beforeAll(async () => {
    t = await startTestApp();
    client = await connectHttp(t.url, era);
    restTools = (await (await fetch(`${t.url}/tools`)).json()).tools;
  });
  afterAll(async () => {
    await client.close();
    await t.close();
  });

  it('connects in the expected era, with our name, version and instructions', () => {
    expect(client.getProtocolEra()).toBe(era);
    if (era === 'legacy') {
      expect(client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
    } else {
      expect(client.getNegotiatedProtocolVersion()).toBe(MODERN_REVISION);
    }
    expect(client.getServerVersion()).toMatchObject({
      name: 'nautobot-mcp-server',
      version: packageInfo().version,
    });
    const instructions = client.getInstructions() ?? '';
    expect(instructions).toContain('Nautobot');
    expect(instructions).toContain('nextCursor');
    expect(instructions).toContain('includeChildLocations');
    for (const tool of restTools) {
      expect(instructions).toContain(`- ${tool.name}: `);
    }
  });

  it('lists the same tools as REST, with schemas, titles and read-only annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(restTools.map((t) => t.name));
    for (const tool of tools) {
      const rest = restTools.find((r) => r.name === tool.name)!;
      expect(tool.title).toBe(rest.title);
      expect(tool.description).toBe(rest.description);
      expect(tool.inputSchema).toEqual(rest.inputSchema);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.annotations).toMatchObject({ readOnlyHint: true });
      expect(tool.annotations?.destructiveHint).not.toBe(true);
    }
  });

  it('calls every tool: structuredContent is exactly the REST result, text is summary + JSON', async () => {
    const examples = await toolExamples(t.url);
    expect(Object.keys(examples).sort()).toEqual(restTools.map((r) => r.name).sort());
    for (const [name, args] of Object.entries(examples)) {
      // The SDK client also checks structuredContent against the tool's outputSchema.
      const result = await client.callTool({ name, arguments: args });
      const rest = await postJson(`${t.url}/tools/${name}`, args);
      expect({ name, status: rest.status }).toEqual({ name, status: 200 });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual(rest.body);
      const [summary, json] = textOf(result).split('\n');
      expect(summary.startsWith(`${name}: `)).toBe(true);
      expect(JSON.parse(json)).toEqual(rest.body);
    }
  });

  it('returns brief and fields items that match the outputSchema (found by schemathesis)', async () => {
    // The SDK client checks structuredContent against the outputSchema tools/list
    // advertised and throws when it does not match; each tool with fields/brief is called
    // both ways.
    await client.listTools();
    const examples = await toolExamples(t.url);
    const selectable = restTools.filter(
      (tool) => 'brief' in (tool.inputSchema as { properties: object }).properties,
    );
    expect(selectable.length).toBeGreaterThan(5);
    for (const { name } of selectable) {
      const { fields: _fields, brief: _brief, cursor: _cursor, ...args } = examples[name];
      for (const choice of [{ brief: true }, { fields: ['id'] }]) {
        const result = await client.callTool({ name, arguments: { ...args, ...choice } });
        expect({ name, choice, isError: result.isError ?? false }).toEqual({
          name,
          choice,
          isError: false,
        });
        const { items } = result.structuredContent as { items: object[] };
        expect(items.length).toBeGreaterThan(0);
      }
    }
  });

  it('pages with nextCursor like REST', async () => {
    const first = await client.callTool({
      name: 'prefixes_by_location',
      arguments: { location: 'Europe', limit: 2 },
    });
    const page1 = first.structuredContent as { items: { id: string }[]; nextCursor?: string };
    expect(page1).toMatchObject({ count: 2, truncated: true });
    expect(textOf(first)).toContain('call again with the same arguments and cursor = nextCursor');
    const second = await client.callTool({
      name: 'prefixes_by_location',
      arguments: { location: 'Europe', limit: 2, cursor: page1.nextCursor },
    });
    const page2 = second.structuredContent as { items: { id: string }[] };
    expect(page2.items.map((i) => i.id)).not.toEqual(page1.items.map((i) => i.id));
  });

  it('answers bad arguments with an isError result naming each field', async () => {
    const result = await client.callTool({
      name: 'prefixes_by_location',
      arguments: { limit: 0, bogus: true },
    });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    const text = textOf(result);
    expect(text).toMatch(/^Error invalid-arguments \(400\): /);
    expect(text).toContain('location');
    expect(text).toContain('limit');
    expect(text).toContain('bogus');
    expect(JSON.parse(text.split('\n').at(-1)!)).toMatchObject({
      type: 'invalid-arguments',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'bogus' })]),
    });
  });

  it('says a missing argument is required and a wrong type is a wrong type, once per field', async () => {
    const missing = await client.callTool({
      name: 'devices_by_location_and_role',
      arguments: { location: 'FRA01' },
    });
    expect(missing.isError).toBe(true);
    expect(textOf(missing).split('\n')[0]).toBe(
      'Error invalid-arguments (400): role: role is required',
    );
    const ten = await client.callTool({
      name: 'devices_by_location_and_role',
      arguments: { location: 'FRA01', role: 'leaf', limit: 'ten' },
    });
    expect(JSON.parse(textOf(ten).split('\n').at(-1)!).errors).toEqual([
      { field: 'limit', message: 'limit must be an integer' },
    ]);
  });

  it('suggests the closest tool for a misspelt name', async () => {
    const error = await client.callTool({ name: 'devices_by_locaton', arguments: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toContain('Did you mean devices_by_location');
    expect((error as ProtocolError).data).toMatchObject({
      type: 'unknown-tool',
      suggestions: expect.arrayContaining(['devices_by_location']),
    });
  });

  it('answers an unknown location with suggestions', async () => {
    const result = await client.callTool({
      name: 'prefixes_by_location',
      arguments: { location: 'AMS1' },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Error unknown-location (400)');
    expect(textOf(result)).toContain('Did you mean: AMS01');
  });

  it('answers an unknown tool with a JSON-RPC invalid-params error', async () => {
    const error = await client.callTool({ name: 'no_such_tool', arguments: {} }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe(-32602);
    expect((error as ProtocolError).message).toContain('no_such_tool');
    expect((error as ProtocolError).data).toMatchObject({ type: 'unknown-tool' });
  });

  it('answers ping', async () => {
    if (era === 'legacy') {
      await expect(client.ping()).resolves.toEqual({});
    } else {
      // 2026-07-28 has no ping; the SDK refuses it locally.
      await expect(client.ping()).rejects.toThrow();
    }
  });
});

describe('MCP when Nautobot fails', () => {
  let t: TestApp;
  let client: Client;

  let sim: SimServer;

  // Injected faults need the simulator, whichever Nautobot the rest of the suite runs against
  // (real faults: test/nautobot-real-faults.e2e-spec.ts).
  beforeAll(async () => {
    sim = await startSimulatorServer();
    t = await startTestApp({
      NAUTOBOT_URL: sim.url,
      NAUTOBOT_TOKEN: sim.token,
      NAUTOBOT_TIMEOUT_MS: '300',
    });
    client = await connectHttp(t.url, 'legacy');
  });
  afterAll(async () => {
    sim.simulator.clearFaults();
    await client.close();
    await t.close();
    await sim.close();
  });

  it.each([
    [{ status: 500 }, 'nautobot-error', 502],
    [{ hang: true }, 'nautobot-timeout', 504],
    [{ malformedJson: true }, 'nautobot-bad-response', 502],
  ])('returns an isError result with the REST problem type (%j)', async (fault, type, status) => {
    sim.simulator.setFaults(fault);
    const args = { location: 'AMS01' };
    const result = await client.callTool({ name: 'prefixes_by_location', arguments: args });
    const rest = await postJson(`${t.url}/tools/prefixes_by_location`, args);
    sim.simulator.clearFaults();
    expect(rest.body.type).toBe(type);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(new RegExp(`^Error ${type} \\(${status}\\): `));
    expect(JSON.parse(textOf(result).split('\n').at(-1)!)).toMatchObject({ type, status });
  });

  it('answers again once Nautobot is back', async () => {
    const result = await client.callTool({
      name: 'prefixes_by_location',
      arguments: { location: 'AMS01', limit: 1 },
    });
    expect(result.isError).toBeFalsy();
  });
});

describe('The /mcp endpoint over raw HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers initialize with JSON, stateless (no session id)', async () => {
    const { status, headers, body } = await postMcp(t.url, INITIALIZE);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('application/json');
    expect(headers.get('mcp-session-id')).toBeNull();
    expect(body.result).toMatchObject({
      protocolVersion: '2025-11-25',
      capabilities: { tools: {} },
      serverInfo: { name: 'nautobot-mcp-server' },
    });
  });

  it('answers a 2025 request without initialize (any replica can serve it)', async () => {
    const { status, body } = await postMcp(
      t.url,
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      { 'mcp-protocol-version': '2025-11-25' },
    );
    expect(status).toBe(200);
    expect(body.result.tools.length).toBeGreaterThan(0);
  });

  it('answers server/discover (2026-07-28) with versions, instructions and cache hints', async () => {
    const { body, headers } = modernRequest('server/discover');
    const response = await postMcp(t.url, body, headers);
    expect(response.status).toBe(200);
    expect(response.body.result).toMatchObject({
      supportedVersions: [MODERN_REVISION],
      capabilities: { tools: {} },
      instructions: expect.stringContaining('Nautobot'),
      ttlMs: 300000,
      cacheScope: 'private',
    });
  });

  it('lists tools on 2026-07-28 with ttlMs and a private cacheScope', async () => {
    const { body, headers } = modernRequest('tools/list');
    const response = await postMcp(t.url, body, headers);
    expect(response.status).toBe(200);
    expect(response.body.result).toMatchObject({ ttlMs: 300000, cacheScope: 'private' });
  });

  it('checks Mcp-Name against the body on 2026-07-28', async () => {
    const { body, headers } = modernRequest('tools/call', {
      name: 'locations',
      arguments: {},
    });
    const wrong = await postMcp(t.url, body, { ...headers, 'mcp-name': 'devices' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe(-32020);
    const right = await postMcp(t.url, body, headers);
    expect(right.status).toBe(200);
    expect(right.body.result.structuredContent.items.length).toBeGreaterThan(0);
  });

  it('refuses an unsupported MCP-Protocol-Version with 400', async () => {
    const { status, body } = await postMcp(
      t.url,
      { jsonrpc: '2.0', id: 3, method: 'tools/list' },
      { 'mcp-protocol-version': '1999-01-01' },
    );
    expect(status).toBe(400);
    expect(body.error.message).toContain('Unsupported protocol version');
  });

  it.each(['GET', 'DELETE', 'PUT'])('answers %s with 405 and Allow: POST', async (method) => {
    const response = await fetch(`${t.url}/mcp`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect((await response.json()).type).toBe('method-not-allowed');
  });

  it('answers 40,000 unknown argument names with a small isError result while /healthz answers', async () => {
    const flood = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, 1]));
    const call = postMcp(
      t.url,
      {
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name: 'devices_by_location', arguments: flood },
      },
      { 'mcp-protocol-version': '2025-11-25' },
    );
    const healthz = fetch(`${t.url}/healthz`).then((r) => r.status);
    const [answer, health] = await Promise.all([call, healthz]);
    expect(health).toBe(200);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body).length).toBeLessThan(16 * 1024);
    const result = answer.body.result;
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/^Error invalid-arguments \(400\): /);
    // 40,000 unknown names + the missing location, 20 of them listed.
    expect(text).toContain('and 39981 more problems');
    const problem = JSON.parse(text.split('\n').at(-1)!);
    expect(problem.errors).toHaveLength(20);
    expect(problem.omittedErrors).toBe(39_981);
  }, 60_000);

  it('never crashes on bad input', async () => {
    expect((await postMcp(t.url, '{"jsonrpc":')).status).toBe(400);
    expect((await postMcp(t.url, 'hello', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await postMcp(t.url, { hello: 'world' })).status).toBe(400);
    expect((await postMcp(t.url, [])).status).toBe(400);
    expect((await postMcp(t.url, 'x'.repeat(2 * 1024 * 1024))).status).toBe(413);
    const notAccepting = await postMcp(t.url, INITIALIZE, { accept: 'text/html' });
    expect(notAccepting.status).toBe(406);
    const unknownMethod = await postMcp(t.url, { jsonrpc: '2.0', id: 9, method: 'resources/list' });
    expect(unknownMethod.body.error.code).toBe(-32601);
    const notification = await postMcp(t.url, {
      jsonrpc: '2.0',
      method: 'notifications/initialized',
    });
    expect(notification.status).toBe(202);
    // Still serving.
    expect((await postMcp(t.url, INITIALIZE)).status).toBe(200);
  });
});
