import { createHash, createHmac, createPublicKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hashPassword } from '@nautobot-mcp/auth';
import { TestIssuer, unsignedToken } from './support/oidc-issuer.js';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

const KEY = 'integration-key-0123456789abcdef';
const IPAM_KEY = 'ipam-only-key-0123456789abcdef';
const HASHED_KEY = 'hashed-key-0123456789abcdef0123';
const PASSWORD = 'correct horse battery staple';
const CALL = { name: 'prefixes_by_location', arguments: { location: 'AMS01', limit: 1 } };
const DEVICES = { name: 'devices_by_location', arguments: { location: 'AMS01', limit: 1 } };

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'nms-auth-'));
}

async function authFile(oidcTools?: Record<string, string[]>): Promise<string> {
  const path = join(dir(), 'auth.yaml');
  const sha = createHash('sha256').update(HASHED_KEY).digest('hex');
  const lines = [
    'apiKeys:',
    '  - name: grafana',
    `    key: sha256:${sha}`,
    '  - name: ipam-bot',
    `    key: ${IPAM_KEY}`,
    '    tools: [ipam]',
    'users:',
    '  - name: alice',
    `    password: ${await hashPassword(PASSWORD)}`,
    '  - name: bob',
    `    password: ${await hashPassword(PASSWORD)}`,
    "    tools: ['prefixes_*']",
  ];
  if (oidcTools) {
    lines.push('oidc:', '  tools:');
    for (const [claim, tools] of Object.entries(oidcTools)) {
      lines.push(`    ${claim}: [${tools.map((t) => `'${t}'`).join(', ')}]`);
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

describe('AUTH_MODE=api_key,basic', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      AUTH_MODE: 'api_key,basic',
      API_KEYS: `ci=${KEY}`,
      AUTH_FILE: await authFile(),
      LOG_LEVEL: 'warn',
    });
  });
  afterAll(() => t.close());

  it('refuses a request without credentials with 401 and a challenge per scheme', async () => {
    for (const request of [
      () => get(`${t.url}/tools`),
      () => postJson(`${t.url}/tools/invoke`, CALL),
      () => postJson(`${t.url}/tools/prefixes_by_location`, CALL.arguments),
    ]) {
      const { status, headers, body } = await request();
      expect(status).toBe(401);
      expect(headers.get('content-type')).toContain('application/problem+json');
      expect(body).toMatchObject({ type: 'unauthorized', reason: 'missing-credentials' });
      const challenge = headers.get('www-authenticate') ?? '';
      expect(challenge).toContain('ApiKey');
      expect(challenge).toContain('Basic realm=');
      expect(challenge).not.toContain('Bearer');
    }
  });

  it('keeps the probes open', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
  });

  it('accepts a plain key from API_KEYS and a sha256 key from AUTH_FILE', async () => {
    expect((await postJson(`${t.url}/tools/invoke`, CALL, { 'x-api-key': KEY })).status).toBe(200);
    expect(
      (await postJson(`${t.url}/tools/invoke`, CALL, { 'x-api-key': HASHED_KEY })).status,
    ).toBe(200);
    expect((await get(`${t.url}/tools`, { 'x-api-key': KEY })).body.tools.length).toBeGreaterThan(
      1,
    );
  });

  it('refuses a wrong key without logging or echoing it', async () => {
    const wrong = 'wrong-key-that-must-never-be-logged';
    const response = await postJson(`${t.url}/tools/invoke`, CALL, { 'x-api-key': wrong });
    expect(response.status).toBe(401);
    expect(response.body.reason).toBe('invalid-key');
    expect(JSON.stringify(response.body)).not.toContain(wrong);
    expect(t.logs.text()).toContain('reason=invalid-key');
    expect(t.logs.text()).not.toContain(wrong);
    expect(t.audit.text()).not.toContain(wrong);
  });

  it('limits a key to its toolset on every route', async () => {
    const headers = { 'x-api-key': IPAM_KEY };
    const listed = await get(`${t.url}/tools`, headers);
    expect(listed.status).toBe(200);
    expect(listed.body.tools.every((tool: any) => tool.toolset === 'ipam')).toBe(true);
    expect(listed.body.tools.map((tool: any) => tool.name)).toContain('prefixes_by_location');
    expect((await postJson(`${t.url}/tools/invoke`, CALL, headers)).status).toBe(200);
    const invoked = await postJson(`${t.url}/tools/invoke`, DEVICES, headers);
    expect(invoked.status).toBe(403);
    expect(invoked.body).toMatchObject({ type: 'tool-forbidden', tool: 'devices_by_location' });
    const direct = await postJson(`${t.url}/tools/devices_by_location`, DEVICES.arguments, headers);
    expect(direct.status).toBe(403);
  });

  it('accepts Basic users with the right password only', async () => {
    expect(
      (await postJson(`${t.url}/tools/invoke`, CALL, { authorization: basic('alice', PASSWORD) }))
        .status,
    ).toBe(200);
    const wrong = await postJson(`${t.url}/tools/invoke`, CALL, {
      authorization: basic('alice', 'nope'),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.reason).toBe('invalid-credentials');
    const nobody = await postJson(`${t.url}/tools/invoke`, CALL, {
      authorization: basic('mallory', PASSWORD),
    });
    expect(nobody.status).toBe(401);
    const garbled = await postJson(`${t.url}/tools/invoke`, CALL, { authorization: 'Basic !!!' });
    expect(garbled.status).toBe(401);
    expect(garbled.body.reason).toBe('malformed-credentials');
  });

  it('limits a Basic user to its tools', async () => {
    const headers = { authorization: basic('bob', PASSWORD) };
    expect((await postJson(`${t.url}/tools/invoke`, CALL, headers)).status).toBe(200);
    expect((await postJson(`${t.url}/tools/invoke`, DEVICES, headers)).status).toBe(403);
    const listed = await get(`${t.url}/tools`, headers);
    expect(listed.body.tools.every((tool: any) => tool.name.startsWith('prefixes_'))).toBe(true);
  });

  it('refuses a Bearer token when oidc is not enabled, and unknown schemes', async () => {
    const bearer = await postJson(`${t.url}/tools/invoke`, CALL, {
      authorization: 'Bearer abc.def.ghi',
    });
    expect(bearer.status).toBe(401);
    expect(bearer.body.reason).toBe('mode-disabled');
    const digest = await postJson(`${t.url}/tools/invoke`, CALL, { authorization: 'Digest x' });
    expect(digest.body.reason).toBe('unsupported-scheme');
  });

  it('declares exactly the enabled schemes in OpenAPI', async () => {
    const { body } = await get(`${t.url}/openapi.json`);
    expect(Object.keys(body.components.securitySchemes).sort()).toEqual(['api_key', 'basic']);
    expect(body.security).toEqual([{ api_key: [] }, { basic: [] }]);
    expect(body.paths['/healthz'].get.security).toEqual([]);
  });

  it('sends security headers', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('serves no protected resource metadata without oidc', async () => {
    expect((await fetch(`${t.url}/.well-known/oauth-protected-resource`)).status).toBe(404);
  });
});

