import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { OrgConfig, type NamingSchema } from './org-config.js';
import { SettingsError } from './settings.error.js';
import { scalarToString, readYamlFile, type YamlFile } from './yaml-file.js';

const TOP_LEVEL_KEYS = ['locationAliases', 'namingSchemas'];
const SCHEMA_KEYS = ['name', 'pattern'];

/**
 * Reads the org customisation YAML file; no path gives {@link OrgConfig.empty}.
 *
 * @throws SettingsError with one line per problem naming the file, line and key.
 */
export function loadOrgConfig(path: string | undefined): OrgConfig {
  if (path === undefined || path.trim() === '') {
    return OrgConfig.empty();
  }
  const { file, problems: readProblems } = readYamlFile('ORG_CONFIG_FILE', path);
  if (!file) {
    throw new SettingsError(readProblems);
  }
  const reader = new OrgFileReader(file);
  const config = reader.read();
  if (reader.problems.length > 0) {
    throw new SettingsError(reader.problems);
  }
  return config;
}

class OrgFileReader {
  readonly problems: string[] = [];
  private readonly aliases = Object.create(null) as Record<string, string>;
  private readonly aliasLines = new Map<string, { alias: string; line: number }>();
  private readonly schemas: NamingSchema[] = [];

  constructor(private readonly file: YamlFile) {}

  read(): OrgConfig {
    const root = this.file.doc.contents;
    if (!isEmpty(root)) {
      if (isMap(root)) {
        for (const pair of root.items) {
          const key = this.keyOf(pair, '');
          if (key === 'locationAliases') {
            this.readAliases(this.valueOf(pair));
          } else if (key === 'namingSchemas') {
            this.readSchemas(this.valueOf(pair));
          } else if (key !== undefined) {
            this.problem(pair.key, key, `unknown key; expected ${TOP_LEVEL_KEYS.join(' or ')}`);
          }
        }
      } else {
        this.problem(root, '(top level)', `must be a mapping with ${TOP_LEVEL_KEYS.join(' and ')}`);
      }
    }
    return new OrgConfig(this.aliases, this.schemas);
  }

  private readAliases(node: unknown): void {
    if (isEmpty(node)) {
      return;
    }
    if (!isMap(node)) {
      this.problem(node, 'locationAliases', 'must be a mapping of alias to location name');
      return;
    }
    for (const pair of node.items) {
      const alias = this.keyOf(pair, 'locationAliases.');
      if (alias === undefined) {
        continue;
      }
      const key = `locationAliases.${alias}`;
      const target = this.valueOf(pair);
      const name = isScalar(target) && typeof target.value === 'string' ? target.value.trim() : '';
      if (name === '') {
        const hint =
          isScalar(target) && target.value !== null ? ' (quote it if it is a number)' : '';
        this.problem(target ?? pair.key, key, `must be a location name (a string)${hint}`);
        continue;
      }
      const lower = alias.toLowerCase();
      const line = this.file.lineOf(pair.key) ?? 1;
      const earlier = this.aliasLines.get(lower);
      if (earlier && this.aliases[earlier.alias] !== name) {
        this.problem(
          pair.key,
          key,
          `clashes with alias "${earlier.alias}" on line ${earlier.line} (aliases ignore case)`,
        );
        continue;
      }
      this.aliasLines.set(lower, { alias, line });
      this.aliases[alias] = name;
    }
  }

  private readSchemas(node: unknown): void {
    if (isEmpty(node)) {
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, index) => this.readSchemaItem(this.resolve(item), index));
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const name = this.keyOf(pair, 'namingSchemas.');
        if (name !== undefined) {
          const key = `namingSchemas.${name}`;
          this.addSchema({ name, nameNode: pair.key, nameKey: key }, this.valueOf(pair), key);
        }
      }
    } else {
      this.problem(
        node,
        'namingSchemas',
        'must be a list of {name, pattern} or a mapping of name to pattern',
      );
    }
  }

  private readSchemaItem(item: unknown, index: number): void {
    const at = `namingSchemas[${index}]`;
    if (!isMap(item)) {
      this.problem(item, at, 'must be a mapping with name and pattern');
      return;
    }
    let nameNode: unknown;
    let patternNode: unknown;
    for (const pair of item.items) {
      const key = this.keyOf(pair, `${at}.`);
      if (key === 'name') {
        nameNode = this.valueOf(pair);
      } else if (key === 'pattern') {
        patternNode = this.valueOf(pair) ?? pair.key;
      } else if (key !== undefined) {
        this.problem(
          pair.key,
          `${at}.${key}`,
          `unknown key; expected ${SCHEMA_KEYS.join(' and ')}`,
        );
      }
    }
    const name = scalarToString(nameNode)?.trim() ?? '';
    if (name === '') {
      this.problem(nameNode ?? item, `${at}.name`, 'is required: a name for this schema');
      return;
    }
    this.addSchema({ name, nameNode, nameKey: `${at}.name` }, patternNode ?? item, `${at}.pattern`);
  }

  private addSchema(
    { name, nameNode, nameKey }: { name: string; nameNode: unknown; nameKey: string },
    patternNode: unknown,
    patternKey: string,
  ): void {
    if (
      !isScalar(patternNode) ||
      typeof patternNode.value !== 'string' ||
      patternNode.value === ''
    ) {
      this.problem(patternNode ?? nameNode, patternKey, 'is required: a regular expression string');
      return;
    }
    const source = patternNode.value;
    let pattern: RegExp;
    try {
      pattern = new RegExp(source);
    } catch (error) {
      const reason = (error as Error).message.replace(/^Invalid regular expression: /, '');
      this.problem(patternNode, patternKey, `invalid regular expression: ${reason}`);
      return;
    }
    // An optional empty branch always matches "", and `groups` exists iff a named group does.
    if (new RegExp(`(?:${source})|`).exec('')?.groups === undefined) {
      this.problem(
        patternNode,
        patternKey,
        'needs at least one named group, e.g. (?<site>[a-z]{3}\\d{2})',
      );
      return;
    }
    const earlier = this.schemas.find((schema) => schema.name === name);
    if (earlier) {
      this.problem(nameNode, nameKey, `duplicate schema name "${name}"`);
      return;
    }
    this.schemas.push({ name, pattern });
  }

  /** The key of `pair` as a string, or undefined (reported) when it is not a plain key. */
  private keyOf(pair: Pair, prefix: string): string | undefined {
    const key = scalarToString(pair.key);
    if (key !== undefined) {
      return key;
    }
    this.problem(pair.key, `${prefix}(key)`, 'keys must be plain names');
    return undefined;
  }

  private valueOf(pair: Pair): Node | undefined {
    return this.resolve(pair.value) ?? undefined;
  }

  private resolve(node: unknown): Node | undefined {
    if (isAlias(node)) {
      return this.resolve(node.resolve(this.file.doc));
    }
    return (node as Node | null | undefined) ?? undefined;
  }

  private problem(node: unknown, key: string, message: string): void {
    const line = this.file.lineOf(node) ?? 1;
    this.problems.push(`ORG_CONFIG_FILE ${this.file.path} line ${line}, ${key}: ${message}`);
  }
}

function isEmpty(node: unknown): boolean {
  return node == null || (isScalar(node) && node.value === null);
}
