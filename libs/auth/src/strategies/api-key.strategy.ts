import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Principal } from '@nautobot-mcp/common';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import type { AuthConfig } from '../auth-config.js';
import { AuthError } from '../auth-error.js';
import { AUTH_CONFIG, STRATEGY } from '../auth.constants.js';
import { makePrincipal } from '../principal.factory.js';

/** `X-API-Key` header, checked against the configured keys in constant time. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, STRATEGY.apiKey) {
  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {
    super({ header: 'X-API-Key', prefix: '' }, false);
  }

  validate(apiKey: string): Principal {
    const entry = this.config.apiKeys.find(apiKey);
    if (!entry) {
      throw new AuthError('invalid-key', 'The API key is not valid.');
    }
    return makePrincipal(entry.name, 'api_key', entry.tools);
  }
}
