import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { QueryCatalog, QueryFileError, packagedQueriesDir } from './query-catalog.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nms-catalog-'));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(QueryFileError);
    return (error as QueryFileError).problems;
  }
  throw new Error('expected a QueryFileError');
}

describe('QueryCatalog', () => {
  it('loads the packaged query files', () => {
    const catalog = new QueryCatalog();
    const names = catalog.list().map((q) => q.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'prefixes_by_location',
        'devices_by_location',
        'devices_by_location_and_role',
      ]),
    );
    const prefixes = catalog.get('prefixes_by_location');
    expect(prefixes.rootField).toBe('prefixes');
    expect(prefixes.custom).toBe(false);
    expect(prefixes.path).toBe(join(packagedQueriesDir(), 'prefixes_by_location.graphql'));
    expect([...prefixes.variables]).toEqual(['location', 'exclude_locations', 'limit', 'offset']);
  });

  it("lets a user's copy win file by file", () => {
    const dir = dirWith({
      'prefixes_by_location.graphql': 'query prefixes_by_location { items: prefixes { prefix } }',
    });
    const catalog = new QueryCatalog({ queriesDir: dir });
    const custom = catalog.get('prefixes_by_location');
    expect(custom.custom).toBe(true);
    expect(custom.rootField).toBe('items');
    expect(catalog.get('devices_by_location').custom).toBe(false);
  });

  it('names the file, line and column of a syntax error', () => {
    const dir = dirWith({ 'devices_by_location.graphql': 'query x {\n  devices( {\n}' });
    const [line] = problems(() => new QueryCatalog({ queriesDir: dir }));
    expect(line).toContain(join(dir, 'devices_by_location.graphql:2:'));
    expect(line).toContain('Syntax Error');
  });

  it('rejects mutations, several operations and empty selections', () => {
    const dir = dirWith({
      'a.graphql': 'mutation a { delete_all }',
      'b.graphql': 'query b { x } query c { y }',
      'c.graphql': 'query c { ...F } fragment F on Query { x }',
    });
    const lines = problems(() => new QueryCatalog({ queriesDir: dir }));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('read-only');
    expect(lines[1]).toContain('exactly one operation');
    expect(lines[2]).toContain('no top-level field');
  });

  it('rejects a QUERIES_DIR that does not exist', () => {
    const [line] = problems(() => new QueryCatalog({ queriesDir: '/nonexistent/queries' }));
    expect(line).toContain('QUERIES_DIR');
  });

  it('requires the variables a tool sets', () => {
    const catalog = new QueryCatalog();
    expect(catalog.require('devices_by_location', ['location', 'limit']).name).toBe(
      'devices_by_location',
    );
    const [line] = problems(() => catalog.require('devices_by_location', ['location', 'role']));
    expect(line).toContain('$role');
    const [missing] = problems(() => catalog.get('nope'));
    expect(missing).toContain('nope.graphql is missing');
  });
  it('expands fragments into the selection, and refuses undefined or circular ones', () => {
    const head = 'query prefixes_by_location($limit: Int) { prefixes(limit: $limit) {';
    const loaded = new QueryCatalog({
      queriesDir: dirWith({
        'prefixes_by_location.graphql': `${head} id ...A ... on PrefixType { type } } }
          fragment A on PrefixType { prefix ...B }
          fragment B on PrefixType { description }`,
      }),
    }).get('prefixes_by_location');
    expect(loaded.selection).toEqual(['id', 'prefix', 'description', 'type']);
    const missing = dirWith({ 'prefixes_by_location.graphql': `${head} id ...Nope } }` });
    expect(problems(() => new QueryCatalog({ queriesDir: missing }))[0]).toContain(
      'spreads ...Nope, but the file defines no fragment Nope',
    );
    const circular = dirWith({
      'prefixes_by_location.graphql': `${head} ...A } }
        fragment A on PrefixType { id ...B }
        fragment B on PrefixType { ...A }`,
    });
    expect(problems(() => new QueryCatalog({ queriesDir: circular }))[0]).toContain(
      'fragment A spreads itself (A -> B -> A)',
    );
  });
});
