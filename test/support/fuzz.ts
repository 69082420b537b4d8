import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

/**
 * Fuzzing settings: FUZZ_SEED replays a run (every failure prints its seed and path),
 * FUZZ_RUNS scales every property's run count (1 = the default budget).
 */
export const FUZZ_SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : Math.floor(Math.random() * 2 ** 31);
const SCALE = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1;

/** A property's run count: its default budget times FUZZ_RUNS. */
export function runs(budget: number): number {
  return Math.max(1, Math.round(budget * SCALE));
}

/** A request that takes longer than this counts as a hang. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** A raw HTTP answer. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** Closes the kept-alive sockets. */
export function closeAgent(): void {
  agent.destroy();
}

/**
 * Sends exactly the headers given (Host included; fetch would add and forbid some),
 * and fails on a hang: no answer within REQUEST_TIMEOUT_MS.
 */
export function send(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<RawAnswer> {
  const target = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        agent,
        hostname: target.hostname,
        port: target.port,
        path,
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms: ${method} ${path} (a hang)`));
    }, REQUEST_TIMEOUT_MS);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });
}

/** The JSON of an answer, or undefined when it has none or it is not JSON. */
export function jsonOf(answer: RawAnswer): any {
  if (!answer.text) {
    return undefined;
  }
  try {
    return JSON.parse(answer.text);
  } catch {
    return undefined;
  }
}

/** Writes an AUTH_FILE with the given API keys and their tool rules. */
export function authFile(keys: { name: string; key: string; tools: string[] }[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'nms-fuzz-')), 'auth.yaml');
  const lines = ['apiKeys:'];
  for (const { name, key, tools } of keys) {
    lines.push(`  - name: ${name}`, `    key: ${key}`, `    tools: ${JSON.stringify(tools)}`);
  }
  writeFileSync(path, lines.join('\n'));
  return path;
}

/** Own property names of the built-in prototypes, to prove none was polluted. */
export function prototypeSnapshot(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((proto) => Object.getOwnPropertyNames(proto).sort().join(','))
    .join('|');
}

/** Characters that break naive text handling: lone surrogates, RTL overrides, NUL, BOM… */
const TRICKY = [
  '\uD800',
  '\uDFFF',
  '\uDBFF\uD800',
  '\u202E',
  '\u200F',
  '\u061C',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '\u{1F4A9}',
  'e\u0301',
  '%00',
  '../',
  '${x}',
  '"',
  '\\',
  '{{',
  '<script>',
];

/** Strings of any code points plus the tricky ones above. */
export const trickyString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
      { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
    ),
    { maxLength: 4 },
  )
  .map((parts) => parts.join(''));

/** Keys that reach for prototypes. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** An object key: usually plain, sometimes a prototype key or a tricky string. */
export function keyArb(known: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.string() },
    { weight: 2, arbitrary: fc.constantFrom(...POLLUTING_KEYS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 10 }) },
    { weight: 1, arbitrary: trickyString },
  );
}

/** A pollution payload: what `__proto__` and friends are set to. */
const pollution = fc.constantFrom<unknown>(
  { polluted: 'yes' },
  { prototype: { polluted: 'yes' } },
  { toString: 'polluted', valueOf: 1 },
  'polluted',
  null,
  [],
);

/** Any JSON value, with tricky strings, huge numbers and prototype keys, nesting a few levels. */
export function jsonish(known: readonly string[] = []): fc.Arbitrary<unknown> {
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(
        0,
        -1,
        1e308,
        -1e308,
        Number.MAX_SAFE_INTEGER + 2,
        5e-324,
        1000,
        1001,
        100000,
      ),
      trickyString,
      fc.constantFrom('AMS01', '10.0.0.0/8', 'Active', 'leaf', 'Europe', '*', '', ' ', 'null'),
      pollution,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(keyArb(known), tie('value'), { maxKeys: 4 }),
    ),
  }));
  return value;
}

/** `levels` nested arrays or objects around `inner`, as JSON text (JSON.stringify recurses). */
export function nestedText(levels: number, kind: 'array' | 'object', inner = '1'): string {
  return kind === 'array'
    ? `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`
    : `${'{"a":'.repeat(levels)}${inner}${'}'.repeat(levels)}`;
}
