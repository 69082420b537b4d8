import { Injectable } from '@nestjs/common';

/** One tool invocation, on any door; the audit trail and metrics are built from it. */
export interface ToolInvocationEvent {
  time: string;
  requestId?: string;
  tool: string;
  door: 'rest' | 'mcp';
  /** `name` is stable and unique; `displayName` (OIDC) is for people reading the line. */
  principal: { name: string; authMode: string; displayName?: string };
  /** Arguments with secrets masked. */
  arguments: Record<string, unknown>;
  outcome: 'ok' | 'client_error' | 'upstream_error' | 'error';
  /** Problem type when the call failed. */
  problem?: string;
  status: number;
  durationMs: number;
  /** Items returned by a list tool. */
  rows?: number;
}

/** One HTTP request to Nautobot. */
export interface NautobotRequestEvent {
  query: string;
  durationMs: number;
  /** Problem type when it failed. */
  error?: string;
  /** The demo data answered instead (DEMO_FALLBACK). */
  fallback?: boolean;
}

/** One failed authentication. */
export interface AuthFailureEvent {
  mode: string;
  reason: string;
}

type Listener<E> = (event: E) => void;

/**
 * A small in-process event hub: libraries report what happened (tool calls, Nautobot
 * requests, auth failures) without knowing who listens; observability turns the
 * events into audit lines and metrics. A throwing listener never breaks the caller.
 */
@Injectable()
export class TelemetryHub {
  private readonly tools: Listener<ToolInvocationEvent>[] = [];
  private readonly nautobot: Listener<NautobotRequestEvent>[] = [];
  private readonly auth: Listener<AuthFailureEvent>[] = [];

  onToolInvocation(listener: Listener<ToolInvocationEvent>): void {
    this.tools.push(listener);
  }

  onNautobotRequest(listener: Listener<NautobotRequestEvent>): void {
    this.nautobot.push(listener);
  }

  onAuthFailure(listener: Listener<AuthFailureEvent>): void {
    this.auth.push(listener);
  }

  toolInvoked(event: ToolInvocationEvent): void {
    emit(this.tools, event);
  }

  nautobotRequested(event: NautobotRequestEvent): void {
    emit(this.nautobot, event);
  }

  authFailed(event: AuthFailureEvent): void {
    emit(this.auth, event);
  }
}

function emit<E>(listeners: Listener<E>[], event: E): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // Telemetry must never fail the request it describes.
    }
  }
}

const SECRET_NAME = /token|secret|password|passwd|api[-_]?key|authorization|credential/i;
const MAX_VALUE_CHARS = 200;
/** Arguments recorded per audit line; a flood of 80,000 names must not make a 1 MB line. */
const MAX_AUDITED_ARGUMENTS = 50;
const MAX_NAME_CHARS = 64;

/** Whether a key (argument, query parameter) names a secret whose value must never be logged. */
export function isSecretName(key: string): boolean {
  return SECRET_NAME.test(key);
}

/**
 * Arguments as the audit trail records them: secret-looking keys masked, long values
 * and names cut, at most MAX_AUDITED_ARGUMENTS of them (then `…` counts the rest).
 */
export function maskArguments(args: unknown): Record<string, unknown> {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    return {};
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(args);
  for (const key of keys.slice(0, MAX_AUDITED_ARGUMENTS)) {
    const value = (args as Record<string, unknown>)[key];
    const name = key.length > MAX_NAME_CHARS ? `${key.slice(0, MAX_NAME_CHARS)}…` : key;
    if (isSecretName(key)) {
      out[name] = '***';
    } else if (typeof value === 'string' && value.length > MAX_VALUE_CHARS) {
      out[name] = `${value.slice(0, MAX_VALUE_CHARS)}…`;
    } else if (value !== null && typeof value === 'object') {
      const json = stringifyOrNull(value);
      out[name] =
        json === null
          ? '[not serialisable]'
          : json.length > MAX_VALUE_CHARS
            ? `${json.slice(0, MAX_VALUE_CHARS)}…`
            : value;
    } else {
      out[name] = value;
    }
  }
  if (keys.length > MAX_AUDITED_ARGUMENTS) {
    out['…'] = `${keys.length - MAX_AUDITED_ARGUMENTS} more arguments`;
  }
  return out;
}

/** JSON text, or null when the value cannot be serialised (too deep, cyclic, a BigInt). */
function stringifyOrNull(value: unknown): string | null {
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
}
