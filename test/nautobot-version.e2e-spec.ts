import { NautobotVersionService, versionInfo } from '@nautobot-mcp/nautobot';
import { assertBuilt, runCli } from './support/cli.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the Nautobot version, detected at start-up', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is what /api/status/ and the API-Version header of this Nautobot say', async () => {
    const status = await fetch(`${t.nautobotUrl}/api/status/`, {
      headers: { authorization: `Token ${t.nautobotToken}` },
    });
    const body = (await status.json()) as Record<string, string>;
    const detected = await t.app.get(NautobotVersionService).detect();
    expect(detected).toEqual(
      versionInfo(body['nautobot-version'], status.headers.get('api-version')),
    );
    // The e2e matrix says which release it started (scripts/nautobot/nautobot.sh).
    const expected = process.env.E2E_NAUTOBOT_VERSION;
    if (expected) {
      expect(detected.version).toBe(expected);
    }
    expect(detected.line).not.toBeNull();
  });

  it('is shown by /readyz', async () => {
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { details: { nautobot: Record<string, unknown> } };
    const { version } = await t.app.get(NautobotVersionService).detect();
    expect(body.details.nautobot).toMatchObject({ status: 'up', version });
  });
});

describe('check-config --connect (the built CLI)', () => {
  let t: TestApp;

  beforeAll(async () => {
    assertBuilt();
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const env = (token: string) => ({
    NAUTOBOT_URL: t.nautobotUrl,
    NAUTOBOT_TOKEN: token,
    AUTH_MODE: 'none',
  });

  it("reports this Nautobot's version and that the token may query it", async () => {
    const { version } = await t.app.get(NautobotVersionService).detect();
    const { code, stdout } = await runCli(['check-config', '--connect'], env(t.nautobotToken));
    expect(code).toBe(0);
    expect(stdout).toContain(`answers: Nautobot ${version} (API `);
    expect(stdout).toContain('the token may query GraphQL');
    expect(stdout).not.toContain(t.nautobotToken);
  });

  it('fails naming nautobot-auth when Nautobot refuses the token', async () => {
    const { code, stderr } = await runCli(['check-config', '--connect'], env('a'.repeat(40)));
    expect(code).toBe(1);
    expect(stderr).toContain('nautobot-auth');
  });

  it('refuses a token that is not 40 hexadecimal characters, without calling Nautobot', async () => {
    const { code, stderr } = await runCli(['check-config'], env('…'));
    expect(code).toBe(1);
    expect(stderr).toContain('NAUTOBOT_TOKEN (from environment): must be a Nautobot API token');
  });
});

describe('versionInfo', () => {
  it.each([
    ['2.4.44', '2.4', 2, 4, '2.4'],
    ['3.2.7', '3.2', 3, 2, '3.x'],
    ['3.0.0', '3.0', 3, 0, '3.x'],
    ['2.3.16', '2.3', 2, 3, null],
    ['1.6.32', null, 1, 6, null],
    ['nonsense', null, 0, 0, null],
  ])('%s (API %s)', (version, api, major, minor, line) => {
    expect(versionInfo(version, api)).toEqual({ version, apiVersion: api, major, minor, line });
  });
});
