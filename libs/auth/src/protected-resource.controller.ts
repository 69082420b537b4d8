import { Public, problemOf } from '@nautobot-mcp/common';
import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthConfig } from './auth-config.js';
import { AUTH_CONFIG } from './auth.constants.js';
import { baseUrlOf, PROTECTED_RESOURCE_PATH } from './auth-failures.service.js';

/** RFC 9728 OAuth 2.0 Protected Resource Metadata. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  bearer_methods_supported: string[];
  resource_name: string;
  scopes_supported?: string[];
}

/**
 * Tells an OAuth client (an MCP client, per the MCP authorization spec) which
 * authorization server issues tokens for us. Served only in `oidc` mode; public,
 * since a client reads it before it has a token.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ProtectedResourceController {
  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  @Get([PROTECTED_RESOURCE_PATH.slice(1), `${PROTECTED_RESOURCE_PATH.slice(1)}/mcp`])
  metadata(@Req() request: Request): ProtectedResourceMetadata {
    const { oidc } = this.config;
    if (!oidc) {
      throw problemOf(
        'not-found',
        'OAuth protected resource metadata is served only with AUTH_MODE oidc.',
      );
    }
    const scopes =
      oidc.toolsClaim === 'scope' && oidc.claimTools ? [...oidc.claimTools.keys()] : undefined;
    return {
      resource: `${baseUrlOf(this.config, request)}/mcp`,
      authorization_servers: [oidc.issuer],
      bearer_methods_supported: ['header'],
      resource_name: 'nautobot-mcp-server',
      ...(scopes ? { scopes_supported: scopes } : {}),
    };
  }
}
