import type { Transport } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import { ANONYMOUS } from '@nautobot-mcp/common';
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
