import { Global, Module } from '@nestjs/common';
import { Lifecycle } from './lifecycle.js';
import { TelemetryHub } from './telemetry.js';

/** Process-wide services every lib may inject: the telemetry hub and the lifecycle. */
@Global()
@Module({ providers: [TelemetryHub, Lifecycle], exports: [TelemetryHub, Lifecycle] })
export class CommonModule {}
