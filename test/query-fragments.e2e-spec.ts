import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { assertBuilt, runCli } from './support/cli.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const rowsOf = (csv: string): string[][] => parse(csv, { relax_column_count: false }) as string[][];

const packaged = readFileSync(join(process.cwd(), 'graphql/prefixes.graphql'), 'utf8');

function queriesDirWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nms-fragments-'));
  writeFileSync(join(dir, 'prefixes.graphql'), text);
  return dir;
}

describe('a custom prefixes.graphql that selects its fields through fragments', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The same fields as the packaged file, half of them moved into a named fragment
    // and an inline fragment, plus one extra field inside the fragment.
    const withFragments =
      packaged
        .replace(
          /\n {4}id\n {4}prefix\n {4}type\n/,
          '\n    ...PrefixCore\n    ... on PrefixType {\n      type\n    }\n',
        )
        .replace(/\n {4}description\n/, '\n    ...PrefixNotes\n') +
      '\nfragment PrefixCore on PrefixType {\n  id\n  prefix\n}\n' +
      '\nfragment PrefixNotes on PrefixType {\n  description\n  prefix_length\n}\n';
    t = await startTestApp({ QUERIES_DIR: queriesDirWith(withFragments) });
  });
  afterAll(() => t.close());

  it('keeps every column the fragments select, in file order, in the CSV export', async () => {
    const text = await (await fetch(`${t.url}/exports/prefixes.csv?location=FRA01`)).text();
    const [header, first] = rowsOf(text);
    // Hand-written from the query above: fragment fields where the spreads stand.
    expect(header).toEqual([
      'id',
      'prefix',
      'type',
      'status',
      'role',
      'locations',
      'vlan',
      'vlan_name',
      'tenant',
      'namespace',
      'description',
      'prefix_length',
    ]);
    expect(first[header.indexOf('prefix')]).toBe('10.12.0.0/16');
    expect(first[header.indexOf('prefix_length')]).toBe('16');
  });
});

describe('a custom query file that spreads a fragment it does not define', () => {
  beforeAll(() => assertBuilt());

  it('stops start-up naming the file and the fragment', async () => {
    const dir = queriesDirWith(packaged.replace(/\n {4}description\n/, '\n    ...Missing\n'));
    const { code, stderr } = await runCli(['check-config'], {
      DEMO_MODE: 'true',
      QUERIES_DIR: dir,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(join(dir, 'prefixes.graphql'));
    expect(stderr).toContain('spreads ...Missing, but the file defines no fragment Missing');
  });
});
