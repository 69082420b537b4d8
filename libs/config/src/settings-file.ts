import { isAlias, isMap, isScalar, type YAMLMap } from 'yaml';
import { SETTING_SPECS } from './setting-specs.js';
import { yamlLeafValue } from './setting-values.js';
import type { Settings } from './settings.js';
import { readYamlFile, scalarToString, type YamlFile } from './yaml-file.js';

/** A value read from the YAML file; `invalid` when its shape was wrong (already reported). */
export interface FileValue {
  readonly line: number;
  readonly value?: unknown;
  readonly invalid?: true;
}

const SPEC_BY_YAML = new Map(
  SETTING_SPECS.flatMap((spec) => (spec.yaml ? [[spec.yaml, spec] as const] : [])),
);
const SECTIONS = new Set(
  [...SPEC_BY_YAML.keys()].flatMap((path) =>
    path
      .split('.')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  ),
);

/**
 * Reads the YAML settings file named by CONFIG_FILE into values per setting. Unreadable or
 * unparsable files give `values: undefined`; unknown keys and wrongly shaped values are
 * problems too (one line each), but the other values are still returned.
 */
export function readSettingsFile(path: string): {
  values?: Map<keyof Settings, FileValue>;
  problems: string[];
} {
  const { file, problems } = readYamlFile('CONFIG_FILE', path);
  if (!file) {
    return { problems };
  }
  const values = new Map<keyof Settings, FileValue>();
  const shape: string[] = [];
  collectFileValues(file, values, shape);
  return { values, problems: shape };
}

function collectFileValues(
  file: YamlFile,
  out: Map<keyof Settings, FileValue>,
  problems: string[],
): void {
  const root = file.doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    return;
  }
  if (!isMap(root)) {
    problems.push(
      `CONFIG_FILE ${file.path} line ${file.lineOf(root) ?? 1}: ` +
        'must be a mapping of settings, e.g. "nautobot:" with "url:" under it',
    );
    return;
  }
  walk(root, '');

  function walk(map: YAMLMap, prefix: string): void {
    for (const pair of map.items) {
      const key = scalarToString(pair.key);
      const line = file.lineOf(pair.key) ?? file.lineOf(map) ?? 1;
      if (key === undefined) {
        problems.push(`CONFIG_FILE ${file.path} line ${line}: keys must be plain names`);
        continue;
      }
      const path = prefix === '' ? key : `${prefix}.${key}`;
      const at = `${path} (from ${file.path} line ${line})`;
      const node = isAlias(pair.value) ? pair.value.resolve(file.doc) : pair.value;
      const spec = SPEC_BY_YAML.get(path);
      if (spec) {
        const earlier = out.get(spec.key);
        if (earlier) {
          problems.push(`${at}: set twice (also on line ${earlier.line})`);
          continue;
        }
        const leaf = yamlLeafValue(spec, node, file);
        if ('problem' in leaf) {
          problems.push(`${at}: ${leaf.problem}`);
          out.set(spec.key, { line, invalid: true });
        } else if (leaf.value !== undefined) {
          out.set(spec.key, { line, value: leaf.value });
        }
      } else if (SECTIONS.has(path)) {
        if (isMap(node)) {
          walk(node, path);
        } else if (node != null && !(isScalar(node) && node.value === null)) {
          problems.push(`${at}: must be a mapping with keys ${childrenOf(path).join(', ')}`);
        }
      } else {
        problems.push(`${at}: unknown setting${suggestion(path)}`);
      }
    }
  }
}

function childrenOf(section: string): string[] {
  return [...SPEC_BY_YAML.keys(), ...SECTIONS]
    .filter((path) => path.startsWith(`${section}.`))
    .map((path) => path.slice(section.length + 1))
    .filter((rest) => !rest.includes('.'));
}

/** A hint for an unknown YAML key: the likely intended path. */
function suggestion(path: string): string {
  const last = path.split('.').pop() ?? path;
  const byEnv = SETTING_SPECS.find((spec) => spec.env === last);
  const byKey = SETTING_SPECS.find((spec) => spec.key === last);
  const byLeaf = SETTING_SPECS.find((spec) => spec.yaml?.split('.').pop() === last);
  const named = byEnv ?? byKey ?? byLeaf;
  if (named && !named.yaml) {
    return `; ${named.env} can only be set in the environment`;
  }
  if (named?.yaml) {
    const why = byEnv ? ' (the file uses YAML paths, not variable names)' : '';
    return `; did you mean ${named.yaml}?${why}`;
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of [...SPEC_BY_YAML.keys(), ...SECTIONS]) {
    const distance = editDistance(path.toLowerCase(), known.toLowerCase());
    if (distance < bestDistance) {
      [best, bestDistance] = [known, distance];
    }
  }
  if (best !== undefined && bestDistance <= 3) {
    return `; did you mean ${best}?`;
  }
  const section = path.split('.').slice(0, -1).join('.');
  return SECTIONS.has(section) ? `; ${section} has ${childrenOf(section).join(', ')}` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
