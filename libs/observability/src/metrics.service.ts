import { TelemetryHub } from '@nautobot-mcp/common';
import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const PREFIX = 'nautobot_mcp_';
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Prometheus metrics (prom-client): HTTP requests, in-flight requests, tool invocations
 * by tool/door/outcome, Nautobot request durations and errors, auth failures, and the
 * default process metrics. Names are documented in docs/operations.md and used by the
 * Grafana dashboard in deploy/grafana/.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'HTTP requests by route, method and status.',
    labelNames: ['route', 'method', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly inFlight = new Gauge({
    name: `${PREFIX}http_requests_in_flight`,
    help: 'HTTP requests being served.',
    registers: [this.registry],
  });
  private readonly toolInvocations = new Counter({
    name: `${PREFIX}tool_invocations_total`,
    help: 'Tool invocations by tool, door and outcome (ok, client_error, upstream_error, error).',
    labelNames: ['tool', 'door', 'outcome'],
    registers: [this.registry],
  });
  private readonly toolDuration = new Histogram({
    name: `${PREFIX}tool_duration_seconds`,
    help: 'Tool invocation duration by tool and door.',
    labelNames: ['tool', 'door'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly nautobotDuration = new Histogram({
    name: `${PREFIX}nautobot_request_duration_seconds`,
    help: 'HTTP requests to Nautobot by query.',
    labelNames: ['query'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly nautobotErrors = new Counter({
    name: `${PREFIX}nautobot_errors_total`,
    help: 'Failed requests to Nautobot by problem type.',
    labelNames: ['type'],
    registers: [this.registry],
  });
  private readonly demoFallbacks = new Counter({
    name: `${PREFIX}demo_fallback_total`,
    help: 'Nautobot requests answered from demo data because Nautobot failed (DEMO_FALLBACK).',
    labelNames: ['query'],
    registers: [this.registry],
  });
  private readonly authFailures = new Counter({
    name: `${PREFIX}auth_failures_total`,
    help: 'Failed authentications by mode and reason.',
    labelNames: ['mode', 'reason'],
    registers: [this.registry],
  });

  private readonly auditWriteErrors = new Counter({
    name: `${PREFIX}audit_write_errors_total`,
    help: 'Failed writes of audit lines by error code (ENOSPC, EACCES, EPIPE, EDROPPED when the buffer was full).',
    labelNames: ['code'],
    registers: [this.registry],
  });

  constructor(telemetry: TelemetryHub) {
    collectDefaultMetrics({ register: this.registry });
    telemetry.onToolInvocation((e) => {
      // Unknown tool names would let callers grow label cardinality without bound.
      const tool = e.problem === 'unknown-tool' ? 'unknown' : e.tool;
      this.toolInvocations.inc({ tool, door: e.door, outcome: e.outcome });
      this.toolDuration.observe({ tool, door: e.door }, e.durationMs / 1000);
    });
    telemetry.onNautobotRequest((e) => {
      this.nautobotDuration.observe({ query: e.query }, e.durationMs / 1000);
      if (e.error) {
        this.nautobotErrors.inc({ type: e.error });
      }
      if (e.fallback) {
        this.demoFallbacks.inc({ query: e.query });
      }
    });
    telemetry.onAuthFailure((e) => this.authFailures.inc({ mode: e.mode, reason: e.reason }));
  }

  /** One audit line (or buffered batch) could not be written. */
  auditWriteFailed(code: string): void {
    this.auditWriteErrors.inc({ code });
  }

  /** Times every HTTP request; the route label is the matched route pattern. */
  httpMiddleware() {
    return (request: Request, response: Response, next: NextFunction): void => {
      const end = this.httpDuration.startTimer();
      this.inFlight.inc();
      response.once('close', () => {
        this.inFlight.dec();
        const route = (request.route as { path?: string } | undefined)?.path;
        end({
          route: route ? `${request.baseUrl}${route}` : 'unmatched',
          method: request.method,
          status: String(response.statusCode),
        });
      });
      next();
    };
  }

  /** The text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
