/** Liveness and readiness probes. */
export { HealthModule } from './health.module.js';
/** Readiness check of Nautobot. */
export { NautobotHealthIndicator } from './nautobot.health.js';
