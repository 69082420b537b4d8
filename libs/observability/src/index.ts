/** Audit trail and metrics. */
export { ObservabilityModule } from './observability.module.js';
/** Prometheus metrics and their HTTP middleware. */
export { MetricsService } from './metrics.service.js';
/** The separate metrics port (METRICS_PORT). */
export { MetricsServer } from './metrics-server.service.js';
/** The pino process logger and its Nest adapter. */
export { createLogger, PinoNestLogger, REDACT_PATHS, type LoggerOptions } from './logger.js';
/** Request ids for every request. */
export {
  acceptedRequestId,
  requestIdMiddleware,
  REQUEST_ID_HEADER,
} from './request-id.middleware.js';
/** Access log lines. */
export { httpLogger } from './http-logger.js';
/** Token to replace the audit destination (tests). */
export { AUDIT_STREAM } from './observability.constants.js';
/** Non-blocking log destinations, drained and sealed before exit. */
export {
  drainLogDestinations,
  logDestination,
  sealLogDestinations,
  type LogDestination,
} from './log-destination.js';
