import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Principal } from '@nautobot-mcp/common';
import type { AuthConfig } from '../auth-config.js';
import { AuthError } from '../auth-error.js';
import { AUTH_CONFIG, STRATEGY } from '../auth.constants.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../password-hash.js';
import { makePrincipal } from '../principal.factory.js';
import { VerifiedCredentials } from '../verified-credentials.js';
import { HttpBasicStrategy } from './http-basic.passport.js';

/**
 * HTTP Basic against the AUTH_FILE users (scrypt hashes). A successful check is
 * remembered for a minute ({@link VerifiedCredentials}), so repeated requests of an
 * honest caller cost no scrypt; failures are limited per address before this runs.
 */
@Injectable()
export class BasicStrategy extends PassportStrategy(HttpBasicStrategy, STRATEGY.basic) {
  private readonly verified = new VerifiedCredentials<Principal>();

  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {
    super();
  }

  async validate(username: string, password: string): Promise<Principal> {
    const remembered = this.verified.get(username, password);
    if (remembered) {
      return remembered;
    }
    const user = this.config.users.get(username);
    // Hash even for unknown users, so timing does not reveal which names exist.
    const ok = await verifyPassword(password, user?.hash ?? (await DUMMY_HASH_PROMISE()));
    if (!user || !ok) {
      throw new AuthError('invalid-credentials', 'The user name or password is not valid.');
    }
    const principal = makePrincipal(user.name, 'basic', user.tools);
    this.verified.set(principal, username, password);
    return principal;
  }
}
