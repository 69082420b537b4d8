import { createHash } from 'node:crypto';
import { problemOf } from '@nautobot-mcp/common';

interface CursorPayload {
  /** format version */
  v: 1;
  /** offset of the next page */
  o: number;
  /** fingerprint of the tool and filters the cursor came from */
  f: string;
}

/** A fingerprint of a tool's filters, so a cursor cannot be replayed against other filters. */
export function filterFingerprint(tool: string, filters: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    Object.keys(filters)
      .sort()
      .filter((k) => filters[k] !== undefined)
      .map((k) => [k, filters[k]]),
  );
  return createHash('sha256').update(`${tool}\n${canonical}`).digest('base64url').slice(0, 16);
}

/** Encodes the next-page position as an opaque string. */
export function encodeCursor(offset: number, fingerprint: string): string {
  const payload: CursorPayload = { v: 1, o: offset, f: fingerprint };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** Decodes a cursor for these filters, or throws a 400 `invalid-cursor`. */
export function decodeCursor(cursor: string, fingerprint: string): number {
  let payload: Partial<CursorPayload>;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
  } catch {
    throw problemOf('invalid-cursor', 'cursor is not one this server issued; start without it.');
  }
  if (payload.v !== 1 || !Number.isInteger(payload.o) || (payload.o ?? -1) < 0) {
    throw problemOf('invalid-cursor', 'cursor is not one this server issued; start without it.');
  }
  if (payload.f !== fingerprint) {
    throw problemOf(
      'invalid-cursor',
      'cursor belongs to a different query (tool or filters changed); start without it.',
    );
  }
  return payload.o as number;
}
