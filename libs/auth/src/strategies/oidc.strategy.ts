import { toolMatcher, type Principal } from '@nautobot-mcp/common';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import jwksRsa from 'jwks-rsa';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import type { AuthConfig, OidcConfig } from '../auth-config.js';
import { AuthError } from '../auth-error.js';
import { AUTH_CONFIG, STRATEGY } from '../auth.constants.js';
import { JwksKeyStore } from '../jwks-key-store.js';
import { OidcDiscovery } from '../oidc-discovery.service.js';

interface JwtHeader {
  alg?: string;
  kid?: string;
  crit?: unknown;
}

/** Decodes a JWT header without trusting it, or undefined when it is not a JWT. */
function decodeHeader(token: string): JwtHeader | undefined {
  const [header] = token.split('.');
  try {
    const parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Claim values as a list: a space-separated string (OAuth `scope`) or an array. */
export function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') {
    return claim.split(/\s+/).filter(Boolean);
  }
  return Array.isArray(claim) ? claim.filter((v): v is string => typeof v === 'string') : [];
}

/** The tools a token grants: the union of the rules its claim values map to. */
export function toolRulesOf(
  oidc: OidcConfig,
  payload: Record<string, unknown>,
): string[] | undefined {
  if (!oidc.claimTools) {
    return undefined;
  }
  return claimValues(payload[oidc.toolsClaim]).flatMap(
    (value) => oidc.claimTools?.get(value) ?? [],
  );
}

/** Resolves the public key of a token from the issuer's JWKS. */
class SigningKeys {
  private store: JwksKeyStore | undefined;
  private storeUri: string | undefined;

  constructor(
    private readonly discovery: OidcDiscovery,
    private readonly oidc: OidcConfig,
  ) {}

  async forToken(rawJwt: string): Promise<string> {
    const { oidc, discovery } = this;
    const header = decodeHeader(rawJwt);
    if (!header) {
      throw new AuthError('malformed-token', 'The bearer token is not a JWT.');
    }
    if (!header.alg || !oidc.algorithms.includes(header.alg)) {
      throw new AuthError(
        'bad-algorithm',
        `The token is signed with ${header.alg ?? 'no algorithm'}; accepted: ${oidc.algorithms.join(', ')}.`,
      );
    }
    // RFC 7515 §4.1.11: extensions listed in crit must be understood; we understand none.
    if (header.crit !== undefined) {
      throw new AuthError(
        'unsupported-critical-header',
        'The token header lists critical extensions (crit) this server does not understand.',
      );
    }
    const uri = await discovery.resolve();
    if (!this.store || this.storeUri !== uri) {
      // jwks-rsa only fetches and parses; caching and pacing are the store's.
      this.store = new JwksKeyStore(
        jwksRsa({ jwksUri: uri, cache: false, rateLimit: false, timeout: 5_000 }),
      );
      this.storeUri = uri;
    }
    return this.store.keyFor(typeof header.kid === 'string' ? header.kid : undefined);
  }
}

/** The first claim of `names` that is a non-empty string. */
function stringClaim(payload: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = payload[name];
    if (typeof value === 'string' && value !== '') {
      return value;
    }
  }
  return undefined;
}

/**
 * Bearer JWTs from the OIDC issuer, verified with passport-jwt against keys from the
 * issuer's JWKS ({@link JwksKeyStore}), so key rotation needs no restart. Only
 * asymmetric algorithms are accepted; `exp` and `sub` are required, `crit` refused,
 * and OIDC_MAX_TOKEN_AGE_S bounds the age since `iat`. The principal is named by
 * `sub` (stable, unique per issuer), never by the mutable `preferred_username`.
 */
@Injectable()
export class OidcStrategy extends PassportStrategy(JwtStrategy, STRATEGY.oidc) {
  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    discovery: OidcDiscovery,
  ) {
    const oidc = config.oidc as OidcConfig;
    const keys = new SigningKeys(discovery, oidc);
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      issuer: oidc.issuer,
      audience: oidc.audience,
      algorithms: oidc.algorithms as never,
      jsonWebTokenOptions: {
        clockTolerance: oidc.clockToleranceS,
        ...(oidc.maxTokenAgeS > 0 ? { maxAge: oidc.maxTokenAgeS } : {}),
      },
      secretOrKeyProvider: (
        _request: Request,
        rawJwt: string,
        done: (error: unknown, key?: string) => void,
      ) => {
        void keys.forToken(rawJwt).then(
          (key) => done(null, key),
          (error: unknown) => done(error),
        );
      },
    });
  }

  validate(payload: Record<string, unknown>): Principal {
    const oidc = this.config.oidc as OidcConfig;
    // jsonwebtoken checks exp only when present; a token without one would never expire.
    if (typeof payload.exp !== 'number') {
      throw new AuthError('missing-expiry', 'The token has no expiry (exp); it is required.');
    }
    const subject = stringClaim(payload, 'sub');
    if (!subject) {
      throw new AuthError('missing-subject', 'The token has no subject (sub); it is required.');
    }
    return Object.freeze({
      name: subject,
      displayName: stringClaim(payload, 'preferred_username', 'name', 'client_id', 'azp'),
      authMode: 'oidc' as const,
      // A mapping that grants nothing grants nothing, not everything.
      allows: toolMatcher(toolRulesOf(oidc, payload)),
    });
  }
}
