/** The MCP doors: Streamable HTTP at `/mcp` and the server factory the stdio door uses. */
export { McpModule } from './mcp.module.js';
/** Builds the MCP protocol object (SDK low-level `Server`) for one caller. */
export { McpServerFactory } from './mcp-server.factory.js';
/** Serves MCP over stdio; with console output routed to stderr, stdout stays clean. */
export {
  closeOnSignals,
  routeConsoleToStderr,
  serveMcpStdio,
  type McpStdioConnection,
  type StdioSignalHooks,
} from './mcp-stdio.js';
/** The instructions agents read on `initialize` / `server/discover`. */
export { buildInstructions } from './mcp-instructions.js';
/** Host and Origin allow-lists of `/mcp` (DNS-rebinding protection). */
export { mcpAllowList, type McpAllowList } from './dns-rebinding.middleware.js';
/** Path, server name and cache lifetime of the MCP doors. */
export { MCP_PATH, MCP_SERVER_NAME, LIST_TTL_MS } from './mcp.constants.js';
