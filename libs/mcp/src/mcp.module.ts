import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { ToolsModule } from '@nautobot-mcp/tools';
import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { McpDnsRebindingMiddleware, guardsEveryRoute } from './dns-rebinding.middleware.js';
import { MCP_PATH } from './mcp.constants.js';
import { McpController } from './mcp.controller.js';
import { McpCancellations } from './mcp-cancellation.service.js';
import { McpHttpService } from './mcp-http.service.js';
import { McpServerFactory } from './mcp-server.factory.js';

/** The MCP doors: Streamable HTTP at `/mcp`, and the server factory stdio uses. */
@Module({
  imports: [ToolsModule],
  controllers: [McpController],
  providers: [McpServerFactory, McpHttpService, McpCancellations, McpDnsRebindingMiddleware],
  exports: [McpServerFactory],
})
export class McpModule implements NestModule {
  constructor(@InjectSettings() private readonly settings: Settings) {}

  configure(consumer: MiddlewareConsumer): void {
    // Middleware runs before guards, so a rebinding attempt is refused before auth.
    // Unauthenticated or on loopback, REST and exports need it as much as /mcp.
    consumer
      .apply(McpDnsRebindingMiddleware)
      .forRoutes(
        guardsEveryRoute(this.settings)
          ? { path: '{*splat}', method: RequestMethod.ALL }
          : { path: MCP_PATH, method: RequestMethod.ALL },
      );
  }
}
