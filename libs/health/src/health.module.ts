import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { NautobotHealthIndicator } from './nautobot.health.js';

/** `/healthz` (liveness) and `/readyz` (readiness). */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [NautobotHealthIndicator],
})
export class HealthModule {}
