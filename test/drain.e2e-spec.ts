import type { ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import { assertBuilt, startCli } from './support/cli.js';
import { FailoverLoad, type Call, type Outcome } from './support/failover-client.js';
import { freePort } from './support/test-app.js';

/**
 * SIGTERM under load, as in a Kubernetes rolling update: two replicas of the built server
 * ("pod A" and "pod B", each with its own simulator) behind a client that behaves like a
 * Service's (test/support/failover-client.ts). Pod A gets SIGTERM mid-load; every request
 * must still get a valid 2xx, the ones pod A had in flight when it stopped accepting
 * connections included, and pod A must exit 0 as soon as they are done.
 */
const DELAY_MS = 2000;
const GRACE_MS = 10_000;
/** Nautobot latency at pod A from just before SIGTERM: its answers span the close. */
const SLOW_MS = DELAY_MS + 500;
const WORKERS = 12;
/** Workers that ignore readiness and fail over only when pod A refuses them. */
const STALE_WORKERS = 3;

const LOCATIONS = { name: 'locations', arguments: { limit: 5 } };
const count = (body: unknown, path: 'result' | 'structured'): string | undefined => {
  const b = body as {
    result?: { count?: number; structuredContent?: { count?: number }; isError?: boolean };
  };
  const n = path === 'result' ? b.result?.count : b.result?.structuredContent?.count;
  return b.result?.isError
    ? `tool error: ${JSON.stringify(body).slice(0, 200)}`
    : n === 5
      ? undefined
      : `count ${n}`;
};

const CALLS: Call[] = [
  {
    label: 'POST /tools/invoke',
    method: 'POST',
    path: '/tools/invoke',
    body: LOCATIONS,
    check: (body) => count(body, 'result'),
  },
  {
    label: 'POST /mcp tools/call',
    method: 'POST',
    path: '/mcp',
    headers: {
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
    },
    body: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: LOCATIONS },
    check: (body) => count(body, 'structured'),
  },
  {
    label: 'POST /tools/locations',
    method: 'POST',
    path: '/tools/locations',
    body: LOCATIONS.arguments,
    check: (body) => ((body as { count?: number }).count === 5 ? undefined : 'count'),
  },
  {
    label: 'GET /tools',
    method: 'GET',
    path: '/tools',
    check: (body) =>
      Array.isArray((body as { tools?: unknown[] }).tools) ? undefined : 'no tools listed',
  },
];

interface Replica {
  child: ChildProcess;
  port: number;
  sim: SimServer;
  /** When a log line matching `pattern` was first seen (ms epoch). */
  seen(pattern: RegExp): number | undefined;
}

async function startReplica(): Promise<Replica> {
  const sim = await startSimulatorServer();
  const port = await freePort();
  const { child } = await startCli(
    ['serve'],
    {
      NAUTOBOT_URL: sim.url,
      NAUTOBOT_TOKEN: sim.token,
      AUTH_MODE: 'none',
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MIN: '0',
      AUDIT_LOG: 'off',
      SHUTDOWN_DELAY_MS: String(DELAY_MS),
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    },
    /Listening on/,
  );
  const marks: { at: number; line: string }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      marks.push({ at: Date.now(), line });
    }
  });
  return {
    child,
    port,
    sim,
    seen: (pattern) => marks.find((m) => pattern.test(m.line))?.at,
  };
}

/** One POST on its own keep-alive connection, by a client that then stays idle. */
function idleClientCall(port: number, agent: Agent) {
  return new Promise<{ status: number; connection?: string; endedAt: number }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          agent,
          method: 'POST',
          path: '/tools/invoke',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              connection: res.headers.connection,
              endedAt: Date.now(),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(LOCATIONS));
    },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('drain: SIGTERM under load (Kubernetes rolling update)', () => {
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    assertBuilt();
    [a, b] = await Promise.all([startReplica(), startReplica()]);
    // Some latency everywhere, so requests are always in flight.
    a.sim.simulator.setFaults({ latencyMs: 20 });
    b.sim.simulator.setFaults({ latencyMs: 20 });
  }, 60_000);

  afterAll(async () => {
    for (const replica of [a, b]) {
      if (replica?.child.exitCode === null && replica.child.signalCode === null) {
        const exited = new Promise((resolve) => replica.child.once('close', resolve));
        replica.child.kill('SIGKILL');
        await exited;
      }
      await replica?.sim.close();
    }
  });

  it('fails no request, finishes the in-flight ones and exits 0 once they are done', async () => {
    const load = new FailoverLoad(
      [
        { name: 'A', port: a.port },
        { name: 'B', port: b.port },
      ],
      CALLS,
      { workers: WORKERS, staleWorkers: STALE_WORKERS, probeEveryMs: 100 },
    );
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      a.child.once('exit', (code) => resolve({ code, at: Date.now() })),
    );
    load.start();
    await sleep(1500);

    // From now on pod A's Nautobot is slow: what A has in flight at the close is still
    // running then. One more client makes a call and then stays idle on its connection.
    a.sim.simulator.setFaults({ latencyMs: SLOW_MS });
    const idleAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const idle = idleClientCall(a.port, idleAgent);
    await sleep(100);
    const sigtermAt = Date.now();
    a.child.kill('SIGTERM');

    const exit = await exited;
    const idleAnswer = await idle;
    await sleep(1000);
    await load.stop();
    idleAgent.destroy();

    const closedAt = a.seen(/refusing new connections/);
    const outcomes: Outcome[] = load.outcomes;
    const failed = outcomes.filter((o) => o.failure !== undefined);
    const fromA = outcomes.filter((o) => o.pod === 'A' && o.failure === undefined);
    const inFlightAtClose = fromA.filter((o) => o.startedAt < closedAt! && o.endedAt > closedAt!);

    expect(failed).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(100);
    // Clients with a stale endpoint list were refused by pod A and failed over to B.
    expect(outcomes.some((o) => o.retries.some((r) => r === 'A: refused'))).toBe(true);
    expect(closedAt).toBeGreaterThan(sigtermAt);
    // Requests A was working on when it stopped accepting connections were answered.
    expect(inFlightAtClose.length).toBeGreaterThan(0);
    expect(idleAnswer).toMatchObject({ status: 200, connection: 'close' });
    // Answers during the drain tell keep-alive clients to reconnect elsewhere.
    expect(fromA.filter((o) => o.endedAt > closedAt! && !o.connectionClose)).toEqual([]);
    // B kept serving after A was gone.
    expect(outcomes.filter((o) => o.pod === 'B' && o.startedAt > exit.at).length).toBeGreaterThan(
      0,
    );

    expect(exit.code).toBe(0);
    expect(exit.at - sigtermAt).toBeLessThan(DELAY_MS + GRACE_MS);
    // Exiting waits for in-flight requests, not for idle keep-alive connections (generous
    // bound: the last answer plus 3 s, far below the 10 s grace).
    const lastFromA = Math.max(idleAnswer.endedAt, ...fromA.map((o) => o.endedAt));
    expect(exit.at - lastFromA).toBeLessThan(3000);
  }, 60_000);
});
