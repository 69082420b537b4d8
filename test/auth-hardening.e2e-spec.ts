import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashPassword } from '@nautobot-mcp/auth';
import { TestIssuer, madeUpKidToken } from './support/oidc-issuer.js';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

const PASSWORD = 'correct horse battery staple';
const CALL = { name: 'prefixes_by_location', arguments: { location: 'AMS01', limit: 1 } };
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const now = () => Math.floor(Date.now() / 1000);

/** CPU time this process (every thread, so libuv's scrypt pool too) has used, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function writeAuthFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'nms-hardening-')), 'auth.yaml');
  writeFileSync(path, text);
  return path;
}

async function usersFile(): Promise<string> {
  return writeAuthFile(`users:\n  - name: alice\n    password: ${await hashPassword(PASSWORD)}\n`);
}

async function status(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${url}/tools`, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text && JSON.parse(text) };
}

describe('failed logins are limited per client address, before the password check', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      AUTH_MODE: 'basic',
      AUTH_FILE: await usersFile(),
      RATE_LIMIT_PER_MIN: '5',
      LOG_LEVEL: 'fatal',
    });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After after RATE_LIMIT_PER_MIN wrong passwords, without running scrypt', async () => {
    const wrong = { authorization: basic('alice', 'not the password') };
    const statuses: number[] = [];
    let started = cpuMs();
    for (let i = 0; i < 5; i++) {
      statuses.push((await status(t.url, wrong)).status);
    }
    const checkedMs = cpuMs() - started;
    started = cpuMs();
    let last: Awaited<ReturnType<typeof status>> | undefined;
    for (let i = 0; i < 25; i++) {
      last = await status(t.url, wrong);
      statuses.push(last.status);
    }
    const refusedMs = cpuMs() - started;
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(25).fill(429)]);
    expect(last?.body).toMatchObject({ type: 'rate-limited' });
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    // An scrypt check (N=32768, r=8) costs tens of ms of CPU; a refused request a few
    // hundred µs. Refused requests must cost well under a tenth of a checked one.
    expect(checkedMs / 5).toBeGreaterThan(10);
    expect(refusedMs / 25).toBeLessThan(checkedMs / 5 / 10);
  });

  it('refuses the right password from that address too, until the window has passed', async () => {
    const { status: code } = await status(t.url, { authorization: basic('alice', PASSWORD) });
    expect(code).toBe(429);
  });
});

describe('successful Basic checks are cached briefly', () => {
  it('charges an honest caller one scrypt, not one per request', async () => {
    const t = await startTestApp({
      AUTH_MODE: 'basic',
      AUTH_FILE: await usersFile(),
      LOG_LEVEL: 'fatal',
    });
    try {
      const right = { authorization: basic('alice', PASSWORD) };
      let started = cpuMs();
      expect((await status(t.url, right)).status).toBe(200);
      const firstMs = cpuMs() - started;
      started = cpuMs();
      for (let i = 0; i < 10; i++) {
        expect((await status(t.url, right)).status).toBe(200);
      }
      const repeatedMs = (cpuMs() - started) / 10;
      expect(firstMs).toBeGreaterThan(10);
      expect(repeatedMs).toBeLessThan(firstMs / 4);
      // The cache holds successes only: a wrong password is still checked and refused.
      expect((await status(t.url, { authorization: basic('alice', 'nope') })).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});

describe('TRUST_PROXY', () => {
  const wrong = { authorization: basic('alice', 'wrong') };

  it('takes the client address from X-Forwarded-For behind the configured proxies', async () => {
    const t = await startTestApp({
      AUTH_MODE: 'basic',
      AUTH_FILE: await usersFile(),
      RATE_LIMIT_PER_MIN: '2',
      TRUST_PROXY: '1',
      LOG_LEVEL: 'fatal',
    });
    try {
      const from = (ip: string) => status(t.url, { ...wrong, 'x-forwarded-for': ip });
      expect((await from('203.0.113.7')).status).toBe(401);
      expect((await from('203.0.113.7')).status).toBe(401);
      expect((await from('203.0.113.7')).status).toBe(429);
      // Another client behind the same ingress has its own budget.
      expect((await from('198.51.100.9')).status).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('ignores X-Forwarded-For when unset (a client cannot pick its own address)', async () => {
    const t = await startTestApp({
      AUTH_MODE: 'basic',
      AUTH_FILE: await usersFile(),
      RATE_LIMIT_PER_MIN: '2',
      LOG_LEVEL: 'fatal',
    });
    try {
      const from = (ip: string) => status(t.url, { ...wrong, 'x-forwarded-for': ip });
      expect((await from('203.0.113.7')).status).toBe(401);
      expect((await from('203.0.113.8')).status).toBe(401);
      expect((await from('203.0.113.9')).status).toBe(429);
    } finally {
      await t.close();
    }
  });
});

describe('HSTS and upgrade-insecure-requests only over HTTPS', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('sends neither over plain HTTP', async () => {
    const response = await fetch(`${t.url}/docs`);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('content-security-policy')).not.toContain(
      'upgrade-insecure-requests',
    );
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('sends both when the request came over HTTPS (X-Forwarded-Proto from a trusted proxy)', async () => {
    const response = await fetch(`${t.url}/docs`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});

describe("tools: [] in AUTH_FILE grants no tool; ['*'] grants every tool", () => {
  const NONE_KEY = 'no-tools-key-0123456789abcdef';
  const ALL_KEY = 'all-tools-key-0123456789abcdef';
  let t: TestApp;

  beforeAll(async () => {
    const hash = await hashPassword(PASSWORD);
    const file = writeAuthFile(
      [
        'apiKeys:',
        '  - name: nothing',
        `    key: ${NONE_KEY}`,
        '    tools: []',
        '  - name: everything',
        `    key: ${ALL_KEY}`,
        "    tools: ['*']",
        'users:',
        '  - name: carol',
        `    password: ${hash}`,
        '    tools: []',
      ].join('\n'),
    );
    t = await startTestApp({ AUTH_MODE: 'api_key,basic', AUTH_FILE: file, LOG_LEVEL: 'fatal' });
  });
  afterAll(() => t.close());

  it.each([
    ['an API key', { 'x-api-key': NONE_KEY }],
    ['a Basic user', { authorization: basic('carol', PASSWORD) }],
  ])('%s with tools: [] sees and calls nothing', async (_label, headers) => {
    const listed = await status(t.url, headers);
    expect(listed.status).toBe(200);
    expect(listed.body.tools).toEqual([]);
    const invoked = await postJson(`${t.url}/tools/invoke`, CALL, headers);
    expect(invoked.status).toBe(403);
    expect(invoked.body.type).toBe('tool-forbidden');
  });

  it("an API key with tools: ['*'] sees every tool", async () => {
    const listed = await status(t.url, { 'x-api-key': ALL_KEY });
    expect(listed.body.tools.length).toBeGreaterThan(5);
    expect((await postJson(`${t.url}/tools/invoke`, CALL, { 'x-api-key': ALL_KEY })).status).toBe(
      200,
    );
  });
});

describe('OIDC hardening', () => {
  let issuer: TestIssuer;
  let t: TestApp;
  const call = (token: string) =>
    postJson(`${t.url}/tools/invoke`, CALL, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    t = await startTestApp({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: issuer.url,
      OIDC_AUDIENCE: 'nautobot-mcp',
      OIDC_MAX_TOKEN_AGE_S: '3600',
      LOG_LEVEL: 'fatal',
    });
  });
  afterAll(async () => {
    await t.close();
    await issuer.stop();
  });

  it('still accepts a valid token after a burst of made-up kids, fetching the JWKS a bounded number of times', async () => {
    // Before any valid token: the key cache is empty, as just after start-up.
    const forged = await Promise.all(
      Array.from({ length: 30 }, (_, i) => call(madeUpKidToken(`made-up-${i}-${Math.random()}`))),
    );
    expect(forged.map((r) => r.body.reason)).toEqual(Array(30).fill('unknown-key'));
    const valid = await issuer.sign({ sub: 'svc-1' });
    expect((await call(valid)).status).toBe(200);
    expect(issuer.jwksRequests).toBeLessThanOrEqual(3);
  });

  it('accepts a key rotated in right after an attack', async () => {
    const attack = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call(madeUpKidToken(`again-${i}-${Math.random()}`))),
    );
    expect(attack.map((r) => r.status)).toEqual(Array(10).fill(401));
    const rotated = await issuer.addKey('RS256', 'rotated-after-attack');
    const token = await issuer.sign({ sub: 'svc-2' }, { key: rotated });
    expect((await call(token)).status).toBe(200);
    // Known keys never wait for a refetch.
    const known = await issuer.sign({ sub: 'svc-3' });
    const started = Date.now();
    expect((await call(known)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('names the principal by sub, keeping preferred_username as its display name only', async () => {
    const token = await issuer.sign({ sub: '5f0c2d1e-uuid', preferred_username: 'alice' });
    expect((await call(token)).status).toBe(200);
    const line = t.audit.lines.findLast((l) => l.tool === 'prefixes_by_location');
    expect(line?.principal).toEqual({
      name: '5f0c2d1e-uuid',
      authMode: 'oidc',
      displayName: 'alice',
    });
  });

  it.each([
    ['without exp', () => issuer.sign({ sub: 'x' }, { expiresIn: false }), 'missing-expiry'],
    [
      'with an unknown crit header parameter',
      () => issuer.sign({ sub: 'x' }, { crit: ['urn:example:must-understand'] }),
      'unsupported-critical-header',
    ],
    [
      'issued longer ago than OIDC_MAX_TOKEN_AGE_S',
      () => issuer.sign({ sub: 'x', iat: now() - 7200 }, { expiresIn: now() + 300 }),
      'too-old',
    ],
    ['without sub', () => issuer.sign({ client_id: 'x' }), 'missing-subject'],
  ])('refuses a token %s', async (_label, make, reason) => {
    const { status: code, body } = await call(await make());
    expect(code).toBe(401);
    expect(body).toMatchObject({ type: 'unauthorized', reason });
  });
});

describe('failed bearer tokens count toward the per-address failure limit', () => {
  it('answers 429 after RATE_LIMIT_PER_MIN made-up kids, without fetching the JWKS again', async () => {
    const issuer = await TestIssuer.start();
    const t = await startTestApp({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: issuer.url,
      OIDC_AUDIENCE: 'nautobot-mcp',
      RATE_LIMIT_PER_MIN: '5',
      LOG_LEVEL: 'fatal',
    });
    try {
      const statuses: number[] = [];
      let fetchesBeforeRefusals = 0;
      for (let i = 0; i < 8; i++) {
        if (i === 5) {
          fetchesBeforeRefusals = issuer.jwksRequests;
        }
        statuses.push(
          (
            await postJson(`${t.url}/tools/invoke`, CALL, {
              authorization: `Bearer ${madeUpKidToken(`kid-${i}`)}`,
            })
          ).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      // Refused before the key lookup: no JWKS fetch for them.
      expect(issuer.jwksRequests).toBe(fetchesBeforeRefusals);
    } finally {
      await t.close();
      await issuer.stop();
    }
  });
});