describe('AUTH_MODE=oidc (with api_key)', () => {
  let issuer: TestIssuer;
  let t: TestApp;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    await issuer.addKey('ES256');
    await issuer.addKey('PS256');
    t = await startTestApp({
      AUTH_MODE: 'api_key,oidc',
      API_KEYS: KEY,
      OIDC_ISSUER: issuer.url,
      OIDC_AUDIENCE: 'nautobot-mcp',
      OIDC_CLOCK_TOLERANCE_S: '30',
      AUTH_FILE: await authFile({ 'nautobot.read': ['*'], 'nautobot.ipam': ['ipam'] }),
      LOG_LEVEL: 'fatal',
    });
  });
  afterAll(async () => {
    await t.close();
    await issuer.stop();
  });

  const call = (token: string) =>
    postJson(`${t.url}/tools/invoke`, CALL, { authorization: `Bearer ${token}` });
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a valid token signed with RS256, ES256 or PS256', async () => {
    for (const key of issuer.keys) {
      const token = await issuer.sign({ sub: 'svc-grafana', scope: 'nautobot.read' }, { key });
      const { status } = await call(token);
      expect(status).toBe(200);
    }
  });

  it.each([
    [
      'expired',
      async () => issuer.sign({ sub: 'x', scope: 'nautobot.read', exp: now() - 120 }),
      'expired',
    ],
    [
      'nbf beyond the tolerance',
      async () => issuer.sign({ sub: 'x', scope: 'nautobot.read', nbf: now() + 600 }),
      'not-yet-valid',
    ],
    [
      'wrong issuer',
      async () =>
        issuer.sign({ sub: 'x', scope: 'nautobot.read' }, { issuer: 'https://evil.example.com' }),
      'wrong-issuer',
    ],
    [
      'wrong audience',
      async () => issuer.sign({ sub: 'x', scope: 'nautobot.read' }, { audience: 'someone-else' }),
      'wrong-audience',
    ],
    [
      'alg none',
      async () =>
        unsignedToken({ sub: 'x', iss: issuer.url, aud: 'nautobot-mcp', exp: now() + 60 }),
      'bad-algorithm',
    ],
    [
      'HS256 signed with the RSA public key',
      async () => {
        const pem = createPublicKey({ key: issuer.keys[0].jwk as never, format: 'jwk' })
          .export({ type: 'spki', format: 'pem' })
          .toString();
        const encode = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
        const head = `${encode({ alg: 'HS256', kid: issuer.keys[0].kid, typ: 'JWT' })}.${encode({ sub: 'x', iss: issuer.url, aud: 'nautobot-mcp', exp: now() + 60 })}`;
        return `${head}.${createHmac('sha256', pem).update(head).digest('base64url')}`;
      },
      'bad-algorithm',
    ],
    [
      'unknown kid',
      async () => {
        const stranger = await TestIssuer.start();
        const key = await stranger.addKey('RS256', 'a-kid-the-issuer-never-had');
        const token = await stranger.sign({ sub: 'x' }, { issuer: issuer.url, key });
        await stranger.stop();
        return token;
      },
      'unknown-key',
    ],
    [
      'tampered payload',
      async () => {
        const [head, , signature] = (await issuer.sign({ sub: 'x', scope: 'nautobot.ipam' })).split(
          '.',
        );
        const forged = Buffer.from(
          JSON.stringify({
            sub: 'admin',
            scope: 'nautobot.read',
            iss: issuer.url,
            aud: 'nautobot-mcp',
            exp: now() + 60,
          }),
        ).toString('base64url');
        return `${head}.${forged}.${signature}`;
      },
      'bad-signature',
    ],
    ['garbled token', async () => 'not-a-jwt', 'malformed-token'],
  ])('refuses a token: %s', async (_label, make, reason) => {
    const { status, body, headers } = await call(await make());
    expect(status).toBe(401);
    expect(body).toMatchObject({ type: 'unauthorized', reason });
    expect(headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('tolerates clock skew within OIDC_CLOCK_TOLERANCE_S', async () => {
    const token = await issuer.sign({ sub: 'x', scope: 'nautobot.read', nbf: now() + 10 });
    expect((await call(token)).status).toBe(200);
  });

  it('refuses a missing or empty Bearer header', async () => {
    const { status, body } = await postJson(`${t.url}/tools/invoke`, CALL, {
      authorization: 'Bearer',
    });
    expect(status).toBe(401);
    expect(body.type).toBe('unauthorized');
  });

  it('maps claim values to tools', async () => {
    const token = await issuer.sign({ sub: 'ipam-agent', scope: 'openid nautobot.ipam' });
    const headers = { authorization: `Bearer ${token}` };
    expect((await postJson(`${t.url}/tools/invoke`, CALL, headers)).status).toBe(200);
    expect((await postJson(`${t.url}/tools/invoke`, DEVICES, headers)).status).toBe(403);
    const nothing = await issuer.sign({ sub: 'nobody', scope: 'openid' });
    const listed = await get(`${t.url}/tools`, { authorization: `Bearer ${nothing}` });
    expect(listed.status).toBe(200);
    expect(listed.body.tools).toEqual([]);
  });

  it('picks up a key rotation at the issuer without a restart', async () => {
    const before = issuer.jwksRequests;
    const rotated = await issuer.rotate('RS256');
    const token = await issuer.sign(
      { sub: 'after-rotation', scope: 'nautobot.read' },
      { key: rotated },
    );
    expect((await call(token)).status).toBe(200);
    expect(issuer.jwksRequests).toBeGreaterThan(before);
  });

  it('still accepts API keys in the mixed mode', async () => {
    expect((await postJson(`${t.url}/tools/invoke`, CALL, { 'x-api-key': KEY })).status).toBe(200);
  });

  it('points OAuth clients to the issuer (RFC 9728)', async () => {
    const challenge =
      (await postJson(`${t.url}/tools/invoke`, CALL)).headers.get('www-authenticate') ?? '';
    const match = /resource_metadata="([^"]+)"/.exec(challenge);
    expect(match?.[1]).toBe(`${t.url}/.well-known/oauth-protected-resource`);
    const metadata = await get(match?.[1] ?? '');
    expect(metadata.status).toBe(200);
    expect(metadata.body).toMatchObject({
      resource: `${t.url}/mcp`,
      authorization_servers: [issuer.url],
      bearer_methods_supported: ['header'],
    });
    expect(metadata.body.scopes_supported).toEqual(['nautobot.read', 'nautobot.ipam']);
    expect((await get(`${t.url}/.well-known/oauth-protected-resource/mcp`)).status).toBe(200);
  });

  it('answers 401 issuer-unreachable while the issuer is down, and keeps serving API keys', async () => {
    const extra = await issuer.addKey('RS256', 'added-while-down');
    const token = await issuer.sign({ sub: 'x', scope: 'nautobot.read' }, { key: extra });
    await issuer.stop();
    const { status, body } = await call(token);
    expect(status).toBe(401);
    expect(body.reason).toBe('issuer-unreachable');
    expect((await postJson(`${t.url}/tools/invoke`, CALL, { 'x-api-key': KEY })).status).toBe(200);
  });
});

