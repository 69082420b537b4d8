/**
 * Property-based fuzzing of the REST door (`POST /tools/{name}`, `POST /tools/invoke`)
 * with fast-check: any tool name, arguments, body and headers. Every answer is a tool
 * answer (200) or a problem+json 4xx whose `status` is the HTTP status — never a 5xx,
 * never a hang; a caller never gets an answer from a tool it may not use; no prototype
 * is polluted. FUZZ_SEED replays a run, FUZZ_RUNS scales it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { toolExamples } from './support/mcp.js';
import {
  FUZZ_SEED,
  authFile,
  closeAgent,
  jsonOf,
  jsonish,
  keyArb,
  nestedText,
  prototypeSnapshot,
  runs,
  send,
  trickyString,
  type RawAnswer,
} from './support/fuzz.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const FULL_KEY = 'rest-fuzz-full-0123456789abcdef';
const LIMITED_KEY = 'rest-fuzz-limited-0123456789abcdef';
const ALLOWED = 'locations';
const MAX_BODY_BYTES = 65_536;
const PROPERTY_TIMEOUT_MS = 60_000;
/** 4xx statuses the REST door documents (docs/errors.md). */
const REST_4XX = [400, 401, 403, 404, 405, 406, 413, 415];

/** Regression examples: null for optional arguments (each was a 500; now a 400). */
const NULL_ARGUMENTS: { name: string; args: unknown }[] = [
  { name: 'circuits', args: { location: 'AMS01', circuitType: null } },
  { name: 'circuits', args: { location: null, provider: 'x' } },
  { name: 'racks_by_location', args: { location: 'AMS01', rackGroup: null } },
];

let t: TestApp;
let tools: { name: string; properties: string[]; example: Record<string, unknown> }[] = [];
let cleanPrototypes = '';
const outcomes = new Map<string, number>();

function headersArb(): fc.Arbitrary<Record<string, string>> {
  return fc
    .record({
      'content-type': fc.oneof(
        { weight: 6, arbitrary: fc.constant('application/json') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'application/json; charset=utf-8',
            'application/problem+json',
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=utf-16',
          ),
        },
      ),
      accept: fc.constantFrom('application/json', '*/*', 'text/csv', 'text/html', undefined),
      'x-api-key': fc.constantFrom(FULL_KEY, FULL_KEY, FULL_KEY, LIMITED_KEY, 'wrong', undefined),
    })
    .map((headers) => {
      const out: Record<string, string> = { host: new URL(t.url).host };
      for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined) {
          out[name] = value;
        }
      }
      return out;
    });
}

function fullHeaders(): Record<string, string> {
  return { host: new URL(t.url).host, 'content-type': 'application/json', 'x-api-key': FULL_KEY };
}

/** A tool (or a name that is none) and arguments: its example, changed, or anything. */
function callArb(): fc.Arbitrary<{ name: string; args: unknown }> {
  return fc
    .oneof(
      { weight: 5, arbitrary: fc.constantFrom(...tools) },
      {
        weight: 1,
        arbitrary: trickyString.map((name) => ({
          name,
          properties: [] as string[],
          example: {} as Record<string, unknown>,
        })),
      },
    )
    .chain((tool) =>
      fc.record({
        name: fc.constant(tool.name),
        args: fc.oneof(
          {
            weight: 3,
            arbitrary: fc
              .record({ key: keyArb(tool.properties), value: jsonish(), keep: fc.boolean() })
              .map(({ key, value, keep }) =>
                keep ? tool.example : { ...tool.example, [key]: value },
              ),
          },
          {
            weight: 3,
            arbitrary: fc.dictionary(keyArb(tool.properties), jsonish(), { maxKeys: 5 }),
          },
          { weight: 1, arbitrary: jsonish(tool.properties) },
        ),
      }),
    );
}

/** What every REST answer must be. */
function expectSaneRestAnswer(answer: RawAnswer, context: string): any {
  const where = `${context} → ${answer.status} ${answer.text.slice(0, 300)}`;
  const body = jsonOf(answer);
  const type = String(answer.headers['content-type'] ?? '');
  const key = `${answer.status}${answer.status >= 400 ? ` ${body?.type}` : ''}`;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  if (answer.status === 200) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new Error(`200 without a JSON object: ${where}`);
    }
    return body;
  }
  if (!REST_4XX.includes(answer.status)) {
    throw new Error(`not a 200 or a documented 4xx: ${where}`);
  }
  if (
    !type.startsWith('application/problem+json') ||
    typeof body?.type !== 'string' ||
    body.status !== answer.status
  ) {
    throw new Error(`a 4xx that is not problem+json with its status: ${where}`);
  }
  if (JSON.stringify(body).includes('    at ')) {
    throw new Error(`a stack trace in a problem: ${where}`);
  }
  return body;
}

function expectUnpolluted(context: string): void {
  if (
    ({} as Record<string, unknown>).polluted !== undefined ||
    prototypeSnapshot() !== cleanPrototypes
  ) {
    throw new Error(`a prototype was polluted after ${context}`);
  }
}

async function expectHealthy(): Promise<void> {
  const answer = await send(t.url, 'GET', '/healthz', { host: new URL(t.url).host });
  expect(answer.status).toBe(200);
  expectUnpolluted('the property');
}

/** Encodes a tool name for the path, lone surrogates included (encodeURIComponent throws). */
function pathOf(name: string): string {
  try {
    return `/tools/${encodeURIComponent(name)}`;
  } catch {
    return `/tools/${Buffer.from(name, 'utf8').toString('hex')}`;
  }
}

