/** Authentication, authorization and HTTP hardening. */
export { AuthModule } from './auth.module.js';
/** The global guards the app root registers (authentication, then rate limit). */
export { AuthenticationGuard } from './guards/authentication.guard.js';
export { PrincipalRateLimitGuard } from './guards/principal-rate-limit.guard.js';
/** Failed authentications: 401 problems, challenges, counts. */
export { AuthFailures, type AuthFailureReason } from './auth-failures.service.js';
/** The resolved auth configuration and the credential kinds in force. */
export { buildAuthConfig, effectiveModes, type AuthConfig } from './auth-config.js';
export { AUTH_CONFIG } from './auth.constants.js';
/** helmet and CORS for the HTTP app. */
export { applyHttpHardening } from './http-hardening.js';
/** Security schemes in the OpenAPI document. */
export { applyOpenApiSecurity } from './openapi-security.js';
/** scrypt password hashes for Basic users (`hash-password`). */
export { hashPassword, verifyPassword } from './password-hash.js';
