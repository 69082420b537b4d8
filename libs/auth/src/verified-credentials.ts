import { createHmac, randomBytes } from 'node:crypto';

/** How long a successful Basic check is remembered. */
export const VERIFIED_TTL_MS = 60_000;

/** Most credentials remembered at once; the oldest is forgotten first. */
export const VERIFIED_MAX_ENTRIES = 1_000;

/**
 * Successful credential checks remembered briefly, so an honest Basic caller pays one
 * scrypt a minute instead of one per request. Entries are keyed by an HMAC of the
 * credential under a per-process random key — neither the password nor a plain,
 * offline-guessable hash of it is kept — and live {@link VERIFIED_TTL_MS}, at most
 * {@link VERIFIED_MAX_ENTRIES} of them. Only successes are stored: a wrong password is
 * always checked.
 *
 * A Map in insertion order is enough for expiry-bounded FIFO eviction; lru-cache is
 * only a transitive dependency here (v5), not one of ours.
 */
export class VerifiedCredentials<T> {
  private readonly secret = randomBytes(32);
  private readonly entries = new Map<string, { value: T; expires: number }>();

  constructor(
    private readonly ttlMs = VERIFIED_TTL_MS,
    private readonly maxEntries = VERIFIED_MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value remembered for this credential, if it is still fresh. */
  get(...credential: string[]): T | undefined {
    const key = this.keyOf(credential);
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Remembers a successful check. */
  set(value: T, ...credential: string[]): void {
    const key = this.keyOf(credential);
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }

  private keyOf(parts: string[]): string {
    const hmac = createHmac('sha256', this.secret);
    for (const part of parts) {
      // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
      hmac.update(`${Buffer.byteLength(part)}:`).update(part);
    }
    return hmac.digest('base64url');
  }
}
