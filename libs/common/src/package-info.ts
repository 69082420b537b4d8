import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Our npm package name. */
export const PACKAGE_NAME = 'nautobot-mcp-server';

/** Name, version and install folder of the running package. */
export interface PackageInfo {
  name: string;
  version: string;
  /** Folder holding our package.json (and the packaged `graphql/`). */
  root: string;
}

let cached: PackageInfo | undefined;

/**
 * Finds our package.json by walking up from this module, so the same code works from
 * `libs/…/src` (tests), `dist/…` (build) and `node_modules/nautobot-mcp-server` (npx).
 */
export function packageInfo(): PackageInfo {
  if (cached) {
    return cached;
  }
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME) {
        cached = { name: pkg.name, version: pkg.version ?? '0.0.0', root: dir };
        return cached;
      }
    }
    if (dirname(dir) === dir) {
      throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${start}`);
    }
  }
}
