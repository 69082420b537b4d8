import { TelemetryHub, problemOf, type ProblemException } from '@nautobot-mcp/common';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthConfig } from './auth-config.js';
import { AUTH_CONFIG, AUTH_REALM } from './auth.constants.js';

/** Why an authentication failed; logged, counted and returned as `reason`. */
export type AuthFailureReason =
  | 'missing-credentials'
  | 'unsupported-scheme'
  | 'mode-disabled'
  | 'invalid-key'
  | 'invalid-credentials'
  | 'malformed-credentials'
  | 'expired'
  | 'not-yet-valid'
  | 'bad-signature'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'bad-algorithm'
  | 'unknown-key'
  | 'malformed-token'
  | 'missing-expiry'
  | 'missing-subject'
  | 'missing-issued-at'
  | 'too-old'
  | 'unsupported-critical-header'
  | 'issuer-unreachable'
  | 'invalid-token';

/** Which credential kind failed (`none` when no credential was presented). */
export type FailedMode = 'none' | 'api_key' | 'basic' | 'oidc';

/** The external URL of this server, for links in challenges and metadata. */
export function baseUrlOf(config: AuthConfig, request: Request): string {
  if (config.publicBaseUrl) {
    return config.publicBaseUrl.replace(/\/+$/, '');
  }
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}

/** Path of the RFC 9728 protected resource metadata. */
export const PROTECTED_RESOURCE_PATH = '/.well-known/oauth-protected-resource';

/**
 * Turns authentication failures into 401 problems with `WWW-Authenticate` challenges
 * for every enabled scheme, logs the reason (never the credential) and counts them.
 */
@Injectable()
export class AuthFailures {
  private readonly logger = new Logger('Auth');
  private readonly counts = new Map<string, number>();

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Optional() private readonly telemetry?: TelemetryHub,
  ) {}

  /** Failures so far by `mode:reason`, for metrics. */
  snapshot(): ReadonlyMap<string, number> {
    return this.counts;
  }

  unauthorized(
    mode: FailedMode,
    reason: AuthFailureReason,
    request: Request,
    detail: string,
  ): ProblemException {
    const key = `${mode}:${reason}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.telemetry?.authFailed({ mode, reason });
    this.logger.warn(
      `authentication failed: mode=${mode} reason=${reason} method=${request.method} path=${request.path} ip=${request.ip ?? '-'}`,
    );
    return problemOf('unauthorized', detail, { reason }).withHeaders({
      'www-authenticate': this.challenges(request, mode === 'oidc' ? reason : undefined).join(', '),
    });
  }

  /** One challenge per enabled scheme (RFC 9110 §11.6.1). */
  challenges(request: Request, bearerError?: AuthFailureReason): string[] {
    const out: string[] = [];
    const { modes } = this.config;
    if (modes.has('api_key')) {
      out.push(`ApiKey realm="${AUTH_REALM}", header="X-API-Key"`);
    }
    if (modes.has('basic')) {
      out.push(`Basic realm="${AUTH_REALM}", charset="UTF-8"`);
    }
    if (modes.has('oidc')) {
      const metadata = `${baseUrlOf(this.config, request)}${PROTECTED_RESOURCE_PATH}`;
      const error = bearerError
        ? `, error="invalid_token", error_description="${bearerError}"`
        : '';
      out.push(`Bearer realm="${AUTH_REALM}", resource_metadata="${metadata}"${error}`);
    }
    return out;
  }
}
