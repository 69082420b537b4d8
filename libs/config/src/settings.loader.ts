import { validateSync } from 'class-validator';
import { SETTING_SPECS, specOf, type SettingSpec } from './setting-specs.js';
import { coerceSettingValue, maskUrlPassword, present } from './setting-values.js';
import { readSettingsFile, type FileValue } from './settings-file.js';
import { SettingsError } from './settings.error.js';
import { Settings } from './settings.js';

/** Where a setting's effective value came from. */
export type SettingSource = 'env' | 'file' | 'default';

/** The validated settings plus where each value came from. */
export interface LoadedSettings {
  readonly settings: Settings;
  readonly sources: Record<keyof Settings, SettingSource>;
  /** The YAML settings file that was read, if CONFIG_FILE was set. */
  readonly configFile?: string;
}

type Env = Record<string, string | undefined>;

interface Origin {
  readonly source: SettingSource;
  readonly raw: unknown;
  readonly line?: number;
  readonly invalid?: true;
}

/**
 * Reads the settings from `env` and the YAML file that `env.CONFIG_FILE` names, merges them
 * (environment > file > defaults), coerces and validates them against {@link Settings}.
 * Empty or blank variables count as unset; values are trimmed.
 *
 * @throws SettingsError listing every problem, one line each.
 */
export function loadSettings(env: Env = process.env): LoadedSettings {
  const configFile = present(env[specOf('configFile').env]);
  const problems: string[] = [];
  let fileValues = new Map<keyof Settings, FileValue>();
  if (configFile !== undefined) {
    const file = readSettingsFile(configFile);
    if (!file.values) {
      throw new SettingsError(file.problems);
    }
    fileValues = file.values;
    problems.push(...file.problems);
  }

  const origins = {} as Record<keyof Settings, Origin>;
  const values: Record<string, unknown> = {};
  for (const spec of SETTING_SPECS) {
    const fromEnv = present(env[spec.env]);
    const fromFile = fileValues.get(spec.key);
    const origin: Origin =
      fromEnv !== undefined
        ? { source: 'env', raw: fromEnv }
        : fromFile
          ? { source: 'file', raw: fromFile.value, line: fromFile.line, invalid: fromFile.invalid }
          : { source: 'default', raw: spec.default };
    origins[spec.key] = origin;
    values[spec.key] = coerceSettingValue(spec, origin.raw);
  }

  const settings: Settings = Object.assign(new Settings(), values);
  const errors = validateSync(settings, { skipMissingProperties: true, forbidUnknownValues: true });
  const failed = new Map(errors.map((error) => [error.property, error]));
  const secrets = SETTING_SPECS.flatMap((spec) => {
    const raw = origins[spec.key].raw;
    return spec.secret && typeof raw === 'string' ? [raw] : [];
  });
  for (const spec of SETTING_SPECS) {
    const error = failed.get(spec.key);
    const origin = origins[spec.key];
    if (!error?.constraints || origin.invalid) {
      continue;
    }
    const reasons = [...new Set(Object.values(error.constraints))].join('; ');
    problems.push(
      `${where(spec, origin, configFile)}: ${reasons}${got(spec, origin.raw, secrets)}`,
    );
  }
  if (problems.length > 0) {
    throw new SettingsError(problems);
  }

  if (settings.nautobotUrl !== undefined) {
    settings.nautobotUrl = settings.nautobotUrl.replace(/\/+$/, '');
  }
  const sources = Object.fromEntries(
    SETTING_SPECS.map((spec) => [spec.key, origins[spec.key].source]),
  ) as Record<keyof Settings, SettingSource>;
  return { settings: Object.freeze(settings), sources, configFile };
}

/** How a problem names a setting: its name in the place its value came from. */
function where(spec: SettingSpec, origin: Origin, configFile: string | undefined): string {
  switch (origin.source) {
    case 'env':
      return `${spec.env} (from environment)`;
    case 'file':
      return `${spec.yaml} (from ${configFile} line ${origin.line})`;
    case 'default':
      return origin.raw === undefined ? spec.env : `${spec.env} (default)`;
  }
}

/**
 * The offending value for a problem line: nothing for a secret setting, and `<redacted>`
 * when a secret was pasted into another setting.
 */
function got(spec: SettingSpec, raw: unknown, secrets: readonly string[]): string {
  if (spec.secret || raw === undefined) {
    return '';
  }
  if (typeof raw === 'string' && secrets.some((secret) => raw.includes(secret))) {
    return ', got <redacted>';
  }
  return `, got ${JSON.stringify(typeof raw === 'string' ? maskUrlPassword(raw) : raw)}`;
}

/**
 * Settings for the stdio MCP door: the same as {@link loadSettings}, except that
 * AUTH_MODE defaults to `none`. stdio opens no network door; the local user who
 * launches the process is the caller, so there is nothing to authenticate.
 */
export function loadStdioSettings(env: Env = process.env): LoadedSettings {
  const authMode = env[specOf('authMode').env];
  return loadSettings(
    authMode === undefined || authMode === '' ? { ...env, AUTH_MODE: 'none' } : env,
  );
}
