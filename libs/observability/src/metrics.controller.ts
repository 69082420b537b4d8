import { PublicWhen, problemOf } from '@nautobot-mcp/common';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MetricsService } from './metrics.service.js';

/**
 * `/metrics` on the main port. It needs the same credentials as the tools unless
 * METRICS_PUBLIC=true; with METRICS_PORT set it moves to that port and is 404 here.
 */
@ApiExcludeController()
@PublicWhen('metricsPublic')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @InjectSettings() private readonly settings: Settings,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  render(): Promise<string> {
    if (!this.settings.metricsEnabled || this.settings.metricsPort !== undefined) {
      throw problemOf(
        'not-found',
        this.settings.metricsEnabled
          ? `Metrics are served on port ${this.settings.metricsPort} (METRICS_PORT).`
          : 'Metrics are off (METRICS_ENABLED=false).',
      );
    }
    return this.metrics.render();
  }
}
