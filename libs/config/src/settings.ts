import {
  ArrayNotEmpty,
  IsDefined,
  IsIn,
  IsOptional,
  IsUrl,
  Matches,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { IsAtLeastSetting } from './comparison.validators.js';
import { IsReadableDirectory, IsReadableFile } from './file-system.validators.js';
import { Setting } from './setting.decorator.js';
import type { LogLevel } from './setting-specs.js';

/** Credential kinds AUTH_MODE may list. */
export const AUTH_MODES = ['none', 'api_key', 'basic', 'oidc'] as const;

/** Asymmetric JWT algorithms OIDC_ALGORITHMS may list. */
export const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const REQUIRED_UNLESS_DEMO =
  'required unless DEMO_MODE=true — set NAUTOBOT_URL and NAUTOBOT_TOKEN, ' +
  'or run the demo with DEMO_MODE=true (npm run demo)';

/** Whether a URL carries `user[:password]@` (which fetch refuses to request). */
function hasUserInfo(value: unknown): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) {
    return false;
  }
  const url = new URL(value);
  return url.username !== '' || url.password !== '';
}

/** Checked only outside demo mode, or in demo mode when the value is set anyway. */
const unlessDemo =
  (key: 'nautobotUrl' | 'nautobotToken') =>
  (s: Settings): boolean =>
    !s.demoMode || s[key] !== undefined;

/**
 * The validated settings of one process: the one class-validator schema that the merged
 * values (defaults < YAML file < environment) must pass. Each property's env name, YAML
 * path, default and description are in SETTING_SPECS. Instances from `loadSettings` are frozen.
 */
export class Settings {
  /** TCP port of the HTTP server (`PORT`). */
  @Setting()
  port!: number;

  /** Address the HTTP server binds to (`HOST`). */
  @Setting()
  host!: string;

  /** Largest accepted request body in bytes (`MAX_BODY_BYTES`). */
  @Setting()
  maxBodyBytes!: number;

  /** Time a client has to send the request line and headers (`HTTP_HEADERS_TIMEOUT_MS`). */
  @Setting()
  httpHeadersTimeoutMs!: number;

  /** Time a client has to send the whole request (`HTTP_REQUEST_TIMEOUT_MS`); at least the headers timeout. */
  @Setting()
  @IsAtLeastSetting('httpHeadersTimeoutMs')
  httpRequestTimeoutMs!: number;

  /** Idle time after which a keep-alive connection is closed (`HTTP_KEEPALIVE_TIMEOUT_MS`). */
  @Setting()
  httpKeepAliveTimeoutMs!: number;

  /** Largest request line plus headers in bytes (`HTTP_MAX_HEADER_BYTES`). */
  @Setting()
  httpMaxHeaderBytes!: number;

  /** Least severe level that is logged (`LOG_LEVEL`). */
  @Setting()
  logLevel!: LogLevel;

