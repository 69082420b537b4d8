import { ProblemException } from '@nautobot-mcp/common';
import { NautobotClient, NautobotVersionService } from '@nautobot-mcp/nautobot';
import { Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

/**
 * Readiness of Nautobot: one cheap authenticated GraphQL query, straight to Nautobot
 * (DEMO_FALLBACK never answers it: readiness must say when Nautobot is down).
 */
@Injectable()
export class NautobotHealthIndicator {
  private readonly logger = new Logger(NautobotHealthIndicator.name);
  private wasUp: boolean | undefined;

  constructor(
    private readonly health: HealthIndicatorService,
    private readonly nautobot: NautobotClient,
    private readonly versions: NautobotVersionService,
  ) {}

  async isHealthy(key = 'nautobot'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    const started = performance.now();
    try {
      await this.nautobot.ping();
      this.transition(true);
      const latencyMs = Math.round(performance.now() - started);
      // Detected once at start-up; asked again here while still unknown.
      const version = await this.versions.detect().then(
        (info) => info.version,
        () => undefined,
      );
      return indicator.up(version ? { latencyMs, version } : { latencyMs });
    } catch (error) {
      const problem = error instanceof ProblemException ? error.problem : undefined;
      const reason = problem?.type ?? 'internal-error';
      // The detail (Nautobot's address, its error) is for operators: the log only. The
      // probe is public, so it says down and a stable reason code, nothing more.
      this.transition(false, `${reason}: ${problem?.detail ?? String(error)}`);
      return indicator.down({ reason });
    }
  }

  /** Logs only changes of state, not every failing probe. */
  private transition(up: boolean, why?: string): void {
    if (this.wasUp !== up) {
      if (up) {
        this.logger.log('Nautobot is reachable');
      } else {
        this.logger.warn(`Nautobot is not ready: ${why}`);
      }
    }
    this.wasUp = up;
  }
}
