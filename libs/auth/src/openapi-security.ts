import type { AuthMode } from '@nautobot-mcp/common';
import type { OpenAPIObject } from '@nestjs/swagger';

const SCHEMES: Record<Exclude<AuthMode, 'none'>, Record<string, unknown>> = {
  api_key: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'An API key (AUTH_MODE api_key).',
  },
  basic: { type: 'http', scheme: 'basic', description: 'A user of AUTH_FILE (AUTH_MODE basic).' },
  oidc: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access token from the OIDC issuer (AUTH_MODE oidc).',
  },
};

/** Routes that need no credentials (their operations get `security: []`). */
const PUBLIC_PATHS = ['/healthz', '/readyz'];

/**
 * Declares exactly the enabled schemes, so Swagger UI's Authorize button offers those
 * and no others; any one of them satisfies an operation. Public probes need none.
 */
export function applyOpenApiSecurity(document: OpenAPIObject, modes: readonly AuthMode[]): void {
  const enabled = modes.filter((m): m is Exclude<AuthMode, 'none'> => m !== 'none');
  if (enabled.length === 0) {
    return;
  }
  document.components ??= {};
  document.components.securitySchemes = Object.fromEntries(
    enabled.map((m) => [m, SCHEMES[m]]),
  ) as never;
  const anyOf = enabled.map((m) => ({ [m]: [] }));
  // With none also enabled, calling without credentials is allowed too.
  document.security = modes.includes('none') ? [...anyOf, {}] : anyOf;
  for (const path of PUBLIC_PATHS) {
    for (const operation of Object.values(document.paths[path] ?? {})) {
      if (operation && typeof operation === 'object' && 'responses' in operation) {
        (operation as { security?: unknown[] }).security = [];
      }
    }
  }
}
