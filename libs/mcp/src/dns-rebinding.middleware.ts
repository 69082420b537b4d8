import { validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { LOCALHOST_NAMES } from './mcp.constants.js';

/** A host name as the SDK validators compare it: `https://a.example:8443` → `a.example`. */
export function hostnameOf(entry: string): string {
  const trimmed = entry.trim().toLowerCase();
  if (/^https?:\/\//.test(trimmed)) {
    try {
      return new URL(trimmed).hostname;
    } catch {
      return trimmed;
    }
  }
  return trimmed;
}

/** Host names and origin host names `/mcp` accepts; `hosts` undefined means any Host. */
export interface McpAllowList {
  hosts: string[] | undefined;
  origins: string[];
}

/**
 * localhost, plus PUBLIC_BASE_URL's host, plus MCP_ALLOWED_HOSTS / MCP_ALLOWED_ORIGINS
 * (host names, or full origins reduced to their host name; `*` in MCP_ALLOWED_HOSTS
 * turns the Host check off).
 */
export function mcpAllowList(settings: Settings): McpAllowList {
  const publicHost = settings.publicBaseUrl ? [hostnameOf(settings.publicBaseUrl)] : [];
  const hosts = settings.mcpAllowedHosts.map(hostnameOf);
  return {
    hosts: hosts.includes('*') ? undefined : [...LOCALHOST_NAMES, ...publicHost, ...hosts],
    origins: [...LOCALHOST_NAMES, ...publicHost, ...settings.mcpAllowedOrigins.map(hostnameOf)],
  };
}

/**
 * DNS-rebinding protection for `/mcp` (MCP transports, "Security Warning"): a request
 * whose `Host` or `Origin` names a host not allowed is refused with 403 and a
 * JSON-RPC error, before authentication. Requests without `Origin` (non-browser
 * clients) pass the Origin check.
 */
@Injectable()
export class McpDnsRebindingMiddleware implements NestMiddleware {
  private readonly allow: McpAllowList;

  constructor(@InjectSettings() settings: Settings) {
    this.allow = mcpAllowList(settings);
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const host = this.allow.hosts && validateHostHeader(request.headers.host, this.allow.hosts);
    const origin = validateOriginHeader(request.headers.origin, this.allow.origins);
    const refusal = host && !host.ok ? host.message : !origin.ok ? origin.message : undefined;
    if (refusal === undefined) {
      next();
      return;
    }
    response.status(403).json({
      jsonrpc: '2.0',
      error: { code: -32000, message: `Forbidden: ${refusal}` },
      id: null,
    });
  }
}
