import type { ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSimulatorServer, type SimServer } from '@nautobot-mcp/nautobot-sim';
import { assertBuilt, startCli } from './support/cli.js';
import { freePort } from './support/test-app.js';

/**
 * Slow and oversized clients against the built server (`cli.js serve`) on a loopback port,
 * spoken to over raw TCP sockets so nothing between the test and the server is forgiving.
 * The timeouts are set small through the environment; the bounds below are Node's own
 * semantics (a limit is enforced at most one check interval, 1 s, after it passes) plus a
 * generous margin for a shared machine.
 */
const HEADERS_TIMEOUT_MS = 2000;
const REQUEST_TIMEOUT_MS = 4000;
const KEEPALIVE_TIMEOUT_MS = 1000;
/** How late a timeout may fire: the server's check interval (1 s) plus slack. */
const LATE_MS = 1000 + 2000;

/** A raw connection: what the server sent, and when and how it ended. */
interface Raw {
  socket: Socket;
  received(): string;
  /** Resolves with ms since `openedAt` when the server closes (or resets) the connection. */
  closed: Promise<number>;
  openedAt: number;
}

function open(port: number): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.once('error', () => undefined);
    socket.once('connect', () => {
      const openedAt = Date.now();
      const closed = new Promise<number>((done) =>
        socket.once('close', () => done(Date.now() - openedAt)),
      );
      resolve({ socket, received: () => data, closed, openedAt });
    });
    socket.once('error', reject);
  });
}

/** Writes `text` one byte every `everyMs` until the socket closes or `stop()` is called. */
function trickle(raw: Raw, text: string, everyMs: number): () => void {
  let i = 0;
  const timer = setInterval(() => {
    if (raw.socket.destroyed || !raw.socket.writable) {
      clearInterval(timer);
      return;
    }
    raw.socket.write(text[i % text.length]);
    i += 1;
  }, everyMs);
  void raw.closed.then(() => clearInterval(timer));
  return () => clearInterval(timer);
}

/** Waits for the close at most `ms`; a connection still open then fails the test. */
async function closedWithin(raw: Raw, ms: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), ms);
  });
  const elapsed = await Promise.race([raw.closed, late]);
  clearTimeout(timer);
  if (!Number.isFinite(elapsed)) {
    raw.socket.destroy();
  }
  return elapsed;
}

