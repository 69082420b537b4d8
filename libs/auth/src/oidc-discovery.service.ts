import { problemOf } from '@nautobot-mcp/common';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AuthConfig } from './auth-config.js';
import { AUTH_CONFIG } from './auth.constants.js';

const RETRY_AFTER_MS = 10_000;
const TIMEOUT_MS = 5_000;

/**
 * Finds the issuer's JWKS URL: OIDC_JWKS_URI, else the `jwks_uri` of
 * `{issuer}/.well-known/openid-configuration`. Discovery is tried at start-up and,
 * while it fails, again on demand at most every 10 s; a failure never stops the
 * process, so other auth modes keep serving.
 */
@Injectable()
export class OidcDiscovery implements OnModuleInit {
  private readonly logger = new Logger('OidcDiscovery');
  private jwksUri: string | undefined;
  private lastAttempt = 0;
  private lastError = 'not attempted';
  private pending: Promise<string | undefined> | undefined;

  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {
    this.jwksUri = config.oidc?.jwksUri;
  }

  async onModuleInit(): Promise<void> {
    if (this.config.oidc && !this.jwksUri) {
      await this.discover();
    }
  }

  /** The JWKS URL, or a 503 `auth-unavailable` problem while discovery fails. */
  async resolve(): Promise<string> {
    if (this.jwksUri) {
      return this.jwksUri;
    }
    if (Date.now() - this.lastAttempt >= RETRY_AFTER_MS) {
      await this.discover();
    }
    if (!this.jwksUri) {
      throw problemOf(
        'auth-unavailable',
        `OIDC discovery at ${this.config.oidc?.issuer} failed (${this.lastError}); bearer tokens cannot be checked until it succeeds.`,
      ).withHeaders({ 'retry-after': String(RETRY_AFTER_MS / 1000) });
    }
    return this.jwksUri;
  }

  private discover(): Promise<string | undefined> {
    this.pending ??= this.fetchJwksUri().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchJwksUri(): Promise<string | undefined> {
    const issuer = this.config.oidc?.issuer.replace(/\/+$/, '') ?? '';
    const url = `${issuer}/.well-known/openid-configuration`;
    this.lastAttempt = Date.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (typeof document.jwks_uri !== 'string') {
        throw new Error('the discovery document has no jwks_uri');
      }
      if (typeof document.issuer === 'string' && document.issuer.replace(/\/+$/, '') !== issuer) {
        throw new Error(`the discovery document names issuer ${document.issuer}`);
      }
      this.jwksUri = document.jwks_uri;
      this.logger.log(`OIDC keys at ${this.jwksUri}`);
      return this.jwksUri;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.logger.error(`OIDC discovery at ${url} failed: ${this.lastError}; will retry`);
      return undefined;
    }
  }
}
