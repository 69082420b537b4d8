import { CurrentPrincipal, problemOf, type Principal } from '@nautobot-mcp/common';
import { ToolCallRoute, type RequestedToolCall } from '@nautobot-mcp/tools';
import { All, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { MCP_PATH } from './mcp.constants.js';
import { McpHttpService } from './mcp-http.service.js';

/** The `tools/call` a JSON-RPC body asks for, read shallowly (it may nest too deep). */
function toolCallOf(body: unknown): RequestedToolCall | undefined {
  const message = body as { method?: unknown; params?: { name?: unknown; arguments?: unknown } };
  if (message === null || typeof message !== 'object' || message.method !== 'tools/call') {
    return undefined;
  }
  const name = message.params?.name;
  return typeof name === 'string' ? { name, arguments: message.params?.arguments } : undefined;
}

/**
 * `POST /mcp`: MCP over Streamable HTTP, behind the same global guards as REST (the
 * principal decides which tools `tools/list` shows and `tools/call` runs).
 */
@ApiExcludeController()
@Controller(MCP_PATH)
export class McpController {
  constructor(private readonly mcp: McpHttpService) {}

  /** The SDK transport writes the response itself (JSON, or SSE where it must). */
  @Post()
  @ToolCallRoute({ door: 'mcp', read: ({ body }) => toolCallOf(body) })
  async post(
    @Req() request: Request,
    @Res() response: Response,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.mcp.handle(request, response, principal);
  }

  /**
   * A stateless server offers no GET stream and no sessions to DELETE: 405, as the
   * Streamable HTTP transport allows.
   */
  @All()
  otherMethods(): never {
    throw problemOf(
      'method-not-allowed',
      'This MCP endpoint is stateless: POST JSON-RPC messages; there is no GET stream and no session to DELETE.',
    ).withHeaders({ allow: 'POST' });
  }
}
