import { parseDocument } from 'yaml';
import type { SettingSpec } from './setting-specs.js';
import { coerceSettingValue, maskUrlPassword, present, yamlLeafValue } from './setting-values.js';
import type { YamlFile } from './yaml-file.js';

// No setting is a list yet; later ones (e.g. allowed tool sets) will be.
const LIST: SettingSpec = {
  key: 'host',
  env: 'TEST_LIST',
  yaml: 'test.list',
  type: 'list',
  description: 'A test list.',
  secret: false,
};

function leaf(spec: SettingSpec, yaml: string): ReturnType<typeof yamlLeafValue> {
  const doc = parseDocument(`v: ${yaml}\n`);
  const file: YamlFile = { path: 'test.yaml', doc, lineOf: () => 1 };
  return yamlLeafValue(spec, doc.get('v', true), file);
}

describe('coerceSettingValue', () => {
  it('splits comma-separated lists, trimming and dropping empty items', () => {
    expect(coerceSettingValue(LIST, ' a, b ,,c ')).toEqual(['a', 'b', 'c']);
    expect(coerceSettingValue(LIST, ['x'])).toEqual(['x']);
  });

  it('leaves values it cannot convert unchanged for validation to report', () => {
    expect(coerceSettingValue({ ...LIST, type: 'int' }, '1e3')).toBe('1e3');
    expect(coerceSettingValue({ ...LIST, type: 'bool' }, 2)).toBe(2);
    expect(coerceSettingValue({ ...LIST, type: 'enum', enumValues: ['a'] }, 'b')).toBe('b');
    expect(coerceSettingValue({ ...LIST, type: 'enum' }, 'b')).toBe('b');
  });
});

describe('yamlLeafValue', () => {
  it('reads YAML lists of scalars, keeping their spelling', () => {
    expect(leaf(LIST, '[a, 0123, true]')).toEqual({ value: ['a', '0123', 'true'] });
    expect(leaf(LIST, 'a, b')).toEqual({ value: 'a, b' });
  });

  it('follows aliases inside lists', () => {
    const doc = parseDocument('x: &a one\nv: [*a, two]\n');
    const file: YamlFile = { path: 'test.yaml', doc, lineOf: () => 1 };
    expect(yamlLeafValue(LIST, doc.get('v', true), file)).toEqual({ value: ['one', 'two'] });
  });

  it('rejects lists of non-scalars and mappings for list settings', () => {
    expect(leaf(LIST, '[[a], b]')).toEqual({ problem: 'must be a list of plain values' });
    expect(leaf(LIST, '[~]')).toEqual({ problem: 'must be a list of plain values' });
    expect(leaf(LIST, '{a: 1}')).toEqual({
      problem: 'must be a list or a comma-separated string, not a mapping',
    });
  });

  it('treats a missing node as unset', () => {
    const file = { path: 'x', doc: parseDocument(''), lineOf: () => 1 };
    expect(yamlLeafValue(LIST, undefined, file)).toEqual({});
  });
});

describe('present', () => {
  it('trims and turns empty into undefined', () => {
    expect(present(' a ')).toBe('a');
    expect(present(' \t')).toBeUndefined();
    expect(present(undefined)).toBeUndefined();
  });
});

describe('maskUrlPassword', () => {
  it('hides only URL passwords', () => {
    expect(maskUrlPassword('https://u:p@x.example.com/a')).toBe('https://u:****@x.example.com/a');
    expect(maskUrlPassword('not a url @ all')).toBe('not a url @ all');
    expect(maskUrlPassword('https://x.example.com')).toBe('https://x.example.com');
  });
});
