import {
  CommonModule,
  ProblemFilter,
  TelemetryHub,
  createValidationPipe,
} from '@nautobot-mcp/common';
import {
  AppConfigModule,
  SETTINGS,
  type LoadedSettings,
  type Settings,
} from '@nautobot-mcp/config';
import { AuthModule, AuthenticationGuard, PrincipalRateLimitGuard } from '@nautobot-mcp/auth';
import { HealthModule } from '@nautobot-mcp/health';
import { McpModule } from '@nautobot-mcp/mcp';
import { NautobotModule } from '@nautobot-mcp/nautobot';
import { ObservabilityModule } from '@nautobot-mcp/observability';
import { BodyDepthGuard, ToolsModule } from '@nautobot-mcp/tools';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { nautobotClientOptions } from './nautobot-options.js';

/** The deployable: every module wired from one validated settings object. */
@Module({})
export class AppModule {
  static forRoot(
    loaded: LoadedSettings,
    options: { auditStream?: DestinationStream } = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(loaded),
        CommonModule,
        NautobotModule.forRootAsync({
          useFactory: (settings: Settings, telemetry: TelemetryHub) =>
            nautobotClientOptions(settings, telemetry),
          inject: [SETTINGS, TelemetryHub],
        }),
        ObservabilityModule.forRoot({ auditStream: options.auditStream }),
        AuthModule,
        ToolsModule,
        // The MCP doors: POST /mcp (behind the same guards) and the stdio server factory.
        McpModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        // Authentication first, then the per-principal rate limit (it keys on the principal),
        // then the refusal of too-deep bodies (audited with the caller it now knows).
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
        { provide: APP_GUARD, useExisting: PrincipalRateLimitGuard },
        { provide: APP_GUARD, useExisting: BodyDepthGuard },
      ],
    };
  }
}
