import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_FIXTURES, startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

/** Arguments each list tool needs besides paging (a new list tool must be added here). */
const ARGUMENTS: Record<string, Record<string, unknown>> = {
  circuits: {},
  device_details: { name: DEMO_FIXTURES.devices.example },
  devices: {},
  devices_by_location: { location: 'AMS01' },
  devices_by_location_and_role: { location: 'AMS01', role: DEMO_FIXTURES.deviceRoles[0] },
  ip_addresses: {},
  locations: {},
  prefixes: {},
  prefixes_by_location: { location: 'AMS01' },
  racks_by_location: { location: 'AMS01' },
  vlans_by_location: { location: 'AMS01' },
};

const SECRET = 'e2e-cursor-secret-shared-by-replicas';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/**
 * A cursor signed the way docs/tools.md documents (written here independently of our
 * code): base64url(JSON payload) "." base64url(first 16 bytes of HMAC-SHA256(CURSOR_SECRET,
 * first part)).
 */
function signed(payload: unknown, secret = SECRET): string {
  const body = b64(JSON.stringify(payload));
  const mac = createHmac('sha256', secret).update(body).digest().subarray(0, 16);
  return `${body}.${mac.toString('base64url')}`;
}

describe('cursors', () => {
  let t: TestApp;
  let replica: TestApp;
  let unshared: TestApp;
  let listTools: string[];
  const call = (tool: string, args: Record<string, unknown>, app = t) =>
    postJson(`${app.url}/tools/${tool}`, { ...ARGUMENTS[tool], ...args });

  beforeAll(async () => {
    t = await startTestApp({ CURSOR_SECRET: SECRET });
    replica = await startTestApp({ CURSOR_SECRET: SECRET });
    unshared = await startTestApp();
    const listed = (await (await fetch(`${t.url}/tools`)).json()) as {
      tools: { name: string; inputSchema: { properties: Record<string, unknown> } }[];
    };
    listTools = listed.tools
      .filter((tool) => 'cursor' in tool.inputSchema.properties)
      .map((tool) => tool.name);
  });
  afterAll(async () => {
    await Promise.all([t.close(), replica.close(), unshared.close()]);
  });

  it('knows the arguments of every list tool', () => {
    expect([...listTools].sort()).toEqual(Object.keys(ARGUMENTS).sort());
  });

  it('refuses a cursor we did not issue with 400 invalid-cursor on every list tool', async () => {
    const foreign = await call('prefixes', { limit: 1 });
    expect(foreign.body.nextCursor).toEqual(expect.any(String));
    const forged: [string, string][] = [
      ['JSON null', 'bnVsbA'],
      ['JSON number', b64('7')],
      ['JSON array', b64('[1,2]')],
      ['garbage', 'not a cursor!'],
      ['empty signature', `${b64('{"v":1,"o":5,"f":"x"}')}.`],
      ['unsigned payload', b64(JSON.stringify({ v: 1, o: 5, f: 'x' }))],
      ['signed with another key', signed({ v: 1, o: 5, f: 'x' }, 'some other secret value')],
    ];
    for (const tool of listTools) {
      const cases: [string, string][] = [
        ...forged,
        ...(tool === 'prefixes'
          ? []
          : ([["another tool's", foreign.body.nextCursor]] as [string, string][])),
      ];
      for (const [label, cursor] of cases) {
        const { status, body } = await call(tool, { cursor });
        expect({ tool, label, status, type: body.type }).toEqual({
          tool,
          label,
          status: 400,
          type: 'invalid-cursor',
        });
        expect(body.detail).toMatch(/without (the )?cursor/);
      }
    }
  });

  it('refuses a tampered cursor and accepts the genuine one', async () => {
    const first = await call('prefixes', { limit: 2 });
    const cursor: string = first.body.nextCursor;
    const [payload, mac] = cursor.split('.');
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { o: number };
    const moved = b64(JSON.stringify({ ...decoded, o: decoded.o + 100 }));
    for (const tampered of [
      `${moved}.${mac}`,
      `${payload}.${mac.slice(0, -2)}AA`,
      `${payload}x.${mac}`,
    ]) {
      const { status, body } = await call('prefixes', { limit: 2, cursor: tampered });
      expect({ status, type: body.type }).toEqual({ status: 400, type: 'invalid-cursor' });
    }
    const next = await call('prefixes', { limit: 2, cursor });
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('accepts a cursor on a replica with the same CURSOR_SECRET, not on one without', async () => {
    const first = await call('prefixes', { limit: 2 });
    const other = await call('prefixes', { limit: 2, cursor: first.body.nextCursor }, replica);
    expect(other.status).toBe(200);
    const own = await call('prefixes', { limit: 2, cursor: first.body.nextCursor });
    expect(other.body.items).toEqual(own.body.items);
    const refused = await call('prefixes', { limit: 2, cursor: first.body.nextCursor }, unshared);
    expect(refused.body.type).toBe('invalid-cursor');
  });

  it('never forwards an offset Nautobot cannot take (GraphQL Int is 32-bit)', async () => {
    // Counting upstream requests needs the simulator, whichever Nautobot the suite runs against.
    const sim = await startSimulatorServer();
    const own = await startTestApp({
      NAUTOBOT_URL: sim.url,
      NAUTOBOT_TOKEN: sim.token,
      CURSOR_SECRET: SECRET,
    });
    try {
      await offsetsStayHere(own, sim);
    } finally {
      await own.close();
      await sim.close();
    }
  });

  async function offsetsStayHere(t: TestApp, sim: SimServer): Promise<void> {
    const call = (tool: string, args: Record<string, unknown>) =>
      postJson(`${t.url}/tools/${tool}`, args);
    const first = await call('prefixes', { limit: 2 });
    const [payload] = (first.body.nextCursor as string).split('.');
    const genuine = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const before = sim.simulator.stats.graphqlRequests;
    for (const o of [2 ** 31, 2 ** 31 + 5, 2 ** 53, 1e300]) {
      const { status, body } = await call('prefixes', {
        limit: 2,
        cursor: signed({ ...genuine, o }),
      });
      expect({ o, status, type: body.type }).toEqual({ o, status: 400, type: 'invalid-cursor' });
    }
    expect(sim.simulator.stats.graphqlRequests).toBe(before);
    // A well-formed, signed offset Nautobot can take is forwarded: past the end, no rows.
    const far = await call('prefixes', { limit: 2, cursor: signed({ ...genuine, o: 2 ** 30 }) });
    expect(far.status).toBe(200);
    expect(far.body).toMatchObject({ items: [], count: 0, truncated: false });
  }
});
