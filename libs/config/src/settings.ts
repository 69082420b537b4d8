import { IsDefined, IsUrl, ValidateIf } from 'class-validator';
import { IsReadableDirectory, IsReadableFile } from './file-system.validators.js';
import { Setting } from './setting.decorator.js';
import type { LogLevel } from './setting-specs.js';

const REQUIRED_UNLESS_DEMO =
  'required unless DEMO_MODE=true — set NAUTOBOT_URL and NAUTOBOT_TOKEN, ' +
  'or run the demo with DEMO_MODE=true (npm run demo)';

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
  nautobotUrl?: string;

  /** Nautobot API token (`NAUTOBOT_TOKEN`, secret); unset only in demo mode. */
  @Setting()
  @ValidateIf(unlessDemo('nautobotToken'))
  @IsDefined({ message: REQUIRED_UNLESS_DEMO })
  nautobotToken?: string;

  /** Timeout of one Nautobot request in milliseconds (`NAUTOBOT_TIMEOUT_MS`). */
  @Setting()
  nautobotTimeoutMs!: number;

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

  /** Existing directory of the user's edited .graphql files (`QUERIES_DIR`). */
  @Setting()
  @IsReadableDirectory()
  queriesDir?: string;

  /** Readable org customisation YAML file (`ORG_CONFIG_FILE`). */
  @Setting()
  @IsReadableFile()
  orgConfigFile?: string;

  /** The YAML settings file these settings were read from (`CONFIG_FILE`, env only). */
  @Setting()
  configFile?: string;
}
