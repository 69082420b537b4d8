import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { DEMO_TOKEN, NautobotSimulator, startSimulatorServer, type SimServer } from './index.js';

let server: SimServer;

beforeAll(async () => {
  server = await startSimulatorServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.simulator.clearFaults();
});

const QUERY = '{ devices(location: "FRA01", limit: 2) { name } }';
const EXPECTED = { data: { devices: [{ name: 'fra01-console01' }, { name: 'fra01-edge01' }] } };

function post(body: unknown, headers: Record<string, string> = {}, init: RequestInit = {}) {
  return fetch(`${server.url}/api/graphql/`, {
    method: 'POST',
    headers: {
      authorization: `Token ${server.token}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

describe('standalone server', () => {
  it('listens on loopback with a random port and serves GraphQL', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.token).toBe(DEMO_TOKEN);
    const res = await post({ query: QUERY });
    expect(res.status).toBe(200);
    expect(res.headers.get('api-version')).toBe('2.4');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual(EXPECTED);
  });

  it('accepts application/graphql bodies and form posts', async () => {
    const raw = await post(QUERY, { 'content-type': 'application/graphql' });
    expect(await raw.json()).toEqual(EXPECTED);
    const form = await post(new URLSearchParams({ query: QUERY }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(await form.json()).toEqual(EXPECTED);
    const qs = await fetch(`${server.url}/api/graphql/?query=${encodeURIComponent(QUERY)}`, {
      method: 'POST',
      headers: { authorization: `Token ${server.token}` },
    });
    expect(await qs.json()).toEqual(EXPECTED);
  });

  it('answers 403 for auth failures with DRF texts', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'Authentication credentials were not provided.'],
      [{ authorization: 'Bearer abc' }, 'Authentication credentials were not provided.'],
      [{ authorization: 'Token' }, 'Invalid token header. No credentials provided.'],
      [
        { authorization: 'Token a b' },
        'Invalid token header. Token string should not contain spaces.',
      ],
      [{ authorization: `Token ${'f'.repeat(40)}` }, 'Invalid token'],
    ];
    for (const [headers, detail] of cases) {
      const res = await fetch(`${server.url}/api/graphql/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: QUERY }),
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ detail });
    }
    const lower = await post({ query: QUERY }, { authorization: `token ${DEMO_TOKEN}` });
    expect(lower.status).toBe(200);
  });

  it('GET is 405 (after authentication), other paths 404', async () => {
    const get = await fetch(`${server.url}/api/graphql/`, {
      headers: { authorization: `Token ${server.token}` },
    });
    expect(get.status).toBe(405);
    expect(await get.json()).toEqual({ detail: 'Method "GET" not allowed.' });
    const anon = await fetch(`${server.url}/api/graphql/`);
    expect(anon.status).toBe(403);
    const noSlash = await post({ query: QUERY }, {}, {});
    expect(noSlash.status).toBe(200);
    const wrong = await fetch(`${server.url}/api/graphql`, { method: 'POST' });
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toEqual({ detail: 'Not found.' });
    const options = await fetch(`${server.url}/api/graphql/`, {
      method: 'OPTIONS',
      headers: { authorization: `Token ${server.token}` },
    });
    expect(options.status).toBe(200);
    expect(options.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('400s for missing query, invalid JSON, invalid variables JSON and non-object bodies', async () => {
    const cases: [unknown, Record<string, string>, string][] = [
      [{}, {}, 'Must provide query string.'],
      ['', { 'content-type': 'text/plain' }, 'Must provide query string.'],
      ['{nope', {}, 'Request body contained Invalid JSON.'],
      [{ query: QUERY, variables: '{bad' }, {}, 'Variables are invalid JSON.'],
    ];
    for (const [body, headers, message] of cases) {
      const res = await post(body, headers);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ errors: [{ message }] });
    }
  });

  it('500s like Nautobot for a JSON body that is not an object', async () => {
    // Real Nautobot 2.4.44 and 3.2.7 call .get() on the parsed body.
    for (const [body, type] of [
      ['[1]', 'list'],
      ['"x"', 'str'],
      ['null', 'NoneType'],
      ['5', 'int'],
      ['1.0', 'float'],
      ['true', 'bool'],
    ]) {
      const res = await post(body);
      expect(res.status).toBe(500);
      expect(await res.text()).toBe(
        `{"error": "'${type}' object has no attribute 'get'", "exception": "AttributeError", "nautobot_version": "2.4.44", "python_version": "3.11.7"}`,
      );
    }
  });

  it('sends API-Version and Allow on 403 answers, as Nautobot does', async () => {
    for (const authorization of [undefined, `Token ${'0'.repeat(40)}`]) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      const graphql = await fetch(`${server.url}/api/graphql/`, { method: 'POST', headers });
      expect(graphql.status).toBe(403);
      expect(graphql.headers.get('api-version')).toBe('2.4');
      expect(graphql.headers.get('allow')).toBe('POST, OPTIONS');
      const status = await fetch(`${server.url}/api/status/`, { headers });
      expect(status.status).toBe(403);
      expect(status.headers.get('api-version')).toBe('2.4');
      expect(status.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    }
  });

  it('serves /api/status/ with the emulated version (token required)', async () => {
    const res = await fetch(`${server.url}/api/status/`, {
      headers: { authorization: `Token ${server.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('api-version')).toBe('2.4');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body['nautobot-version']).toBe('2.4.44');
    expect(Object.keys(body)).toEqual([
      'django-version',
      'installed-apps',
      'nautobot-version',
      'nautobot-apps',
      'plugins',
      'python-version',
      'celery-workers-running',
    ]);
    expect((await fetch(`${server.url}/api/status/`)).status).toBe(403);
    const post405 = await fetch(`${server.url}/api/status/`, {
      method: 'POST',
      headers: { authorization: `Token ${server.token}` },
    });
    expect(post405.status).toBe(405);
    const root = await fetch(`${server.url}/api/`, {
      headers: { authorization: `Token ${server.token}` },
    });
    expect(((await root.json()) as Record<string, string>).graphql).toBe(
      `${server.url}/api/graphql/`,
    );
  });

  it('negotiates the API version from the Accept header', async () => {
    const ok = await post({ query: QUERY }, { accept: 'application/json; version=2.1' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('api-version')).toBe('2.1');
    // Real Nautobot checks the version before the token, and names the versions it serves.
    const bad = await fetch(`${server.url}/api/graphql/`, {
      method: 'POST',
      headers: { accept: 'application/json; version=9.9' },
    });
    expect(bad.status).toBe(406);
    expect(bad.headers.get('api-version')).toBeNull();
    expect(await bad.json()).toEqual({
      detail:
        'Invalid version "9.9" in "Accept" header. Supported versions are: 2.0, 2.1, 2.2, 2.3, 2.4',
    });
    // 3.x still serves the 2.x API versions (as real 3.2.7 does).
    const v3 = new NautobotSimulator({ version: '3.2.7' });
    const answer = (accept: string) =>
      v3.handle({
        method: 'GET',
        path: '/api/status/',
        headers: { accept, authorization: `Token ${'0'.repeat(40)}` },
        body: '',
      });
    const old = await answer('application/json; version=2.4');
    expect([old.status, old.headers['api-version']]).toEqual([403, '2.4']);
    const none = await answer('application/json; version=3.3');
    expect(none.status).toBe(406);
    expect(JSON.parse(none.body)).toEqual({
      detail:
        'Invalid version "3.3" in "Accept" header. Supported versions are: 2.0, 2.1, 2.2, 2.3, 2.4, 3.0, 3.1, 3.2',
    });
  });

  it('counts GraphQL requests', async () => {
    const before = server.simulator.stats.graphqlRequests;
    await post({ query: QUERY });
    await fetch(`${server.url}/api/graphql/`, { method: 'POST' });
    expect(server.simulator.stats.graphqlRequests).toBe(before + 2);
    const stats = await fetch(`${server.url}/__sim/stats`);
    expect(await stats.json()).toEqual({ graphqlRequests: before + 2 });
  });
});

describe('fault injection', () => {
  it('latency delays the answer', async () => {
    server.simulator.setFaults({ latencyMs: 150 });
    const started = Date.now();
    const res = await post({ query: QUERY });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await res.json()).toEqual(EXPECTED);
  });

  it('status answers an HTML error page like nginx or Django', async () => {
    server.simulator.setFaults({ status: 502 });
    const res = await post({ query: QUERY });
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('<center><h1>502 Bad Gateway</h1></center>');
    server.simulator.setFaults({ status: 500 });
    const django = await post({ query: QUERY });
    expect(django.status).toBe(500);
    expect(await django.text()).toContain('<h1>Server Error (500)</h1>');
    server.simulator.setFaults({ status: 429 });
    expect((await post({ query: QUERY })).status).toBe(429);
    const status = await fetch(`${server.url}/api/status/`, {
      headers: { authorization: `Token ${server.token}` },
    });
    expect(status.status).toBe(429);
  });

  it('hang never answers: the client times out with AbortController', async () => {
    server.simulator.setFaults({ hang: true });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 200);
    await expect(post({ query: QUERY }, {}, { signal: controller.signal })).rejects.toThrow();
    clearTimeout(timer);
  });

  it('a hanging request is answered once faults are cleared', async () => {
    server.simulator.setFaults({ hang: true });
    const pending = post({ query: QUERY });
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.simulator.clearFaults();
    expect(await (await pending).json()).toEqual(EXPECTED);
  });

  it('malformedJson returns 200 with a truncated JSON body', async () => {
    server.simulator.setFaults({ malformedJson: true });
    const res = await post({ query: QUERY });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(JSON.stringify(EXPECTED).startsWith(text)).toBe(true);
  });

  it('graphqlErrors returns 200 with errors and null data', async () => {
    server.simulator.setFaults({ graphqlErrors: ['upstream exploded', 'again'] });
    const res = await post({ query: QUERY });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      errors: [{ message: 'upstream exploded' }, { message: 'again' }],
      data: null,
    });
  });

  it('escapes U+2028/U+2029 in JSON bodies like DRF', async () => {
    server.simulator.setFaults({ graphqlErrors: ['a\u2028b\u2029c'] });
    const res = await post({ query: QUERY });
    const text = await res.text();
    expect(text).toContain('a\\u2028b\\u2029c');
    expect((JSON.parse(text) as { errors: { message: string }[] }).errors[0].message).toBe(
      'a\u2028b\u2029c',
    );
  });

  it('times limits a fault to the next N GraphQL requests', async () => {
    server.simulator.setFaults({ status: 503, times: 2 });
    expect((await post({ query: QUERY })).status).toBe(503);
    expect((await post({ query: QUERY })).status).toBe(503);
    expect((await post({ query: QUERY })).status).toBe(200);
  });

  it('after lets N GraphQL requests through before the fault applies', async () => {
    server.simulator.setFaults({ status: 500, after: 2, times: 1 });
    expect((await post({ query: QUERY })).status).toBe(200);
    expect((await post({ query: QUERY })).status).toBe(200);
    expect((await post({ query: QUERY })).status).toBe(500);
    expect((await post({ query: QUERY })).status).toBe(200);
  });

  it('is controlled over HTTP through /__sim/faults', async () => {
    const set = await fetch(`${server.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ graphqlErrors: ['boom'], times: 1 }),
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ faults: { graphqlErrors: ['boom'], times: 1 } });
    expect(await (await fetch(`${server.url}/__sim/faults`)).json()).toEqual({
      faults: { graphqlErrors: ['boom'], times: 1 },
    });
    expect(((await (await post({ query: QUERY })).json()) as { errors: unknown[] }).errors).toEqual(
      [{ message: 'boom' }],
    );
    expect(await (await post({ query: QUERY })).json()).toEqual(EXPECTED);
    await fetch(`${server.url}/__sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ status: 500 }),
    });
    expect((await post({ query: QUERY })).status).toBe(500);
    const cleared = await fetch(`${server.url}/__sim/faults`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ faults: {} });
    expect((await post({ query: QUERY })).status).toBe(200);
    const bad = await fetch(`${server.url}/__sim/faults`, {
      method: 'POST',
      body: '{"status": "x"}',
    });
    expect(bad.status).toBe(400);
    const badKey = await fetch(`${server.url}/__sim/faults`, {
      method: 'POST',
      body: '{"explode": true}',
    });
    expect(await badKey.json()).toEqual({ error: 'unknown fault setting(s): explode' });
    expect((await fetch(`${server.url}/__sim/faults`, { method: 'PATCH' })).status).toBe(405);
    expect((await fetch(`${server.url}/__sim/nothing`)).status).toBe(404);
  });

  it('rejects invalid settings in code', () => {
    const sim = new NautobotSimulator();
    expect(() => sim.setFaults({ latencyMs: -1 })).toThrow('latencyMs');
    expect(() => sim.setFaults({ status: 42 })).toThrow('status');
    expect(() => sim.setFaults({ hang: 'yes' as unknown as boolean })).toThrow('hang');
    expect(() => sim.setFaults({ graphqlErrors: [1 as unknown as string] })).toThrow(
      'graphqlErrors',
    );
    expect(() => sim.setFaults({ times: 0 })).toThrow('times');
    expect(() => sim.setFaults({ after: -1 })).toThrow('after');
    expect(() => sim.setFaults(null as unknown as object)).toThrow('object');
  });
});

/** A raw HTTP/1.1 exchange over a socket: every byte, with the time it arrived. */
function rawPost(
  url: string,
  body: string,
): { bytes: () => Buffer; ended: Promise<{ error?: NodeJS.ErrnoException }> } {
  const { hostname, port } = new URL(url);
  const chunks: Buffer[] = [];
  const socket = connect(Number(port), hostname);
  socket.write(
    `POST /api/graphql/ HTTP/1.1\r\nhost: ${hostname}\r\nauthorization: Token ${DEMO_TOKEN}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<{ error?: NodeJS.ErrnoException }>((resolve) => {
    socket.on('error', (error) => resolve({ error }));
    socket.on('close', () => resolve({}));
  });
  return { bytes: () => Buffer.concat(chunks), ended };
}

/** The cause code of a failed fetch (undici puts the socket error in `cause`). */
async function failureCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return ((error as { cause?: { code?: string } }).cause ?? (error as { code?: string })).code;
  }
  throw new Error('expected a failure');
}

const EXPECTED_TEXT = JSON.stringify(EXPECTED);

describe('wire faults', () => {
  it('body, status and contentType answer what they say', async () => {
    server.simulator.setFaults({ body: '<html>Sign in</html>', contentType: 'text/html' });
    const login = await post({ query: QUERY });
    expect(login.status).toBe(200);
    expect(login.headers.get('content-type')).toBe('text/html');
    expect(await login.text()).toBe('<html>Sign in</html>');
    server.simulator.setFaults({ contentType: 'text/plain' });
    const relabelled = await post({ query: QUERY });
    expect(relabelled.headers.get('content-type')).toBe('text/plain');
    expect(await relabelled.json()).toEqual(EXPECTED);
    server.simulator.setFaults({ status: 400, graphqlErrors: ['Syntax Error GraphQL (1:1)'] });
    const invalid = await post({ query: QUERY });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('api-version')).toBe('2.4');
    expect(await invalid.json()).toEqual({ errors: [{ message: 'Syntax Error GraphQL (1:1)' }] });
    server.simulator.setFaults({ status: 403, body: '{"detail":"Invalid token."}' });
    const refused = await post({ query: QUERY });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ detail: 'Invalid token.' });
  });

  it('trickleHeadersMs sends the status line and headers a byte at a time', async () => {
    server.simulator.setFaults({ trickleHeadersMs: 4 });
    const exchange = rawPost(server.url, JSON.stringify({ query: QUERY }));
    await new Promise((resolve) => setTimeout(resolve, 120));
    const early = exchange.bytes().toString('latin1');
    expect(early.length).toBeGreaterThan(0);
    expect('HTTP/1.1 200 OK\r\n'.startsWith(early.slice(0, 17))).toBe(true);
    expect(early).not.toContain('\r\n\r\n');
    expect(await exchange.ended).toEqual({});
    const [head, body] = exchange.bytes().toString('utf8').split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toContain(`content-length: ${EXPECTED_TEXT.length}`);
    expect(body).toBe(EXPECTED_TEXT);
  });

  it('stallAfterHeaders sends the headers, then the body only once released', async () => {
    server.simulator.setFaults({ stallAfterHeaders: true });
    const res = await post({ query: QUERY });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(EXPECTED_TEXT.length));
    let read = false;
    const body = res.text().then((text) => {
      read = true;
      return text;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(read).toBe(false);
    server.simulator.clearFaults();
    expect(await body).toBe(EXPECTED_TEXT);
  });

  it('trickleBodyMs sends the body 16 bytes at a time', async () => {
    server.simulator.setFaults({ trickleBodyMs: 15 });
    const started = performance.now();
    const res = await post({ query: QUERY });
    const chunks: Buffer[] = [];
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      chunks.push(Buffer.from(chunk));
    }
    const steps = Math.ceil(EXPECTED_TEXT.length / 16);
    expect(performance.now() - started).toBeGreaterThanOrEqual((steps - 1) * 15 - 5);
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(16);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(EXPECTED_TEXT);
  });

  it('endlessBody never ends, and stops when the client goes', async () => {
    server.simulator.setFaults({ endlessBody: true });
    const res = await post({ query: QUERY });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let size = 0;
    let start = '';
    while (size < 4 * 1024 * 1024) {
      const { done, value } = await reader.read();
      expect(done).toBe(false);
      start ||= Buffer.from(value as Uint8Array).toString('utf8', 0, 8);
      size += (value as Uint8Array).byteLength;
    }
    expect(start).toBe('{"data":');
    await reader.cancel();
    server.simulator.clearFaults();
    expect(await (await post({ query: QUERY })).json()).toEqual(EXPECTED);
  });

  it('resetMidBody announces the whole body, sends half, then resets', async () => {
    server.simulator.setFaults({ resetMidBody: true });
    const exchange = rawPost(server.url, JSON.stringify({ query: QUERY }));
    const { error } = await exchange.ended;
    // A reset that arrives with the last bytes reads as ECONNRESET or as an early end (Linux
    // reports the one or the other): either way the body breaks off before its length.
    expect([undefined, 'ECONNRESET']).toContain(error?.code);
    const [head, body] = exchange.bytes().toString('utf8').split('\r\n\r\n');
    expect(head).toContain(`content-length: ${EXPECTED_TEXT.length}`);
    expect(body).toBe(EXPECTED_TEXT.slice(0, Math.floor(EXPECTED_TEXT.length / 2)));
    const res = await post({ query: QUERY });
    await expect(res.text()).rejects.toThrow();
  });

  it('padBytes makes a 50 MB answer that is still the right JSON', async () => {
    const pad = 50 * 1024 * 1024;
    server.simulator.setFaults({ padBytes: pad });
    const res = await post({ query: QUERY });
    expect(res.headers.get('content-length')).toBe(String(EXPECTED_TEXT.length + pad));
    let size = 0;
    let head = Buffer.alloc(0);
    let blanks = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      const bytes = Buffer.from(chunk);
      if (head.length < EXPECTED_TEXT.length) {
        head = Buffer.concat([head, bytes]);
      }
      const from = Math.max(0, EXPECTED_TEXT.length - size);
      for (let i = from; i < bytes.length; i += 1) {
        blanks += bytes[i] === 0x20 ? 1 : 0;
      }
      size += bytes.length;
    }
    expect(size).toBe(EXPECTED_TEXT.length + pad);
    expect(head.subarray(0, EXPECTED_TEXT.length).toString('utf8')).toBe(EXPECTED_TEXT);
    expect(blanks).toBe(pad);
    // Generated while it streams: a 4 GiB answer starts at once (no 4 GiB buffer exists).
    server.simulator.setFaults({ padBytes: 2 ** 32 });
    const huge = await post({ query: QUERY });
    expect(huge.headers.get('content-length')).toBe(String(EXPECTED_TEXT.length + 2 ** 32));
    const reader = (huge.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
  });

  it('resetConnection resets the connection instead of answering', async () => {
    server.simulator.setFaults({ resetConnection: true, times: 1 });
    expect(await failureCode(post({ query: QUERY }))).toBe('ECONNRESET');
    expect(await (await post({ query: QUERY })).json()).toEqual(EXPECTED);
  });

  it('applies wire faults to /api/status/ too', async () => {
    server.simulator.setFaults({ resetConnection: true });
    const status = fetch(`${server.url}/api/status/`, {
      headers: { authorization: `Token ${server.token}` },
    });
    expect(await failureCode(status)).toBe('ECONNRESET');
  });

  it('downMs refuses connections for a while, then listens on the same port again', async () => {
    const own = await startSimulatorServer();
    const ask = () =>
      fetch(`${own.url}/api/graphql/`, {
        method: 'POST',
        headers: { authorization: `Token ${own.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
      });
    try {
      expect((await ask()).status).toBe(200); // a kept-alive connection the down time must drop
      const set = await fetch(`${own.url}/__sim/faults`, {
        method: 'POST',
        body: JSON.stringify({ downMs: 400, status: 503 }),
      });
      expect(await set.json()).toEqual({ faults: { status: 503 } });
      expect(await failureCode(ask())).toBe('ECONNREFUSED');
      expect(own.simulator.downForMs()).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await ask()).status).toBe(503);
      own.simulator.setFaults({ downMs: 60_000 });
      expect(await failureCode(ask())).toBe('ECONNREFUSED');
      own.simulator.clearFaults();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await ask()).status).toBe(200);
      own.simulator.setFaults({ downMs: 60_000 });
    } finally {
      await own.close(); // also while down
    }
  });

  it('rejects invalid wire settings', () => {
    const sim = new NautobotSimulator();
    expect(() => sim.setFaults({ contentType: 'text/html\r\nx-forged: 1' })).toThrow('contentType');
    expect(() => sim.setFaults({ contentType: '' })).toThrow('contentType');
    expect(() => sim.setFaults({ body: 1 as unknown as string })).toThrow('body');
    expect(() => sim.setFaults({ padBytes: 1.5 })).toThrow('padBytes');
    expect(() => sim.setFaults({ padBytes: -1 })).toThrow('padBytes');
    expect(() => sim.setFaults({ trickleBodyMs: -1 })).toThrow('trickleBodyMs');
    expect(() => sim.setFaults({ trickleHeadersMs: Infinity })).toThrow('trickleHeadersMs');
    expect(() => sim.setFaults({ downMs: 1e9 })).toThrow('downMs');
    for (const key of ['stallAfterHeaders', 'endlessBody', 'resetMidBody', 'resetConnection']) {
      expect(() => sim.setFaults({ [key]: 1 })).toThrow(key);
    }
  });
});

describe('server lifecycle', () => {
  it('close() ends hanging requests and is idempotent', async () => {
    const own = await startSimulatorServer({ dataset: 'demo' });
    own.simulator.setFaults({ hang: true });
    const pending = fetch(`${own.url}/api/graphql/`, {
      method: 'POST',
      headers: { authorization: `Token ${own.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([own.close(), own.close()]);
    await expect(pending).rejects.toThrow();
  });

  it('supports a custom token, version and base latency', async () => {
    const token = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd';
    const own = await startSimulatorServer({
      token,
      version: '2.3.5',
      latencyMs: 20,
      host: '127.0.0.1',
    });
    try {
      const res = await fetch(`${own.url}/api/status/`, {
        headers: { authorization: `Token ${token}` },
      });
      expect(res.headers.get('api-version')).toBe('2.3');
      const body = (await res.json()) as Record<string, unknown>;
      expect(body['nautobot-version']).toBe('2.3.5');
      const head = await fetch(`${own.url}/api/status/`, {
        method: 'HEAD',
        headers: { authorization: `Token ${token}` },
      });
      expect(head.status).toBe(200);
      const old = new NautobotSimulator({ version: '2.1.0' });
      const status = await old.handle({
        method: 'GET',
        path: '/api/status/',
        headers: { authorization: `Token ${DEMO_TOKEN}` },
        body: '',
      });
      expect(Object.keys(JSON.parse(status.body) as object)).not.toContain('nautobot-apps');
    } finally {
      await own.close();
    }
    expect(() => new NautobotSimulator({ token: 'NOT-HEX' })).toThrow('40 lowercase');
  });

  it('emulates a 2.x or 3.x version, and only those', async () => {
    const v3 = new NautobotSimulator({ version: '3.2.7' });
    expect(v3.dialect).toBe('graphql-core-3');
    expect(new NautobotSimulator().dialect).toBe('graphql-core-2');
    const status = await v3.handle({
      method: 'GET',
      path: '/api/status/',
      headers: { authorization: `Token ${DEMO_TOKEN}` },
      body: '',
    });
    expect(status.headers['api-version']).toBe('3.2');
    expect((JSON.parse(status.body) as Record<string, unknown>)['nautobot-version']).toBe('3.2.7');
    for (const version of ['1.6.0', '4.0', 'latest', '2']) {
      expect(() => new NautobotSimulator({ version })).toThrow('must be 2.x or 3.x');
    }
  });

  it('reports listen errors', async () => {
    const other = await startSimulatorServer();
    const port = Number(new URL(other.url).port);
    await expect(startSimulatorServer({ port })).rejects.toThrow();
    await other.close();
  });
});

describe('in-process fetch adapter', () => {
  const sim = new NautobotSimulator();

  it('answers like the HTTP server without a socket', async () => {
    const res = await sim.fetch('http://nautobot.demo/api/graphql/', {
      method: 'POST',
      headers: { Authorization: `Token ${DEMO_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: '{ devices(limit: 1) { name url } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('api-version')).toBe('2.4');
    const body = (await res.json()) as { data: { devices: { name: string; url: string }[] } };
    expect(body.data.devices[0].name).toBe('ams01-console01');
    expect(body.data.devices[0].url).toMatch(
      /^http:\/\/nautobot\.demo\/api\/dcim\/devices\/[0-9a-f-]{36}\/$/,
    );
  });

  it('accepts Request and URL inputs', async () => {
    const req = new Request('http://nb.example/api/graphql/', {
      method: 'POST',
      headers: { authorization: `Token ${DEMO_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ statuses(name: "Active") { name } }' }),
    });
    expect(await (await sim.fetch(req)).json()).toEqual({
      data: { statuses: [{ name: 'Active' }] },
    });
    const status = await sim.fetch(new URL('http://nb.example/api/status/'), {
      headers: { authorization: `Token ${DEMO_TOKEN}` },
    });
    expect(status.status).toBe(200);
    const missing = await sim.fetch('/api/nope/');
    expect(missing.status).toBe(404);
  });

  it('honours abort signals (hang and already aborted)', async () => {
    sim.setFaults({ hang: true });
    const controller = new AbortController();
    const pending = sim.fetch('http://x/api/graphql/', {
      method: 'POST',
      headers: { authorization: `Token ${DEMO_TOKEN}` },
      body: '',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow();
    await expect(
      sim.fetch('http://x/api/graphql/', { signal: AbortSignal.abort() }),
    ).rejects.toThrow();
    sim.setFaults({ status: 204 });
    expect((await sim.fetch('http://x/api/graphql/', { method: 'POST' })).status).toBe(204);
    sim.clearFaults();
  });

  it('acts out wire faults as a Response can', async () => {
    const ask = () =>
      sim.fetch('http://x/api/graphql/', {
        method: 'POST',
        headers: { authorization: `Token ${DEMO_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
      });
    try {
      sim.setFaults({ resetConnection: true });
      expect(await failureCode(ask())).toBe('ECONNRESET');
      sim.setFaults({ resetMidBody: true });
      const cut = await ask();
      expect(cut.headers.get('content-length')).toBe(String(EXPECTED_TEXT.length));
      expect(await failureCode(cut.text())).toBe('ECONNRESET');
      sim.setFaults({ padBytes: 1000, trickleBodyMs: 1 });
      const padded = await (await ask()).text();
      expect(padded.length).toBe(EXPECTED_TEXT.length + 1000);
      expect(JSON.parse(padded)).toEqual(EXPECTED);
      sim.setFaults({ stallAfterHeaders: true });
      const held = await ask();
      const body = held.text();
      sim.clearFaults();
      expect(await body).toBe(EXPECTED_TEXT);
      sim.setFaults({ trickleHeadersMs: 1, contentType: 'text/html' });
      const started = performance.now();
      const slow = await ask();
      expect(performance.now() - started).toBeGreaterThanOrEqual(50);
      expect(slow.headers.get('content-type')).toBe('text/html');
      sim.setFaults({ downMs: 60_000 });
      expect(await failureCode(ask())).toBe('ECONNREFUSED');
    } finally {
      sim.clearFaults();
    }
    expect((await ask()).status).toBe(200);
  });
});
