import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { packageInfo } from '@nautobot-mcp/common';
import { serveMcpStdio } from '@nautobot-mcp/mcp';
import { CLI, assertBuilt, cleanEnv } from './support/cli.js';
import { INITIALIZE, clientOptions, type Era } from './support/mcp.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe.each<Era>(['legacy', 'modern'])('stdio door in-process (%s era)', (era) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists and calls tools over one connection, and reports when it ends', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const connection = serveMcpStdio(t.app, serverSide);
    const client = new Client({ name: 'e2e', version: '1.0.0' }, clientOptions(era));
    await client.connect(clientSide as never);
    expect(client.getProtocolEra()).toBe(era);
    expect(client.getServerVersion()?.version).toBe(packageInfo().version);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('prefixes_by_location');
    const result = await client.callTool({
      name: 'prefixes_by_location',
      arguments: { location: 'AMS01', limit: 2 },
    });
    expect(result.structuredContent).toMatchObject({ count: 2, truncated: true });
    await client.close();
    await connection.closed;
  });

  it('refuses messages nested too deep before the server sees them', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const connection = serveMcpStdio(t.app, serverSide);
    const answers: Record<string, any>[] = [];
    clientSide.onmessage = (message) => void answers.push(message as Record<string, any>);
    await clientSide.start();
    let deep: unknown = 'AMS01';
    for (let i = 0; i < 3000; i += 1) {
      deep = [deep];
    }
    const call = (id?: number) => ({
      jsonrpc: '2.0' as const,
      ...(id === undefined ? {} : { id }),
      method: id === undefined ? 'notifications/cancelled' : 'tools/call',
      params: { name: 'prefixes_by_location', arguments: { location: deep } },
    });
    await clientSide.send(call(7) as never);
    await clientSide.send(call() as never);
    await clientSide.send({ jsonrpc: '2.0', id: 8, method: 'ping' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answers.map((a) => [a.id, a.error?.code ?? 'result'])).toEqual([
      [7, -32600],
      [8, 'result'],
    ]);
    expect(answers[0].error.data).toMatchObject({ type: 'invalid-request', status: 400 });
    await clientSide.close();
    await connection.closed;
  });
});

describe('nautobot-mcp-server stdio (the built CLI, DEMO_MODE=true)', () => {
  beforeAll(() => assertBuilt());

  it.each<Era>(['legacy', 'modern'])(
    'serves the SDK stdio client (%s era), logging to stderr only',
    async (era) => {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'stdio'],
        env: cleanEnv({ DEMO_MODE: 'true' }) as Record<string, string>,
        stderr: 'pipe',
      });
      let stderr = '';
      transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const client = new Client({ name: 'e2e', version: '1.0.0' }, clientOptions(era));
      await client.connect(transport);
      try {
        expect(client.getProtocolEra()).toBe(era);
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toEqual(
          expect.arrayContaining(['devices_by_location', 'prefixes_by_location']),
        );
        const result = await client.callTool({
          name: 'devices_by_location_and_role',
          arguments: { location: 'FRA01', role: 'leaf' },
        });
        expect(result.isError).toBeFalsy();
        expect((result.structuredContent as { count: number }).count).toBeGreaterThan(0);
      } finally {
        await client.close();
      }
      expect(stderr).toContain('DEMO MODE');
    },
  );

  it('writes nothing but JSON-RPC messages to stdout, and exits 0 when stdin closes', async () => {
    const child = spawn(process.execPath, [CLI, 'stdio'], {
      env: cleanEnv({ DEMO_MODE: 'true', LOG_LEVEL: 'debug' }),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout });
    const answered = new Promise<void>((resolve) => {
      reader.on('line', (line) => {
        lines.push(line);
        if (lines.length === 3) {
          resolve();
        }
      });
    });
    const send = (message: unknown) => child.stdin.write(`${JSON.stringify(message)}\n`);
    send(INITIALIZE);
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'prefixes_by_location', arguments: { location: 'AMS1' } },
    });
    await answered;
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
    const messages = lines.map((line) => JSON.parse(line) as Record<string, any>);
    expect(messages.map((m) => [m.jsonrpc, m.id])).toEqual([
      ['2.0', 1],
      ['2.0', 2],
      ['2.0', 3],
    ]);
    expect(messages[2].result.isError).toBe(true);
    expect(messages[2].result.content[0].text).toContain('unknown-location');
    expect(stderr).toContain('DEMO MODE');
  });

  it('exits 0, its last log lines written, when stdin is closed from the start', async () => {
    // `nautobot-mcp-server stdio < /dev/null`: the client is gone before the server is
    // up. Log lines are still on their way to stderr when the process ends; waiting for
    // them must keep it alive (exit code 13 is Node's "unsettled top-level await").
    const child = spawn(process.execPath, [CLI, 'stdio'], {
      env: cleanEnv({ DEMO_MODE: 'true' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stdout }).toEqual({ code: 0, stdout: '' });
    expect(stderr).toContain('Serving MCP on stdio');
  });

  it('answers a message nested 3,000 levels deep with an invalid-request error, and keeps serving', async () => {
    const child = spawn(process.execPath, [CLI, 'stdio'], { env: cleanEnv({ DEMO_MODE: 'true' }) });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const messages: Record<string, any>[] = [];
    const reader = createInterface({ input: child.stdout });
    const answered = new Promise<void>((resolve) => {
      reader.on('line', (line) => {
        messages.push(JSON.parse(line) as Record<string, any>);
        if (messages.length === 3) {
          resolve();
        }
      });
    });
    child.stdin.write(`${JSON.stringify(INITIALIZE)}\n`);
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`,
    );
    const deep = `${'['.repeat(3000)}1${']'.repeat(3000)}`;
    child.stdin.write(
      `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"prefixes_by_location","arguments":{"location":${deep}}}}\n`,
    );
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' })}\n`);
    await answered;
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
    const deepAnswer = messages.find((m) => m.id === 2);
    expect(deepAnswer?.error).toMatchObject({
      code: -32600,
      data: { type: 'invalid-request', status: 400 },
    });
    expect(deepAnswer?.error.message).toContain('nests deeper than 64 levels');
    expect(messages.find((m) => m.id === 3)?.result.tools.length).toBeGreaterThan(0);
    expect(stderr).not.toContain('Maximum call stack');
  });
});
