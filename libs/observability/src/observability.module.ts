import { Module, type DynamicModule } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AuditTrail } from './audit-trail.service.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsServer } from './metrics-server.service.js';
import { MetricsService } from './metrics.service.js';
import { AUDIT_STREAM } from './observability.constants.js';

/** Audit trail and Prometheus metrics, fed by the TelemetryHub. */
@Module({})
export class ObservabilityModule {
  /** `auditStream` replaces the AUDIT_LOG destination (stdio mode, tests). */
  static forRoot(options: { auditStream?: DestinationStream } = {}): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [MetricsController],
      providers: [
        MetricsService,
        MetricsServer,
        AuditTrail,
        ...(options.auditStream ? [{ provide: AUDIT_STREAM, useValue: options.auditStream }] : []),
      ],
      exports: [MetricsService, MetricsServer],
    };
  }
}
