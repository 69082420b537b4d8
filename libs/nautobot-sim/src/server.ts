import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { NautobotSimulator, type SimulatorOptions } from './simulator.js';

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

/** Starts the simulator as an HTTP server (default 127.0.0.1, random port). */
export async function startSimulatorServer(
  opts: SimulatorOptions & { port?: number; host?: string } = {},
): Promise<SimServer> {
  const { port = 0, host = '127.0.0.1', ...options } = opts;
  const simulator = new NautobotSimulator(options);
  const pending = new Set<AbortController>();
  const sockets = new Set<Socket>();

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
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
        .then((answer) => {
          if (!res.destroyed) {
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
  return {
    url: `http://${urlHost}:${address.port}`,
    token: simulator.token,
    simulator,
    close() {
      closing ??= new Promise<void>((resolve) => {
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
