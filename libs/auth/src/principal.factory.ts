import { toolMatcher, type AuthMode, type Principal } from '@nautobot-mcp/common';

/** Builds a principal whose tool permissions come from rules (undefined = every tool). */
export function makePrincipal(name: string, authMode: AuthMode, tools?: string[]): Principal {
  return Object.freeze({ name, authMode, allows: toolMatcher(tools) });
}
