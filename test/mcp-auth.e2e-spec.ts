import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestIssuer } from './support/oidc-issuer.js';
import { INITIALIZE, connectHttp, postMcp } from './support/mcp.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const KEY = 'mcp-auth-key-0123456789abcdef';

describe('MCP over HTTP needs the same credentials as REST', () => {
  let issuer: TestIssuer;
  let t: TestApp;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    t = await startTestApp({
      AUTH_MODE: 'api_key,oidc',
      API_KEYS: KEY,
      OIDC_ISSUER: issuer.url,
      OIDC_AUDIENCE: 'nautobot-mcp',
      LOG_LEVEL: 'fatal',
    });
  });
  afterAll(async () => {
    await t.close();
    await issuer.stop();
  });

  it('answers 401 with WWW-Authenticate pointing to the protected resource metadata', async () => {
    const { status, headers, body } = await postMcp(t.url, INITIALIZE);
    expect(status).toBe(401);
    expect(body.type).toBe('unauthorized');
    const challenge = headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('ApiKey');
    expect(challenge).toContain(
      `resource_metadata="${t.url}/.well-known/oauth-protected-resource"`,
    );
  });

  it('refuses an SDK client without credentials', async () => {
    await expect(connectHttp(t.url, 'legacy')).rejects.toThrow();
    await expect(connectHttp(t.url, 'modern')).rejects.toThrow();
  });

  it('serves an SDK client with an API key or a bearer token, on both revisions', async () => {
    const token = await issuer.sign({ sub: 'agent-7', scope: 'openid' });
    const credentials: Record<string, string>[] = [
      { 'x-api-key': KEY },
      { authorization: `Bearer ${token}` },
    ];
    for (const headers of credentials) {
      for (const era of ['legacy', 'modern'] as const) {
        const client = await connectHttp(t.url, era, headers);
        try {
          const { tools } = await client.listTools();
          expect(tools.length).toBeGreaterThan(3);
          const result = await client.callTool({
            name: 'prefixes_by_location',
            arguments: { location: 'AMS01', limit: 1 },
          });
          expect(result.isError).toBeFalsy();
        } finally {
          await client.close();
        }
      }
    }
    const audit = t.audit.lines.filter((l) => l.door === 'mcp');
    expect(audit.some((l) => l.principal.name === 'agent-7')).toBe(true);
    expect(audit.some((l) => l.principal.authMode === 'api_key')).toBe(true);
  });
});
