import { isIP } from 'node:net';
import { validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';
import { problemOf, sendProblem } from '@nautobot-mcp/common';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { LOCALHOST_NAMES, MCP_PATH } from './mcp.constants.js';

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
 * Whether every route needs the Host/Origin check, not only `/mcp`: when callers need
 * no credentials (AUTH_MODE includes none, or demo mode without AUTH_MODE), or when
 * the server is bound to loopback (a developer's machine, where a browser is too).
 */
export function guardsEveryRoute(settings: Settings): boolean {
  const modes = settings.authMode ?? (settings.demoMode ? ['none'] : []);
  const host = settings.host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return modes.includes('none') || host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** The host name of a Host header value (`a.example:7001` → `a.example`), or undefined. */
function hostOf(header: string | undefined): string | undefined {
  if (!header) {
    return undefined;
  }
  try {
    return new URL(`http://${header}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * An IP-literal Host cannot be the result of DNS rebinding (the attack needs a name
 * that first resolves to the attacker, then to us), so it is always accepted — that
 * is also what Kubernetes probes send.
 */
function isIpLiteral(hostname: string | undefined): boolean {
  return hostname !== undefined && isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
}

/** A browser request from a page this very host served (same origin) is no cross-site call. */
function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) {
    return false;
  }
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * DNS-rebinding protection (MCP transports, "Security Warning"): a request whose `Host`
 * or `Origin` names a host not allowed is refused with 403 before authentication — on
 * `/mcp` always (a JSON-RPC error), and on every route (a problem) when
 * {@link guardsEveryRoute}. Requests without `Origin` (non-browser clients) and
 * same-origin browser requests pass the Origin check.
 */
@Injectable()
export class McpDnsRebindingMiddleware implements NestMiddleware {
  private readonly allow: McpAllowList;

  constructor(@InjectSettings() settings: Settings) {
    this.allow = mcpAllowList(settings);
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const refusal = this.refusalOf(request);
    if (refusal === undefined) {
      next();
      return;
    }
    if (request.path === `/${MCP_PATH}` || request.path.startsWith(`/${MCP_PATH}/`)) {
      response.status(403).json({
        jsonrpc: '2.0',
        error: { code: -32000, message: `Forbidden: ${refusal}` },
        id: null,
      });
      return;
    }
    sendProblem(
      response,
      problemOf(
        'forbidden',
        `${refusal}. This server answers only localhost, PUBLIC_BASE_URL and MCP_ALLOWED_HOSTS / MCP_ALLOWED_ORIGINS here (DNS-rebinding protection); add the name there if it is yours.`,
      ),
      request.path,
    );
  }

  private refusalOf(request: Request): string | undefined {
    const { host, origin } = request.headers;
    if (this.allow.hosts && !isIpLiteral(hostOf(host))) {
      const checked = validateHostHeader(host, this.allow.hosts);
      if (!checked.ok) {
        return checked.message;
      }
    }
    if (isSameOrigin(origin, host)) {
      return undefined;
    }
    const checked = validateOriginHeader(origin, this.allow.origins);
    return checked.ok ? undefined : checked.message;
  }
}
