import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { verifyPassword } from '@nautobot-mcp/auth';
import { CLI, assertBuilt, cleanEnv, runCli, startCli } from './support/cli.js';
import { freePort } from './support/test-app.js';

const TOKEN = '0123456789abcdef0123456789abcdef01234567';

describe('CLI', () => {
  beforeAll(() => assertBuilt());

  it('prints its version', async () => {
    const { code, stdout } = await runCli(['--version'], {});
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses to start without NAUTOBOT_URL and points to demo mode', async () => {
    const { code, stderr } = await runCli(['serve'], {});
    expect(code).toBe(1);
    expect(stderr).toContain('NAUTOBOT_URL');
    expect(stderr).toContain('DEMO_MODE=true');
    expect(stderr).toContain('npm run demo');
  });

  it('names each bad key and its source, never the token', async () => {
    const { code, stderr } = await runCli(['serve'], {
      NAUTOBOT_URL: 'not a url',
      NAUTOBOT_TOKEN: TOKEN,
      NAUTOBOT_TIMEOUT_MS: 'soon',
      PORT: '99999',
    });
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((l) => l.trim().startsWith('-'));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(stderr).toMatch(/NAUTOBOT_TIMEOUT_MS.*environment/);
    expect(stderr).toMatch(/PORT.*environment/);
    expect(stderr).toMatch(/NAUTOBOT_URL.*environment/);
    expect(stderr).not.toContain(TOKEN);
  });

  it('refuses to start against Nautobot without AUTH_MODE', async () => {
    const { code, stderr } = await runCli(['serve'], {
      NAUTOBOT_URL: 'https://nautobot.example.com',
      NAUTOBOT_TOKEN: TOKEN,
    });
    expect(code).toBe(1);
    expect(stderr).toContain('AUTH_MODE: required unless DEMO_MODE=true');
  });

  it('hash-password prints a scrypt hash of the password read from stdin', async () => {
    const child = spawn(process.execPath, [CLI, 'hash-password'], { env: cleanEnv({}) });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stdin.end('a long enough password\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const hash = stdout.trim();
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain('a long enough password');
    await expect(verifyPassword('a long enough password', hash)).resolves.toBe(true);
  });

  it('check-config prints the settings with the token masked and exits 0', async () => {
    const { code, stdout } = await runCli(['check-config'], {
      NAUTOBOT_URL: 'https://nautobot.example.com',
      NAUTOBOT_TOKEN: TOKEN,
      AUTH_MODE: 'api_key',
      API_KEYS: 'ci=not-a-real-key-1234567890',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('https://nautobot.example.com');
    expect(stdout).toContain('NAUTOBOT_TOKEN');
    expect(stdout).not.toContain(TOKEN);
    expect(stdout).not.toContain('not-a-real-key');
    expect(stdout).toContain('prefixes_by_location');
    expect(stdout).toContain('Configuration OK');
  });

  it('check-config names a broken query file and its syntax error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nms-cli-queries-'));
    writeFileSync(
      join(dir, 'devices_by_location.graphql'),
      'query devices_by_location( { devices }',
    );
    const { code, stderr } = await runCli(['check-config'], {
      DEMO_MODE: 'true',
      QUERIES_DIR: dir,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(join(dir, 'devices_by_location.graphql'));
    expect(stderr).toContain('Syntax Error');
  });

  it('check-config names a query file that drops a variable the tool sets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nms-cli-queries-'));
    writeFileSync(
      join(dir, 'devices_by_location.graphql'),
      'query devices_by_location($location: [String]) { devices(location: $location) { name } }',
    );
    const { code, stderr } = await runCli(['serve'], {
      DEMO_MODE: 'true',
      QUERIES_DIR: dir,
      PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    expect(stderr).toContain('devices_by_location.graphql');
    expect(stderr).toContain('$limit');
  });

  it('stops on a bad org file naming file, line and key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nms-cli-org-'));
    const org = join(dir, 'org.yaml');
    writeFileSync(
      org,
      "locationAliases:\n  ams: AMS01\nnamingSchemas:\n  - name: broken\n    pattern: '^(?<site>[a-z'\n",
    );
    const { code, stderr } = await runCli(['check-config'], {
      DEMO_MODE: 'true',
      ORG_CONFIG_FILE: org,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(org);
    expect(stderr).toMatch(/line 5/);
    expect(stderr).toContain('pattern');
  });

  it('serves the demo with no Nautobot at all', async () => {
    const port = await freePort();
    const { child } = await startCli(
      ['serve'],
      { DEMO_MODE: 'true', PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_DELAY_MS: '0' },
      /Listening on/,
    );
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const response = await fetch(`http://127.0.0.1:${port}/tools/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'prefixes_by_location', arguments: { location: 'AMS01' } }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as any;
      expect(body.result.count).toBeGreaterThan(0);
    } finally {
      const exited = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('refuses to start when AUDIT_LOG cannot be written, naming the path', async () => {
    // A path below a regular file can never be created, even by root.
    const file = join(mkdtempSync(join(tmpdir(), 'nms-cli-audit-')), 'plain-file');
    writeFileSync(file, '');
    const path = join(file, 'audit.log');
    const { code, stderr } = await runCli(
      ['serve'],
      { DEMO_MODE: 'true', AUDIT_LOG: path, PORT: String(await freePort()), HOST: '127.0.0.1' },
      10_000,
    );
    expect(code).toBe(1);
    expect(stderr).toContain(`AUDIT_LOG: cannot write ${path}`);
  });

  it('exits cleanly on SIGTERM when every audit write fails', async () => {
    const port = await freePort();
    const { child, output } = await startCli(
      ['serve'],
      {
        DEMO_MODE: 'true',
        AUDIT_LOG: '/dev/full',
        PORT: String(port),
        HOST: '127.0.0.1',
        SHUTDOWN_DELAY_MS: '0',
      },
      /Listening on/,
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const response = await fetch(`http://127.0.0.1:${port}/tools/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'locations', arguments: {} }),
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
    const code = await exited;
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(output()).toContain('audit trail: cannot write /dev/full');
    expect(output()).not.toContain('sonic boom is not ready yet');
  });

  it('binds demo mode to 127.0.0.1 unless HOST says otherwise, and logs that address', async () => {
    const port = await freePort();
    const { child, output } = await startCli(
      ['serve'],
      { DEMO_MODE: 'true', PORT: String(port), SHUTDOWN_DELAY_MS: '0' },
      /Listening on/,
    );
    try {
      expect(output()).toContain(`Listening on http://127.0.0.1:${port}`);
      // The kernel's own table of listening sockets: 0100007F is 127.0.0.1.
      const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
      const listening = readFileSync('/proc/net/tcp', 'utf8')
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A')
        .map((f) => f[1]);
      expect(listening).toEqual([`0100007F:${hexPort}`]);
      expect(readFileSync('/proc/net/tcp6', 'utf8')).not.toMatch(
        new RegExp(`:${hexPort} [0-9A-F:]+ 0A `),
      );
    } finally {
      const exited = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});

describe('npm test prerequisites (scripts/ensure-chromium.sh)', () => {
  const script = join(process.cwd(), 'scripts/ensure-chromium.sh');
  const run = (env: Record<string, string>, asNobody = false) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      // As nobody the root-with-apt-get branch is out of reach: the script must stop.
      // The script goes in on stdin: nobody may not be able to read the checkout (a mktemp -d).
      const [command, args] = asNobody
        ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'sh', '-s']]
        : ['sh', ['-s']];
      const child = spawn(command, args as string[], { env: cleanEnv(env), cwd: '/' });
      child.stdin.end(readFileSync(script));
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });

  it('is the pretest hook of npm test', () => {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.pretest).toBe('sh scripts/ensure-chromium.sh');
  });

  it('passes at once when Chromium is there', async () => {
    expect(await run({ CHROMIUM_PATH: process.execPath })).toEqual({ code: 0, stderr: '' });
  });

  it('stops at once saying what to install when it cannot install Chromium', async () => {
    const { code, stderr } = await run({ CHROMIUM_PATH: '/nonexistent/chromium' }, true);
    expect(code).toBe(1);
    expect(stderr).toContain('/nonexistent/chromium is missing');
    expect(stderr).toContain('apt-get install -y chromium');
    expect(stderr).toContain('CHROMIUM_PATH');
  });
});
