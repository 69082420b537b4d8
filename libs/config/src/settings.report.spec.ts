import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTING_SPECS } from './setting-specs.js';
import { loadSettings } from './settings.loader.js';
import { displayValue, formatSettingsReport } from './settings.report.js';

const TOKEN = 'abcdef0123456789abcdef0123456789abcdef01';

describe('formatSettingsReport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nautobot-mcp-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, `nautobot:\n  token: ${TOKEN}\nlog:\n  level: debug\n`);
  const report = formatSettingsReport(
    loadSettings({
      CONFIG_FILE: configFile,
      NAUTOBOT_URL: 'https://nautobot.example.com/',
      PORT: '8080',
      AUTH_MODE: 'api_key',
    }),
  );
  const lines = report.split('\n');
  const line = (env: string): string => lines.find((l) => l.startsWith(`${env} `)) ?? '';

  it('has a header and one line per setting, with aligned columns', () => {
    expect(lines).toHaveLength(SETTING_SPECS.length + 1);
    expect(lines[0]).toMatch(/^SETTING +VALUE +SOURCE$/);
    const valueColumn = lines[0].indexOf('VALUE');
    const sourceColumn = lines[0].indexOf('SOURCE');
    for (const [i, spec] of SETTING_SPECS.entries()) {
      const row = lines[i + 1];
      expect(row.startsWith(`${spec.env} `)).toBe(true);
      expect(row[valueColumn - 1]).toBe(' ');
      expect(row[valueColumn]).not.toBe(' ');
      expect(row[sourceColumn - 1]).toBe(' ');
      expect(row[sourceColumn]).not.toBe(' ');
    }
  });

  it('shows each value and where it came from', () => {
    expect(line('PORT')).toMatch(/^PORT +8080 +env$/);
    expect(line('HOST')).toMatch(/^HOST +0\.0\.0\.0 +default$/);
    expect(line('LOG_LEVEL')).toMatch(new RegExp(`^LOG_LEVEL +debug +${configFile}$`));
    expect(line('NAUTOBOT_VERIFY_TLS')).toMatch(/ true +default$/);
    expect(line('NAUTOBOT_CA_FILE')).toMatch(/^NAUTOBOT_CA_FILE +<not set> +default$/);
  });

  it('never shows any part of a secret', () => {
    expect(line('NAUTOBOT_TOKEN')).toMatch(
      new RegExp(`^NAUTOBOT_TOKEN +<set, 40 chars> +${configFile}$`),
    );
    expect(report).not.toContain(TOKEN);
    for (let i = 0; i + 8 <= TOKEN.length; i++) {
      expect(report).not.toContain(TOKEN.slice(i, i + 8));
    }
    // A URL with a password is refused at load (settings.loader.spec.ts), with it masked.
    expect(line('NAUTOBOT_URL')).toMatch(/^NAUTOBOT_URL +https:\/\/nautobot\.example\.com +env$/);
  });

  it('shows an unset secret as not set', () => {
    expect(formatSettingsReport(loadSettings({ DEMO_MODE: 'true' }))).toMatch(
      /^NAUTOBOT_TOKEN +<not set> +default$/m,
    );
  });
});

describe('displayValue', () => {
  const spec = SETTING_SPECS[0];
  it('joins lists and marks empty ones', () => {
    expect(displayValue(spec, ['a', 'b'] as never)).toBe('a,b');
    expect(displayValue(spec, [] as never)).toBe('<empty list>');
  });

  it('leaves URLs without a password alone', () => {
    expect(displayValue(spec, 'https://user@x.example.com')).toBe('https://user@x.example.com');
  });
});
