/** Injection token of the resolved {@link AuthConfig}. */
export const AUTH_CONFIG = 'nautobot-mcp:auth:config';

/** Header that carries an API key. */
export const API_KEY_HEADER = 'x-api-key';

/** Realm named in WWW-Authenticate challenges. */
export const AUTH_REALM = 'nautobot-mcp-server';

/** Passport strategy names. */
export const STRATEGY = {
  apiKey: 'api-key',
  basic: 'basic',
  oidc: 'oidc',
} as const;
