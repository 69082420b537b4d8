import { problemOf, type ProblemException } from '@nautobot-mcp/common';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { clientAddressKey } from './client-address.js';

/** A reserved attempt: settle it once the credential has been checked. */
export interface LoginAttempt {
  /** The credential was good (or the check failed for a reason not the caller's): refund it. */
  succeeded(): void;
}

const NO_LIMIT: LoginAttempt = { succeeded: () => undefined };

/**
 * Failed logins per client address (RATE_LIMIT_PER_MIN a minute), enforced before the
 * credential is checked: an attempt reserves one point up front, so even a burst of
 * parallel guesses can run at most that many scrypt checks or token verifications;
 * a successful check refunds its point, so only failures accumulate. Over the limit
 * every attempt from the address — right or wrong — is 429 until the window passes.
 * Counts are per replica.
 */
@Injectable()
export class LoginThrottle {
  private readonly limiter: RateLimiterMemory | undefined;

  constructor(@InjectSettings() settings: Settings) {
    this.limiter =
      settings.rateLimitPerMin > 0
        ? new RateLimiterMemory({
            keyPrefix: 'login-failures',
            points: settings.rateLimitPerMin,
            duration: 60,
          })
        : undefined;
  }

  /**
   * Reserves one attempt for the request's client address.
   *
   * @throws ProblemException 429 `rate-limited` with Retry-After when the address is over its budget.
   */
  async reserve(request: Request): Promise<LoginAttempt> {
    const { limiter } = this;
    if (!limiter) {
      return NO_LIMIT;
    }
    const key = clientAddressKey(request);
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        throw rejection;
      }
      throw this.refusal(limiter, rejection);
    }
    return { succeeded: () => void limiter.reward(key, 1).catch(() => undefined) };
  }

  private refusal(limiter: RateLimiterMemory, rejection: RateLimiterRes): ProblemException {
    const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    return problemOf(
      'rate-limited',
      `More than ${limiter.points} failed logins a minute from this address; retry in ${retryAfter} s.`,
      { retryAfterSeconds: retryAfter },
    ).withHeaders({ 'retry-after': String(retryAfter) });
  }
}
