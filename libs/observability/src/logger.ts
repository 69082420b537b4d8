import { packageInfo, requestContext } from '@nautobot-mcp/common';
import type { Settings } from '@nautobot-mcp/config';
import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { logDestination } from './log-destination.js';

/**
 * Paths pino replaces with `[redacted]`: credentials wherever they may appear in a
 * log object. Messages never contain them either: we log reasons, not credentials.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'authorization',
  'token',
  'password',
  'apiKey',
  '*.authorization',
  '*.token',
  '*.password',
  '*.apiKey',
  '*.api_key',
  '*.secret',
  '*.nautobotToken',
  '*.apiKeys',
];

/** Where log lines go: stdout (HTTP server) or stderr (stdio MCP, whose stdout is the protocol). */
export interface LoggerOptions {
  destination?: 'stdout' | 'stderr';
  /** A stream to write to instead (tests). */
  stream?: DestinationStream;
}

/**
 * The process logger: JSON lines with time, level, service, version and the request id
 * of the request being served; pretty only when LOG_FORMAT=pretty on a terminal.
 */
export function createLogger(settings: Settings, options: LoggerOptions = {}): Logger {
  const fd = options.destination === 'stderr' ? 2 : 1;
  const tty = fd === 2 ? process.stderr.isTTY : process.stdout.isTTY;
  const stream =
    options.stream ??
    (settings.logFormat === 'pretty' && tty
      ? pretty({
          destination: fd,
          colorize: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'service,version,context',
          messageFormat: '{if context}[{context}] {end}{msg}',
          singleLine: true,
        })
      : logDestination({ dest: fd, sync: false }));
  return pino(
    {
      level: settings.logLevel,
      base: { service: 'nautobot-mcp-server', version: packageInfo().version },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: () => {
        const context = requestContext.getStore();
        return context ? { requestId: context.requestId } : {};
      },
    },
    stream,
  );
}

/** Nest contexts that log one line per module or route at start-up. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Nest's logger interface on top of pino, so framework and app logs share one format. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(requested: Level, message: unknown, rest: unknown[]): void {
    // Nest passes the context last, and for errors a stack before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    // Nest's start-up chatter (one line per module and route) is debug, not info.
    const level =
      requested === 'info' && context && STARTUP_CONTEXTS.has(context) ? 'debug' : requested;
    if (!this.logger.isLevelEnabled(level)) {
      return;
    }
    const stack =
      typeof rest[0] === 'string' && rest[0].includes('\n    at ') ? rest[0] : undefined;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...message });
    } else {
      this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}
