import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with the next GraphQL requests. The simulator's fault injection
 * answers before or instead of the body; these misbehave after the headers are out.
 */
export type ProxyMode =
  /** Forward to the simulator and relay its answer. */
  | { kind: 'pass' }
  /** Send 200 headers, then never a byte of body. */
  | { kind: 'stall-after-headers' }
  /** Send 200 headers, then body bytes forever (as fast as the socket takes them). */
  | { kind: 'endless-body' }
  /** Send the real answer a few bytes every `intervalMs`. */
  | { kind: 'trickle'; intervalMs: number }
  /** Answer 200 with this JSON body instead of the simulator's. */
  | { kind: 'body'; json: unknown };

/** A loopback HTTP server in front of the simulator, with faults the simulator lacks. */
export interface UpstreamProxy {
  url: string;
  mode: ProxyMode;
  /** GraphQL requests received, in any mode. */
  requests: number;
  /** Their JSON bodies (operationName, query, variables), in order. */
  bodies: { operationName?: string; query?: string }[];
  /** Requests whose client went away before the answer was complete. */
  abandoned: number;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Starts the proxy on 127.0.0.1 in front of `target` (the simulator's base URL). */
export async function startUpstreamProxy(target: string): Promise<UpstreamProxy> {
  const timers = new Set<NodeJS.Timeout>();
  const open = new Set<ServerResponse>();
  const state: UpstreamProxy = {
    url: '',
    mode: { kind: 'pass' },
    requests: 0,
    bodies: [],
    abandoned: 0,
    close: async () => {
      for (const timer of timers) {
        clearInterval(timer);
      }
      for (const response of open) {
        response.destroy();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const relay = async (request: IncomingMessage, body: Buffer) => {
    const upstream = await fetch(`${target}${request.url}`, {
      method: request.method,
      headers: {
        'content-type': String(request.headers['content-type'] ?? 'application/json'),
        authorization: String(request.headers.authorization ?? ''),
      },
      body: request.method === 'POST' ? body.toString('utf8') : undefined,
    });
    return { status: upstream.status, text: await upstream.text() };
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readBody(request);
    const graphql = request.url?.startsWith('/api/graphql') ?? false;
    if (graphql) {
      state.requests++;
      try {
        state.bodies.push(JSON.parse(body.toString('utf8')) as UpstreamProxy['bodies'][number]);
      } catch {
        state.bodies.push({});
      }
    }
    open.add(response);
    response.on('close', () => {
      open.delete(response);
      if (!response.writableFinished) {
        state.abandoned++;
      }
    });
    const mode = graphql ? state.mode : { kind: 'pass' as const };
    switch (mode.kind) {
      case 'pass': {
        const { status, text } = await relay(request, body);
        response.writeHead(status, { 'content-type': 'application/json' }).end(text);
        return;
      }
      case 'body':
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(mode.json));
        return;
      case 'stall-after-headers':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.flushHeaders();
        return;
      case 'endless-body': {
        response.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        response.write('{"data":{"prefixes":[');
        const pump = () => {
          while (!response.destroyed && response.write(chunk)) {
            // keep writing until the socket pushes back
          }
          if (!response.destroyed) {
            response.once('drain', pump);
          }
        };
        pump();
        return;
      }
      case 'trickle': {
        const { text } = await relay(request, body);
        response.writeHead(200, { 'content-type': 'application/json' });
        let at = 0;
        const timer = setInterval(() => {
          if (response.destroyed || at >= text.length) {
            clearInterval(timer);
            timers.delete(timer);
            response.end();
            return;
          }
          response.write(text.slice(at, at + 16));
          at += 16;
        }, mode.intervalMs);
        timers.add(timer);
        return;
      }
    }
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
