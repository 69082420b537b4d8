import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTING_SPECS } from '@nautobot-mcp/config';

/** The repository root (jest runs from it). */
export const ROOT = process.cwd();

/** A file of the repository as text. */
export function repoFile(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Every environment variable name the server reads. */
export const SETTING_ENV_NAMES: ReadonlySet<string> = new Set(SETTING_SPECS.map((s) => s.env));

/** The default of the setting read from `env`, e.g. 7001 for PORT. */
export function settingDefault(env: string): unknown {
  const spec = SETTING_SPECS.find((s) => s.env === env);
  if (!spec) {
    throw new Error(`no setting reads ${env}`);
  }
  return spec.default;
}

/** The Dockerfile's runtime user as [uid, gid], from its last USER instruction. */
export function dockerfileUser(dockerfile: string): [number, number] {
  const users = [...dockerfile.matchAll(/^USER\s+(\d+):(\d+)\s*$/gm)];
  const last = users.at(-1);
  if (!last) {
    throw new Error('the Dockerfile has no numeric USER uid:gid');
  }
  return [Number(last[1]), Number(last[2])];
}
