import { STATUS_CODES, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimResponse } from './http.js';
import { NautobotSimulator, type SimulatorOptions } from './simulator.js';
import { ConnectionReset, bodyChunks, contentLength, rawHead } from './wire.js';

/** A running standalone simulator. */
export interface SimServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  /** The accepted API token. */
  token: string;
  /** The simulator behind the socket (faults, stats). */
  simulator: NautobotSimulator;
  /** Stops listening, abandons pending (hanging) requests and closes every connection. */
  close(): Promise<void>;
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Writes a chunk and waits until it is handed to the operating system (so a reset that
 * follows cannot discard it, and a slow reader pushes back); rejects once `signal` aborts.
 */
async function writeChunk(
  out: ServerResponse | Socket,
  chunk: Buffer,
  signal: AbortSignal,
): Promise<void> {
  signal.throwIfAborted();
  let onAbort = () => undefined as void;
  try {
    await new Promise<void>((resolve, reject) => {
      onAbort = () => reject(new Error('the client went away'));
      signal.addEventListener('abort', onAbort, { once: true });
      out.write(chunk, (error) => (error ? reject(error) : resolve()));
    });
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Sends an answer that carries wire faults: a reset instead of an answer, a trickled
 * head (written to the socket itself, as ServerResponse sends its head in one piece),
 * then the body as {@link bodyChunks} delivers it, with a reset where it says so.
 */
async function deliver(
  req: IncomingMessage,
  res: ServerResponse,
  answer: SimResponse,
  signal: AbortSignal,
): Promise<void> {
  const delivery = answer.delivery ?? {};
  const socket = req.socket;
  if (delivery.resetConnection) {
    socket.resetAndDestroy();
    return;
  }
  const length = contentLength(answer);
  const headers: Record<string, string> = {
    ...answer.headers,
    ...(length === undefined ? {} : { 'content-length': String(length) }),
  };
  const head = req.method === 'HEAD';
  try {
    if (delivery.trickleHeadersMs) {
      const bytes = rawHead(`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`, {
        ...headers,
        // No chunked framing is written here: the body's end is the connection's.
        connection: 'close',
      });
      for (let at = 0; at < bytes.length; at++) {
        if (at > 0) {
          await sleep(delivery.trickleHeadersMs, undefined, { signal });
        }
        await writeChunk(socket, bytes.subarray(at, at + 1), signal);
      }
      if (!head) {
        for await (const chunk of bodyChunks(answer, signal)) {
          await writeChunk(socket, chunk, signal);
        }
      }
      socket.end();
      return;
    }
    res.writeHead(answer.status, headers);
    res.flushHeaders();
    if (!head) {
      for await (const chunk of bodyChunks(answer, signal)) {
        await writeChunk(res, chunk, signal);
      }
    }
    res.end();
  } catch (error) {
    if (error instanceof ConnectionReset) {
      socket.resetAndDestroy();
    } else {
      socket.destroy();
    }
  }
}

/** Starts the simulator as an HTTP server (default 127.0.0.1, random port). */
export async function startSimulatorServer(
  opts: SimulatorOptions & { port?: number; host?: string } = {},
): Promise<SimServer> {
  const { port = 0, host = '127.0.0.1', ...options } = opts;
  const simulator = new NautobotSimulator(options);
  const pending = new Set<AbortController>();
  const sockets = new Set<Socket>();

  /** Sockets answering a control request: a down time closes them once that answer is out. */
  const controlSockets = new Set<Socket>();

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (simulator.downForMs() > 0) {
      // A kept-alive connection that slipped through: down means no answers at all.
      req.socket.destroy();
      return;
    }
    if (req.url?.startsWith('/__sim/')) {
      const socket = req.socket;
      controlSockets.add(socket);
      res.on('close', () => {
        controlSockets.delete(socket);
        if (simulator.downForMs() > 0) {
          socket.destroy();
        }
      });
    }
    const controller = new AbortController();
    pending.add(controller);
    res.on('close', () => {
      pending.delete(controller);
      if (!res.writableFinished) {
        controller.abort();
      }
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      simulator
        .handle(
          {
            method: req.method ?? 'GET',
            path: req.url ?? '/',
            headers: headersOf(req),
            body: Buffer.concat(chunks).toString('utf8'),
          },
          controller.signal,
        )
        .then(async (answer) => {
          if (res.destroyed) {
            return;
          }
          if (answer.delivery) {
            await deliver(req, res, answer, controller.signal);
          } else {
            res.writeHead(answer.status, answer.headers);
            res.end(req.method === 'HEAD' ? undefined : answer.body);
          }
        })
        .catch(() => {
          if (!res.destroyed) {
            res.destroy();
          }
        });
    });
  };

  const server = createServer(onRequest);
  server.keepAliveTimeout = 65_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;

  // Down times (`downMs`): stop listening (connects are refused), drop every connection,
  // then listen on the same port again.
  let downTimer: NodeJS.Timeout | undefined;
  const goUp = () => {
    clearTimeout(downTimer);
    downTimer = undefined;
    if (!closing && !server.listening) {
      server.listen(address.port, address.address);
    }
  };
  // A failed re-listen (the port was taken meanwhile) leaves the server down, not the process.
  server.on('error', () => undefined);
  const unsubscribe = simulator.onDown((ms) => {
    if (ms <= 0) {
      goUp();
      return;
    }
    clearTimeout(downTimer);
    if (server.listening) {
      server.close();
    }
    for (const socket of sockets) {
      if (!controlSockets.has(socket)) {
        socket.destroy();
      }
    }
    downTimer = setTimeout(goUp, ms);
  });

  return {
    url: `http://${urlHost}:${address.port}`,
    token: simulator.token,
    simulator,
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearTimeout(downTimer);
        unsubscribe();
        server.close(() => resolve());
        for (const controller of pending) {
          controller.abort();
        }
        for (const socket of sockets) {
          socket.destroy();
        }
      });
      return closing;
    },
  };
}
