import { IS_PUBLIC_KEY, principalOf, problemOf } from '@nautobot-mcp/common';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Rate limit per principal (RATE_LIMIT_PER_MIN): keyed on the key name, user or token
 * subject, and on the client address for anonymous callers. Runs after
 * authentication; probes (`@Public()`) are not limited. Counts are per replica.
 *
 * Built on rate-limiter-flexible rather than @nestjs/throttler: throttler 6 is
 * CommonJS and `require`s the ESM-only @nestjs/common 12, which Jest cannot load.
 */
@Injectable()
export class PrincipalRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterMemory | undefined;

  constructor(
    private readonly reflector: Reflector,
    @InjectSettings() settings: Settings,
  ) {
    this.limiter =
      settings.rateLimitPerMin > 0
        ? new RateLimiterMemory({ points: settings.rateLimitPerMin, duration: 60 })
        : undefined;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.limiter || context.getType() !== 'http') {
      return true;
    }
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    const principal = principalOf(request);
    const key =
      principal.authMode === 'none'
        ? `anonymous:${request.ip ?? 'unknown'}`
        : `${principal.authMode}:${principal.name}`;
    try {
      await this.limiter.consume(key);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        throw rejection;
      }
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw problemOf(
        'rate-limited',
        `More than ${this.limiter.points} requests per minute; retry in ${retryAfter} s.`,
        { retryAfterSeconds: retryAfter },
      ).withHeaders({ 'retry-after': String(retryAfter) });
    }
  }
}
