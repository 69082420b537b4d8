import type { Settings } from './settings.js';

/** Log levels accepted by LOG_LEVEL, most severe first. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How a raw environment or YAML value is coerced and checked. */
export type SettingType = 'string' | 'int' | 'bool' | 'enum' | 'list';

/** The setting types that can describe a property of type `T`. */
type TypeFor<T> = [T] extends [number]
  ? 'int'
  : [T] extends [boolean]
    ? 'bool'
    : [T] extends [readonly string[]]
      ? 'list'
      : [T] extends [string]
        ? 'string' | 'enum'
        : never;

/** The spec of one setting: one row of {@link SETTING_SPECS}. */
export interface SettingSpec {
  /** Property name on {@link Settings}. */
  readonly key: keyof Settings;
  /** Environment variable name. */
  readonly env: string;
  /** Dotted path in the YAML settings file; absent for environment-only settings. */
  readonly yaml?: string;
  readonly type: SettingType;
  /** Value used when neither the environment nor the YAML file sets one. */
  readonly default?: Settings[keyof Settings];
  /** One sentence for users: shown in `.env.example` and the docs. */
  readonly description: string;
  /** Secret values are never printed, not even in part. */
  readonly secret: boolean;
  /** Allowed values of an `enum` setting. */
  readonly enumValues?: readonly string[];
  /** Smallest allowed value of an `int` setting. */
  readonly min?: number;
  /** Largest allowed value of an `int` setting. */
  readonly max?: number;
  /** Example value for `.env.example` and the docs when there is no default. */
  readonly example?: string;
  /** When the setting must be set, for users (the rule itself lives on {@link Settings}). */
  readonly requiredWhen?: string;
}

/** A row whose `type` and `default` match the type of the property it describes. */
type CheckedRow = {
  [K in keyof Settings]-?: SettingSpec & {
    readonly key: K;
    readonly type: TypeFor<NonNullable<Settings[K]>>;
    readonly default?: Settings[K];
  };
}[keyof Settings];

