import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProblemException } from '@nautobot-mcp/common';
import { createNautobotFetch } from './nautobot-fetch.js';

/** A full collection, as `node --expose-gc` gives, without restarting jest with flags. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** Settles with what the promise did, or 'pending' after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<unknown> {
  return Promise.race([
    promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    new Promise((resolve) => setTimeout(() => resolve('pending'), ms).unref()),
  ]);
}

describe('createNautobotFetch against a Nautobot that stalls after its headers', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.flushHeaders();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/graphql/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fails with nautobot-timeout within NAUTOBOT_TIMEOUT_MS, even after a GC, with a caller signal', async () => {
    const send = createNautobotFetch({ url, token: 't', timeoutMs: 300, verifyTls: true });
    // Apollo always passes a signal of its own, as this caller does.
    const caller = new AbortController();
    const answer = (async () => {
      const response = await send(url, { method: 'POST', body: '{}', signal: caller.signal });
      await new Promise((resolve) => setTimeout(resolve, 50));
      collectGarbage();
      return response.text();
    })();
    const outcome = (await within(answer, 2000)) as { error?: unknown } | 'pending';
    expect(outcome).not.toBe('pending');
    const error = (outcome as { error?: unknown }).error;
    expect(error).toBeInstanceOf(ProblemException);
    expect((error as ProblemException).problem.type).toBe('nautobot-timeout');
  });
});
