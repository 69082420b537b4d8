import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, print } from 'graphql';

/**
 * The repository root: the nearest folder above this file holding `package.json` and
 * `graphql/` (works from `bench/` under ts tooling and from `dist/bench/` when built).
 */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'graphql'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error('Cannot find the repository root (package.json next to graphql/).');
    }
    dir = parent;
  }
}

/**
 * The query text our server puts on the wire for a packaged query file: Apollo Client
 * parses the file and prints it (comments dropped; our client's cache adds no
 * `__typename`). Sending the same text keeps the upstream work identical.
 */
export function wireQuery(source: string): string {
  return print(parse(source));
}

/** The packaged `graphql/<name>.graphql` file, as our server sends it. */
export function packagedWireQuery(name: string): { text: string; operationName: string } {
  const source = readFileSync(join(repoRoot(), 'graphql', `${name}.graphql`), 'utf8');
  return { text: wireQuery(source), operationName: name };
}
