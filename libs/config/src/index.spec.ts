import * as config from '@nautobot-mcp/config';

describe('@nautobot-mcp/config public API', () => {
  it('exports the module, tokens, decorators, loaders and the settings table', () => {
    expect(Object.keys(config).sort()).toEqual(
      [
        'AUTH_MODES',
        'AppConfigModule',
        'InjectOrgConfig',
        'InjectSettings',
        'LOG_LEVELS',
        'OIDC_ALGORITHMS',
        'ORG_CONFIG',
        'OrgConfig',
        'SETTINGS',
        'SETTING_SPECS',
        'Settings',
        'SettingsError',
        'formatSettingsReport',
        'loadOrgConfig',
        'loadSettings',
        'loadStdioSettings',
        'readYamlFile',
      ].sort(),
    );
  });
});