const ROWS = [
  {
    key: 'port',
    env: 'PORT',
    yaml: 'server.port',
    type: 'int',
    default: 7001,
    min: 1,
    max: 65535,
    description: 'TCP port the HTTP server (REST, MCP and health endpoints) listens on.',
    secret: false,
  },
  {
    key: 'host',
    env: 'HOST',
    yaml: 'server.host',
    type: 'string',
    default: '0.0.0.0',
    description: 'Address the HTTP server binds to; use 127.0.0.1 to accept local clients only.',
    secret: false,
  },
  {
    key: 'maxBodyBytes',
    env: 'MAX_BODY_BYTES',
    yaml: 'server.maxBodyBytes',
    type: 'int',
    default: 1048576,
    min: 1024,
    description:
      'Largest accepted request body in bytes; larger requests get 413 Payload Too Large.',
    secret: false,
  },
  {
    key: 'httpHeadersTimeoutMs',
    env: 'HTTP_HEADERS_TIMEOUT_MS',
    yaml: 'server.headersTimeoutMs',
    type: 'int',
    default: 10000,
    min: 1000,
    max: 600000,
    description:
      'How long a client may take to send the request line and headers, in milliseconds, before it gets 408 and is disconnected (slowloris).',
    secret: false,
  },
  {
    key: 'httpRequestTimeoutMs',
    env: 'HTTP_REQUEST_TIMEOUT_MS',
    yaml: 'server.requestTimeoutMs',
    type: 'int',
    default: 30000,
    min: 1000,
    max: 3600000,
    description:
      'How long a client may take to send the whole request, headers and body, in milliseconds, before it gets 408 and is disconnected; computing the answer is not counted.',
    secret: false,
  },
  {
    key: 'httpKeepAliveTimeoutMs',
    env: 'HTTP_KEEPALIVE_TIMEOUT_MS',
    yaml: 'server.keepAliveTimeoutMs',
    type: 'int',
    default: 65000,
    min: 1000,
    max: 3600000,
    description:
      'How long an idle keep-alive connection stays open, in milliseconds; keep it above the idle timeout of the load balancer or ingress in front.',
    secret: false,
  },
  {
    key: 'httpMaxHeaderBytes',
    env: 'HTTP_MAX_HEADER_BYTES',
    yaml: 'server.maxHeaderBytes',
    type: 'int',
    default: 16384,
    min: 1024,
    max: 1048576,
    description:
      'Largest accepted request line and headers together, in bytes; larger requests get 431 Request Header Fields Too Large.',
    secret: false,
  },
  {
    key: 'logLevel',
    env: 'LOG_LEVEL',
    yaml: 'log.level',
    type: 'enum',
    default: 'info',
    enumValues: LOG_LEVELS,
    description: 'Least severe level of log lines that are written.',
    secret: false,
  },
  {
    key: 'nautobotUrl',
    env: 'NAUTOBOT_URL',
    yaml: 'nautobot.url',
    type: 'string',
    example: 'https://nautobot.example.com',
    requiredWhen: 'unless DEMO_MODE=true',
    description:
      'Base URL of your Nautobot instance (http or https), without user name or password.',
    secret: false,
  },
  {
    key: 'nautobotToken',
    env: 'NAUTOBOT_TOKEN',
    yaml: 'nautobot.token',
    type: 'string',
    example: '<your Nautobot API token>',
    requiredWhen: 'unless DEMO_MODE=true',
    description: 'Nautobot API token, sent as "Authorization: Token <token>"; read-only is enough.',
    secret: true,
  },
  {
    key: 'nautobotTimeoutMs',
    env: 'NAUTOBOT_TIMEOUT_MS',
    yaml: 'nautobot.timeoutMs',
    type: 'int',
    default: 10000,
    min: 100,
    max: 600000,
    description:
      'How long one request to Nautobot may take, headers and whole body, in milliseconds, before it fails with 504.',
    secret: false,
  },
  {
    key: 'nautobotMaxResponseBytes',
    env: 'NAUTOBOT_MAX_RESPONSE_BYTES',
    yaml: 'nautobot.maxResponseBytes',
    type: 'int',
    default: 16777216,
    min: 65536,
    max: 1073741824,
    description:
      'Largest answer read from Nautobot, in bytes, counted as it streams in; a larger one stops being read and fails with 502 nautobot-response-too-large.',
    secret: false,
  },
  {
    key: 'toolTimeoutMs',
    env: 'TOOL_TIMEOUT_MS',
    yaml: 'tools.timeoutMs',
    type: 'int',
    default: 60000,
    min: 0,
    max: 3600000,
    description:
      'How long one tool call (all its Nautobot requests together) may take, in milliseconds, before it fails with 504; 0 turns the deadline off.',
    secret: false,
  },
  {
    key: 'nautobotVerifyTls',
    env: 'NAUTOBOT_VERIFY_TLS',
    yaml: 'nautobot.verifyTls',
    type: 'bool',
    default: true,
    description: "Whether to verify Nautobot's TLS certificate; turn it off only for testing.",
    secret: false,
  },
  {
    key: 'nautobotCaFile',
    env: 'NAUTOBOT_CA_FILE',
    yaml: 'nautobot.caFile',
    type: 'string',
    example: '/etc/ssl/certs/internal-ca.pem',
    description: 'PEM file of extra CA certificates to trust for Nautobot, e.g. an internal CA.',
    secret: false,
  },
  {
    key: 'demoMode',
    env: 'DEMO_MODE',
    yaml: 'demoMode',
    type: 'bool',
    default: false,
    description: 'Serve a built-in simulated Nautobot with sample data instead of a real one.',
    secret: false,
  },
  {
    key: 'demoFallback',
    env: 'DEMO_FALLBACK',
    yaml: 'demoFallback',
    type: 'bool',
    default: false,
    description:
      'When Nautobot is unreachable, answer from the built-in demo data, marked as such (for conference demos only).',
    secret: false,
  },
  {
    key: 'queriesDir',
    env: 'QUERIES_DIR',
    yaml: 'queries.dir',
    type: 'string',
    example: './my-queries',
    description: 'Directory of your edited .graphql query files, used instead of the bundled ones.',
    secret: false,
  },
  {
    key: 'orgConfigFile',
    env: 'ORG_CONFIG_FILE',
    yaml: 'org.file',
    type: 'string',
    example: './org.yaml',
    description: "YAML file with your organisation's location aliases and device naming schemas.",
    secret: false,
  },
  {
    key: 'publicBaseUrl',
    env: 'PUBLIC_BASE_URL',
    yaml: 'server.publicBaseUrl',
    type: 'string',
    example: 'https://nautobot-mcp.example.com',
    description:
      'External URL clients reach this server at (behind an ingress); used in absolute links and OAuth metadata.',
    secret: false,
  },
  {
    key: 'authMode',
    env: 'AUTH_MODE',
    yaml: 'auth.mode',
    type: 'list',
    example: 'api_key,oidc',
    requiredWhen: 'unless DEMO_MODE=true (then it defaults to none)',
    description:
      'Accepted credentials, comma-separated: none, api_key (X-API-Key), basic (HTTP Basic), oidc (Bearer JWT).',
    secret: false,
  },
  {
    key: 'apiKeys',
    env: 'API_KEYS',
    yaml: 'auth.apiKeys',
    type: 'list',
    example: 'ci=s3cret-key,sha256:<hex of the key>',
    description:
      'API keys for AUTH_MODE=api_key, comma-separated, each plain or sha256:<hex>, optionally name=key.',
    secret: true,
  },
  {
    key: 'authFile',
    env: 'AUTH_FILE',
    yaml: 'auth.file',
    type: 'string',
    example: './auth.yaml',
    description:
      'YAML file of named API keys, Basic users (scrypt hashes), OIDC claim mappings and their allowed tools.',
    secret: false,
  },
  {
    key: 'oidcIssuer',
    env: 'OIDC_ISSUER',
    yaml: 'auth.oidc.issuer',
    type: 'string',
    example: 'https://login.example.com/realms/network',
    requiredWhen: 'when AUTH_MODE includes oidc',
    description: 'OIDC issuer; tokens must carry it as iss, and discovery starts from it.',
    secret: false,
  },
  {
    key: 'oidcAudience',
    env: 'OIDC_AUDIENCE',
    yaml: 'auth.oidc.audience',
    type: 'string',
    example: 'nautobot-mcp',
    requiredWhen: 'when AUTH_MODE includes oidc',
    description: 'Audience (aud) tokens must be issued for.',
    secret: false,
  },
  {
    key: 'oidcJwksUri',
    env: 'OIDC_JWKS_URI',
    yaml: 'auth.oidc.jwksUri',
    type: 'string',
    example: 'https://login.example.com/realms/network/protocol/openid-connect/certs',
    description:
      "JWKS URL of the issuer's signing keys; default: from the issuer's discovery document.",
    secret: false,
  },
  {
    key: 'oidcAlgorithms',
    env: 'OIDC_ALGORITHMS',
    yaml: 'auth.oidc.algorithms',
    type: 'list',
    default: ['RS256', 'ES256', 'PS256'],
    description: 'Accepted JWT signature algorithms (asymmetric only; none and HS* are refused).',
    secret: false,
  },
  {
    key: 'oidcClockToleranceS',
    env: 'OIDC_CLOCK_TOLERANCE_S',
    yaml: 'auth.oidc.clockToleranceS',
    type: 'int',
    default: 30,
    min: 0,
    max: 600,
    description: 'Seconds of clock skew tolerated on exp and nbf.',
    secret: false,
  },
  {
    key: 'oidcMaxTokenAgeS',
    env: 'OIDC_MAX_TOKEN_AGE_S',
    yaml: 'auth.oidc.maxTokenAgeS',
    type: 'int',
    default: 0,
    min: 0,
    description:
      'Oldest token accepted, in seconds since its iat (tokens must then carry iat); 0 leaves it to exp, which every token must carry.',
    secret: false,
  },
  {
    key: 'oidcToolsClaim',
    env: 'OIDC_TOOLS_CLAIM',
    yaml: 'auth.oidc.toolsClaim',
    type: 'string',
    default: 'scope',
    description:
      'Token claim (space-separated string or array) whose values AUTH_FILE maps to allowed tools.',
    secret: false,
  },
  {
    key: 'corsOrigins',
    env: 'CORS_ORIGINS',
    yaml: 'server.corsOrigins',
    type: 'list',
    default: [],
    example: 'https://grafana.example.com',
    description: 'Browser origins allowed to call the API cross-origin; empty means none.',
    secret: false,
  },
  {
    key: 'trustProxy',
    env: 'TRUST_PROXY',
    yaml: 'server.trustProxy',
    type: 'string',
    example: '1',
    description:
      'Proxies trusted to report the client address and protocol (X-Forwarded-For, X-Forwarded-Proto), as Express trust proxy: a hop count (1 behind one ingress), loopback, or IP addresses/CIDRs; unset trusts none.',
    secret: false,
  },
  {
    key: 'rateLimitPerMin',
    env: 'RATE_LIMIT_PER_MIN',
    yaml: 'server.rateLimitPerMin',
    type: 'int',
    default: 600,
    min: 0,
    description:
      'Requests per minute allowed to each caller (principal) on protected routes, and failed logins per client address; 0 turns both off.',
    secret: false,
  },
  {
    key: 'maxResultBytes',
    env: 'MAX_RESULT_BYTES',
    yaml: 'tools.maxResultBytes',
    type: 'int',
    default: 65536,
    min: 1024,
    max: 16777216,
    description:
      'Largest tool result in bytes (JSON); longer lists are cut at a whole item with truncated: true and a nextCursor.',
    secret: false,
  },
  {
    key: 'enableRawGraphql',
    env: 'ENABLE_RAW_GRAPHQL',
    yaml: 'tools.enableRawGraphql',
    type: 'bool',
    default: false,
    description:
      'Offer the graphql_query tool (raw read-only GraphQL); it exposes whatever NAUTOBOT_TOKEN can read.',
    secret: false,
  },
  {
    key: 'rawGraphqlMaxDepth',
    env: 'RAW_GRAPHQL_MAX_DEPTH',
    yaml: 'tools.rawGraphqlMaxDepth',
    type: 'int',
    default: 8,
    min: 2,
    max: 20,
    description: 'Deepest field nesting the graphql_query tool accepts.',
    secret: false,
  },
  {
    key: 'rawGraphqlMaxAliases',
    env: 'RAW_GRAPHQL_MAX_ALIASES',
    yaml: 'tools.rawGraphqlMaxAliases',
    type: 'int',
    default: 15,
    min: 0,
    max: 1000,
    description:
      'Most field aliases the graphql_query tool accepts in one query, counted with fragments expanded.',
    secret: false,
  },
  {
    key: 'rawGraphqlMaxFields',
    env: 'RAW_GRAPHQL_MAX_FIELDS',
    yaml: 'tools.rawGraphqlMaxFields',
    type: 'int',
    default: 500,
    min: 1,
    max: 100000,
    description:
      'Most fields the graphql_query tool accepts in one query, counted with fragments expanded (bounds breadth and fragment fan-out).',
    secret: false,
  },
  {
    key: 'rawGraphqlMaxTokens',
    env: 'RAW_GRAPHQL_MAX_TOKENS',
    yaml: 'tools.rawGraphqlMaxTokens',
    type: 'int',
    default: 1000,
    min: 10,
    max: 100000,
    description:
      'Most lexical tokens (names, punctuation, values) the graphql_query tool parses in one query.',
    secret: false,
  },
  {
    key: 'analyzeMaxPrefixes',
    env: 'ANALYZE_MAX_PREFIXES',
    yaml: 'tools.analyzeMaxPrefixes',
    type: 'int',
    default: 10000,
    min: 1,
    max: 1000000,
    description:
      'Most prefixes one analyze_prefixes scope may hold; a larger scope is a 400 scope-too-large asking for a narrower one.',
    secret: false,
  },
  {
    key: 'analyzeMaxIpAddresses',
    env: 'ANALYZE_MAX_IP_ADDRESSES',
    yaml: 'tools.analyzeMaxIpAddresses',
    type: 'int',
    default: 200000,
    min: 1,
    max: 10000000,
    description:
      'Most IP addresses one analyze_prefixes scope may hold; a larger scope is a 400 scope-too-large asking for a narrower one.',
    secret: false,
  },
  {
    key: 'cursorSecret',
    env: 'CURSOR_SECRET',
    yaml: 'tools.cursorSecret',
    type: 'string',
    example: '<at least 16 random characters, the same on every replica>',
    description:
      'Key that signs list cursors (HMAC-SHA256); set the same value on every replica so any replica continues a cursor. Unset: a random key per process.',
    secret: true,
  },
  {
    key: 'toolsets',
    env: 'TOOLSETS',
    yaml: 'tools.toolsets',
    type: 'list',
    example: 'ipam,dcim',
    description:
      'Toolsets enabled on every door (REST, MCP), comma-separated; unset means all. An unknown name stops start-up.',
    secret: false,
  },
  {
    key: 'mcpAllowedHosts',
    env: 'MCP_ALLOWED_HOSTS',
    yaml: 'mcp.allowedHosts',
    type: 'list',
    default: [],
    example: 'nautobot-mcp.example.com',
    description:
      'Host names (no port) /mcp accepts in the Host header besides localhost, IP addresses and PUBLIC_BASE_URL — every route too when unauthenticated or bound to loopback; * accepts any.',
    secret: false,
  },
  {
    key: 'mcpAllowedOrigins',
    env: 'MCP_ALLOWED_ORIGINS',
    yaml: 'mcp.allowedOrigins',
    type: 'list',
    default: [],
    example: 'https://agents.example.com',
    description:
      'Browser origins /mcp (every route when unauthenticated or on loopback) accepts besides localhost, PUBLIC_BASE_URL and the same origin; requests without Origin are always accepted.',
    secret: false,
  },
  {
    key: 'logFormat',
    env: 'LOG_FORMAT',
    yaml: 'log.format',
    type: 'enum',
    default: 'json',
    enumValues: ['json', 'pretty'],
    description:
      'Log line format: json (one object per line, for log shippers) or pretty (human-readable, on a terminal only).',
    secret: false,
  },
  {
    key: 'auditLog',
    env: 'AUDIT_LOG',
    yaml: 'log.audit',
    type: 'string',
    default: 'stdout',
    description:
      'Where the audit trail of tool calls goes: stdout, off, or a file path (appended; reopened on SIGHUP).',
    secret: false,
  },
  {
    key: 'metricsEnabled',
    env: 'METRICS_ENABLED',
    yaml: 'metrics.enabled',
    type: 'bool',
    default: true,
    description: 'Serve Prometheus metrics at /metrics.',
    secret: false,
  },
  {
    key: 'metricsPort',
    env: 'METRICS_PORT',
    yaml: 'metrics.port',
    type: 'int',
    min: 1,
    max: 65535,
    example: '9464',
    description:
      'Serve /metrics on this separate port (not exposed by the ingress) instead of the main port.',
    secret: false,
  },
  {
    key: 'metricsPublic',
    env: 'METRICS_PUBLIC',
    yaml: 'metrics.public',
    type: 'bool',
    default: false,
    description:
      'On the main port, serve /metrics without credentials (otherwise it needs the same as the tools).',
    secret: false,
  },
  {
    key: 'shutdownDelayMs',
    env: 'SHUTDOWN_DELAY_MS',
    yaml: 'shutdown.delayMs',
    type: 'int',
    default: 5000,
    min: 0,
    max: 120000,
    description:
      'After SIGTERM, keep accepting requests this long (readiness already failing) so load balancers notice.',
    secret: false,
  },
  {
    key: 'shutdownGraceMs',
    env: 'SHUTDOWN_GRACE_MS',
    yaml: 'shutdown.graceMs',
    type: 'int',
    default: 20000,
    min: 0,
    max: 600000,
    description: 'Then wait at most this long for in-flight requests to finish before exiting.',
    secret: false,
  },
  {
    key: 'configFile',
    env: 'CONFIG_FILE',
    type: 'string',
    example: './config.yaml',
    description:
      'YAML settings file; the environment overrides it (set CONFIG_FILE in the env only).',
    secret: false,
  },
] as const satisfies readonly CheckedRow[];

/** Fails to compile, naming the property, when a property of Settings has no row. */
type AssertNone<T extends never> = T;
type _EverySettingHasASpec = AssertNone<Exclude<keyof Settings, (typeof ROWS)[number]['key']>>;

/**
 * Every setting, in the order reports and docs list them. To add a setting, add a row here
 * and a property with `@Setting()` on {@link Settings}; the compiler checks the two agree.
 */
export const SETTING_SPECS: readonly SettingSpec[] = ROWS;

/** The spec of `key`. */
export function specOf(key: keyof Settings): SettingSpec {
  const spec = SETTING_SPECS.find((s) => s.key === key);
  if (!spec) {
    throw new Error(`No SETTING_SPECS row for Settings.${key}`);
  }
  return spec;
}
