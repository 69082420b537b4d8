import type { AddressInfo } from 'node:net';
import { loadSettings } from '@nautobot-mcp/config';
import { DEMO_TOKEN, startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../apps/server/src/create-app.js';

/** Collects what pino writes: parsed JSON lines. */
export class CapturedLines {
  readonly lines: Record<string, any>[] = [];
  readonly raw: string[] = [];

  write(chunk: string): boolean {
    for (const line of chunk.split('\n').filter(Boolean)) {
      this.raw.push(line);
      try {
        this.lines.push(JSON.parse(line) as Record<string, any>);
      } catch {
        this.lines.push({ unparsed: line });
      }
    }
    return true;
  }

  text(): string {
    return this.raw.join('\n');
  }
}

/** A running app on a random loopback port, and the Nautobot it talks to. */
export interface TestApp {
  app: NestExpressApplication;
  /** Base URL of our server, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The simulator, when the suite runs against it (not against a real Nautobot). */
  sim?: SimServer;
  /** The Nautobot (simulator or real) this app talks to, and its API token. */
  nautobotUrl: string;
  nautobotToken: string;
  /** Log lines the app wrote. */
  logs: CapturedLines;
  /** Audit lines the app wrote. */
  audit: CapturedLines;
  close(): Promise<void>;
}

/**
 * Where the e2e suite finds Nautobot: a real one when E2E_NAUTOBOT_URL and
 * E2E_NAUTOBOT_TOKEN are set (seeded with the demo data set), else the simulator
 * started as a real HTTP server on 127.0.0.1.
 */
export async function startNautobot(): Promise<{ url: string; token: string; sim?: SimServer }> {
  const url = process.env.E2E_NAUTOBOT_URL;
  const token = process.env.E2E_NAUTOBOT_TOKEN;
  if (url && token) {
    return { url, token };
  }
  const sim = await startSimulatorServer({ token: DEMO_TOKEN });
  return { url: sim.url, token: sim.token, sim };
}

/** Starts our app against Nautobot (or the simulator) with extra settings. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { captureAudit?: boolean } = {},
): Promise<TestApp> {
  const nautobot = await startNautobot();
  const loaded = loadSettings({
    NAUTOBOT_URL: nautobot.url,
    NAUTOBOT_TOKEN: nautobot.token,
    AUTH_MODE: 'none',
    LOG_LEVEL: 'error',
    ...env,
  });
  const logs = new CapturedLines();
  const audit = new CapturedLines();
  const { app } = await createApp(loaded, {
    logStream: logs,
    auditStream: options.captureAudit === false ? undefined : audit,
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    sim: nautobot.sim,
    nautobotUrl: nautobot.url,
    nautobotToken: nautobot.token,
    logs,
    audit,
    async close() {
      await app.close();
      await nautobot.sim?.close();
    },
  };
}

/** POSTs JSON and returns status, headers and parsed body. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