/** One complete GET on a fresh connection; resolves with the raw response head. */
async function rawGet(port: number, path: string, extraHeaders = ''): Promise<Raw> {
  const raw = await open(port);
  raw.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extraHeaders}\r\n`);
  return raw;
}

function statusLine(text: string): string {
  return text.split('\r\n')[0];
}

describe('slow and oversized clients (HTTP server timeouts and limits)', () => {
  let sim: SimServer;
  let child: ChildProcess;
  let port: number;
  let base: string;

  beforeAll(async () => {
    assertBuilt();
    sim = await startSimulatorServer();
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    ({ child } = await startCli(
      ['serve'],
      {
        NAUTOBOT_URL: sim.url,
        NAUTOBOT_TOKEN: sim.token,
        AUTH_MODE: 'none',
        PORT: String(port),
        HOST: '127.0.0.1',
        RATE_LIMIT_PER_MIN: '0',
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        HTTP_KEEPALIVE_TIMEOUT_MS: String(KEEPALIVE_TIMEOUT_MS),
      },
      /Listening on/,
    ));
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGINT');
      await exited;
    }
    await sim?.close();
  });

  it('cuts a slowloris client (headers trickled byte by byte) with 408 after the headers timeout', async () => {
    const raw = await open(port);
    raw.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    trickle(raw, 'X-Slow: abcdefghijklmnopqrstuvwxyz', 100);
    const elapsed = await closedWithin(raw, HEADERS_TIMEOUT_MS + LATE_MS);
    expect(elapsed).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThanOrEqual(HEADERS_TIMEOUT_MS + LATE_MS);
    expect(statusLine(raw.received())).toBe('HTTP/1.1 408 Request Timeout');
  });

  it('cuts a slow body after the request timeout (408 or a closed socket), and keeps serving', async () => {
    const raw = await open(port);
    const body = JSON.stringify({ name: 'locations', arguments: { limit: 5 } });
    raw.socket.write(
      'POST /tools/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n' +
        `content-length: ${body.length + 1000}\r\n\r\n`,
    );
    trickle(raw, body, 100);
    const elapsed = await closedWithin(raw, REQUEST_TIMEOUT_MS + LATE_MS);
    expect(elapsed).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS + LATE_MS);
    const status = statusLine(raw.received());
    expect(['', 'HTTP/1.1 408 Request Timeout']).toContain(status);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('does not cut a request whose answer takes longer than the request timeout', async () => {
    // requestTimeout bounds receiving the request, not computing the answer.
    sim.simulator.setFaults({ latencyMs: REQUEST_TIMEOUT_MS + 1000, times: 1 });
    try {
      const response = await fetch(`${base}/tools/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'locations', arguments: { limit: 5 } }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { result: { count: number } }).result.count).toBe(5);
    } finally {
      sim.simulator.clearFaults();
    }
  }, 20_000);

  it('answers 100 KB of headers with 431 and closes, at once', async () => {
    const raw = await rawGet(port, '/healthz', `X-Big: ${'a'.repeat(100 * 1024)}\r\n`);
    const elapsed = await closedWithin(raw, 2000);
    expect(elapsed).toBeLessThan(2000);
    expect(statusLine(raw.received())).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  });

  it('accepts 8 KB of headers (a large OIDC token fits)', async () => {
    const response = await fetch(`${base}/healthz`, { headers: { 'x-big': 'a'.repeat(8 * 1024) } });
    expect(response.status).toBe(200);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout, advertising it', async () => {
    const raw = await rawGet(port, '/healthz');
    // Wait for the whole answer, then time the idle close from there.
    const deadline = Date.now() + 5000;
    while (!/\r\n\r\n[\s\S]*"status"/.test(raw.received()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const answeredAt = Date.now() - raw.openedAt;
    expect(statusLine(raw.received())).toBe('HTTP/1.1 200 OK');
    expect(raw.received()).toMatch(/\r\nkeep-alive: timeout=1\r\n/i);
    const elapsed = await closedWithin(raw, KEEPALIVE_TIMEOUT_MS + LATE_MS + 1000);
    // Node closes 1 s after the advertised timeout, so that clients close first.
    expect(elapsed - answeredAt).toBeGreaterThanOrEqual(KEEPALIVE_TIMEOUT_MS - 50);
    expect(elapsed - answeredAt).toBeLessThanOrEqual(KEEPALIVE_TIMEOUT_MS + 1000 + LATE_MS);
  });

  it('keeps /healthz answering quickly during 50 concurrent slowloris connections', async () => {
    const attackers = await Promise.all(Array.from({ length: 50 }, () => open(port)));
    for (const raw of attackers) {
      raw.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      trickle(raw, 'X-Slow: abcdefghijklmnopqrstuvwxyz', 100);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    try {
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) });
        expect(response.status).toBe(200);
        expect(Date.now() - started).toBeLessThan(2000);
      }
      // The attackers were still connected while /healthz answered …
      expect(attackers.filter((raw) => raw.socket.destroyed)).toHaveLength(0);
      // … and every one of them is cut by the headers timeout.
      const elapsed = await Promise.all(
        attackers.map((raw) => closedWithin(raw, HEADERS_TIMEOUT_MS + LATE_MS)),
      );
      expect(Math.max(...elapsed)).toBeLessThanOrEqual(HEADERS_TIMEOUT_MS + LATE_MS);
    } finally {
      for (const raw of attackers) {
        raw.socket.destroy();
      }
    }
  });
});
