import { isAlias, isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { SettingSpec } from './setting-specs.js';
import { scalarToString, type YamlFile } from './yaml-file.js';

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

/** A trimmed value, or undefined for unset, empty or blank. */
export function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Converts a raw value to the setting's type; leaves it unchanged when it cannot, so validation reports it. */
export function coerceSettingValue(spec: SettingSpec, raw: unknown): unknown {
  if (typeof raw !== 'string') {
    if (spec.type === 'bool' && (raw === 0 || raw === 1)) {
      return raw === 1;
    }
    return raw;
  }
  switch (spec.type) {
    case 'string':
      return raw;
    case 'int':
      return /^[+-]?\d+$/.test(raw) ? Number(raw) : raw;
    case 'bool': {
      const word = raw.toLowerCase();
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : raw;
    }
    case 'enum':
      return spec.enumValues?.find((v) => v.toLowerCase() === raw.toLowerCase()) ?? raw;
    case 'list':
      return raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
  }
}

/** Hides the password of a URL with credentials (`https://user:pw@host`). */
export function maskUrlPassword(value: string): string {
  if (!value.includes('@') || !URL.canParse(value)) {
    return value;
  }
  const url = new URL(value);
  if (url.password === '') {
    return value;
  }
  url.password = '****';
  return url.toString();
}

/** The value of a leaf node, or why its shape is wrong. */
export function yamlLeafValue(
  spec: SettingSpec,
  node: unknown,
  file: YamlFile,
): { value?: unknown } | { problem: string } {
  if (node == null) {
    return {};
  }
  if (isScalar(node)) {
    return { value: scalarValue(spec, node) };
  }
  if (isSeq(node) && spec.type === 'list') {
    const items: string[] = [];
    for (const item of node.items) {
      const resolved = isAlias(item) ? item.resolve(file.doc) : item;
      const text = isScalar(resolved) ? scalarText(resolved) : undefined;
      if (text === undefined) {
        return { problem: 'must be a list of plain values' };
      }
      items.push(text);
    }
    return { value: items };
  }
  if (spec.type === 'list') {
    return { problem: 'must be a list or a comma-separated string, not a mapping' };
  }
  return { problem: `must be a single value, not a ${isMap(node) ? 'mapping' : 'list'}` };
}

function scalarValue(spec: SettingSpec, node: Scalar): unknown {
  const { value } = node;
  if (typeof value === 'string' || spec.type === 'string' || spec.type === 'enum') {
    return scalarText(node);
  }
  return value === null ? undefined : value;
}

/** A scalar as text, keeping a plain scalar's own spelling (`token: 0123` stays "0123"). */
function scalarText(node: Scalar): string | undefined {
  const text = typeof node.value === 'string' ? node.value : (node.source ?? scalarToString(node));
  return node.value === null || text === undefined ? undefined : present(text);
}
