import type { AuthMode } from '@nautobot-mcp/common';
import { SettingsError, type Settings } from '@nautobot-mcp/config';
import { ApiKeyStore, parseKey, splitNamedKey, type ApiKeyEntry } from './api-key-store.js';
import { loadAuthFile } from './auth-file.js';
import { isPasswordHash } from './password-hash.js';

/** A Basic user: name, scrypt hash and tool rules. */
export interface BasicUser {
  name: string;
  hash: string;
  tools?: string[];
}

/** OIDC settings as the strategy uses them. */
export interface OidcConfig {
  issuer: string;
  audience: string;
  jwksUri?: string;
  algorithms: string[];
  clockToleranceS: number;
  /** Oldest accepted token in seconds since iat; 0 = no limit beyond exp. */
  maxTokenAgeS: number;
  toolsClaim: string;
  /** Claim value → tool rules; undefined = no mapping configured (every tool). */
  claimTools?: Map<string, string[]>;
}

/** Everything authentication needs, resolved and checked once at start-up. */
export interface AuthConfig {
  modes: ReadonlySet<AuthMode>;
  apiKeys: ApiKeyStore;
  users: ReadonlyMap<string, BasicUser>;
  oidc?: OidcConfig;
  publicBaseUrl?: string;
}

/** The credential kinds in force: AUTH_MODE, or `none` in demo mode when unset. */
export function effectiveModes(settings: Settings): AuthMode[] {
  return (settings.authMode ?? (settings.demoMode ? ['none'] : [])) as AuthMode[];
}

/**
 * Builds the auth configuration from settings and AUTH_FILE.
 *
 * @throws SettingsError naming every problem (never a secret).
 */
export function buildAuthConfig(settings: Settings): AuthConfig {
  const modes = new Set(effectiveModes(settings));
  const file = loadAuthFile(settings.authFile);
  const problems: string[] = [];

  const keys: ApiKeyEntry[] = [];
  (settings.apiKeys ?? []).forEach((entry, index) => {
    const { name, value } = splitNamedKey(entry, index);
    const parsed = parseKey(name, value);
    if ('problem' in parsed) {
      problems.push(`API_KEYS: ${parsed.problem}`);
    } else {
      keys.push(parsed);
    }
  });
  for (const entry of file.apiKeys) {
    const parsed = parseKey(entry.name, entry.key, entry.tools);
    if ('problem' in parsed) {
      problems.push(`AUTH_FILE ${settings.authFile} line ${entry.line}: ${parsed.problem}`);
    } else {
      keys.push(parsed);
    }
  }
  const names = new Set<string>();
  for (const key of keys) {
    if (names.has(key.name)) {
      problems.push(
        `API key name "${key.name}" is used twice; names appear in logs and must be unique`,
      );
    }
    names.add(key.name);
  }

  const users = new Map<string, BasicUser>();
  for (const user of file.users) {
    if (!isPasswordHash(user.password)) {
      problems.push(
        `AUTH_FILE ${settings.authFile} line ${user.line}, users.${user.name}.password: must be a hash from "nautobot-mcp-server hash-password" (scrypt$…), not a plain password`,
      );
    }
    users.set(user.name, { name: user.name, hash: user.password, tools: user.tools });
  }

  if (modes.has('api_key') && keys.length === 0) {
    problems.push(
      'AUTH_MODE includes api_key but no key is configured: set API_KEYS or apiKeys in AUTH_FILE',
    );
  }
  if (modes.has('basic') && users.size === 0) {
    problems.push('AUTH_MODE includes basic but no user is configured: add users to AUTH_FILE');
  }
  if (problems.length > 0) {
    throw new SettingsError(problems);
  }

  const oidc: OidcConfig | undefined =
    modes.has('oidc') && settings.oidcIssuer && settings.oidcAudience
      ? {
          issuer: settings.oidcIssuer,
          audience: settings.oidcAudience,
          jwksUri: settings.oidcJwksUri,
          algorithms: settings.oidcAlgorithms,
          clockToleranceS: settings.oidcClockToleranceS,
          maxTokenAgeS: settings.oidcMaxTokenAgeS,
          toolsClaim: settings.oidcToolsClaim,
          claimTools: file.oidcClaimTools,
        }
      : undefined;

  return {
    modes,
    apiKeys: new ApiKeyStore(keys),
    users,
    oidc,
    publicBaseUrl: settings.publicBaseUrl,
  };
}
