import { createServer, type ServerOptions } from 'node:http';
import type { Settings } from '@nautobot-mcp/config';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';

/**
 * How often Node looks for connections past the headers or request timeout; a timeout is
 * enforced at most this late. (Node's default, 30 s, would let a 10 s limit run to 40 s.)
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * The limits of the HTTP server against slow and oversized clients (slowloris, slow
 * bodies, huge headers), from HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS,
 * HTTP_KEEPALIVE_TIMEOUT_MS and HTTP_MAX_HEADER_BYTES.
 */
export function httpServerOptions(settings: Settings): ServerOptions {
  return {
    headersTimeout: settings.httpHeadersTimeoutMs,
    requestTimeout: settings.httpRequestTimeoutMs,
    keepAliveTimeout: settings.httpKeepAliveTimeoutMs,
    maxHeaderSize: settings.httpMaxHeaderBytes,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  };
}

/**
 * Nest's Express adapter with a `node:http` server created with our options: Nest's own
 * creates it with Node's defaults, and some of these (the header size, the check
 * interval) can only be given when the server is created.
 */
export class TunedExpressAdapter extends ExpressAdapter {
  constructor(private readonly serverOptions: ServerOptions) {
    super();
  }

  override initHttpServer(options: NestApplicationOptions): void {
    if (options.httpsOptions || options.return503OnClosing || options.forceCloseConnections) {
      throw new Error('TunedExpressAdapter serves plain HTTP without Nest shutdown options');
    }
    this.setHttpServer(createServer(this.serverOptions, this.getInstance()));
  }
}
