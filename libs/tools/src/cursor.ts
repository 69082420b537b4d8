import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { problemOf } from '@nautobot-mcp/common';
import { MAX_LIMIT } from './dto/list-input.dto.js';

interface CursorPayload {
  /** format version */
  v: 1;
  /** offset of the next page */
  o: number;
  /** fingerprint of the tool and filters the cursor came from */
  f: string;
}

/**
 * Largest offset a cursor may carry. Nautobot takes `offset` as a GraphQL `Int` (32-bit
 * signed), and we ask for `limit + 1` rows after it; beyond this Nautobot refuses the
 * query, which would be our fault reported as Nautobot's.
 */
export const MAX_CURSOR_OFFSET = 2 ** 31 - 1 - (MAX_LIMIT + 1);

/** Longest cursor text read at all (ours are under 100 characters). */
const MAX_CURSOR_CHARS = 512;

/** Bytes of the HMAC-SHA256 kept in a cursor (128 bits). */
const MAC_BYTES = 16;

const START_OVER = 'repeat the call without cursor to start from the first page';

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

/**
 * Issues and reads list cursors: `base64url(JSON payload) "." base64url(HMAC-SHA256)`.
 * The MAC makes any cursor we did not issue (forged, tampered, from another key) a 400
 * before its content is even parsed. The key is `CURSOR_SECRET` when set (so replicas
 * agree), otherwise random per instance.
 */
export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret?: string) {
    this.key = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
  }

  /** Encodes the next-page position as an opaque, signed string. */
  encode(offset: number, fingerprint: string): string {
    const payload: CursorPayload = { v: 1, o: offset, f: fingerprint };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** Decodes a cursor for these filters, or throws a 400 `invalid-cursor`. */
  decode(cursor: string, fingerprint: string): number {
    const notOurs = () =>
      problemOf(
        'invalid-cursor',
        `cursor is not one this server issued (altered, or signed with another CURSOR_SECRET); ${START_OVER}.`,
      );
    const [body, mac, ...rest] = cursor.length > MAX_CURSOR_CHARS ? [] : cursor.split('.');
    if (!body || mac === undefined || rest.length > 0 || !this.verify(body, mac)) {
      throw notOurs();
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw notOurs();
    }
    if (!isPayload(payload)) {
      throw notOurs();
    }
    if (payload.o > MAX_CURSOR_OFFSET) {
      throw problemOf(
        'invalid-cursor',
        `cursor offset ${payload.o} is beyond what Nautobot accepts (${MAX_CURSOR_OFFSET}); narrow the filters, or ${START_OVER}.`,
      );
    }
    if (payload.f !== fingerprint) {
      throw problemOf(
        'invalid-cursor',
        `cursor belongs to a different query (tool, filters or fields changed); ${START_OVER}.`,
      );
    }
    return payload.o;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }

  private verify(body: string, mac: string): boolean {
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac(body);
    // Re-encoding catches non-canonical base64url that decodes to the same bytes.
    return (
      given.length === expected.length &&
      given.toString('base64url') === mac &&
      timingSafeEqual(given, expected)
    );
  }
}

function isPayload(value: unknown): value is CursorPayload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const { v, o, f } = value as Record<string, unknown>;
  return v === 1 && typeof f === 'string' && Number.isSafeInteger(o) && (o as number) >= 0;
}
