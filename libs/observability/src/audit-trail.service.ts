import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { TelemetryHub } from '@nautobot-mcp/common';
import { InjectSettings, SettingsError, type Settings } from '@nautobot-mcp/config';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import { logDestination, type LogDestination } from './log-destination.js';
import { MetricsService } from './metrics.service.js';
import { AUDIT_STREAM } from './observability.constants.js';

/** Audit lines held in memory while the destination cannot take them; more are dropped. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** At most one error line per this many ms about failing audit writes; every failure is counted. */
const ERROR_LOG_INTERVAL_MS = 10_000;

/**
 * The audit trail: one JSON line per tool invocation on every door — time, request
 * id, principal, door, tool, arguments (secrets masked), outcome, status, duration,
 * rows. AUDIT_LOG=stdout (default) or a file, appended and reopened on SIGHUP so
 * log rotation never loses lines. A file that cannot be opened stops start-up; a write
 * that fails later is logged and counted (`nautobot_mcp_audit_write_errors_total`),
 * never thrown at the caller.
 */
@Injectable()
export class AuditTrail implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Audit');
  private logger?: Pino;
  private file?: LogDestination;
  private lastErrorLog = 0;
  private readonly reopen = () => {
    try {
      this.file?.reopen();
    } catch (error) {
      this.writeFailed(error as NodeJS.ErrnoException);
    }
  };

  constructor(
    @InjectSettings() private readonly settings: Settings,
    private readonly telemetry: TelemetryHub,
    private readonly metrics: MetricsService,
    @Optional() @Inject(AUDIT_STREAM) private readonly stream?: DestinationStream,
  ) {}

  onModuleInit(): void {
    let destination: DestinationStream;
    if (!this.stream && this.settings.auditLog === 'off') {
      return;
    }
    if (this.stream) {
      destination = this.stream;
    } else if (this.settings.auditLog === 'stdout') {
      destination = this.watched(
        logDestination({ dest: 1, sync: false, maxLength: MAX_BUFFERED_BYTES }),
      );
    } else {
      const path = this.settings.auditLog;
      assertAppendable(path);
      this.file = this.watched(
        logDestination({
          dest: path,
          append: true,
          mkdir: true,
          sync: false,
          maxLength: MAX_BUFFERED_BYTES,
        }),
      );
      process.on('SIGHUP', this.reopen);
      destination = this.file;
    }
    this.logger = pino(
      {
        // Every line starts with log:"audit" so shippers can route it; the event has its own time.
        base: undefined,
        timestamp: false,
        messageKey: 'event',
        formatters: { level: () => ({ log: 'audit' }) },
      },
      destination,
    );
    this.telemetry.onToolInvocation((event) => this.logger?.info(event, 'tool-invocation'));
  }

  onApplicationShutdown(): void {
    // Nothing is flushed synchronously here: the process drains and seals every
    // destination before it exits (a sync flush spins forever on a full disk).
    process.off('SIGHUP', this.reopen);
  }

  /** Counts and reports failed writes, so a broken destination is visible, never fatal. */
  private watched(destination: LogDestination): LogDestination {
    destination.on('error', (error: NodeJS.ErrnoException) => this.writeFailed(error));
    destination.on('drop', () => this.writeFailed({ code: 'EDROPPED' } as NodeJS.ErrnoException));
    return destination;
  }

  private writeFailed(error: NodeJS.ErrnoException): void {
    const code = error.code ?? 'UNKNOWN';
    this.metrics.auditWriteFailed(code);
    const now = Date.now();
    if (now - this.lastErrorLog >= ERROR_LOG_INTERVAL_MS) {
      this.lastErrorLog = now;
      const where = this.settings.auditLog;
      this.log.error({
        msg: `audit trail: cannot write ${where} (${code}${error.message ? `: ${error.message}` : ''}); audit lines are being lost`,
        code,
      });
    }
  }
}

/** Fails start-up with the path and the reason when AUDIT_LOG cannot be appended to. */
function assertAppendable(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    closeSync(openSync(path, 'a'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SettingsError([
      `AUDIT_LOG: cannot write ${path} (${reason}); give the process write access or choose another path (or stdout)`,
    ]);
  }
}
