import * as config from '@nautobot-mcp/config';

describe('@nautobot-mcp/config public API', () => {
  it('exports the module, tokens, decorators, loaders and the settings table', () => {
    expect(Object.keys(config).sort()).toEqual(
      [
        'AppConfigModule',
        'InjectOrgConfig',
        'InjectSettings',
        'LOG_LEVELS',
        'ORG_CONFIG',
        'OrgConfig',
        'SETTINGS',
        'SETTING_SPECS',
        'Settings',
        'SettingsError',
        'formatSettingsReport',
        'loadOrgConfig',
        'loadSettings',
      ].sort(),
    );
  });
});
