import type { Request } from 'express';
import ipaddr from 'ipaddr.js';

/**
 * The key failed logins are counted under: the client address (`request.ip`, which
 * honours TRUST_PROXY), with IPv6 reduced to its /64 — one host usually owns a whole
 * /64, so counting single IPv6 addresses would give it billions of budgets.
 */
export function clientAddressKey(request: Request): string {
  const ip = request.ip ?? request.socket.remoteAddress ?? 'unknown';
  if (!ipaddr.isValid(ip)) {
    return ip;
  }
  const parsed = ipaddr.process(ip);
  if (parsed.kind() === 'ipv4') {
    return parsed.toString();
  }
  return `${(parsed as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}

/** TRUST_PROXY as Express's `trust proxy` takes it: a boolean, a hop count or addresses. */
export function trustProxyValue(setting: string): boolean | number | string {
  const value = setting.trim();
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return /^\d+$/.test(value) ? Number(value) : value;
}
