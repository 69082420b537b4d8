import type { SimServer } from '@nautobot-mcp/nautobot-sim';
import { startTestApp, type TestApp } from './test-app.js';

/** Starts the app against a Nautobot of our choosing (a scale simulator, a proxy…). */
export async function startAppOn(
  nautobot: Pick<SimServer, 'url' | 'token'>,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const saved = { url: process.env.E2E_NAUTOBOT_URL, token: process.env.E2E_NAUTOBOT_TOKEN };
  process.env.E2E_NAUTOBOT_URL = nautobot.url;
  process.env.E2E_NAUTOBOT_TOKEN = nautobot.token;
  try {
    return await startTestApp(env);
  } finally {
    for (const [key, value] of [
      ['E2E_NAUTOBOT_URL', saved.url],
      ['E2E_NAUTOBOT_TOKEN', saved.token],
    ] as const) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
  }
}
