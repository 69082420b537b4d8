import { SETTINGS } from '@nautobot-mcp/config';
import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { buildAuthConfig, type AuthConfig } from './auth-config.js';
import { AuthFailures } from './auth-failures.service.js';
import { AUTH_CONFIG } from './auth.constants.js';
import { LoginThrottle } from './login-throttle.service.js';
import { AuthenticationGuard } from './guards/authentication.guard.js';
import { PrincipalRateLimitGuard } from './guards/principal-rate-limit.guard.js';
import { ApiKeyGuard, BasicGuard, OidcGuard } from './guards/strategy-guards.js';
import { OidcDiscovery } from './oidc-discovery.service.js';
import { ProtectedResourceController } from './protected-resource.controller.js';
import { ApiKeyStrategy } from './strategies/api-key.strategy.js';
import { BasicStrategy } from './strategies/basic.strategy.js';
import { OidcStrategy } from './strategies/oidc.strategy.js';

/**
 * Authentication (api_key | basic | oidc | none, by AUTH_MODE), failed logins limited
 * per client address, per-principal rate limiting and the OAuth protected resource
 * metadata. Only the strategies of enabled
 * modes are constructed (and so registered with passport). The app root registers the
 * exported guards as APP_GUARDs, authentication first.
 */
@Module({
  imports: [PassportModule],
  controllers: [ProtectedResourceController],
  providers: [
    { provide: AUTH_CONFIG, useFactory: buildAuthConfig, inject: [SETTINGS] },
    AuthFailures,
    LoginThrottle,
    OidcDiscovery,
    {
      provide: ApiKeyStrategy,
      useFactory: (config: AuthConfig) =>
        config.modes.has('api_key') ? new ApiKeyStrategy(config) : null,
      inject: [AUTH_CONFIG],
    },
    {
      provide: BasicStrategy,
      useFactory: (config: AuthConfig) =>
        config.modes.has('basic') ? new BasicStrategy(config) : null,
      inject: [AUTH_CONFIG],
    },
    {
      provide: OidcStrategy,
      useFactory: (config: AuthConfig, discovery: OidcDiscovery) =>
        config.oidc ? new OidcStrategy(config, discovery) : null,
      inject: [AUTH_CONFIG, OidcDiscovery],
    },
    ApiKeyGuard,
    BasicGuard,
    OidcGuard,
    AuthenticationGuard,
    PrincipalRateLimitGuard,
  ],
  exports: [AuthenticationGuard, PrincipalRateLimitGuard, AuthFailures, AUTH_CONFIG],
})
export class AuthModule {}
