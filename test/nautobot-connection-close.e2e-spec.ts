import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Nautobot served by `nautobot-server start` (uWSGI's HTTP router) closes every connection
 * right after its answer without sending `Connection: close`, so a client's pooled socket can
 * die just as the next request is written to it. Found against real Nautobot 2.4 and 3.x (the
 * e2e matrix gave 503 `UND_ERR_SOCKET` under concurrency); the simulator keeps connections
 * alive and could not show it. This front end speaks to the client exactly as uWSGI does.
 */
async function startClosingFrontEnd(target: string): Promise<{ url: string; server: Server }> {
  const server = createServer((socket: Socket) => {
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) {
        return;
      }
      const head = buffered.subarray(0, end).toString('latin1');
      const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffered.length < end + 4 + length) {
        return;
      }
      const body = buffered.subarray(end + 4, end + 4 + length);
      buffered = Buffer.alloc(0);
      const [, method, path] = /^(\S+) (\S+)/.exec(head) ?? [];
      const headers = Object.fromEntries(
        head
          .split('\r\n')
          .slice(1)
          .map((l) => [
            l.slice(0, l.indexOf(':')).toLowerCase(),
            l.slice(l.indexOf(':') + 1).trim(),
          ])
          .filter(([k]) => ['authorization', 'content-type', 'accept'].includes(k)),
      );
      void fetch(`${target}${path}`, { method, headers, body: length ? body : undefined })
        .then(async (r) => {
          const text = Buffer.from(await r.arrayBuffer());
          socket.write(
            `HTTP/1.1 ${r.status} OK\r\nContent-Type: ${r.headers.get('content-type')}\r\n` +
              `Content-Length: ${text.length}\r\n\r\n`,
          );
          socket.write(text);
          // uWSGI closes a moment after the answer, when the client may already reuse the socket.
          setTimeout(() => socket.end(), 5);
        })
        .catch(() => socket.destroy());
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('a Nautobot that closes each connection after answering (uWSGI)', () => {
  let backend: TestApp;
  let app: TestApp;
  let front: { url: string; server: Server };

  beforeAll(async () => {
    // The backend app only provides a Nautobot (simulator or real) and its token.
    backend = await startTestApp();
    front = await startClosingFrontEnd(backend.nautobotUrl);
    app = await startTestApp({ NAUTOBOT_URL: front.url, NAUTOBOT_TOKEN: backend.nautobotToken });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => front.server.close(resolve));
    await backend.close();
  });

  it('answers every call, concurrent or back to back, without a 503', async () => {
    const call = () =>
      postJson(`${app.url}/tools/invoke`, {
        name: 'prefixes_by_location',
        arguments: { location: 'AMS01', limit: 2 },
      });
    const statuses: number[] = [];
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(Array.from({ length: 20 }, call));
      statuses.push(...answers.map((a) => a.status));
      statuses.push((await call()).status, (await call()).status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});
