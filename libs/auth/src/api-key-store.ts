import { createHash, timingSafeEqual } from 'node:crypto';

/** One configured API key: only its SHA-256 digest is kept in memory. */
export interface ApiKeyEntry {
  name: string;
  digest: Buffer;
  /** Tool rules (names, globs, toolsets); undefined = every tool. */
  tools?: string[];
}

/** Shortest plain key accepted; a sha256 digest is taken as is. */
export const MIN_PLAIN_KEY_LENGTH = 16;

const DIGEST = /^sha256:([0-9a-fA-F]{64})$/;

/** SHA-256 of a presented key. */
export function keyDigest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * Parses a configured key: `sha256:<hex>` (so config need not hold the secret) or the
 * plain key. Returns a problem text instead for a malformed or short key; the text
 * never contains the key.
 */
export function parseKey(
  name: string,
  value: string,
  tools?: string[],
): ApiKeyEntry | { problem: string } {
  const trimmed = value.trim();
  if (trimmed.startsWith('sha256:')) {
    const match = DIGEST.exec(trimmed);
    if (!match) {
      return { problem: `API key "${name}": sha256: must be followed by 64 hex digits` };
    }
    return { name, digest: Buffer.from(match[1], 'hex'), tools };
  }
  if (trimmed.length < MIN_PLAIN_KEY_LENGTH) {
    return {
      problem: `API key "${name}" is too short (${trimmed.length} characters); use at least ${MIN_PLAIN_KEY_LENGTH} random characters, e.g. openssl rand -hex 24`,
    };
  }
  return { name, digest: keyDigest(trimmed), tools };
}

/** Splits an `API_KEYS` entry `name=key` (the name is optional). */
export function splitNamedKey(entry: string, index: number): { name: string; value: string } {
  const match = /^([A-Za-z0-9._-]{1,64})=(.+)$/.exec(entry.trim());
  return match
    ? { name: match[1], value: match[2] }
    : { name: `api-key-${index + 1}`, value: entry };
}

/**
 * The configured API keys. A presented key is hashed and compared with every digest
 * in constant time, with no early exit, so timing reveals neither match nor position.
 */
export class ApiKeyStore {
  constructor(readonly entries: readonly ApiKeyEntry[]) {}

  find(presented: string): ApiKeyEntry | undefined {
    const digest = keyDigest(presented);
    let found: ApiKeyEntry | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(digest, entry.digest) && !found) {
        found = entry;
      }
    }
    return found;
  }
}
