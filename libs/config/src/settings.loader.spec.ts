import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTING_SPECS } from './setting-specs.js';
import { SettingsError } from './settings.error.js';
import { loadSettings } from './settings.loader.js';
import { Settings } from './settings.js';

const TOKEN = 'abcdef0123456789abcdef0123456789abcdef01';
const REAL = {
  NAUTOBOT_URL: 'https://nautobot.example.com',
  NAUTOBOT_TOKEN: TOKEN,
  AUTH_MODE: 'none',
};
const DEMO = { DEMO_MODE: 'true' };

const dir = mkdtempSync(join(tmpdir(), 'nautobot-mcp-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
/** Writes `text` to a new file in the temp dir and returns its path. */
function file(text: string, name = `config-${++fileCount}.yaml`): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    const { problems, message } = error as SettingsError;
    expect(message).toBe(problems.join('\n'));
    return problems;
  }
  throw new Error('expected loadSettings to throw a SettingsError');
}

describe('SETTING_SPECS', () => {
  it('has exactly one row per Settings property', () => {
    expect(SETTING_SPECS.map((s) => s.key).sort()).toEqual(Object.keys(new Settings()).sort());
  });

  it('uses unique UPPER_SNAKE env names and unique YAML paths', () => {
    const envs = SETTING_SPECS.map((s) => s.env);
    const yamls = SETTING_SPECS.flatMap((s) => (s.yaml ? [s.yaml] : []));
    expect(new Set(envs).size).toBe(envs.length);
    expect(new Set(yamls).size).toBe(yamls.length);
    for (const env of envs) {
      expect(env).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
  });

  it('describes each setting in one sentence and gives secrets no default', () => {
    for (const spec of SETTING_SPECS) {
      expect(spec.description).toMatch(/^[A-Z].*\.$/);
      if (spec.secret) {
        expect(spec.default).toBeUndefined();
      }
    }
  });
});

describe('loadSettings precedence', () => {
  it('uses the defaults when nothing is set', () => {
    const { settings, sources, configFile } = loadSettings(DEMO);
    // Every key has a value or is explicitly undefined; these are the defaults users rely on.
    expect(Object.keys(settings).sort()).toEqual(SETTING_SPECS.map((s) => s.key).sort());
    expect({ ...settings }).toMatchObject({
      port: 7001,
      host: '0.0.0.0',
      maxBodyBytes: 1048576,
      httpHeadersTimeoutMs: 10000,
      httpRequestTimeoutMs: 30000,
      httpKeepAliveTimeoutMs: 65000,
      httpMaxHeaderBytes: 16384,
      logLevel: 'info',
      nautobotUrl: undefined,
      nautobotToken: undefined,
      nautobotTimeoutMs: 10000,
      nautobotVerifyTls: true,
      nautobotCaFile: undefined,
      demoMode: true,
      demoFallback: false,
      queriesDir: undefined,
      orgConfigFile: undefined,
      configFile: undefined,
      publicBaseUrl: undefined,
      authMode: undefined,
      apiKeys: undefined,
      authFile: undefined,
      oidcIssuer: undefined,
      oidcAudience: undefined,
      oidcJwksUri: undefined,
      oidcAlgorithms: ['RS256', 'ES256', 'PS256'],
      oidcClockToleranceS: 30,
      oidcMaxTokenAgeS: 0,
      oidcToolsClaim: 'scope',
      corsOrigins: [],
      trustProxy: undefined,
      rateLimitPerMin: 600,
      maxResultBytes: 65536,
      enableRawGraphql: false,
      rawGraphqlMaxDepth: 8,
      rawGraphqlMaxAliases: 15,
      rawGraphqlMaxFields: 500,
      rawGraphqlMaxTokens: 1000,
      analyzeMaxPrefixes: 10000,
      analyzeMaxIpAddresses: 200000,
      cursorSecret: undefined,
    });
    expect(sources.port).toBe('default');
    expect(sources.demoMode).toBe('env');
    expect(configFile).toBeUndefined();
  });

  it('lets the YAML file override the defaults', () => {
    const path = file('server:\n  port: 8080\nlog:\n  level: debug\ndemoMode: true\n');
    const { settings, sources, configFile } = loadSettings({ CONFIG_FILE: path });
    expect(settings.port).toBe(8080);
    expect(settings.logLevel).toBe('debug');
    expect(settings.demoMode).toBe(true);
    expect(settings.configFile).toBe(path);
    expect(configFile).toBe(path);
    expect(sources).toMatchObject({ port: 'file', logLevel: 'file', host: 'default' });
    expect(sources.configFile).toBe('env');
  });

  it('lets the environment override the YAML file', () => {
    const path = file('server:\n  port: 8080\n');
    const { settings, sources } = loadSettings({ ...DEMO, CONFIG_FILE: path, PORT: '9090' });
    expect(settings.port).toBe(9090);
    expect(sources.port).toBe('env');
  });

  it('takes each key from its own best source in the same load', () => {
    const path = file(
      `nautobot:\n  url: https://from-file.example.com\n  token: ${TOKEN}\n  timeoutMs: 2000\n`,
    );
    const { settings, sources } = loadSettings({
      CONFIG_FILE: path,
      NAUTOBOT_URL: 'https://from-env.example.com',
      AUTH_MODE: 'none',
    });
    expect(settings.nautobotUrl).toBe('https://from-env.example.com');
    expect(settings.nautobotToken).toBe(TOKEN);
    expect(settings.nautobotTimeoutMs).toBe(2000);
    expect(sources).toMatchObject({
      nautobotUrl: 'env',
      nautobotToken: 'file',
      nautobotTimeoutMs: 'file',
      port: 'default',
    });
  });

  it('treats empty and blank variables as unset', () => {
    const path = file('server:\n  port: 8080\n');
    const { settings, sources } = loadSettings({
      ...DEMO,
      CONFIG_FILE: path,
      PORT: '',
      HOST: '   ',
      LOG_LEVEL: undefined,
    });
    expect(settings.port).toBe(8080);
    expect(sources.port).toBe('file');
    expect(settings.host).toBe('0.0.0.0');
    expect(sources.host).toBe('default');
  });

  it('treats empty YAML values and sections as unset', () => {
    const path = file('server:\n  port:\n  host: ""\nlog:\nnautobot: ~\n');
    const { settings, sources } = loadSettings({ ...DEMO, CONFIG_FILE: path });
    expect(settings.port).toBe(7001);
    expect(sources.port).toBe('default');
    expect(settings.host).toBe('0.0.0.0');
  });

  it('accepts an empty YAML file', () => {
    const { settings } = loadSettings({ ...DEMO, CONFIG_FILE: file('# nothing yet\n') });
    expect(settings.port).toBe(7001);
  });

  it('accepts flat dotted keys and YAML aliases', () => {
    const path = file(
      'server.port: 8081\nserver:\n  host: &h 127.0.0.1\nnautobot:\n  url: http://x\n',
    );
    const { settings } = loadSettings({ ...DEMO, CONFIG_FILE: path });
    expect(settings.port).toBe(8081);
    expect(settings.host).toBe('127.0.0.1');

    const aliased = file('defaults: &d\n  port: 8082\nserver: *d\n');
    expect(problemsOf({ ...DEMO, CONFIG_FILE: aliased })[0]).toContain('defaults (from');
  });

  it('returns a frozen Settings instance', () => {
    const { settings } = loadSettings(DEMO);
    expect(settings).toBeInstanceOf(Settings);
    expect(Object.isFrozen(settings)).toBe(true);
  });
});

describe('loadSettings coercion', () => {
  it.each([
    ['8080', 8080],
    [' 8080 ', 8080],
    ['+8080', 8080],
    ['08080', 8080],
  ])('reads int %j from the environment', (raw, expected) => {
    expect(loadSettings({ ...DEMO, PORT: raw }).settings.port).toBe(expected);
  });

  it('reads ints from YAML numbers and strings', () => {
    const path = file('server:\n  port: 8080\n  maxBodyBytes: "2048"\n');
    const { settings } = loadSettings({ ...DEMO, CONFIG_FILE: path });
    expect(settings.port).toBe(8080);
    expect(settings.maxBodyBytes).toBe(2048);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['Yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['NO', false],
  ])('reads bool %j from the environment', (raw, expected) => {
    expect(loadSettings({ ...DEMO, NAUTOBOT_VERIFY_TLS: raw }).settings.nautobotVerifyTls).toBe(
      expected,
    );
  });

  it.each([
    ['false', false],
    ['0', false],
    ['1', true],
    ['"no"', false],
    ['yes', true],
  ])('reads bool %s from YAML', (yamlValue, expected) => {
    const path = file(`nautobot:\n  verifyTls: ${yamlValue}\n`);
    expect(loadSettings({ ...DEMO, CONFIG_FILE: path }).settings.nautobotVerifyTls).toBe(expected);
  });

  it('reads enums case-insensitively', () => {
    expect(loadSettings({ ...DEMO, LOG_LEVEL: 'DEBUG' }).settings.logLevel).toBe('debug');
    const path = file('log:\n  level: Warn\n');
    expect(loadSettings({ ...DEMO, CONFIG_FILE: path }).settings.logLevel).toBe('warn');
  });

  it('keeps the spelling of number-like YAML scalars for string settings', () => {
    // 40 hex digits that YAML would read as a float.
    const token = '1234567890123456789012345678901234567e12';
    const path = file(`nautobot:\n  token: ${token}\nserver:\n  host: 127.0.0.1\n`);
    const { settings } = loadSettings({ ...DEMO, CONFIG_FILE: path });
    expect(settings.nautobotToken).toBe(token);
    expect(settings.host).toBe('127.0.0.1');
  });

  it('trims strings and strips trailing slashes from NAUTOBOT_URL', () => {
    const { settings } = loadSettings({
      NAUTOBOT_URL: ' http://nautobot:8080/// ',
      AUTH_MODE: 'none',
      NAUTOBOT_TOKEN: ` ${TOKEN}\n`,
    });
    expect(settings.nautobotUrl).toBe('http://nautobot:8080');
    expect(settings.nautobotToken).toBe(TOKEN);
  });
});

describe('loadSettings validation', () => {
  it.each([
    ['PORT', 'abc', 'must be an integer between 1 and 65535, got "abc"'],
    ['PORT', '0', 'must be an integer between 1 and 65535, got "0"'],
    ['PORT', '70000', 'must be an integer between 1 and 65535, got "70000"'],
    ['PORT', '80.5', 'must be an integer between 1 and 65535, got "80.5"'],
    ['MAX_BODY_BYTES', '10', 'must be an integer of at least 1024, got "10"'],
    ['HTTP_HEADERS_TIMEOUT_MS', '0', 'must be an integer between 1000 and 600000, got "0"'],
    ['HTTP_REQUEST_TIMEOUT_MS', '5000', 'must be at least HTTP_HEADERS_TIMEOUT_MS (10000)'],
    ['HTTP_KEEPALIVE_TIMEOUT_MS', '0', 'must be an integer between 1000 and 3600000, got "0"'],
    ['HTTP_MAX_HEADER_BYTES', '512', 'must be an integer between 1024 and 1048576, got "512"'],
    ['NAUTOBOT_TIMEOUT_MS', 'abc', 'must be an integer between 100 and 600000, got "abc"'],
    ['NAUTOBOT_TIMEOUT_MS', '99', 'must be an integer between 100 and 600000, got "99"'],
    ['LOG_LEVEL', 'verbose', 'must be one of fatal, error, warn, info, debug, trace'],
    ['NAUTOBOT_VERIFY_TLS', 'maybe', 'must be true or false (1/0 and yes/no work too)'],
    ['DEMO_MODE', 'on', 'must be true or false (1/0 and yes/no work too), got "on"'],
    ['NAUTOBOT_URL', 'nautobot.example.com', 'must be an http(s) URL'],
    ['NAUTOBOT_URL', 'ftp://nautobot.example.com', 'must be an http(s) URL'],
  ])('reports %s=%j with the key and "from environment"', (env, raw, message) => {
    const problems = problemsOf({ ...REAL, [env]: raw });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${env} \\(from environment\\): `));
    expect(problems[0]).toContain(message);
  });

  it('compares the request timeout with the headers timeout as set, from any source', () => {
    const path = file('server:\n  headersTimeoutMs: 3000\n');
    const ok = loadSettings({ ...REAL, CONFIG_FILE: path, HTTP_REQUEST_TIMEOUT_MS: '3000' });
    expect(ok.settings).toMatchObject({ httpHeadersTimeoutMs: 3000, httpRequestTimeoutMs: 3000 });
    expect(problemsOf({ ...REAL, CONFIG_FILE: path, HTTP_REQUEST_TIMEOUT_MS: '2999' })).toEqual([
      'HTTP_REQUEST_TIMEOUT_MS (from environment): must be at least HTTP_HEADERS_TIMEOUT_MS (3000), got "2999"',
    ]);
  });

  it('reports YAML values with the YAML path, file and line', () => {
    const path = file(
      '# settings\nserver:\n  port: 70000\nnautobot:\n  timeoutMs: abc\n  verifyTls: 2\n',
    );
    expect(problemsOf({ ...REAL, CONFIG_FILE: path })).toEqual([
      `server.port (from ${path} line 3): must be an integer between 1 and 65535, got 70000`,
      `nautobot.timeoutMs (from ${path} line 5): must be an integer between 100 and 600000, got "abc"`,
      `nautobot.verifyTls (from ${path} line 6): must be true or false (1/0 and yes/no work too), got 2`,
    ]);
  });

  it('reports every problem on its own line, in table order', () => {
    const problems = problemsOf({ PORT: 'x', LOG_LEVEL: 'loud', NAUTOBOT_TIMEOUT_MS: '1' });
    expect(problems.map((p) => p.split(' ')[0].replace(':', ''))).toEqual([
      'PORT',
      'LOG_LEVEL',
      'NAUTOBOT_URL',
      'NAUTOBOT_TOKEN',
      'NAUTOBOT_TIMEOUT_MS',
      'AUTH_MODE',
    ]);
  });

  it('requires NAUTOBOT_URL and NAUTOBOT_TOKEN unless DEMO_MODE', () => {
    const hint =
      'required unless DEMO_MODE=true — set NAUTOBOT_URL and NAUTOBOT_TOKEN, ' +
      'or run the demo with DEMO_MODE=true (npm run demo)';
    expect(problemsOf({ AUTH_MODE: 'none' })).toEqual([
      `NAUTOBOT_URL: ${hint}`,
      `NAUTOBOT_TOKEN: ${hint}`,
    ]);
    expect(
      problemsOf({ NAUTOBOT_URL: REAL.NAUTOBOT_URL, DEMO_MODE: 'false', AUTH_MODE: 'none' }),
    ).toEqual([`NAUTOBOT_TOKEN: ${hint}`]);
  });

  it('makes URL and token optional in DEMO_MODE but still checks a URL that is set', () => {
    expect(loadSettings(DEMO).settings.demoMode).toBe(true);
    const path = file('demoMode: yes\n');
    expect(loadSettings({ CONFIG_FILE: path }).settings.nautobotUrl).toBeUndefined();
    expect(problemsOf({ ...DEMO, NAUTOBOT_URL: 'not a url' })).toEqual([
      'NAUTOBOT_URL (from environment): must be an http(s) URL such as https://nautobot.example.com, got "not a url"',
    ]);
  });

  it('never prints a secret value', () => {
    const tokenAsList = file(`nautobot:\n  token: [${TOKEN}]\n  url: https://x.example.com\n`);
    const problems = [
      ...problemsOf({ CONFIG_FILE: tokenAsList }),
      ...problemsOf({ ...REAL, PORT: TOKEN, CONFIG_FILE: file(`nautobot:\n  tokn: ${TOKEN}\n`) }),
      ...problemsOf({ CONFIG_FILE: file(`nautobot:\n  token: ${TOKEN}\n  url: [unclosed\n`) }),
      ...problemsOf({ CONFIG_FILE: file(`nautobot:\n  token: "${TOKEN}\n`) }),
      ...problemsOf({ NAUTOBOT_TOKEN: TOKEN, NAUTOBOT_URL: `ftp://me:${TOKEN}@x.example.com` }),
    ];
    expect(problems.length).toBeGreaterThanOrEqual(5);
    expect(problems[0]).toBe(
      `nautobot.token (from ${tokenAsList} line 2): must be a single value, not a list`,
    );
    expect(problems).toContain(
      'PORT (from environment): must be an integer between 1 and 65535, got <redacted>',
    );
    for (const problem of problems) {
      expect(problem).not.toContain(TOKEN);
    }
  });

  it('refuses a NAUTOBOT_URL with a user name or password, which fetch cannot request', () => {
    // The independent truth: Node's fetch (undici) will not build a request for such a
    // URL, so every call would fail as "unreachable" while Nautobot is up.
    for (const url of ['https://svc:hunter2@nautobot.example.com', 'http://svc@nautobot:8080']) {
      expect(() => new Request(url)).toThrow(/credentials/);
      const problems = problemsOf({ ...REAL, NAUTOBOT_URL: url });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^NAUTOBOT_URL \(from environment\): must not contain a user name or password/,
      );
      expect(problems[0]).not.toContain('hunter2');
    }
    expect(() => new Request('https://nautobot.example.com/api/')).not.toThrow();
    expect(() => loadSettings(REAL)).not.toThrow();
  });

  it('masks the password of a URL it prints', () => {
    const [problem] = problemsOf({ ...REAL, NAUTOBOT_URL: 'ftp://me:hunter2@x.example.com' });
    expect(problem).toContain('got "ftp://me:****@x.example.com/"');
    expect(problem).not.toContain('hunter2');
  });
});

describe('loadSettings file checks', () => {
  it('requires NAUTOBOT_CA_FILE to be a readable file', () => {
    const ca = file('-----BEGIN CERTIFICATE-----\n', 'ca.pem');
    expect(loadSettings({ ...REAL, NAUTOBOT_CA_FILE: ca }).settings.nautobotCaFile).toBe(ca);
    expect(problemsOf({ ...REAL, NAUTOBOT_CA_FILE: join(dir, 'nope.pem') })).toEqual([
      `NAUTOBOT_CA_FILE (from environment): must be a readable file (no such file or directory), got "${join(dir, 'nope.pem')}"`,
    ]);
    expect(problemsOf({ ...REAL, NAUTOBOT_CA_FILE: dir })[0]).toContain(
      'must be a readable file (is a directory)',
    );
    expect(problemsOf({ ...REAL, NAUTOBOT_CA_FILE: `${ca}/x` })[0]).toContain(
      'a parent path is not a directory',
    );
  });

  it('requires QUERIES_DIR to be an existing directory', () => {
    const queries = join(dir, 'queries');
    mkdirSync(queries);
    expect(loadSettings({ ...REAL, QUERIES_DIR: queries }).settings.queriesDir).toBe(queries);
    expect(problemsOf({ ...REAL, QUERIES_DIR: join(dir, 'missing') })[0]).toMatch(
      /^QUERIES_DIR \(from environment\): must be a readable directory \(no such file or directory\)/,
    );
    const notDir = file('x', 'not-a-dir.graphql');
    expect(problemsOf({ ...REAL, QUERIES_DIR: notDir })[0]).toContain('(is not a directory)');
  });

  it('requires ORG_CONFIG_FILE to exist, reporting the YAML line when set there', () => {
    const path = file(`org:\n  file: ${join(dir, 'no-org.yaml')}\n`);
    expect(problemsOf({ ...REAL, CONFIG_FILE: path })).toEqual([
      `org.file (from ${path} line 2): must be a readable file (no such file or directory), got "${join(dir, 'no-org.yaml')}"`,
    ]);
  });
});

describe('loadSettings CONFIG_FILE problems', () => {
  it('reports a missing or unreadable CONFIG_FILE', () => {
    const missing = join(dir, 'missing.yaml');
    expect(problemsOf({ ...REAL, CONFIG_FILE: missing })).toEqual([
      `CONFIG_FILE ${missing}: cannot read the file (no such file or directory)`,
    ]);
    expect(problemsOf({ ...REAL, CONFIG_FILE: dir })).toEqual([
      `CONFIG_FILE ${dir}: cannot read the file (is a directory)`,
    ]);
  });

  it('reports bad YAML with line and column', () => {
    const path = file('server:\n  port: 8080\n  host: [oops\nlog: {\n');
    const problems = problemsOf({ ...REAL, CONFIG_FILE: path });
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0]).toMatch(
      new RegExp(`^CONFIG_FILE ${path} line \\d+, col \\d+: invalid YAML: \\S`),
    );
  });

  it('reports duplicate keys as bad YAML', () => {
    const path = file('server:\n  port: 1\n  port: 2\n');
    expect(problemsOf({ ...REAL, CONFIG_FILE: path })[0]).toContain(
      `CONFIG_FILE ${path} line 3, col 3: invalid YAML: Map keys must be unique`,
    );
  });

  it('reports an unknown key with its line and the likely intended key', () => {
    const path = file(`# my settings\nnautobot:\n  url: https://x.example.com\n  tokn: abc\n`);
    expect(problemsOf({ CONFIG_FILE: path, NAUTOBOT_TOKEN: TOKEN, AUTH_MODE: 'none' })).toEqual([
      `nautobot.tokn (from ${path} line 4): unknown setting; did you mean nautobot.token?`,
    ]);
  });

  it('explains unknown keys that are env names, env-only settings or far-off typos', () => {
    const path = file(
      'NAUTOBOT_URL: https://x\nconfigFile: other.yaml\nserver:\n  listenAddressAndPort: x\nwhatever_this_is: 1\ntimeoutMs: 5\n',
    );
    expect(problemsOf({ ...REAL, CONFIG_FILE: path })).toEqual([
      `NAUTOBOT_URL (from ${path} line 1): unknown setting; did you mean nautobot.url? (the file uses YAML paths, not variable names)`,
      `configFile (from ${path} line 2): unknown setting; CONFIG_FILE can only be set in the environment`,
      `server.listenAddressAndPort (from ${path} line 4): unknown setting; server has port, host, maxBodyBytes, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, maxHeaderBytes, publicBaseUrl, corsOrigins, trustProxy, rateLimitPerMin`,
      `whatever_this_is (from ${path} line 5): unknown setting`,
      `timeoutMs (from ${path} line 6): unknown setting; did you mean nautobot.timeoutMs?`,
    ]);
  });

  it('reports values and sections of the wrong shape', () => {
    const path = file(
      'nautobot: https://x.example.com\nserver:\n  port:\n    value: 1\n  host: [a, b]\n',
    );
    expect(problemsOf({ ...REAL, CONFIG_FILE: path })).toEqual([
      `nautobot (from ${path} line 1): must be a mapping with keys url, token, timeoutMs, maxResponseBytes, verifyTls, caFile`,
      `server.port (from ${path} line 3): must be a single value, not a mapping`,
      `server.host (from ${path} line 5): must be a single value, not a list`,
    ]);
  });

  it('reports a setting given twice and non-plain keys', () => {
    const path = file('server.port: 1\nserver:\n  port: 2\n? [a, b]\n: 1\n');
    expect(problemsOf({ ...REAL, CONFIG_FILE: path })).toEqual([
      `server.port (from ${path} line 3): set twice (also on line 1)`,
      `CONFIG_FILE ${path} line 4: keys must be plain names`,
    ]);
  });

  it('requires the top level to be a mapping', () => {
    const path = file('- port: 1\n');
    expect(problemsOf({ ...REAL, CONFIG_FILE: path })).toEqual([
      `CONFIG_FILE ${path} line 1: must be a mapping of settings, e.g. "nautobot:" with "url:" under it`,
    ]);
  });

  it('reports file-shape problems together with validation problems', () => {
    const path = file('server:\n  prot: 1\n');
    const problems = problemsOf({ ...REAL, CONFIG_FILE: path, LOG_LEVEL: 'x' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('server.prot');
    expect(problems[1]).toContain('LOG_LEVEL (from environment)');
  });
});

describe('loadStdioSettings', () => {
  it('defaults AUTH_MODE to none, and keeps an explicit one', async () => {
    const { loadStdioSettings } = await import('./settings.loader.js');
    const base = { NAUTOBOT_URL: 'https://nautobot.example.com', NAUTOBOT_TOKEN: 'a'.repeat(40) };
    expect(loadStdioSettings(base).settings.authMode).toEqual(['none']);
    expect(loadStdioSettings({ ...base, AUTH_MODE: '' }).settings.authMode).toEqual(['none']);
    expect(
      loadStdioSettings({ ...base, AUTH_MODE: 'api_key', API_KEYS: 'k=0123456789abcdefghij' })
        .settings.authMode,
    ).toEqual(['api_key']);
  });
});
