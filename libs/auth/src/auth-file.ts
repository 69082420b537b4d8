import { readYamlFile, SettingsError, type YamlFile } from '@nautobot-mcp/config';
import { isMap, isSeq } from 'yaml';

/** An API key from AUTH_FILE. */
export interface FileApiKey {
  name: string;
  key: string;
  tools?: string[];
  line?: number;
}

/** A Basic user from AUTH_FILE. */
export interface FileUser {
  name: string;
  /** scrypt hash from `nautobot-mcp-server hash-password`. */
  password: string;
  tools?: string[];
  line?: number;
}

/** The contents of AUTH_FILE. */
export interface AuthFile {
  apiKeys: FileApiKey[];
  users: FileUser[];
  /** Value of OIDC_TOOLS_CLAIM → allowed tool rules. */
  oidcClaimTools?: Map<string, string[]>;
}

const TOP = ['apiKeys', 'users', 'oidc'];

/** An empty AUTH_FILE. */
export const EMPTY_AUTH_FILE: AuthFile = { apiKeys: [], users: [] };

class Reader {
  readonly problems: string[] = [];

  constructor(private readonly file: YamlFile) {}

  private where(path: (string | number)[]): string {
    const node = this.file.doc.getIn(path, true);
    const line = this.file.lineOf(node);
    const key = path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${p}`))
      .join('');
    return `AUTH_FILE ${this.file.path}${line ? ` line ${line}` : ''}, ${key}`;
  }

  problem(path: (string | number)[], text: string): void {
    this.problems.push(`${this.where(path)}: ${text}`);
  }

  line(path: (string | number)[]): number | undefined {
    return this.file.lineOf(this.file.doc.getIn(path, true));
  }

  tools(path: (string | number)[], value: unknown): string[] | undefined {
    if (value === undefined) {
      return undefined;
    }
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0)) {
      this.problem(path, 'must be a list of tool names, globs or toolset names');
      return undefined;
    }
    return value as string[];
  }

  entries(key: 'apiKeys' | 'users', secretKey: 'key' | 'password'): Record<string, unknown>[] {
    const node = this.file.doc.get(key, true);
    if (node === undefined || node === null) {
      return [];
    }
    if (!isSeq(node)) {
      this.problem([key], 'must be a list');
      return [];
    }
    const items = (this.file.doc.toJS() as Record<string, unknown[]>)[key];
    return items.flatMap((item, index) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        this.problem([key, index], `must be a mapping with name and ${secretKey}`);
        return [];
      }
      const entry = item as Record<string, unknown>;
      for (const field of Object.keys(entry)) {
        if (!['name', secretKey, 'tools'].includes(field)) {
          this.problem([key, index, field], `unknown key; expected name, ${secretKey}, tools`);
        }
      }
      if (typeof entry.name !== 'string' || entry.name.trim() === '') {
        this.problem([key, index], 'needs a name');
        return [];
      }
      if (typeof entry[secretKey] !== 'string' || entry[secretKey] === '') {
        this.problem([key, index], `needs a ${secretKey}`);
        return [];
      }
      return [{ ...entry, index }];
    });
  }
}

/**
 * Reads AUTH_FILE: named API keys, Basic users and OIDC claim → tools mappings.
 * Problems name the file, line and key, and never contain a secret.
 */
export function loadAuthFile(path: string | undefined): AuthFile {
  if (!path) {
    return EMPTY_AUTH_FILE;
  }
  const { file, problems } = readYamlFile('AUTH_FILE', path);
  if (!file) {
    throw new SettingsError(problems);
  }
  const reader = new Reader(file);
  const root = file.doc.contents;
  if (root !== null && !isMap(root)) {
    throw new SettingsError([`AUTH_FILE ${path}: must be a mapping with ${TOP.join(', ')}`]);
  }
  for (const key of Object.keys((file.doc.toJS() as Record<string, unknown> | null) ?? {})) {
    if (!TOP.includes(key)) {
      reader.problem([key], `unknown key; expected ${TOP.join(', ')}`);
    }
  }
  const apiKeys = reader.entries('apiKeys', 'key').map((e) => ({
    name: String(e.name),
    key: String(e.key),
    tools: reader.tools(['apiKeys', e.index as number, 'tools'], e.tools),
    line: reader.line(['apiKeys', e.index as number]),
  }));
  const users = reader.entries('users', 'password').map((e) => ({
    name: String(e.name),
    password: String(e.password),
    tools: reader.tools(['users', e.index as number, 'tools'], e.tools),
    line: reader.line(['users', e.index as number]),
  }));
  let oidcClaimTools: Map<string, string[]> | undefined;
  const oidc = (file.doc.toJS() as Record<string, unknown> | null)?.oidc;
  if (oidc !== undefined && oidc !== null) {
    const tools = (oidc as Record<string, unknown>).tools;
    if (
      typeof oidc !== 'object' ||
      Array.isArray(oidc) ||
      Object.keys(oidc).some((k) => k !== 'tools')
    ) {
      reader.problem(['oidc'], 'must be a mapping with tools (claim value → tools)');
    } else if (tools !== undefined) {
      if (tools === null || typeof tools !== 'object' || Array.isArray(tools)) {
        reader.problem(['oidc', 'tools'], 'must map claim values to lists of tools');
      } else {
        oidcClaimTools = new Map();
        for (const [claim, rules] of Object.entries(tools)) {
          const parsed = reader.tools(['oidc', 'tools', claim], rules);
          if (parsed) {
            oidcClaimTools.set(claim, parsed);
          }
        }
      }
    }
  }
  const seen = new Set<string>();
  for (const [kind, list] of [
    ['apiKeys', apiKeys],
    ['users', users],
  ] as const) {
    list.forEach((entry, index) => {
      if (seen.has(`${kind}:${entry.name}`)) {
        reader.problem([kind, index, 'name'], `duplicate name "${entry.name}"`);
      }
      seen.add(`${kind}:${entry.name}`);
    });
  }
  if (reader.problems.length > 0) {
    throw new SettingsError(reader.problems);
  }
  return { apiKeys, users, oidcClaimTools };
}