  /** Nautobot base URL without trailing slash (`NAUTOBOT_URL`); unset only in demo mode. */
  @Setting()
  @ValidateIf(unlessDemo('nautobotUrl'))
  @IsDefined({ message: REQUIRED_UNLESS_DEMO })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http(s) URL such as https://nautobot.example.com' },
  )
  @ValidateBy(
    { name: 'hasNoUserInfo', validator: { validate: (value) => !hasUserInfo(value) } },
    {
      message:
        'must not contain a user name or password (fetch refuses such URLs); NAUTOBOT_TOKEN authenticates',
    },
  )
  nautobotUrl?: string;

  /** Nautobot API token (`NAUTOBOT_TOKEN`, secret); unset only in demo mode. */
  @Setting()
  @ValidateIf(unlessDemo('nautobotToken'))
  @IsDefined({ message: REQUIRED_UNLESS_DEMO })
  @Matches(/^[0-9a-fA-F]{40}$/, {
    message:
      'must be a Nautobot API token: 40 hexadecimal characters (Nautobot: your profile → API Tokens)',
  })
  nautobotToken?: string;

  /** Timeout of one Nautobot request in milliseconds (`NAUTOBOT_TIMEOUT_MS`). */
  @Setting()
  nautobotTimeoutMs!: number;

  /** Largest answer read from Nautobot in bytes (`NAUTOBOT_MAX_RESPONSE_BYTES`). */
  @Setting()
  nautobotMaxResponseBytes!: number;

  /** Deadline of one whole tool call in milliseconds (`TOOL_TIMEOUT_MS`); 0 = none. */
  @Setting()
  toolTimeoutMs!: number;

  /** Whether Nautobot's TLS certificate is verified (`NAUTOBOT_VERIFY_TLS`). */
  @Setting()
  nautobotVerifyTls!: boolean;

  /** Readable PEM file of extra CAs to trust for Nautobot (`NAUTOBOT_CA_FILE`). */
  @Setting()
  @IsReadableFile()
  nautobotCaFile?: string;

  /** Whether the built-in Nautobot simulator replaces a real Nautobot (`DEMO_MODE`). */
  @Setting()
  demoMode!: boolean;

  /** Answer from demo data when Nautobot is unreachable (`DEMO_FALLBACK`). */
  @Setting()
  demoFallback!: boolean;

  /** Existing directory of the user's edited .graphql files (`QUERIES_DIR`). */
  @Setting()
  @IsReadableDirectory()
  queriesDir?: string;

  /** Readable org customisation YAML file (`ORG_CONFIG_FILE`). */
  @Setting()
  @IsReadableFile()
  orgConfigFile?: string;

  /** External base URL of this server (`PUBLIC_BASE_URL`). */
  @Setting()
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  publicBaseUrl?: string;

  /** Accepted credential kinds (`AUTH_MODE`); defaults to none in demo mode. */
  @Setting()
  @ValidateIf((s: Settings) => !s.demoMode || s.authMode !== undefined)
  @IsDefined({
    message:
      'required unless DEMO_MODE=true — e.g. AUTH_MODE=api_key with API_KEYS, or AUTH_MODE=none to run open (not for production)',
  })
  @ArrayNotEmpty({ message: 'must name at least one of none, api_key, basic, oidc' })
  @IsIn(AUTH_MODES, { each: true, message: 'must be a comma list of none, api_key, basic, oidc' })
  authMode?: string[];

  /** API keys for `api_key` mode (`API_KEYS`); plain or `sha256:<hex>`, optionally `name=`. */
  @Setting()
  apiKeys?: string[];

  /** YAML file of keys, users, claim mappings and tool permissions (`AUTH_FILE`). */
  @Setting()
  @IsReadableFile()
  authFile?: string;

  /** OIDC issuer (`OIDC_ISSUER`); required with AUTH_MODE oidc. */
  @Setting()
  @ValidateIf((s: Settings) => s.authMode?.includes('oidc') === true || s.oidcIssuer !== undefined)
  @IsDefined({ message: 'required when AUTH_MODE includes oidc' })
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  oidcIssuer?: string;

  /** Expected token audience (`OIDC_AUDIENCE`); required with AUTH_MODE oidc. */
  @Setting()
  @ValidateIf((s: Settings) => s.authMode?.includes('oidc') === true)
  @IsDefined({ message: 'required when AUTH_MODE includes oidc' })
  oidcAudience?: string;

  /** JWKS URL (`OIDC_JWKS_URI`); default from discovery. */
  @Setting()
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  oidcJwksUri?: string;

  /** Accepted JWT algorithms (`OIDC_ALGORITHMS`). */
  @Setting()
  @IsIn(OIDC_ALGORITHMS, {
    each: true,
    message: `must be a comma list of ${OIDC_ALGORITHMS.join(', ')} (none and HS* are never accepted)`,
  })
  oidcAlgorithms!: string[];

  /** Clock skew tolerated on exp/nbf, in seconds (`OIDC_CLOCK_TOLERANCE_S`). */
  @Setting()
  oidcClockToleranceS!: number;

  /** Oldest accepted token in seconds since `iat` (`OIDC_MAX_TOKEN_AGE_S`); 0 = off. */
  @Setting()
  oidcMaxTokenAgeS!: number;

  /** Claim mapped to tools (`OIDC_TOOLS_CLAIM`). */
  @Setting()
  oidcToolsClaim!: string;

  /** Origins allowed for CORS (`CORS_ORIGINS`). */
  @Setting()
  corsOrigins!: string[];

  /** Proxies trusted for the client address (`TRUST_PROXY`, Express `trust proxy`). */
  @Setting()
  @IsOptional()
  @Matches(/^(true|false|\d+|[0-9A-Za-z.:/]+(\s*,\s*[0-9A-Za-z.:/]+)*)$/, {
    message:
      'must be a hop count (e.g. 1), true, loopback, linklocal, uniquelocal, or a comma list of IP addresses/CIDRs',
  })
  trustProxy?: string;

  /** Requests per minute per principal (`RATE_LIMIT_PER_MIN`); 0 = off. */
  @Setting()
  rateLimitPerMin!: number;

  /** Largest tool result in bytes (`MAX_RESULT_BYTES`); lists are cut at a whole item. */
  @Setting()
  maxResultBytes!: number;

  /** Whether the raw `graphql_query` tool is offered (`ENABLE_RAW_GRAPHQL`). */
  @Setting()
  enableRawGraphql!: boolean;

  /** Deepest field nesting `graphql_query` accepts (`RAW_GRAPHQL_MAX_DEPTH`). */
  @Setting()
  rawGraphqlMaxDepth!: number;

  /** Most aliases `graphql_query` accepts, fragments expanded (`RAW_GRAPHQL_MAX_ALIASES`). */
  @Setting()
  rawGraphqlMaxAliases!: number;

  /** Most fields `graphql_query` accepts, fragments expanded (`RAW_GRAPHQL_MAX_FIELDS`). */
  @Setting()
  rawGraphqlMaxFields!: number;

  /** Most lexical tokens `graphql_query` parses (`RAW_GRAPHQL_MAX_TOKENS`). */
  @Setting()
  rawGraphqlMaxTokens!: number;

  /** Most prefixes one `analyze_prefixes` scope may hold (`ANALYZE_MAX_PREFIXES`). */
  @Setting()
  analyzeMaxPrefixes!: number;

  /** Most IP addresses one `analyze_prefixes` scope may hold (`ANALYZE_MAX_IP_ADDRESSES`). */
  @Setting()
  analyzeMaxIpAddresses!: number;

  /**
   * Key that signs list cursors (`CURSOR_SECRET`); unset, each process draws a random one,
   * so cursors only work on the replica that issued them.
   */
  @Setting()
  @IsOptional()
  @MinLength(16, { message: 'must be at least 16 characters' })
  cursorSecret?: string;

  /** Toolsets enabled on every door (`TOOLSETS`); undefined means all. */
  @Setting()
  toolsets?: string[];

  /** Extra Host header names /mcp accepts (`MCP_ALLOWED_HOSTS`); `*` accepts any. */
  @Setting()
  mcpAllowedHosts!: string[];

  /** Extra browser origins /mcp accepts (`MCP_ALLOWED_ORIGINS`). */
  @Setting()
  mcpAllowedOrigins!: string[];

  /** Log line format (`LOG_FORMAT`). */
  @Setting()
  logFormat!: 'json' | 'pretty';

  /** Audit trail destination: stdout or a file (`AUDIT_LOG`). */
  @Setting()
  auditLog!: string;

  /** Whether /metrics is served (`METRICS_ENABLED`). */
  @Setting()
  metricsEnabled!: boolean;

  /** Separate metrics port (`METRICS_PORT`). */
  @Setting()
  metricsPort?: number;

  /** /metrics on the main port without credentials (`METRICS_PUBLIC`). */
  @Setting()
  metricsPublic!: boolean;

  /** Delay before refusing new connections on SIGTERM (`SHUTDOWN_DELAY_MS`). */
  @Setting()
  shutdownDelayMs!: number;

  /** Longest wait for in-flight requests on shutdown (`SHUTDOWN_GRACE_MS`). */
  @Setting()
  shutdownGraceMs!: number;

  /** The YAML settings file these settings were read from (`CONFIG_FILE`, env only). */
  @Setting()
  configFile?: string;
}
