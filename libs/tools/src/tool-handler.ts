import type { Principal } from '@nautobot-mcp/common';

/** Which door a call came through. */
export type ToolDoor = 'rest' | 'mcp';

/** Per-call context handed to a tool. */
export interface ToolContext {
  door: ToolDoor;
  /** Who is calling; already checked against the tool's permissions. */
  principal: Principal;
  /** Notes the tool wants the caller to see in `meta.warnings`. */
  warnings: string[];
  /**
   * Aborted when the caller goes away (HTTP connection closed, MCP cancellation) or the
   * call passes TOOL_TIMEOUT_MS; its `reason` is the problem to fail with. Every Nautobot
   * request of the call obeys it already; a tool looping over pages may check it too.
   */
  signal: AbortSignal;
}

/** What a `@Tool` provider implements. */
export interface ToolHandler<I extends object = object, O extends object = object> {
  run(input: I, context: ToolContext): Promise<O>;
  /**
   * Whether the tool is offered at all (default yes). A tool that answers false, e.g.
   * `graphql_query` without `ENABLE_RAW_GRAPHQL`, is not registered: not listed, not callable.
   */
  enabled?(): boolean;
}
