import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

interface IssuerKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

/**
 * A real OIDC issuer on 127.0.0.1 for tests: discovery document, JWKS endpoint and
 * token signing with keys from `jose`. Keys can be rotated and the issuer stopped.
 */
export class TestIssuer {
  readonly keys: IssuerKey[] = [];
  jwksRequests = 0;
  private server?: Server;
  url = '';

  static async start(): Promise<TestIssuer> {
    const issuer = new TestIssuer();
    await issuer.addKey('RS256');
    await issuer.listen();
    return issuer;
  }

  async addKey(
    alg: string,
    kid = `${alg.toLowerCase()}-${this.keys.length + 1}`,
  ): Promise<IssuerKey> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
    const key = { kid, alg, privateKey, jwk };
    this.keys.push(key);
    return key;
  }

  /** Replaces every key by a new one (a rotation at the identity provider). */
  async rotate(alg = 'RS256'): Promise<IssuerKey> {
    this.keys.splice(0, this.keys.length);
    return this.addKey(alg, `rotated-${Date.now()}`);
  }

  async sign(
    claims: JWTPayload,
    options: {
      key?: IssuerKey;
      audience?: string;
      issuer?: string;
      /** `false`: no `exp` claim at all. */
      expiresIn?: string | number | false;
      /** Names for a `crit` header (the extensions are then also set in the header). */
      crit?: string[];
    } = {},
  ): Promise<string> {
    const key = options.key ?? this.keys[0];
    const extensions = Object.fromEntries((options.crit ?? []).map((name) => [name, true]));
    const jwt = new SignJWT(claims)
      .setProtectedHeader({
        alg: key.alg,
        kid: key.kid,
        typ: 'JWT',
        ...(options.crit ? { crit: options.crit, ...extensions } : {}),
      })
      .setIssuer(options.issuer ?? this.url)
      .setAudience(options.audience ?? 'nautobot-mcp')
      .setIssuedAt(claims.iat);
    if (claims.exp === undefined && options.expiresIn !== false) {
      jwt.setExpirationTime(options.expiresIn ?? '5m');
    }
    return jwt.sign(key.privateKey, options.crit ? { crit: extensions } : undefined);
  }

  private listen(port = 0): Promise<void> {
    this.server = createServer((request, response) => {
      if (request.url === '/.well-known/openid-configuration') {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ issuer: this.url, jwks_uri: `${this.url}/jwks` }));
      } else if (request.url === '/jwks') {
        this.jwksRequests += 1;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: this.keys.map((k) => k.jwk) }));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    return new Promise((resolve) =>
      this.server?.listen(port, '127.0.0.1', () => {
        const { port: bound } = this.server?.address() as AddressInfo;
        this.url = `http://127.0.0.1:${bound}`;
        resolve();
      }),
    );
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** A token whose header names `kid` but whose signature is junk: costs the attacker nothing. */
export function madeUpKidToken(kid: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256', kid })}.${encode({})}.AA`;
}

/** A JWT with `alg: none` (unsigned). */
export function unsignedToken(claims: JWTPayload): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}
