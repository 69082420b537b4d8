import { CurrentPrincipal, problemOf, type Principal } from '@nautobot-mcp/common';
import { All, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { MCP_PATH } from './mcp.constants.js';
import { McpHttpService } from './mcp-http.service.js';

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
