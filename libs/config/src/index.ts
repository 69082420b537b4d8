/** Global Nest module providing SETTINGS, ORG_CONFIG and ConfigService. */
export { AppConfigModule } from './app-config.module.js';
/** Injection tokens of the validated Settings and of the OrgConfig. */
export { ORG_CONFIG, SETTINGS } from './config.constants.js';
/** Parameter/property decorators injecting Settings and OrgConfig. */
export { InjectOrgConfig, InjectSettings } from './inject-config.decorator.js';
/** Reads, merges (env > CONFIG_FILE > defaults) and validates the settings. */
export { loadSettings, loadStdioSettings } from './settings.loader.js';
/** Settings with the source of each value, as returned by loadSettings. */
export type { LoadedSettings, SettingSource } from './settings.loader.js';
/** Thrown for invalid settings or org files; `problems` has one line per problem. */
export { SettingsError } from './settings.error.js';
/** The validated settings object (class-validator schema). */
export { Settings } from './settings.js';
/** The declarative table of every setting: env name, YAML path, type, default, description. */
export { LOG_LEVELS, SETTING_SPECS } from './setting-specs.js';
/** Types of the settings table rows. */
export type { LogLevel, SettingSpec, SettingType } from './setting-specs.js';
/** The check-config report: one aligned line per setting, secrets never shown. */
export { formatSettingsReport } from './settings.report.js';
/** The org customisation: location aliases and device naming schemas. */
export { OrgConfig } from './org-config.js';
/** Types of naming schemas and parsed device names. */
export type { NamingSchema, ParsedName } from './org-config.js';
/** Reads ORG_CONFIG_FILE into an OrgConfig. */
export { loadOrgConfig } from './org-config.loader.js';
/** Reads a YAML file keeping line numbers, for start-up errors that name file and line. */
export { readYamlFile, type YamlFile } from './yaml-file.js';
/** Credential kinds and JWT algorithms the settings accept. */
export { AUTH_MODES, OIDC_ALGORITHMS } from './settings.js';