describe('OIDC discovery failing at start-up', () => {
  it('answers 503 for bearer tokens and keeps serving API keys', async () => {
    const issuer = await TestIssuer.start();
    const token = await issuer.sign({ sub: 'x' });
    await issuer.stop();
    const t = await startTestApp({
      AUTH_MODE: 'oidc,api_key',
      API_KEYS: KEY,
      OIDC_ISSUER: issuer.url,
      OIDC_AUDIENCE: 'nautobot-mcp',
      LOG_LEVEL: 'fatal',
    });
    try {
      const bearer = await postJson(`${t.url}/tools/invoke`, CALL, {
        authorization: `Bearer ${token}`,
      });
      expect(bearer.status).toBe(503);
      expect(bearer.body.type).toBe('auth-unavailable');
      expect(bearer.body.detail).toContain('discovery');
      expect((await postJson(`${t.url}/tools/invoke`, CALL, { 'x-api-key': KEY })).status).toBe(
        200,
      );
    } finally {
      await t.close();
    }
  });
});

describe('rate limit and CORS', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      AUTH_MODE: 'api_key',
      API_KEYS: `one=${KEY},two=${IPAM_KEY}`,
      RATE_LIMIT_PER_MIN: '3',
      CORS_ORIGINS: 'https://grafana.example.com',
      LOG_LEVEL: 'fatal',
    });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the per-principal limit', async () => {
    const headers = { 'x-api-key': KEY };
    for (let i = 0; i < 3; i++) {
      expect((await get(`${t.url}/tools`, headers)).status).toBe(200);
    }
    const limited = await get(`${t.url}/tools`, headers);
    expect(limited.status).toBe(429);
    expect(limited.body.type).toBe('rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another principal has its own budget; probes are never limited.
    expect((await get(`${t.url}/tools`, { 'x-api-key': IPAM_KEY })).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    }
  });

  it('allows a preflight from CORS_ORIGINS and refuses others', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.url}/tools/invoke`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-api-key',
        },
      });
    const allowed = await preflight('https://grafana.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://grafana.example.com');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-api-key');
    const refused = await preflight('https://evil.example.com');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('AUTH_MODE=none', () => {
  it('serves everyone as anonymous and warns in GET /tools', async () => {
    const t = await startTestApp({ AUTH_MODE: 'none' });
    try {
      const { status, body } = await get(`${t.url}/tools`);
      expect(status).toBe(200);
      expect(body.warnings[0]).toContain('AUTH_MODE=none');
      const document = (await get(`${t.url}/openapi.json`)).body;
      expect(document.components.securitySchemes).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
