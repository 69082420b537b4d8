import { toolMatcher, type Principal } from '@nautobot-mcp/common';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import jwksRsa from 'jwks-rsa';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import type { AuthConfig, OidcConfig } from '../auth-config.js';
import { AuthError } from '../auth-error.js';
import { AUTH_CONFIG, STRATEGY } from '../auth.constants.js';
import { OidcDiscovery } from '../oidc-discovery.service.js';

interface JwtHeader {
  alg?: string;
  kid?: string;
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
  private client: jwksRsa.JwksClient | undefined;
  private clientUri: string | undefined;

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
    const uri = await discovery.resolve();
    if (!this.client || this.clientUri !== uri) {
      this.client = jwksRsa({
        jwksUri: uri,
        cache: true,
        cacheMaxAge: 10 * 60_000,
        rateLimit: true,
        jwksRequestsPerMinute: 10,
        timeout: 5_000,
      });
      this.clientUri = uri;
    }
    try {
      const key = await this.client.getSigningKey(header.kid);
      return key.getPublicKey();
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'SigningKeyNotFoundError' || name === 'JwksRateLimitError') {
        throw new AuthError(
          'unknown-key',
          `The issuer has no signing key ${header.kid ?? '(no kid)'}.`,
        );
      }
      throw new AuthError(
        'issuer-unreachable',
        `The issuer's keys could not be fetched (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
  }
}

/**
 * Bearer JWTs from the OIDC issuer, verified with passport-jwt against keys from the
 * issuer's JWKS (jwks-rsa: cached, refetched when an unknown `kid` arrives, rate
 * limited), so key rotation needs no restart. Only asymmetric algorithms are accepted.
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
      jsonWebTokenOptions: { clockTolerance: oidc.clockToleranceS },
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
    const subject =
      (typeof payload.preferred_username === 'string' && payload.preferred_username) ||
      (typeof payload.client_id === 'string' && payload.client_id) ||
      (typeof payload.azp === 'string' && payload.azp) ||
      (typeof payload.sub === 'string' && payload.sub) ||
      'oidc-subject';
    const rules = toolRulesOf(oidc, payload);
    return Object.freeze({
      name: subject,
      authMode: 'oidc' as const,
      // A mapping that grants nothing must grant nothing, not everything.
      allows:
        rules === undefined ? () => true : rules.length === 0 ? () => false : toolMatcher(rules),
    });
  }
}
