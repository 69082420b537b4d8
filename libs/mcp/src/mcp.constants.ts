/** Path of the Streamable HTTP endpoint (`POST /mcp`). */
export const MCP_PATH = 'mcp';

/** Our server name in `initialize` and `server/discover` (`serverInfo.name`). */
export const MCP_SERVER_NAME = 'nautobot-mcp-server';

/** Host names `/mcp` always accepts (DNS-rebinding protection), as the SDK spells them. */
export const LOCALHOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * How long a 2026-07-28 client may reuse a `tools/list` or `server/discover` result.
 * The catalogue changes only with a new deployment or new settings.
 */
export const LIST_TTL_MS = 300_000;
