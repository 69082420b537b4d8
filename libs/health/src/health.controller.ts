import { Lifecycle, Public, packageInfo, problemOf } from '@nautobot-mcp/common';
import { All, Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { NautobotHealthIndicator } from './nautobot.health.js';

/** Liveness body. */
interface Liveness {
  status: 'ok';
  version: string;
  uptimeSeconds: number;
}

/**
 * Kubernetes probes. Both stay open without credentials: they reveal nothing but
 * up/down, a reason code and our version (never Nautobot's address or its error
 * text, which go to the log), and a probe cannot present credentials.
 */
@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly nautobot: NautobotHealthIndicator,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Get('healthz')
  @ApiOperation({ summary: 'Liveness: the process serves HTTP (no upstream call)' })
  @ApiOkResponse({ description: '`{ status: "ok", version, uptimeSeconds }`' })
  liveness(): Liveness {
    return {
      status: 'ok',
      version: packageInfo().version,
      uptimeSeconds: Math.round(process.uptime()),
    };
  }

  @Get('readyz')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: Nautobot answers an authenticated query' })
  @ApiOkResponse({ description: 'Ready.' })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the problem names the reason.' })
  async readiness(): Promise<HealthCheckResult> {
    if (this.lifecycle.shuttingDown) {
      throw problemOf('not-ready', 'Shutting down: finishing in-flight requests.', {
        checks: { lifecycle: { status: 'down', reason: 'shutting-down' } },
      });
    }
    try {
      return await this.health.check([() => this.nautobot.isHealthy()]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        const checks = (error.getResponse() as { details?: Record<string, { reason?: string }> })
          .details;
        const reason = checks?.nautobot?.reason ?? 'check-failed';
        throw problemOf(
          'not-ready',
          `Nautobot is not ready (${reason}); the server log has the details.`,
          { checks },
        );
      }
      throw error;
    }
  }

  @All(['healthz', 'readyz'])
  @ApiExcludeEndpoint()
  otherMethods(): never {
    throw problemOf('method-not-allowed', 'Use GET on this path.').withHeaders({ allow: 'GET' });
  }
}
