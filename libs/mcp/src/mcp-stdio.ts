import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import { ANONYMOUS, PROBLEM_TYPES, nestsDeeperThan, tooDeepDetail } from '@nautobot-mcp/common';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { McpServerFactory } from './mcp-server.factory.js';

/** Sends `console.log/info/debug/dir/table` to stderr, so no library can write to stdout. */
export function routeConsoleToStderr(): void {
  const stderr = new console.Console({ stdout: process.stderr, stderr: process.stderr });
  console.log = stderr.log.bind(stderr);
  console.info = stderr.info.bind(stderr);
  console.debug = stderr.debug.bind(stderr);
  console.dir = stderr.dir.bind(stderr);
  console.table = stderr.table.bind(stderr);
}

/** A running stdio connection. */
export interface McpStdioConnection {
  /** Settles when the client ends the connection (closes our stdin). */
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves MCP over stdio (or the given transport) with the app's tools: the SDK's
 * `serveStdio` pins one protocol object per connection, speaking 2025-11-25
 * (`initialize`) or 2026-07-28 (`server/discover`) as the client opens. There is no
 * HTTP authentication here: the caller is the local user who launched the process,
 * and gets the anonymous principal (every enabled tool).
 */
export function serveMcpStdio(
  app: INestApplicationContext,
  transport: Transport = new StdioServerTransport(),
): McpStdioConnection {
  const factory = app.get(McpServerFactory);
  const logger = new Logger('MCP');
  refuseDeepMessages(transport, logger);
  const handle = serveStdio(() => factory.create(ANONYMOUS), {
    transport,
    onerror: (error) => logger.warn(`stdio: ${error.message}`),
  });
  const closed = new Promise<void>((resolve) => {
    // serveStdio owns the transport's onclose; chain ours after it.
    const entryOnClose = transport.onclose;
    transport.onclose = () => {
      entryOnClose?.();
      resolve();
    };
  });
  return { closed, close: () => handle.close() };
}

/** What to do around closing a stdio connection on a signal. */
export interface StdioSignalHooks {
  /** Runs first, on the signal (e.g. arms the shutdown deadline). */
  onSignal(): void;
  /** Runs when closing fails: the failure is reported here, never left unhandled. */
  onCloseFailed(error: unknown): void;
}

/**
 * Closes `connection` on SIGTERM or SIGINT (each heard once). A close that rejects goes to
 * `onCloseFailed`, so it can neither crash the process with an unhandled rejection
 * nor leave it running.
 */
export function closeOnSignals(
  connection: Pick<McpStdioConnection, 'close'>,
  hooks: StdioSignalHooks,
  signals: Pick<NodeJS.Process, 'once'> = process,
): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    signals.once(signal, () => {
      hooks.onSignal();
      connection.close().catch((error: unknown) => hooks.onCloseFailed(error));
    });
  }
}

type MessageHandler = NonNullable<Transport['onmessage']>;

/**
 * Answers a message nested deeper than MAX_JSON_DEPTH with JSON-RPC -32600 (the
 * `invalid-request` problem, status 400, in `data`) instead of handing it to the
 * server, whose validation walks arguments recursively: the stdio twin of the HTTP
 * body limit. Wraps whatever handler the SDK installs as `onmessage`.
 */
function refuseDeepMessages(transport: Transport, logger: Logger): void {
  let inner: MessageHandler | undefined = transport.onmessage;
  const guarded: MessageHandler = (message, extra) => {
    if (!nestsDeeperThan(message)) {
      inner?.(message, extra);
      return;
    }
    const id = (message as { id?: string | number }).id;
    if (id === undefined || !('method' in message)) {
      logger.warn('stdio: dropped a notification or response nested too deep');
      return;
    }
    const detail = tooDeepDetail();
    const { status, title } = PROBLEM_TYPES['invalid-request'];
    const answer: JSONRPCMessage = {
      jsonrpc: '2.0',
      id,
      error: {
        code: -32600,
        message: detail,
        data: { type: 'invalid-request', title, status, detail },
      },
    };
    transport
      .send(answer)
      .catch((error: unknown) =>
        logger.warn(
          `stdio: could not answer: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  };
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    enumerable: true,
    get: () => (inner ? guarded : undefined),
    set: (handler: MessageHandler | undefined) => {
      inner = handler;
    },
  });
}
