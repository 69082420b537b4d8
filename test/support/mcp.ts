import { request as httpRequest } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

/** The two protocol eras the doors serve. */
export type Era = 'legacy' | 'modern';

/** The revision a modern client pins; legacy clients negotiate 2025-11-25 via initialize. */
export const MODERN_REVISION = '2026-07-28';

/** Client options for an era: legacy is the SDK default (initialize), modern pins 2026-07-28. */
export function clientOptions(era: Era) {
  return era === 'modern' ? { versionNegotiation: { mode: { pin: MODERN_REVISION } } } : {};
}

/** An official SDK client connected to `${url}/mcp` over Streamable HTTP. */
export async function connectHttp(
  url: string,
  era: Era,
  headers: Record<string, string> = {},
): Promise<Client> {
  const client = new Client({ name: 'e2e', version: '1.0.0' }, clientOptions(era));
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers } }),
  );
  return client;
}

/** Each tool's example arguments, as the OpenAPI document (Swagger's "Try it out") has them. */
export async function toolExamples(
  url: string,
  headers: Record<string, string> = {},
): Promise<Record<string, Record<string, unknown>>> {
  const document = (await (await fetch(`${url}/openapi.json`, { headers })).json()) as {
    paths: Record<string, any>;
  };
  const examples: Record<string, Record<string, unknown>> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    const example = item.post?.requestBody?.content?.['application/json']?.example;
    if (path.startsWith('/tools/') && path !== '/tools/invoke' && example) {
      examples[path.slice('/tools/'.length)] = example;
    }
  }
  return examples;
}

/** Headers a 2025-era Streamable HTTP client sends. */
export const MCP_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};

/** A raw POST to /mcp (for what SDK clients never send): status, headers and parsed body. */
export async function postMcp(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${url}/mcp`, {
    method: 'POST',
    headers: { ...MCP_HEADERS, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A raw POST with a chosen Host header (fetch does not let one set Host). */
export function postWithHost(
  url: string,
  host: string,
  body: unknown,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const target = new URL(`${url}/mcp`);
    const payload = JSON.stringify(body);
    const req = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { ...MCP_HEADERS, host, 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** An `initialize` request of a 2025-11-25 client. */
export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'e2e', version: '1.0.0' },
  },
};

/** A 2026-07-28 request: the per-request `_meta` envelope plus the standard headers. */
export function modernRequest(
  method: string,
  params: Record<string, unknown> = {},
  id = 1,
): { body: unknown; headers: Record<string, string> } {
  const name: Record<string, string> =
    typeof params.name === 'string' ? { 'mcp-name': params.name } : {};
  return {
    body: {
      jsonrpc: '2.0',
      id,
      method,
      params: {
        ...params,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': MODERN_REVISION,
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      },
    },
    headers: { 'mcp-protocol-version': MODERN_REVISION, 'mcp-method': method, ...name },
  };
}
