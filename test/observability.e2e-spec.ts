import { createServer, type IncomingHttpHeaders } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, renameSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import { MetricsServer } from '@nautobot-mcp/observability';
import { freePort, postJson, startTestApp, type TestApp } from './support/test-app.js';

const KEY = 'observability-key-0123456789abcdef';
const CALL = { name: 'prefixes_by_location', arguments: { location: 'AMS01', limit: 2 } };

describe('request ids, logs and the audit trail', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'api_key', API_KEYS: `ops=${KEY}`, LOG_LEVEL: 'info' });
  });
  afterAll(() => t.close());

  it('echoes a valid X-Request-Id and stamps it on logs and audit lines', async () => {
    const { headers } = await postJson(`${t.url}/tools/invoke`, CALL, {
      'x-api-key': KEY,
      'x-request-id': 'trace-abc.123',
    });
    expect(headers.get('x-request-id')).toBe('trace-abc.123');
    const access = t.logs.lines.find((l) => l.requestId === 'trace-abc.123' && l.res);
    expect(access).toMatchObject({
      level: 'info',
      service: 'nautobot-mcp-server',
      principal: 'ops',
    });
    expect(access?.res.statusCode).toBe(200);
    const audit = t.audit.lines.find((l) => l.requestId === 'trace-abc.123');
    expect(audit).toMatchObject({
      log: 'audit',
      tool: 'prefixes_by_location',
      door: 'rest',
      principal: { name: 'ops', authMode: 'api_key' },
      arguments: { location: 'AMS01', limit: 2 },
      outcome: 'ok',
      status: 200,
      rows: 2,
    });
    expect(audit?.time).toEqual(expect.any(String));
    expect(audit?.durationMs).toEqual(expect.any(Number));
  });

  it('replaces an invalid request id and puts the id in problem bodies', async () => {
    const { status, headers, body } = await postJson(
      `${t.url}/tools/invoke`,
      { name: 'nope' },
      { 'x-api-key': KEY, 'x-request-id': 'bad id with spaces and way too long'.repeat(5) },
    );
    expect(status).toBe(404);
    const id = headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.requestId).toBe(id);
  });

  it('audits failed calls with secrets masked', async () => {
    await postJson(
      `${t.url}/tools/invoke`,
      { name: 'prefixes_by_location', arguments: { location: 'AMS01', api_key: 'hunter2-secret' } },
      { 'x-api-key': KEY, 'x-request-id': 'masked-1' },
    );
    const audit = t.audit.lines.find((l) => l.requestId === 'masked-1');
    expect(audit).toMatchObject({
      outcome: 'client_error',
      problem: 'invalid-arguments',
      status: 400,
      arguments: { location: 'AMS01', api_key: '***' },
    });
    expect(t.audit.text()).not.toContain('hunter2-secret');
  });

  it('never writes a credential or the Nautobot token to the logs', async () => {
    await postJson(`${t.url}/tools/invoke`, CALL, { 'x-api-key': 'wrong-key-never-logged-12345' });
    await postJson(`${t.url}/tools/invoke`, CALL, { authorization: 'Bearer secret.jwt.value' });
    const everything = `${t.logs.text()}\n${t.audit.text()}`;
    for (const secret of [
      KEY,
      'wrong-key-never-logged-12345',
      'secret.jwt.value',
      t.nautobotToken,
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(
      t.logs.lines.every((l) => typeof l.level === 'string' && typeof l.time === 'string'),
    ).toBe(true);
  });

  it('protects /metrics like the tools', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    const response = await fetch(`${t.url}/metrics`, { headers: { 'x-api-key': KEY } });
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const name of [
      'nautobot_mcp_http_request_duration_seconds_bucket',
      'nautobot_mcp_http_requests_in_flight',
      'nautobot_mcp_tool_invocations_total{tool="prefixes_by_location",door="rest",outcome="ok"}',
      'nautobot_mcp_tool_duration_seconds_bucket',
      'nautobot_mcp_nautobot_request_duration_seconds_bucket{le="0.005",query="prefixes_by_location"}',
      'nautobot_mcp_auth_failures_total{mode="api_key",reason="invalid-key"}',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(
      /nautobot_mcp_http_request_duration_seconds_count\{route="\/tools\/invoke",method="POST",status="200"\} \d+/,
    );
  });
});

describe('request ids reach Nautobot', () => {
  let sim: SimServer;
  let proxy: ReturnType<typeof createServer>;
  const seen: IncomingHttpHeaders[] = [];
  let t: TestApp;

  beforeAll(async () => {
    sim = await startSimulatorServer();
    proxy = createServer((request, response) => {
      seen.push(request.headers);
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        void fetch(`${sim.url}${request.url}`, {
          method: request.method,
          headers: {
            authorization: request.headers.authorization ?? '',
            'content-type': 'application/json',
          },
          body: request.method === 'GET' ? undefined : body,
        }).then(async (answer) => {
          response.writeHead(answer.status, { 'content-type': 'application/json' });
          response.end(await answer.text());
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as AddressInfo).port;
    t = await startTestApp({ NAUTOBOT_URL: `http://127.0.0.1:${port}`, NAUTOBOT_TOKEN: sim.token });
  });
  afterAll(async () => {
    await t.close();
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await sim.close();
  });

  it('sends X-Request-Id with the GraphQL request', async () => {
    await postJson(`${t.url}/tools/invoke`, CALL, { 'x-request-id': 'follow-me-42' });
    expect(seen.some((h) => h['x-request-id'] === 'follow-me-42')).toBe(true);
  });
});

describe('metrics settings', () => {
  it('serves /metrics without credentials when METRICS_PUBLIC=true', async () => {
    const t = await startTestApp({ AUTH_MODE: 'api_key', API_KEYS: KEY, METRICS_PUBLIC: 'true' });
    try {
      expect((await fetch(`${t.url}/metrics`)).status).toBe(200);
      expect((await fetch(`${t.url}/tools`)).status).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('moves /metrics to METRICS_PORT', async () => {
    const t = await startTestApp({
      METRICS_PORT: String(await freePort()),
      HOST: '127.0.0.1',
    });
    try {
      const port = t.app.get(MetricsServer).port;
      expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('nautobot_mcp_http_requests_in_flight');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('turns metrics off with METRICS_ENABLED=false', async () => {
    const t = await startTestApp({ METRICS_ENABLED: 'false' });
    try {
      expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe('AUDIT_LOG to a file', () => {
  it('appends, and reopens the file on SIGHUP after rotation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nms-audit-'));
    const path = join(dir, 'audit.log');
    const t = await startTestApp({ AUDIT_LOG: path }, { captureAudit: false });
    try {
      await postJson(`${t.url}/tools/invoke`, CALL, { 'x-request-id': 'before-rotation' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      renameSync(path, `${path}.1`);
      process.emit('SIGHUP', 'SIGHUP');
      await postJson(`${t.url}/tools/invoke`, CALL, { 'x-request-id': 'after-rotation' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(readFileSync(`${path}.1`, 'utf8')).toContain('before-rotation');
      expect(existsSync(path)).toBe(true);
      const lines = readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toEqual([
        expect.objectContaining({ log: 'audit', requestId: 'after-rotation' }),
      ]);
    } finally {
      await t.close();
    }
  });
});
