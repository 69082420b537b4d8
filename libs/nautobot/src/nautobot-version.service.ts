import { ProblemException, problemOf } from '@nautobot-mcp/common';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { FetchLike, NautobotClientOptions } from './nautobot-client-options.js';
import { NAUTOBOT_CLIENT_OPTIONS } from './nautobot.constants.js';
import { createNautobotFetch } from './nautobot-fetch.js';

/** The Nautobot release lines this server is tested against (docs/compatibility.md). */
export const TESTED_LINES = ['2.4', '3.x'] as const;

/** What Nautobot says of itself. */
export interface NautobotVersionInfo {
  /** `nautobot-version` of `/api/status/`, e.g. `2.4.44`. */
  version: string;
  /** The `API-Version` response header, e.g. `2.4`. */
  apiVersion: string | null;
  major: number;
  minor: number;
  /** The tested release line it belongs to, or null when it is outside the tested matrix. */
  line: (typeof TESTED_LINES)[number] | null;
}

/** Parses a version string; the tested line it falls in (2.4.x → 2.4, 3.y → 3.x). */
export function versionInfo(version: string, apiVersion: string | null): NautobotVersionInfo {
  const [major, minor] = version.split('.').map((part) => Number.parseInt(part, 10));
  const line = major === 2 && minor === 4 ? '2.4' : major === 3 ? '3.x' : null;
  return {
    version,
    apiVersion,
    major: Number.isFinite(major) ? major : 0,
    minor: Number.isFinite(minor) ? minor : 0,
    line,
  };
}

/**
 * Detects the Nautobot version at start-up (`/api/status/` and its `API-Version` header), logs
 * it and keeps it for readiness and `check-config`. Detection never blocks start-up: when
 * Nautobot is not reachable yet, the next `detect()` (readiness probe) tries again.
 */
@Injectable()
export class NautobotVersionService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Nautobot');
  private readonly fetch: FetchLike;
  private readonly url: string;
  private info: NautobotVersionInfo | undefined;
  private pending: Promise<NautobotVersionInfo> | undefined;

  constructor(@Inject(NAUTOBOT_CLIENT_OPTIONS) private readonly options: NautobotClientOptions) {
    // Never from demo data: a fallback answer would name the simulator's version.
    this.fetch = createNautobotFetch({ ...options, fallbackFetch: undefined, observer: undefined });
    this.url = `${options.url.replace(/\/+$/, '')}/api/status/`;
  }

  onApplicationBootstrap(): void {
    this.detect().catch((error: unknown) => {
      const type = error instanceof ProblemException ? error.problem.type : 'internal-error';
      this.logger.warn(`Could not read Nautobot's version yet (${type}); retrying on readiness`);
    });
  }

  /** The version detected so far, if any. */
  current(): NautobotVersionInfo | undefined {
    return this.info;
  }

  /** The version, asking Nautobot when it is not known yet (one request at a time). */
  detect(): Promise<NautobotVersionInfo> {
    if (this.info) {
      return Promise.resolve(this.info);
    }
    this.pending ??= this.read().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async read(): Promise<NautobotVersionInfo> {
    const response = await this.fetch(this.url, {
      method: 'GET',
      headers: { authorization: `Token ${this.options.token}`, accept: 'application/json' },
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    const version = typeof body['nautobot-version'] === 'string' ? body['nautobot-version'] : '';
    if (!version) {
      throw problemOf(
        'nautobot-bad-response',
        `${this.url} did not name a nautobot-version; is NAUTOBOT_URL a Nautobot?`,
      );
    }
    this.info = versionInfo(version, response.headers.get('api-version'));
    const tested = this.info.line
      ? `tested line ${this.info.line}`
      : `not a tested line (${TESTED_LINES.join(', ')}); see docs/compatibility.md`;
    const log = this.info.line
      ? this.logger.log.bind(this.logger)
      : this.logger.warn.bind(this.logger);
    log(`Nautobot ${version} (API ${this.info.apiVersion ?? 'unknown'}), ${tested}`);
    return this.info;
  }
}
