import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfigModule } from './app-config.module.js';
import { ORG_CONFIG, SETTINGS } from './config.constants.js';
import { InjectOrgConfig, InjectSettings } from './inject-config.decorator.js';
import { OrgConfig } from './org-config.js';
import { SETTING_SPECS } from './setting-specs.js';
import { SettingsError } from './settings.error.js';
import { loadSettings } from './settings.loader.js';
import type { Settings } from './settings.js';

@Injectable()
class Consumer {
  constructor(
    @InjectSettings() readonly settings: Settings,
    @InjectOrgConfig() readonly org: OrgConfig,
  ) {}
}

const dir = mkdtempSync(join(tmpdir(), 'nautobot-mcp-module-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const orgFile = join(dir, 'org.yaml');
writeFileSync(orgFile, 'locationAliases:\n  ams: AMS01\n');

describe('AppConfigModule', () => {
  it('provides the given settings, the org config and ConfigService', async () => {
    const loaded = loadSettings({ DEMO_MODE: 'true', PORT: '8080', ORG_CONFIG_FILE: orgFile });
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(loaded)],
      providers: [Consumer],
    }).compile();

    expect(moduleRef.get(SETTINGS)).toBe(loaded.settings);
    const org = moduleRef.get<OrgConfig>(ORG_CONFIG);
    expect(org).toBeInstanceOf(OrgConfig);
    expect(org.resolveLocation('AMS')).toBe('AMS01');

    const consumer = moduleRef.get(Consumer);
    expect(consumer.settings).toBe(loaded.settings);
    expect(consumer.org).toBe(org);

    const config = moduleRef.get(ConfigService);
    expect(config.get<number>('port')).toBe(8080);
    expect(config.get<boolean>('demoMode')).toBe(true);
    // ConfigService serves validated settings only, not raw environment variables.
    expect(config.get('PATH')).toBeUndefined();
    await moduleRef.close();
  });

  it('provides an empty org config without ORG_CONFIG_FILE', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(loadSettings({ DEMO_MODE: 'true' }))],
    }).compile();
    const org = moduleRef.get<OrgConfig>(ORG_CONFIG);
    expect(Object.keys(org.aliases)).toEqual([]);
    expect(org.namingSchemas).toEqual([]);
    await moduleRef.close();
  });

  describe('without loaded settings', () => {
    const saved = new Map(SETTING_SPECS.map((spec) => [spec.env, process.env[spec.env]]));
    beforeEach(() => {
      for (const env of saved.keys()) {
        delete process.env[env];
      }
    });
    afterEach(() => {
      for (const [env, value] of saved) {
        if (value === undefined) {
          delete process.env[env];
        } else {
          process.env[env] = value;
        }
      }
    });

    it('reads the settings from process.env when the app is created', async () => {
      const dynamicModule = AppConfigModule.forRoot();
      process.env.DEMO_MODE = 'true';
      process.env.NAUTOBOT_TIMEOUT_MS = '2500';
      const moduleRef = await Test.createTestingModule({ imports: [dynamicModule] }).compile();
      const settings = moduleRef.get<Settings>(SETTINGS);
      expect(settings.nautobotTimeoutMs).toBe(2500);
      expect(moduleRef.get(ConfigService).get<number>('nautobotTimeoutMs')).toBe(2500);
      await moduleRef.close();
    });

    it('fails app creation with a SettingsError on invalid settings', async () => {
      process.env.PORT = 'abc';
      await expect(
        Test.createTestingModule({ imports: [AppConfigModule.forRoot()] }).compile(),
      ).rejects.toThrow(SettingsError);
    });
  });

  it('fails app creation with a SettingsError on a bad org file', async () => {
    const badOrg = join(dir, 'bad-org.yaml');
    writeFileSync(badOrg, 'aliases: {}\n');
    const loaded = loadSettings({ DEMO_MODE: 'true', ORG_CONFIG_FILE: badOrg });
    await expect(
      Test.createTestingModule({ imports: [AppConfigModule.forRoot(loaded)] }).compile(),
    ).rejects.toThrow(`ORG_CONFIG_FILE ${badOrg} line 1, aliases: unknown key`);
  });
});
