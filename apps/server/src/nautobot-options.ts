import type { TelemetryHub } from '@nautobot-mcp/common';
import type { Settings } from '@nautobot-mcp/config';
import type { FetchLike, NautobotClientOptions } from '@nautobot-mcp/nautobot';
import { NautobotSimulator } from '@nautobot-mcp/nautobot-sim';

/** Where demo mode says Nautobot is; nothing listens there, the simulator answers in-process. */
export const DEMO_NAUTOBOT_URL = 'http://nautobot.demo.invalid';

/**
 * Client options from settings. In demo mode the in-process simulator answers, so
 * the server runs with no Nautobot at all.
 */
export function nautobotClientOptions(
  settings: Settings,
  telemetry?: TelemetryHub,
): NautobotClientOptions {
  const common = {
    observer: telemetry
      ? (event: Parameters<TelemetryHub['nautobotRequested']>[0]) =>
          telemetry.nautobotRequested(event)
      : undefined,
    timeoutMs: settings.nautobotTimeoutMs,
    maxResponseBytes: settings.nautobotMaxResponseBytes,
    invocationTimeoutMs: settings.toolTimeoutMs,
    verifyTls: settings.nautobotVerifyTls,
    caFile: settings.nautobotCaFile,
    queriesDir: settings.queriesDir,
  };
  if (settings.demoMode) {
    const simulator = new NautobotSimulator();
    return { ...common, url: DEMO_NAUTOBOT_URL, token: simulator.token, fetch: simulator.fetch };
  }
  const token = settings.nautobotToken ?? '';
  return {
    ...common,
    url: settings.nautobotUrl ?? '',
    token,
    fallbackFetch: settings.demoFallback ? demoFallbackFetch() : undefined,
  };
}

/** The in-process simulator, answering with its own token in place of the real one. */
function demoFallbackFetch(): FetchLike {
  const simulator = new NautobotSimulator();
  return (input, init) =>
    simulator.fetch(input, {
      ...init,
      headers: {
        ...Object.fromEntries(new Headers(init?.headers)),
        authorization: `Token ${simulator.token}`,
      },
    });
}
