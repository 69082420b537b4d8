import { CurrentPrincipal, problemOf, type Principal } from '@nautobot-mcp/common';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { All, Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvokeToolRequest, InvokeToolResponse, ToolListResponse } from './dto/invoke-tool.dto.js';
import { ToolCallRoute } from './tool-call-route.decorator.js';
import { ToolRegistry, type ToolInvocation } from './tool.registry.js';

/** A shallow look at a body that may nest too deep to validate. */
function field(body: unknown, key: string): unknown {
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)[key]
    : undefined;
}

function methodNotAllowed(allow: string): never {
  throw problemOf('method-not-allowed', `Use ${allow} on this path.`).withHeaders({ allow });
}

/** The REST door: list tools, invoke by name in the body, or by path. */
@ApiTags('tools')
@Controller('tools')
export class ToolsController {
  private readonly warnings: string[];

  constructor(
    private readonly registry: ToolRegistry,
    @InjectSettings() settings: Settings,
  ) {
    const open = settings.authMode?.includes('none') ?? settings.demoMode;
    this.warnings = open
      ? [
          'AUTH_MODE=none: this server accepts unauthenticated callers; anyone who can reach it may call every tool. For demos only.',
        ]
      : [];
  }

  @Get()
  @ApiOperation({ summary: 'List the tools', operationId: 'listTools' })
  @ApiOkResponse({ type: ToolListResponse })
  list(@CurrentPrincipal() principal: Principal): ToolListResponse {
    const tools = this.registry.all(principal).map((t) => this.registry.describe(t));
    return this.warnings.length > 0 ? { tools, warnings: this.warnings } : { tools };
  }

  @All()
  @ApiExcludeEndpoint()
  listOtherMethods(): never {
    methodNotAllowed('GET');
  }

  @Post('invoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Invoke a tool by name',
    description: 'The body has the same shape as MCP tools/call: `{ name, arguments }`.',
    operationId: 'invokeTool',
  })
  @ApiOkResponse({ type: InvokeToolResponse })
  @ToolCallRoute({
    door: 'rest',
    read: ({ body }) => {
      const name = field(body, 'name');
      return typeof name === 'string' ? { name, arguments: field(body, 'arguments') } : undefined;
    },
  })
  // Its error responses are documented by buildOpenApiDocument, with the tool routes'.
  invoke(
    @Body() body: InvokeToolRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ToolInvocation> {
    return this.registry.invoke(body.name, body.arguments ?? {}, 'rest', principal);
  }

  @All('invoke')
  @ApiExcludeEndpoint()
  invokeOtherMethods(): never {
    methodNotAllowed('POST');
  }

  /** One operation per tool is added to the OpenAPI document by `buildOpenApiDocument`. */
  @Post(':name')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  @ToolCallRoute({
    door: 'rest',
    read: ({ params, body }) => ({ name: String(params.name), arguments: body as unknown }),
  })
  async call(
    @Param('name') name: string,
    @Body() args: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<object> {
    return (await this.registry.invoke(name, args ?? {}, 'rest', principal)).result;
  }

  @All(':name')
  @ApiExcludeEndpoint()
  callOtherMethods(): never {
    methodNotAllowed('POST');
  }
}
