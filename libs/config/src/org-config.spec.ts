import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrgConfig } from './org-config.loader.js';
import { OrgConfig } from './org-config.js';
import { SettingsError } from './settings.error.js';

const dir = mkdtempSync(join(tmpdir(), 'nautobot-mcp-org-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
function file(text: string): string {
  const path = join(dir, `org-${++fileCount}.yaml`);
  writeFileSync(path, text);
  return path;
}

function problemsOf(path: string): string[] {
  try {
    loadOrgConfig(path);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as SettingsError).problems;
  }
  throw new Error('expected loadOrgConfig to throw a SettingsError');
}

const EXAMPLE = `locationAliases:          # alias -> Nautobot location name
  ams: AMS01
  Amsterdam: AMS01
  fra: FRA01
namingSchemas:
  - name: dc-fabric
    pattern: '^(?<site>[a-z]{3}\\d{2})-(?<role>[a-z]+)(?<index>\\d+)$'
  - name: any-with-site
    pattern: '^(?<site>[a-z]{3}\\d{2})(?:-(?<rest>.+))?$'
`;

describe('OrgConfig', () => {
  const org = loadOrgConfig(file(EXAMPLE));

  it('resolves aliases case-insensitively and leaves other values unchanged', () => {
    expect(org.resolveLocation('ams')).toBe('AMS01');
    expect(org.resolveLocation('AMS')).toBe('AMS01');
    expect(org.resolveLocation('amsterdam')).toBe('AMS01');
    expect(org.resolveLocation(' Fra ')).toBe('FRA01');
    expect(org.resolveLocation('LON01')).toBe('LON01');
    expect(org.aliases).toEqual({ ams: 'AMS01', amsterdam: 'AMS01', fra: 'FRA01' });
    // Only aliases resolve, not object built-ins.
    expect(org.resolveLocation('constructor')).toBe('constructor');
    expect(org.resolveLocation('__proto__')).toBe('__proto__');
  });

  it('parses device names with the first matching naming schema', () => {
    expect(org.parseName('ams01-leaf12')).toEqual({
      schema: 'dc-fabric',
      parts: { site: 'ams01', role: 'leaf', index: '12' },
    });
    expect(org.parseName('fra01-core-a')).toEqual({
      schema: 'any-with-site',
      parts: { site: 'fra01', rest: 'core-a' },
    });
    // An optional group that did not take part is left out, not undefined.
    expect(org.parseName('fra01')).toEqual({ schema: 'any-with-site', parts: { site: 'fra01' } });
    expect(org.parseName('printer-3rd-floor')).toBeUndefined();
    expect(org.namingSchemas.map((s) => s.name)).toEqual(['dc-fabric', 'any-with-site']);
  });

  it('keeps aliases named like object built-ins', () => {
    const odd = loadOrgConfig(
      file('locationAliases:\n  __proto__: PROTO01\n  constructor: CON01\n'),
    );
    expect(odd.resolveLocation('__PROTO__')).toBe('PROTO01');
    expect(odd.resolveLocation('Constructor')).toBe('CON01');
  });

  it('accepts namingSchemas as a mapping of name to pattern', () => {
    const mapped = loadOrgConfig(file("namingSchemas:\n  edge: '^(?<site>\\w+)-edge$'\n"));
    expect(mapped.parseName('lon01-edge')).toEqual({ schema: 'edge', parts: { site: 'lon01' } });
  });

  it('is empty without a file, for an empty file or for empty sections', () => {
    for (const org of [
      OrgConfig.empty(),
      loadOrgConfig(undefined),
      loadOrgConfig(''),
      loadOrgConfig(file('# nothing\n')),
      loadOrgConfig(file('locationAliases:\nnamingSchemas:\n')),
    ]) {
      expect(Object.keys(org.aliases)).toEqual([]);
      expect(org.namingSchemas).toEqual([]);
      expect(org.resolveLocation('ams')).toBe('ams');
      expect(org.parseName('ams01-leaf1')).toBeUndefined();
    }
  });

  it('can be built directly and is immutable', () => {
    const org = new OrgConfig({ AMS: 'AMS01' }, [{ name: 's', pattern: /^(?<x>.)$/ }]);
    expect(org.resolveLocation('ams')).toBe('AMS01');
    expect(org.parseName('a')).toEqual({ schema: 's', parts: { x: 'a' } });
    expect(Object.isFrozen(org)).toBe(true);
    expect(Object.isFrozen(org.aliases)).toBe(true);
    expect(Object.isFrozen(org.namingSchemas)).toBe(true);
  });
});

describe('loadOrgConfig problems', () => {
  it('names the file, line and key of an invalid regular expression', () => {
    const path = file(
      [
        'locationAliases:',
        '  ams: AMS01',
        'namingSchemas:',
        '  - name: dc-fabric',
        "    pattern: '^(?<site>[a-z]{3})$'",
        '  - name: broken',
        "    pattern: '^(?<site>[a-z]{3}$'",
        '',
      ].join('\n'),
    );
    expect(problemsOf(path)).toEqual([
      `ORG_CONFIG_FILE ${path} line 7, namingSchemas[1].pattern: invalid regular expression: /^(?<site>[a-z]{3}$/: Unterminated group`,
    ]);
  });

  it('requires a named group in each pattern', () => {
    const path = file("namingSchemas:\n  plain: '^([a-z]+)\\d+$'\n");
    expect(problemsOf(path)).toEqual([
      `ORG_CONFIG_FILE ${path} line 2, namingSchemas.plain: needs at least one named group, e.g. (?<site>[a-z]{3}\\d{2})`,
    ]);
  });

  it('rejects alias targets that are not strings', () => {
    const path = file('locationAliases:\n  ams: AMS01\n  fra: 1\n  lon: [LON01]\n  par:\n');
    expect(problemsOf(path)).toEqual([
      `ORG_CONFIG_FILE ${path} line 3, locationAliases.fra: must be a location name (a string) (quote it if it is a number)`,
      `ORG_CONFIG_FILE ${path} line 4, locationAliases.lon: must be a location name (a string)`,
      `ORG_CONFIG_FILE ${path} line 5, locationAliases.par: must be a location name (a string)`,
    ]);
  });

  it('rejects aliases that differ only in case but point elsewhere', () => {
    const path = file('locationAliases:\n  ams: AMS01\n  AMS: AMS02\n  Ams: AMS01\n');
    expect(problemsOf(path)).toEqual([
      `ORG_CONFIG_FILE ${path} line 3, locationAliases.AMS: clashes with alias "ams" on line 2 (aliases ignore case)`,
    ]);
  });

  it('rejects unknown keys at the top level and in schemas', () => {
    const path = file(
      "locationAliases: {}\nnamingSchema: []\nnamingSchemas:\n  - name: a\n    patern: '(?<x>a)'\n",
    );
    expect(problemsOf(path)).toEqual([
      `ORG_CONFIG_FILE ${path} line 2, namingSchema: unknown key; expected locationAliases or namingSchemas`,
      `ORG_CONFIG_FILE ${path} line 5, namingSchemas[0].patern: unknown key; expected name and pattern`,
      `ORG_CONFIG_FILE ${path} line 4, namingSchemas[0].pattern: is required: a regular expression string`,
    ]);
  });

  it('reports schemas without a name, duplicate names and empty patterns', () => {
    const path = file(
      [
        'namingSchemas:',
        "  - pattern: '(?<x>a)'",
        "  - name: a\n    pattern: '(?<x>a)'",
        "  - name: a\n    pattern: '(?<y>b)'",
        '  - name: b\n    pattern:',
        '  - just-a-string',
        '',
      ].join('\n'),
    );
    expect(problemsOf(path)).toEqual([
      `ORG_CONFIG_FILE ${path} line 2, namingSchemas[0].name: is required: a name for this schema`,
      `ORG_CONFIG_FILE ${path} line 5, namingSchemas[2].name: duplicate schema name "a"`,
      `ORG_CONFIG_FILE ${path} line 8, namingSchemas[3].pattern: is required: a regular expression string`,
      `ORG_CONFIG_FILE ${path} line 9, namingSchemas[4]: must be a mapping with name and pattern`,
    ]);
  });

  it('reports sections and a top level of the wrong shape', () => {
    const path = file('locationAliases: [ams]\nnamingSchemas: dc-fabric\n? [x]\n: 1\n');
    expect(problemsOf(path)).toEqual([
      `ORG_CONFIG_FILE ${path} line 1, locationAliases: must be a mapping of alias to location name`,
      `ORG_CONFIG_FILE ${path} line 2, namingSchemas: must be a list of {name, pattern} or a mapping of name to pattern`,
      `ORG_CONFIG_FILE ${path} line 3, (key): keys must be plain names`,
    ]);
    const list = file('- ams\n');
    expect(problemsOf(list)).toEqual([
      `ORG_CONFIG_FILE ${list} line 1, (top level): must be a mapping with locationAliases and namingSchemas`,
    ]);
  });

  it('reports bad YAML with line and column, and a missing file', () => {
    const path = file('locationAliases:\n  ams: [AMS01\n');
    const [problem] = problemsOf(path);
    expect(problem).toMatch(
      new RegExp(`^ORG_CONFIG_FILE ${path} line \\d+, col \\d+: invalid YAML: `),
    );
    const missing = join(dir, 'missing.yaml');
    expect(problemsOf(missing)).toEqual([
      `ORG_CONFIG_FILE ${missing}: cannot read the file (no such file or directory)`,
    ]);
  });

  it('follows YAML aliases', () => {
    const org = loadOrgConfig(file("namingSchemas:\n  a: &p '^(?<site>\\w+)$'\n  b: *p\n"));
    expect(org.namingSchemas.map((s) => s.name)).toEqual(['a', 'b']);
  });
});
