/**
 * The bare proxy the REST invoke benchmark compares our server against: a plain
 * `node:http` server that, for `POST /tools/invoke`, sends exactly the GraphQL request
 * our server sends for `prefixes_by_location` (same query text, variables and headers,
 * over an undici keep-alive agent like ours) and returns Nautobot's JSON body as is.
 * No validation, no mapping, no framework: the practical upper bound of any server that
 * proxies this call.
 *
 *   node dist/bench/baseline-proxy.js --port 7101 --upstream http://127.0.0.1:7100 [--token T]
 *
 * Flags fall back to PORT, HOST, NAUTOBOT_URL and NAUTOBOT_TOKEN. Prints
 * `baseline-proxy listening on http://…` when ready; exits on SIGTERM/SIGINT.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { Agent, fetch } from 'undici';
import { packagedWireQuery } from './query-text.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    upstream: { type: 'string' },
    token: { type: 'string' },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 7101);
const host = values.host ?? process.env.HOST ?? '127.0.0.1';
const upstream = (values.upstream ?? process.env.NAUTOBOT_URL ?? '').replace(/\/+$/, '');
const token = values.token ?? process.env.NAUTOBOT_TOKEN ?? '';
if (!upstream || !Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write('usage: baseline-proxy --port N --upstream URL [--token T] [--host H]\n');
  process.exit(2);
}

const endpoint = `${upstream}/api/graphql/`;
const query = packagedWireQuery('prefixes_by_location');
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
const upstreamHeaders = {
  authorization: `Token ${token}`,
  accept: 'application/json',
  'content-type': 'application/json',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const call = JSON.parse(await readBody(req)) as {
    arguments?: { location?: string; limit?: number };
  };
  const args = call.arguments ?? {};
  const variables = { location: [args.location], limit: (args.limit ?? 50) + 1, offset: 0 };
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: upstreamHeaders,
    body: JSON.stringify({ operationName: query.operationName, variables, query: query.text }),
    dispatcher,
  });
  send(res, response.status, await response.text());
}

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/tools/invoke') {
    invoke(req, res).catch((error: unknown) =>
      send(res, 502, JSON.stringify({ error: String(error) })),
    );
    return;
  }
  send(res, 404, '{"error":"not found"}');
});

server.listen(port, host, () => {
  process.stdout.write(`baseline-proxy listening on http://${host}:${port} -> ${endpoint}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void dispatcher.close();
    process.exit(0);
  });
}
