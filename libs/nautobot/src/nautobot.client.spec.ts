import { mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProblemException } from '@nautobot-mcp/common';
import {
  NautobotSimulator,
  startSimulatorServer,
  type SimServer,
} from '@nautobot-mcp/nautobot-sim';
import selfsigned from 'selfsigned';
import { NautobotClient } from './nautobot.client.js';
import type { NautobotClientOptions } from './nautobot-client-options.js';

async function problemOf(promise: Promise<unknown>): Promise<ProblemException['problem']> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemException);
    return (error as ProblemException).problem;
  }
  throw new Error('expected a problem');
}

const VARIABLES = { location: ['AMS01'], limit: 5, offset: 0 };

describe('NautobotClient over HTTP', () => {
  let sim: SimServer;
  let client: NautobotClient;

  beforeAll(async () => {
    sim = await startSimulatorServer();
    client = new NautobotClient({
      url: sim.url,
      token: sim.token,
      timeoutMs: 2000,
      verifyTls: true,
    });
  });
  afterAll(() => sim.close());

  it('runs a catalogued list query as written, without added __typename', async () => {
    const { rows, warnings } = await client.list('prefixes_by_location', VARIABLES);
    expect(rows.length).toBe(5);
    expect(warnings).toEqual([]);
    expect(JSON.stringify(rows)).not.toContain('__typename');
    expect(rows[0]).toEqual(expect.objectContaining({ prefix: expect.any(String) }));
  });

  it('omits undefined variables so the filter is absent', async () => {
    const { rows } = await client.list('prefixes_by_location', {
      ...VARIABLES,
      exclude_locations: undefined,
    });
    expect(rows.length).toBe(5);
  });

  it('lists the immediate child locations', async () => {
    expect(await client.childLocations('Europe')).toEqual(
      expect.arrayContaining(['AMS01', 'FRA01']),
    );
    expect(await client.childLocations('AMS01')).toEqual(expect.any(Array));
  });

  it('pings', async () => {
    await expect(client.ping()).resolves.toBeUndefined();
  });

  it('maps an unknown location to unknown-location with suggestions', async () => {
    const problem = await problemOf(
      client.list('prefixes_by_location', { ...VARIABLES, location: ['ams01'] }),
    );
    expect(problem.type).toBe('unknown-location');
    expect(problem.status).toBe(400);
    expect(problem.suggestions).toEqual(['AMS01']);
  });

  it('maps an unknown status to unknown-status', async () => {
    const problem = await problemOf(
      client.list('devices_by_location_and_role', { ...VARIABLES, role: ['nope'] }),
    );
    expect(problem.type).toBe('unknown-role');
  });

  it('sends the token only in the Authorization header and maps 403 to nautobot-auth', async () => {
    const wrong = new NautobotClient({
      url: sim.url,
      token: 'f'.repeat(40),
      timeoutMs: 2000,
      verifyTls: true,
    });
    const problem = await problemOf(wrong.ping());
    expect(problem.type).toBe('nautobot-auth');
    expect(problem.status).toBe(502);
    expect(problem.detail).toContain('Invalid token');
    expect(JSON.stringify(problem)).not.toContain('f'.repeat(40));
  });

  it('maps a redirect to nautobot-error naming NAUTOBOT_URL', async () => {
    const redirecting = new NautobotClient({
      url: 'http://nautobot.test',
      token: sim.token,
      timeoutMs: 2000,
      verifyTls: true,
      fetch: async () =>
        new Response(null, {
          status: 301,
          headers: { location: 'https://nautobot.test/api/graphql/' },
        }),
    });
    const problem = await problemOf(redirecting.ping());
    expect(problem.type).toBe('nautobot-error');
    expect(problem.detail).toContain('NAUTOBOT_URL');
  });

  it('maps a non-GraphQL 400 to nautobot-error, keeping its error page out of the problem', async () => {
    const odd = new NautobotClient({
      url: 'http://nautobot.test',
      token: sim.token,
      timeoutMs: 2000,
      verifyTls: true,
      fetch: async () =>
        new Response('<html>Bad Request: db host 10.9.9.9</html>', { status: 400 }),
    });
    const problem = await problemOf(odd.ping());
    expect(problem.type).toBe('nautobot-error');
    expect(problem.detail).toContain('HTTP 400');
    expect(JSON.stringify(problem)).not.toContain('10.9.9.9');
  });

  it('maps a 200 that is not a list to nautobot-bad-response', async () => {
    const odd = new NautobotClient({
      url: 'http://nautobot.test',
      token: sim.token,
      timeoutMs: 2000,
      verifyTls: true,
      fetch: async () =>
        new Response(JSON.stringify({ data: { prefixes: { prefix: '10.0.0.0/8' } } }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    });
    const problem = await problemOf(odd.list('prefixes_by_location', VARIABLES));
    expect(problem.type).toBe('nautobot-bad-response');
  });

  it('uses an in-process fetch (demo mode) without a socket', async () => {
    const simulator = new NautobotSimulator();
    const demo = new NautobotClient({
      url: 'http://nautobot.demo.invalid',
      token: simulator.token,
      timeoutMs: 2000,
      verifyTls: true,
      fetch: simulator.fetch,
    });
    const { rows } = await demo.list('devices_by_location', VARIABLES);
    expect(rows.length).toBe(5);
  });
});

describe('NautobotClient TLS', () => {
  let url: string;
  let caFile: string;
  let server: ReturnType<typeof createServer>;
  const simulator = new NautobotSimulator();

  beforeAll(async () => {
    const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    caFile = join(mkdtempSync(join(tmpdir(), 'nms-tls-')), 'ca.pem');
    writeFileSync(caFile, pems.cert);
    server = createServer(
      { key: pems.private, cert: pems.cert },
      (req: IncomingMessage, res: ServerResponse) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          void simulator
            .handle({
              method: req.method ?? 'GET',
              path: req.url ?? '/',
              headers: req.headers as Record<string, string>,
              body,
            })
            .then((answer) => {
              res.writeHead(answer.status, answer.headers);
              res.end(answer.body);
            });
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const options = (extra: Partial<NautobotClientOptions>): NautobotClientOptions => ({
    url,
    token: simulator.token,
    timeoutMs: 3000,
    verifyTls: true,
    ...extra,
  });

  it('refuses an untrusted certificate with a TLS reason', async () => {
    const problem = await problemOf(new NautobotClient(options({})).ping());
    expect(problem.type).toBe('nautobot-unreachable');
    expect(problem.detail).toContain('NAUTOBOT_CA_FILE');
  });

  it('trusts a custom CA file', async () => {
    await expect(new NautobotClient(options({ caFile })).ping()).resolves.toBeUndefined();
  });

  it('skips verification when told to', async () => {
    await expect(new NautobotClient(options({ verifyTls: false })).ping()).resolves.toBeUndefined();
  });
});