function assertProperty<T>(
  property: fc.IAsyncPropertyWithHooks<[T]>,
  numRuns: number,
  examples: [T][] = [],
): Promise<void> {
  return fc.assert(property, { seed: FUZZ_SEED, numRuns, examples, endOnFailure: true });
}

beforeAll(async () => {
  process.stderr.write(`rest-fuzz: FUZZ_SEED=${FUZZ_SEED} (set it to replay this run)\n`);
  t = await startTestApp({
    AUTH_MODE: 'api_key',
    AUTH_FILE: authFile([
      { name: 'full', key: FULL_KEY, tools: ['*'] },
      { name: 'limited', key: LIMITED_KEY, tools: [ALLOWED] },
    ]),
    RATE_LIMIT_PER_MIN: '0',
    MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    LOG_LEVEL: 'error',
  });
  const listed = (await (
    await fetch(`${t.url}/tools`, { headers: { 'x-api-key': FULL_KEY } })
  ).json()) as {
    tools: { name: string; inputSchema: { properties?: object } }[];
  };
  const examples = await toolExamples(t.url, { 'x-api-key': FULL_KEY });
  tools = listed.tools.map((tool) => ({
    name: tool.name,
    properties: Object.keys(tool.inputSchema.properties ?? {}),
    example: examples[tool.name] ?? {},
  }));
  expect(tools.length).toBeGreaterThan(5);
  cleanPrototypes = prototypeSnapshot();
});

afterAll(async () => {
  const tally = [...outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`);
  process.stderr.write(`rest-fuzz: FUZZ_SEED=${FUZZ_SEED}; answers ${tally.join(', ')}\n`);
  closeAgent();
  await t?.close();
});

describe('REST fuzzing: the tool routes answer every request sanely', () => {
  it(
    'POST /tools/{name}: any name, arguments and headers',
    async () => {
      await assertProperty(
        fc.asyncProperty(
          fc.record({ call: callArb(), headers: headersArb() }),
          async ({ call, headers }) => {
            const body = JSON.stringify(call.args) ?? 'null';
            const answer = await send(t.url, 'POST', pathOf(call.name), headers, body);
            expectSaneRestAnswer(answer, `${call.name} ${body}`);
            expectUnpolluted(body);
            if (answer.status === 200 && headers['x-api-key'] === LIMITED_KEY) {
              expect(call.name).toBe(ALLOWED);
            }
          },
        ),
        runs(500),
        // Found by this property: null for an optional argument was a 500 (TypeError).
        NULL_ARGUMENTS.map((call) => [{ call, headers: fullHeaders() }]),
      );
      await expectHealthy();
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'POST /tools/invoke: any { name, arguments } and any other body',
    async () => {
      await assertProperty(
        fc.asyncProperty(
          fc.record({
            body: fc.oneof(
              {
                weight: 4,
                arbitrary: callArb().map(({ name, args }) => ({ name, arguments: args })),
              },
              { weight: 1, arbitrary: jsonish(['name', 'arguments']) },
            ),
            headers: headersArb(),
          }),
          async ({ body, headers }) => {
            const text = JSON.stringify(body) ?? 'null';
            const answer = await send(t.url, 'POST', '/tools/invoke', headers, text);
            const answered = expectSaneRestAnswer(answer, text);
            expectUnpolluted(text);
            if (answer.status === 200) {
              expect(answered).toMatchObject({ name: (body as { name: string }).name });
              expect(typeof answered.result).toBe('object');
              if (headers['x-api-key'] === LIMITED_KEY) {
                expect(answered.name).toBe(ALLOWED);
              }
            }
          },
        ),
        runs(500),
        NULL_ARGUMENTS.map(({ name, args }) => [
          { body: { name, arguments: args }, headers: fullHeaders() },
        ]),
      );
      await expectHealthy();
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'other methods, broken bytes and deep or huge bodies on the tool routes',
    async () => {
      await assertProperty(
        fc.asyncProperty(
          fc.record({
            method: fc.constantFrom('POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
            path: fc.constantFrom(
              '/tools/invoke',
              '/tools/prefixes_by_location',
              '/tools/nope',
              '/tools',
            ),
            body: fc.oneof(
              fc.uint8Array({ maxLength: 100 }).map((bytes) => Buffer.from(bytes)),
              fc
                .integer({ min: 60, max: 20_000 })
                .map((n) => `{"location":${nestedText(n, 'array')}}`),
              fc
                .integer({ min: -100, max: 100 })
                .map((d) => `{"location":"${'a'.repeat(MAX_BODY_BYTES + d)}"}`),
              fc.constantFrom('', 'null', '[]', '"x"', '{"__proto__":{"polluted":1}}', '{"a":1}{'),
            ),
            key: fc.constantFrom(FULL_KEY, LIMITED_KEY),
          }),
          async ({ method, path, body, key }) => {
            const headers = {
              host: new URL(t.url).host,
              'content-type': 'application/json',
              'x-api-key': key,
            };
            const answer = await send(
              t.url,
              method,
              path,
              headers,
              method === 'GET' || method === 'OPTIONS' ? undefined : body,
            );
            expectSaneRestAnswer(answer, `${method} ${path} ${String(body).slice(0, 80)}`);
            expectUnpolluted(String(body).slice(0, 80));
          },
        ),
        runs(200),
      );
      await expectHealthy();
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('logged no internal error while being fuzzed', () => {
    // pino writes the level as its label here ("error"), numbers elsewhere (50).
    const errors = t.logs.lines.filter(
      (line) => ['error', 'fatal'].includes(String(line.level)) || Number(line.level) >= 50,
    );
    expect(errors.map((line) => String(line.msg ?? line.unparsed).slice(0, 300))).toEqual([]);
  });
});
