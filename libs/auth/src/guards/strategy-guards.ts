import { HttpException, Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Principal } from '@nautobot-mcp/common';
import type { Request } from 'express';
import { AuthFailures, type AuthFailureReason, type FailedMode } from '../auth-failures.service.js';
import { AuthError } from '../auth-error.js';
import { STRATEGY } from '../auth.constants.js';
import { failureOf } from './failure-reason.js';

const JWT_ERRORS = new Set(['TokenExpiredError', 'NotBeforeError', 'JsonWebTokenError']);

function isCredentialError(error: unknown): boolean {
  return error instanceof AuthError || (error instanceof Error && JWT_ERRORS.has(error.name));
}

function answer(
  failures: AuthFailures,
  mode: FailedMode,
  fallback: AuthFailureReason,
  error: unknown,
  user: unknown,
  info: unknown,
  context: ExecutionContext,
): Principal {
  if (!error && user) {
    return user as Principal;
  }
  // A problem that is not a verdict on the credential (503 auth-unavailable while OIDC
  // discovery fails) passes through, whichever way the strategy reported it.
  if (info instanceof HttpException) {
    throw info;
  }
  if (error && !isCredentialError(error)) {
    throw error as Error;
  }
  const { reason, message } = failureOf(error ?? info, fallback);
  throw failures.unauthorized(mode, reason, context.switchToHttp().getRequest<Request>(), message);
}

/** A guard running one passport strategy; failures become 401 problems with a reason. */
function strategyGuard(strategy: string, mode: FailedMode, fallback: AuthFailureReason) {
  @Injectable()
  class StrategyGuard extends AuthGuard(strategy) {
    constructor(readonly failures: AuthFailures) {
      super();
    }

    override handleRequest<T = Principal>(
      error: unknown,
      user: unknown,
      info: unknown,
      context: ExecutionContext,
    ): T {
      return answer(this.failures, mode, fallback, error, user, info, context) as T;
    }
  }
  return StrategyGuard;
}

/** Runs the `api-key` strategy. */
@Injectable()
export class ApiKeyGuard extends strategyGuard(STRATEGY.apiKey, 'api_key', 'invalid-key') {}

/** Runs the `basic` strategy. */
@Injectable()
export class BasicGuard extends strategyGuard(STRATEGY.basic, 'basic', 'invalid-credentials') {}

/** Runs the `oidc` (Bearer JWT) strategy. */
@Injectable()
export class OidcGuard extends strategyGuard(STRATEGY.oidc, 'oidc', 'invalid-token') {}
