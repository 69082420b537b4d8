import { TelemetryHub } from '@nautobot-mcp/common';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import {
  Inject,
  Injectable,
  Optional,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { AUDIT_STREAM } from './observability.constants.js';

/**
 * The audit trail: one JSON line per tool invocation on every door — time, request
 * id, principal, door, tool, arguments (secrets masked), outcome, status, duration,
 * rows. AUDIT_LOG=stdout (default) or a file, appended and reopened on SIGHUP so
 * log rotation never loses lines.
 */
@Injectable()
export class AuditTrail implements OnModuleInit, OnApplicationShutdown {
  private logger?: Logger;
  private file?: ReturnType<typeof pino.destination>;
  private readonly reopen = () => this.file?.reopen();

  constructor(
    @InjectSettings() private readonly settings: Settings,
    private readonly telemetry: TelemetryHub,
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
      destination = pino.destination({ dest: 1, sync: false });
    } else {
      this.file = pino.destination({
        dest: this.settings.auditLog,
        append: true,
        mkdir: true,
        sync: false,
      });
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
    process.off('SIGHUP', this.reopen);
    this.logger?.flush();
    this.file?.flushSync();
  }
}
