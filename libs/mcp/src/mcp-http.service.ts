import { toNodeHandler, type NodeMcpRequestHandler } from '@modelcontextprotocol/node';
import {
  WebStandardStreamableHTTPServerTransport,
  createMcpHandler,
  isLegacyRequest,
  type AuthInfo,
  type McpHandlerRequestOptions,
  type McpHttpHandler,
  type McpRequestContext,
} from '@modelcontextprotocol/server';
import { UNAUTHENTICATED, requestContext, type Principal } from '@nautobot-mcp/common';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Request, Response } from 'express';
import { McpCancellations, cancellingCaller, isJsonRpcId } from './mcp-cancellation.service.js';
import { McpServerFactory } from './mcp-server.factory.js';

/** Carries the principal through the SDK's pass-through `authInfo` to the factory. */
function authInfoOf(principal: Principal): AuthInfo {
  return { token: '', clientId: principal.name, scopes: [], extra: { principal } };
}

/** The caller the guard authenticated; none attached means no tools (fail closed). */
function principalFrom(authInfo: AuthInfo | undefined): Principal {
  return (authInfo?.extra?.principal as Principal | undefined) ?? UNAUTHENTICATED;
}

/**
 * The answer to a JSON-RPC batch. Current MCP revisions have no batches, and serving
 * them would let one request — one rate-limit point — run any number of tool calls.
 */
const BATCH_REFUSED = {
  jsonrpc: '2.0',
  id: null,
  error: {
    code: -32600,
    message:
      'Invalid Request: JSON-RPC batches are not supported (MCP has no batches since revision 2025-06-18); send one message per POST.',
  },
} as const;

/**
 * The Streamable HTTP door, stateless: every POST is answered by a fresh protocol
 * object from {@link McpServerFactory}, so any replica can serve any request.
 *
 * - 2026-07-28 requests (per-request `_meta` envelope, `server/discover`,
 *   `Mcp-Method`/`Mcp-Name` headers) go to the SDK's `createMcpHandler`, which
 *   validates the headers and envelope and answers with JSON.
 * - 2025-era requests (`initialize` handshake, no envelope) go to the SDK's
 *   Streamable HTTP transport in its stateless mode (`sessionIdGenerator: undefined`)
 *   with JSON responses (`enableJsonResponse`), which validates `Accept`,
 *   `Content-Type` and `MCP-Protocol-Version`.
 */
@Injectable()
export class McpHttpService implements OnApplicationShutdown {
  private readonly logger = new Logger('MCP');
  private readonly modern: McpHttpHandler;
  private readonly node: NodeMcpRequestHandler;

  constructor(
    private readonly factory: McpServerFactory,
    private readonly cancellations: McpCancellations,
  ) {
    const onerror = (error: Error) => this.logger.debug(`MCP request rejected: ${error.message}`);
    this.modern = createMcpHandler(
      (context: McpRequestContext) => this.factory.create(principalFrom(context.authInfo)),
      // 'auto' is one JSON body unless a handler streams notifications, which ours never do.
      { legacy: 'reject', responseMode: 'auto', onerror },
    );
    this.node = toNodeHandler(
      { fetch: (request, options) => this.fetch(request, options) },
      { onerror: (error) => this.logger.error(`MCP request failed: ${error.message}`) },
    );
  }

  /** Answers one HTTP request on /mcp for an authenticated principal. */
  async handle(request: Request, response: Response, principal: Principal): Promise<void> {
    if (Array.isArray(request.body)) {
      response.status(400).json(BATCH_REFUSED);
      return;
    }
    // `auth` is the SDK adapter's documented pass-through slot for caller identity.
    (request as Request & { auth?: AuthInfo }).auth = authInfoOf(principal);
    const message = request.body as
      { id?: unknown; method?: unknown; params?: { requestId?: unknown } } | undefined;
    if (message === null || typeof message !== 'object') {
      await this.node(request, response, request.body);
      return;
    }
    const caller = cancellingCaller(principal, request.ip);
    if (message.method === 'notifications/cancelled' && message.id === undefined) {
      const requestId = message.params?.requestId;
      if (isJsonRpcId(requestId)) {
        this.cancellations.cancel(caller, requestId);
      }
    }
    if (message.method !== 'tools/call' || !isJsonRpcId(message.id)) {
      await this.node(request, response, request.body);
      return;
    }
    // The call stops on either: the client closing the connection, or its cancellation.
    const call = this.cancellations.track(caller, message.id);
    const store = requestContext.getStore();
    if (store) {
      store.signal = store.signal ? AbortSignal.any([store.signal, call.signal]) : call.signal;
    }
    try {
      await this.node(request, response, request.body);
    } finally {
      call.done();
    }
  }

  /** The web-standard face: routes a request to the era that serves it. */
  async fetch(
    request: globalThis.Request,
    options: McpHandlerRequestOptions = {},
  ): Promise<globalThis.Response> {
    if (await isLegacyRequest(request, options.parsedBody)) {
      return this.legacy(request, options);
    }
    return this.modern.fetch(request, options);
  }

  private async legacy(
    request: globalThis.Request,
    options: McpHandlerRequestOptions,
  ): Promise<globalThis.Response> {
    const server = this.factory.create(principalFrom(options.authInfo));
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request, options);
    } finally {
      // A JSON response is complete once handleRequest resolves.
      await server.close();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.modern.close();
  }
}
