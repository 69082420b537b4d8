import {
  ANONYMOUS,
  IS_PUBLIC_KEY,
  PUBLIC_WHEN_KEY,
  ProblemException,
  requestContext,
} from '@nautobot-mcp/common';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuthConfig } from '../auth-config.js';
import { AuthFailures } from '../auth-failures.service.js';
import { API_KEY_HEADER, AUTH_CONFIG } from '../auth.constants.js';
import { LoginThrottle } from '../login-throttle.service.js';
import { ApiKeyGuard, BasicGuard, OidcGuard } from './strategy-guards.js';

type Presented = 'api_key' | 'basic' | 'oidc' | 'unknown' | undefined;

/** Which credential a request presents; an API key wins over an Authorization header. */
function presented(request: Request): Presented {
  if (request.headers[API_KEY_HEADER] !== undefined) {
    return 'api_key';
  }
  const authorization = request.headers.authorization;
  if (authorization === undefined) {
    return undefined;
  }
  const scheme = authorization.trim().split(/\s+/)[0]?.toLowerCase();
  if (scheme === 'basic') {
    return 'basic';
  }
  if (scheme === 'bearer') {
    return 'oidc';
  }
  return 'unknown';
}

/** Whether a check's outcome is the caller's failure (kept against its address's budget). */
function isCallerFailure(error: unknown): boolean {
  return (
    error instanceof ProblemException &&
    error.problem.status === 401 &&
    // Our issuer being down is not the caller's fault.
    error.problem.reason !== 'issuer-unreachable'
  );
}

/**
 * The global guard. Routes marked `@Public()` pass; every other request must present
 * a credential of an enabled kind (AUTH_MODE), which the matching passport strategy
 * verifies. With `none` enabled a request without credentials is the anonymous
 * principal; a credential that is presented is always checked, never ignored.
 *
 * Fails closed: a context that is not an HTTP request is refused, and every presented
 * credential first reserves one attempt of its client address's failed-login budget
 * ({@link LoginThrottle}), so guessing is refused (429) before the expensive check.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly failures: AuthFailures,
    @InjectSettings() private readonly settings: Settings,
    private readonly throttle: LoginThrottle,
    @Optional() private readonly apiKey?: ApiKeyGuard,
    @Optional() private readonly basic?: BasicGuard,
    @Optional() private readonly oidc?: OidcGuard,
  ) {
    if (config.modes.has('none')) {
      this.logger.warn(
        'AUTH_MODE includes none: callers without credentials are anonymous and may call every tool. Use this for demos only.',
      );
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      // Nothing here can be checked: refuse rather than wave it through.
      throw new Error(
        `AuthenticationGuard checks HTTP requests only; refusing a ${context.getType()} context`,
      );
    }
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const publicWhen = this.reflector.getAllAndOverride<string | undefined>(PUBLIC_WHEN_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const publicBySetting =
      publicWhen !== undefined && this.settings[publicWhen as keyof Settings] === true;
    if (isPublic || publicBySetting) {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const kind = presented(request);
    const { modes } = this.config;
    if (kind === undefined) {
      if (modes.has('none')) {
        request.user = ANONYMOUS;
        return true;
      }
      throw this.failures.unauthorized(
        'none',
        'missing-credentials',
        request,
        'Authentication required: send an X-API-Key header, or an Authorization header of an enabled scheme.',
      );
    }
    if (kind === 'unknown') {
      throw this.failures.unauthorized(
        'none',
        'unsupported-scheme',
        request,
        'The Authorization scheme is not supported; use Basic or Bearer.',
      );
    }
    const guard = { api_key: this.apiKey, basic: this.basic, oidc: this.oidc }[kind];
    if (!modes.has(kind) || !guard) {
      throw this.failures.unauthorized(
        kind,
        'mode-disabled',
        request,
        `${kind} credentials are not accepted here (AUTH_MODE=${[...modes].join(',')}).`,
      );
    }
    const attempt = await this.throttle.reserve(request);
    let allowed: boolean;
    try {
      allowed = (await guard.canActivate(context)) as boolean;
    } catch (error) {
      if (!isCallerFailure(error)) {
        attempt.succeeded();
      }
      throw error;
    }
    attempt.succeeded();
    const store = requestContext.getStore();
    if (store && request.user) {
      store.principal = (request.user as { name: string }).name;
    }
    return allowed;
  }
}
