import type { Client } from '@modelcontextprotocol/client';
import { startSimulatorServer } from '@nautobot-mcp/nautobot-sim';
import { connectHttp } from './support/mcp.js';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Faults that a real Nautobot produces for real, so this suite holds against the simulator and
 * against real Nautobot 2.4 and 3.x alike (the e2e matrix): a token Nautobot refuses, and a
 * Nautobot that is not running. `E2E_NAUTOBOT_STOPPED_URL` names a real instance the matrix has
 * just stopped (scripts/nautobot/e2e.sh); without it, a simulator is started and closed.
 */
const CALL = { name: 'prefixes_by_location', arguments: { location: 'AMS01' } };

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  return (result.content as { type: string; text: string }[]).map((c) => c.text).join('\n');
}

async function expectFault(t: TestApp, type: string, status: number): Promise<void> {
  const rest = await postJson(`${t.url}/tools/invoke`, CALL);
  expect({ status: rest.status, type: rest.body.type }).toEqual({ status, type });
  expect(JSON.stringify(rest.body)).not.toContain(t.nautobotToken);
  const client = await connectHttp(t.url, 'legacy');
  try {
    const result = await client.callTool(CALL);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(new RegExp(`^Error ${type} \\(${status}\\): `));
  } finally {
    await client.close();
  }
  const ready = await fetch(`${t.url}/readyz`);
  expect(ready.status).toBe(503);
}

describe('a token Nautobot refuses', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ NAUTOBOT_TOKEN: 'f'.repeat(40) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is 502 nautobot-auth on REST and MCP, and not ready', async () => {
    await expectFault(t, 'nautobot-auth', 502);
  });
});

describe('a Nautobot that is not running', () => {
  let t: TestApp;

  beforeAll(async () => {
    let url = process.env.E2E_NAUTOBOT_STOPPED_URL;
    if (!url) {
      const sim = await startSimulatorServer();
      url = sim.url;
      await sim.close();
    }
    t = await startTestApp({ NAUTOBOT_URL: url, NAUTOBOT_TIMEOUT_MS: '3000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is 503 nautobot-unreachable on REST and MCP, and not ready', async () => {
    await expectFault(t, 'nautobot-unreachable', 503);
  });
});
