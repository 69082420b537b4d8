import {
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type CallToolResult,
  type Tool as McpTool,
} from '@modelcontextprotocol/server';
import {
  ProblemException,
  packageInfo,
  toProblemException,
  type Principal,
} from '@nautobot-mcp/common';
import { ToolRegistry, type RegisteredTool } from '@nautobot-mcp/tools';
import { Injectable, Logger } from '@nestjs/common';
import { LIST_TTL_MS, MCP_SERVER_NAME } from './mcp.constants.js';
import { buildInstructions } from './mcp-instructions.js';
import { problemResult, toolResult } from './tool-result.js';

/** Problem types that mean "no such tool for you": a JSON-RPC error, not a tool result. */
const PROTOCOL_PROBLEMS = new Set(['unknown-tool', 'tool-forbidden']);

/**
 * Builds the MCP protocol object (the SDK's low-level `Server`) for one caller. The
 * Streamable HTTP door asks for one per request (stateless), the stdio door one per
 * connection. Everything costly — tool descriptors, instructions — is computed once
 * and shared; a `Server` itself is a handful of handler registrations.
 */
@Injectable()
export class McpServerFactory {
  private readonly logger = new Logger('MCP');
  private readonly descriptors = new Map<string, McpTool>();
  private readonly instructions = new Map<string, string>();

  constructor(private readonly registry: ToolRegistry) {}

  /** A server answering `initialize`, `server/discover`, `ping`, `tools/list` and `tools/call`. */
  create(principal: Principal): Server {
    const tools = this.registry.all(principal);
    const server = new Server(
      { name: MCP_SERVER_NAME, version: packageInfo().version },
      {
        capabilities: { tools: { listChanged: false } },
        instructions: this.instructionsFor(tools),
        // 2026-07-28 clients may reuse these; both depend on the caller's permissions
        // (the tools, and the instructions that list them), so no shared caches.
        cacheHints: {
          'tools/list': { ttlMs: LIST_TTL_MS, cacheScope: 'private' },
          'server/discover': { ttlMs: LIST_TTL_MS, cacheScope: 'private' },
        },
      },
    );
    server.setRequestHandler('tools/list', () => ({
      tools: tools.map((tool) => this.descriptor(tool)),
    }));
    server.setRequestHandler('tools/call', (request, ctx) =>
      this.call(request.params.name, request.params.arguments, principal, ctx.mcpReq.signal),
    );
    return server;
  }

  /** Runs a tool through the registry (same validation and permissions as REST). */
  async call(
    name: string,
    args: unknown,
    principal: Principal,
    signal?: AbortSignal,
  ): Promise<CallToolResult> {
    try {
      return toolResult(await this.registry.invoke(name, args ?? {}, 'mcp', principal, signal));
    } catch (error) {
      const problem = toProblemException(error).problem;
      if (PROTOCOL_PROBLEMS.has(problem.type)) {
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, problem.detail ?? problem.title, {
          ...problem,
        });
      }
      if (!(error instanceof ProblemException)) {
        this.logger.error(
          `tools/call ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
      return problemResult(problem);
    }
  }

  /** The MCP tool descriptor, from the same JSON Schemas as `GET /tools` and Swagger. */
  private descriptor(tool: RegisteredTool): McpTool {
    const name = tool.definition.name;
    let descriptor = this.descriptors.get(name);
    if (!descriptor) {
      const described = this.registry.describe(tool);
      descriptor = {
        name,
        title: described.title,
        description: described.description,
        inputSchema: described.inputSchema as McpTool['inputSchema'],
        outputSchema: described.outputSchema,
        annotations: { title: described.title, ...described.annotations },
      };
      this.descriptors.set(name, descriptor);
    }
    return descriptor;
  }

  private instructionsFor(tools: RegisteredTool[]): string {
    const key = tools.map((t) => t.definition.name).join(',');
    let text = this.instructions.get(key);
    if (text === undefined) {
      text = buildInstructions(tools.map((t) => t.definition));
      this.instructions.set(key, text);
    }
    return text;
  }
}
