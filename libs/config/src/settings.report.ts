import { SETTING_SPECS, type SettingSpec } from './setting-specs.js';
import type { Settings } from './settings.js';
import { maskUrlPassword } from './setting-values.js';
import type { LoadedSettings } from './settings.loader.js';

/** A setting's effective value for people to read; secrets show only whether they are set. */
export function displayValue(spec: SettingSpec, value: Settings[keyof Settings]): string {
  if (value === undefined) {
    return '<not set>';
  }
  if (spec.secret) {
    return `<set, ${String(value).length} chars>`;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? '<empty list>' : value.join(',');
  }
  return maskUrlPassword(String(value));
}

/**
 * The `check-config` report: a header, then one line per setting with its environment
 * name, effective value (secrets never shown) and source (env, the YAML file, or default).
 */
export function formatSettingsReport(loaded: LoadedSettings): string {
  const rows = SETTING_SPECS.map((spec) => {
    const source = loaded.sources[spec.key];
    return [
      spec.env,
      displayValue(spec, loaded.settings[spec.key]),
      source === 'file' ? (loaded.configFile ?? 'file') : source,
    ];
  });
  const table = [['SETTING', 'VALUE', 'SOURCE'], ...rows];
  const widths = [0, 1].map((column) => Math.max(...table.map((row) => row[column].length)));
  return table
    .map(([name, value, source]) =>
      `${name.padEnd(widths[0])}  ${value.padEnd(widths[1])}  ${source}`.trimEnd(),
    )
    .join('\n');
}
