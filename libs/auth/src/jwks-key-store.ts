import { Logger } from '@nestjs/common';
import type { JwksClient } from 'jwks-rsa';
import { AuthError } from './auth-error.js';

/** Known keys are refetched in the background once the set is this old. */
export const JWKS_REFRESH_AFTER_MS = 5 * 60_000;

/** At most one fetch per this interval for unknown `kid`s (and after a failure). */
export const JWKS_MIN_INTERVAL_MS = 2_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The issuer's signing keys, fetched with jwks-rsa and kept here under a policy that
 * a stream of tokens with made-up `kid`s cannot turn against real users:
 *
 * - a known `kid` is answered from the last good key set and never waits for a fetch;
 * - the set is refreshed in the background every {@link JWKS_REFRESH_AFTER_MS}, so
 *   keys the issuer publishes ahead of a rotation arrive without any unknown `kid`;
 * - an unknown `kid` waits for the next fetch that starts after it arrived; such
 *   fetches are shared and paced (one per {@link JWKS_MIN_INTERVAL_MS}), so any number
 *   of made-up `kid`s costs the issuer one request every two seconds at most, and a
 *   genuinely new key is found within that time even during an attack;
 * - a failed fetch keeps the last good set.
 */
export class JwksKeyStore {
  private readonly logger = new Logger('OidcKeys');
  private keys: Map<string, string> | undefined;
  private fetchedAt = 0;
  private startedAt = Number.NEGATIVE_INFINITY;
  private started = 0;
  private lastError: string | undefined;
  private inFlight: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(
    private readonly client: Pick<JwksClient, 'getSigningKeys'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The PEM public key for `kid`, or an AuthError (`unknown-key`, `issuer-unreachable`). */
  async keyFor(kid: string | undefined): Promise<string> {
    const seen = this.started;
    if (this.keys && this.refreshDue()) {
      void this.fetch();
    }
    const known = this.lookup(kid);
    if (known) {
      return known;
    }
    // Only a fetch that started after this token arrived can know more: the background
    // refresh just started above, or else the next paced one.
    await (this.started === seen ? this.fetchPaced() : this.inFlight);
    const found = this.lookup(kid);
    if (found) {
      return found;
    }
    if (this.lastError !== undefined) {
      throw new AuthError(
        'issuer-unreachable',
        `The issuer's keys could not be fetched (${this.lastError}).`,
      );
    }
    throw new AuthError('unknown-key', `The issuer has no signing key ${kid ?? '(no kid)'}.`);
  }

  private lookup(kid: string | undefined): string | undefined {
    if (!this.keys) {
      return undefined;
    }
    if (kid === undefined) {
      // Without a kid, only an issuer with a single key is unambiguous.
      return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
    }
    return this.keys.get(kid);
  }

  private refreshDue(): boolean {
    const now = this.now();
    return (
      now - this.fetchedAt >= JWKS_REFRESH_AFTER_MS &&
      now - this.startedAt >= JWKS_MIN_INTERVAL_MS &&
      !this.inFlight
    );
  }

  /** The next fetch, starting no sooner than the interval after the last one; shared. */
  private fetchPaced(): Promise<void> {
    this.next ??= (async () => {
      await this.inFlight;
      await sleep(Math.max(0, this.startedAt + JWKS_MIN_INTERVAL_MS - this.now()));
      this.next = undefined;
      await this.fetch();
    })();
    return this.next;
  }

  private fetch(): Promise<void> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(): Promise<void> {
    this.started += 1;
    this.startedAt = this.now();
    try {
      const keys = await this.client.getSigningKeys();
      this.keys = new Map(keys.map((key) => [key.kid ?? '', key.getPublicKey()]));
      this.fetchedAt = this.now();
      this.lastError = undefined;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        `fetching the issuer's keys failed (${this.lastError}); ${this.keys ? 'keeping the last good set' : 'no keys yet'}`,
      );
    }
  }
}
