import { createServer, type IncomingHttpHeaders } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

describe('audit write failures', () => {
  it('logs and counts every failed audit write, and the calls still succeed', async () => {
    // /dev/full opens fine and fails every write with ENOSPC: a full disk.
    const t = await startTestApp({ AUDIT_LOG: '/dev/full' }, { captureAudit: false });
    try {
      for (let i = 0; i < 2; i += 1) {
        expect((await postJson(`${t.url}/tools/invoke`, CALL)).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const failure = t.logs.lines.find((l) => l.msg?.startsWith('audit trail: cannot write'));
      expect(failure).toMatchObject({ level: 'error', code: 'ENOSPC' });
      expect(failure?.msg).toContain('/dev/full');
      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      const count = /nautobot_mcp_audit_write_errors_total\{code="ENOSPC"\} (\d+)/.exec(metrics);
      expect(Number(count?.[1])).toBeGreaterThanOrEqual(2);
    } finally {
      await t.close();
    }
  });
});

describe('access log', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'api_key', API_KEYS: `ops=${KEY}`, LOG_LEVEL: 'info' });
  });
  afterAll(() => t.close());

  it('redacts secret-looking query parameters and keeps the others', async () => {
    const response = await fetch(
      `${t.url}/tools?api_key=query-key-never-logged&limit=5&access_token=tok-never-logged&Password=pw-never-logged`,
      { headers: { 'x-request-id': 'query-secrets' } },
    );
    expect(response.status).toBe(401);
    const line = t.logs.lines.find((l) => l.requestId === 'query-secrets' && l.req);
    expect(line?.req.url).toBe(
      '/tools?api_key=[redacted]&limit=5&access_token=[redacted]&Password=[redacted]',
    );
    expect(line?.msg).toBe(`GET ${line?.req.url} 401`);
    for (const secret of ['query-key-never-logged', 'tok-never-logged', 'pw-never-logged']) {
      expect(t.logs.text()).not.toContain(secret);
    }
  });
});

/** `levels` nested arrays around 1: `[[[…1…]]]`, as text (JSON.stringify would recurse). */
function nested(levels: number): string {
  return `${'['.repeat(levels)}1${']'.repeat(levels)}`;
}

describe('deeply nested JSON', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info' });
  });
  afterAll(() => t.close());

  it.each([
    [
      'POST /tools/invoke',
      '/tools/invoke',
      `{"name":"prefixes_by_location","arguments":{"location":${nested(3000)}}}`,
    ],
    ['POST /tools/{name}', '/tools/prefixes_by_location', `{"location":${nested(3000)}}`],
    [
      'POST /mcp',
      '/mcp',
      `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"prefixes_by_location","arguments":{"location":${nested(3000)}}}}`,
    ],
  ])('%s: 3,000 levels is a 400 naming the limit, not a 500', async (_label, path, body) => {
    const {
      status,
      headers,
      body: problem,
    } = await postJson(`${t.url}${path}`, body, {
      accept: 'application/json, text/event-stream',
    });
    expect(status).toBe(400);
    expect(headers.get('content-type')).toContain('application/problem+json');
    expect(problem).toMatchObject({ type: 'invalid-request', status: 400 });
    expect(problem.detail).toContain('nests deeper than 64 levels');
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('accepts nesting up to the limit', async () => {
    // 64 levels in all: the body object, `arguments`, and 62 arrays.
    const { status, body } = await postJson(
      `${t.url}/tools/invoke`,
      `{"name":"prefixes_by_location","arguments":{"location":${nested(62)}}}`,
    );
    expect(status).toBe(400);
    expect(body.type).toBe('invalid-arguments');
  });
});

describe('deeply nested JSON from a caller not allowed the tool', () => {
  const LIMITED_KEY = 'observability-limited-0123456789abcdef';
  let t: TestApp;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nms-deep-audit-')), 'auth.yaml');
    writeFileSync(
      file,
      ['apiKeys:', '  - name: limited', `    key: ${LIMITED_KEY}`, '    tools: [locations]'].join(
        '\n',
      ),
    );
    t = await startTestApp({ AUTH_MODE: 'api_key', AUTH_FILE: file, LOG_LEVEL: 'fatal' });
  });
  afterAll(() => t.close());

  it.each([
    [
      'POST /tools/invoke',
      '/tools/invoke',
      'rest',
      `{"name":"prefixes_by_location","arguments":{"location":${nested(3000)}}}`,
    ],
    ['POST /tools/{name}', '/tools/prefixes_by_location', 'rest', `{"location":${nested(3000)}}`],
    [
      'POST /mcp',
      '/mcp',
      'mcp',
      `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"prefixes_by_location","arguments":{"location":${nested(3000)}}}}`,
    ],
  ])(
    '%s: still the 400, and an audit line names the tool and the caller',
    async (_label, path, door, body) => {
      const requestId = `deep-forbidden-${door}-${path.length}`;
      const { status, body: problem } = await postJson(`${t.url}${path}`, body, {
        accept: 'application/json, text/event-stream',
        'x-api-key': LIMITED_KEY,
        'x-request-id': requestId,
      });
      expect(status).toBe(400);
      expect(problem).toMatchObject({ type: 'invalid-request', status: 400 });
      const audit = t.audit.lines.find((l) => l.requestId === requestId);
      expect(audit).toMatchObject({
        log: 'audit',
        tool: 'prefixes_by_location',
        door,
        principal: { name: 'limited', authMode: 'api_key' },
        outcome: 'client_error',
        status: 400,
        problem: 'invalid-request',
      });
    },
  );

  it('a too-deep body without credentials is a 401, and nothing is audited', async () => {
    const before = t.audit.lines.length;
    const { status } = await postJson(
      `${t.url}/tools/invoke`,
      `{"name":"prefixes_by_location","arguments":{"location":${nested(3000)}}}`,
    );
    expect(status).toBe(401);
    expect(t.audit.lines.length).toBe(before);
  });
});
