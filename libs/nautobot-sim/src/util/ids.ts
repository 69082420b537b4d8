import { createHash } from 'node:crypto';

/** Formats 16 bytes (hex) as a canonical UUID string. */
function formatUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A deterministic, UUIDv5-like id derived from a kind and a key (sha1, version and variant bits set). */
export function uuidFor(kind: string, key: string): string {
  const digest = createHash('sha1').update(`nautobot-sim/${kind}/${key}`).digest();
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return formatUuid(digest.subarray(0, 16).toString('hex'));
}

/** A stable small integer derived from a string (for deterministic pseudo-random choices). */
export function hashInt(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0);
}

/** A reversible UUID for item `index` of a generated family (used by the scale data set). */
export function indexedUuid(prefix20: string, index: number): string {
  return formatUuid(prefix20 + index.toString(16).padStart(12, '0'));
}

/** Inverse of {@link indexedUuid}; undefined when `uuid` is not of that family. */
export function indexFromUuid(prefix20: string, uuid: string): number | undefined {
  const hex = uuid.replace(/-/g, '');
  if (hex.slice(0, 20) !== prefix20) {
    return undefined;
  }
  const index = Number.parseInt(hex.slice(20), 16);
  return Number.isSafeInteger(index) ? index : undefined;
}

/**
 * Normalises a UUID the way Python's `uuid.UUID(str)` accepts it (optional `urn:`/`uuid:` prefix,
 * braces and hyphens, any case). Returns the canonical lower-case form, or undefined when invalid.
 */
export function normalizeUuid(value: string): string | undefined {
  const hex = value
    .replace('urn:', '')
    .replace('uuid:', '')
    .replace(/^\{+|\}+$/g, '')
    .replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) {
    return undefined;
  }
  return formatUuid(hex.toLowerCase());
}
