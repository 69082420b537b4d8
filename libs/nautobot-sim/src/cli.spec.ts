import { describe, expect, it } from '@jest/globals';
import { runCli } from './cli.js';
import { DEMO_TOKEN } from './index.js';

describe('sim-cli', () => {
  it('starts on the requested port with the demo data set and prints one ready line', async () => {
    const lines: string[] = [];
    const server = await runCli(['--port', '0', '--host', '127.0.0.1'], {}, (l) => lines.push(l));
    try {
      expect(server).toBeDefined();
      expect(lines).toEqual([
        `nautobot-sim listening on ${server?.url ?? ''} (token ${DEMO_TOKEN})\n`,
      ]);
      const res = await fetch(`${server?.url ?? ''}/api/graphql/`, {
        method: 'POST',
        headers: { authorization: `Token ${DEMO_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ prefixes(location: "AMS01", limit: 3) { prefix type status { name } locations { name } } }',
        }),
      });
      expect(((await res.json()) as { data: { prefixes: unknown[] } }).data.prefixes).toHaveLength(
        3,
      );
    } finally {
      await server?.close();
    }
  });

  it('reads env vars (scale data set, token, latency)', async () => {
    const token = 'ffffffffffffffffffffffffffffffffffffffff';
    const server = await runCli(
      [],
      {
        SIM_PORT: '0',
        SIM_PREFIXES: '1500',
        SIM_TOKEN: token,
        SIM_LATENCY_MS: '1',
        SIM_DEVICES_PER_SITE: '1',
      },
      () => undefined,
    );
    try {
      expect(server?.token).toBe(token);
      const res = await fetch(`${server?.url ?? ''}/api/graphql/`, {
        method: 'POST',
        headers: { authorization: `Token ${token}`, 'content-type': 'application/graphql' },
        body: '{ prefixes(prefix_length: 30, limit: 1) { prefix } locations(location_type: "Site") { name } devices { name } }',
      });
      expect(await res.json()).toEqual({
        data: {
          prefixes: [{ prefix: '10.0.0.0/30' }],
          locations: [{ name: 'AMS01' }, { name: 'ATL01' }],
          devices: [{ name: 'ams01-leaf001' }, { name: 'atl01-leaf001' }],
        },
      });
    } finally {
      await server?.close();
    }
  });

  it('emulates the Nautobot version of --nautobot-version (default 2.4.44)', async () => {
    const status = async (server: Awaited<ReturnType<typeof runCli>>) => {
      const res = await fetch(`${server?.url ?? ''}/api/status/`, {
        headers: { authorization: `Token ${DEMO_TOKEN}` },
      });
      const body = (await res.json()) as Record<string, unknown>;
      return [res.headers.get('api-version'), body['nautobot-version']];
    };
    const v3 = await runCli(['--port', '0', '--nautobot-version', '3.2.7'], {}, () => undefined);
    const fromEnv = await runCli(
      [],
      { SIM_PORT: '0', SIM_NAUTOBOT_VERSION: '3.1.0' },
      () => undefined,
    );
    const byDefault = await runCli(['--port', '0'], {}, () => undefined);
    try {
      expect(await status(v3)).toEqual(['3.2', '3.2.7']);
      expect(await status(fromEnv)).toEqual(['3.1', '3.1.0']);
      expect(await status(byDefault)).toEqual(['2.4', '2.4.44']);
    } finally {
      await Promise.all([v3?.close(), fromEnv?.close(), byDefault?.close()]);
    }
    await expect(
      runCli(['--port', '0', '--nautobot-version', '1.6'], {}, () => undefined),
    ).rejects.toThrow('--nautobot-version must be 2.x or 3.x');
  });

  it('prints usage for --help and rejects bad values', async () => {
    const lines: string[] = [];
    expect(await runCli(['--help'], {}, (l) => lines.push(l))).toBeUndefined();
    expect(lines[0]).toContain('Usage: nautobot-sim');
    await expect(runCli(['--port', 'abc'], {}, () => undefined)).rejects.toThrow(
      '--port must be an integer',
    );
    await expect(runCli(['--bogus'], {}, () => undefined)).rejects.toThrow();
  });
});
