/** How a caller proved who they are. */
export type AuthMode = 'none' | 'api_key' | 'basic' | 'oidc';

/** What a permission rule is checked against. */
export interface ToolRef {
  name: string;
  toolset: string;
}

/**
 * The authenticated caller, attached to the request by the auth guard and passed to
 * every door, so REST and MCP apply the same per-tool permissions.
 */
export interface Principal {
  /** Key name, user name or token subject (`sub`): stable and unique; safe to log. */
  name: string;
  authMode: AuthMode;
  /** A human-friendly name (OIDC `preferred_username`), for display only: it may change and need not be unique. */
  displayName?: string;
  /** Whether this principal may call (and see) the tool. */
  allows(tool: ToolRef): boolean;
}

/** The caller when authentication is off (AUTH_MODE=none): may use every tool. */
export const ANONYMOUS: Principal = Object.freeze({
  name: 'anonymous',
  authMode: 'none' as const,
  allows: () => true,
});

/**
 * What {@link principalOf} returns for a request no auth guard has seen: it may call
 * no tool, so a route that forgot authentication fails closed.
 */
export const UNAUTHENTICATED: Principal = Object.freeze({
  name: 'unauthenticated',
  authMode: 'none' as const,
  allows: () => false,
});

/**
 * Compiles tool rules — exact tool names, globs (`prefixes_*`, `*`) or toolset names
 * (`ipam`) — into a predicate. No rules (undefined) means every tool; an empty list
 * means none, so `tools: []` can never widen into "everything" — say `['*']` for that.
 */
export function toolMatcher(rules: readonly string[] | undefined): (tool: ToolRef) => boolean {
  if (rules === undefined) {
    return () => true;
  }
  if (rules.length === 0) {
    return () => false;
  }
  const patterns = rules.map((rule) => {
    const glob = new RegExp(
      `^${rule
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    return (tool: ToolRef) => tool.toolset === rule || glob.test(tool.name);
  });
  return (tool) => patterns.some((matches) => matches(tool));
}
