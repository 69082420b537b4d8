import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

describe('graphql_query', () => {
  describe('off by default', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    it('is neither listed nor callable nor in the OpenAPI document', async () => {
      const { tools } = (await (await fetch(`${t.url}/tools`)).json()) as { tools: any[] };
      expect(tools.map((tool) => tool.name)).not.toContain('graphql_query');
      expect(tools.length).toBeGreaterThan(10);
      const invoked = await postJson(`${t.url}/tools/graphql_query`, {
        query: '{ devices { name } }',
      });
      expect(invoked.status).toBe(404);
      expect(invoked.body.type).toBe('unknown-tool');
      const document = (await (await fetch(`${t.url}/openapi.json`)).json()) as any;
      expect(document.paths['/tools/graphql_query']).toBeUndefined();
    });
  });

  describe('with ENABLE_RAW_GRAPHQL=true', () => {
    let t: TestApp;
    const call = (args: unknown) => postJson(`${t.url}/tools/graphql_query`, args);

    beforeAll(async () => {
      t = await startTestApp({
        ENABLE_RAW_GRAPHQL: 'true',
        RAW_GRAPHQL_MAX_DEPTH: '4',
        MAX_RESULT_BYTES: '4096',
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('is listed as read-only in its own toolset', async () => {
      const { tools } = (await (await fetch(`${t.url}/tools`)).json()) as { tools: any[] };
      const tool = tools.find((x) => x.name === 'graphql_query');
      expect(tool.toolset).toBe('graphql');
      expect(tool.annotations.readOnlyHint).toBe(true);
      expect(tool.inputSchema.required).toEqual(['query']);
    });

    it('runs a query with variables and fragments and returns its data', async () => {
      const { status, body } = await call({
        query: `query Leafs($site: [String]) {
          devices(location: $site, role: "leaf", limit: 2) { ...D }
        }
        fragment D on DeviceType { name role { name } }`,
        variables: { site: 'FRA01' },
      });
      expect(status).toBe(200);
      expect(body.data).toEqual({
        devices: [
          { name: 'fra01-leaf01', role: { name: 'leaf' } },
          { name: 'fra01-leaf02', role: { name: 'leaf' } },
        ],
      });
      expect(body.bytes).toBe(Buffer.byteLength(JSON.stringify(body.data)));
    });

    it('refuses anything but one read-only query', async () => {
      const cases: [string, string][] = [
        ['mutation { deleteDevice(id: 1) { ok } }', 'only queries'],
        ['subscription { devices { name } }', 'only queries'],
        ['{ a } { b }', 'exactly one query'],
        ['query A { a } query B { b }', 'exactly one query'],
        ['fragment F on DeviceType { name }', 'exactly one query'],
        ['type Evil { x: Int }', 'only one query'],
        ['{ devices { name ', 'not valid GraphQL (line 1'],
        ['{ devices { ...Missing } }', 'unknown fragment "Missing"'],
        ['{ devices { ...A } } fragment A on DeviceType { ...A }', 'spreads itself'],
      ];
      for (const [query, message] of cases) {
        const { status, body } = await call({ query });
        expect(status).toBe(400);
        expect(body.type).toBe('invalid-arguments');
        expect(body.errors[0]).toEqual({
          field: 'query',
          message: expect.stringContaining(message),
        });
      }
    });

    it('limits depth, counting fragments', async () => {
      const ok = await call({ query: '{ devices(limit: 1) { location { parent { name } } } }' });
      expect(ok.status).toBe(200);
      const deep = await call({
        query:
          '{ devices(limit: 1) { ...L } } fragment L on DeviceType { location { parent { parent { name } } } }',
      });
      expect(deep.status).toBe(400);
      expect(deep.body.errors[0].message).toContain('5 deep; at most 4');
    });

    it('checks fragment fan-out in linear time and limits the fields it expands to', async () => {
      // F0 spreads F1 twice, F1 spreads F2 twice, ...: 2^21 fields once expanded, depth 2.
      const n = 21;
      const fragments = Array.from({ length: n }, (_, i) =>
        i === n - 1
          ? `fragment F${i} on DeviceType { name }`
          : `fragment F${i} on DeviceType { ...F${i + 1} ...F${i + 1} }`,
      );
      const started = performance.now();
      const { status, body } = await call({
        query: `{ devices(limit: 1) { ...F0 } } ${fragments.join(' ')}`,
      });
      const ms = performance.now() - started;
      expect(status).toBe(400);
      expect(body.errors[0].message).toContain(
        `selects ${2 ** (n - 1) + 1} fields with fragments expanded; at most 500 (RAW_GRAPHQL_MAX_FIELDS)`,
      );
      expect(ms).toBeLessThan(2000);
    });

    it('limits breadth, aliases and tokens', async () => {
      const names = (count: number) => Array.from({ length: count }, () => 'name').join(' ');
      const wide = await call({ query: `{ devices(limit: 1) { ${names(499)} } }` });
      expect(wide.status).toBe(200);
      const wider = await call({ query: `{ devices(limit: 1) { ${names(500)} } }` });
      expect(wider.status).toBe(400);
      expect(wider.body.errors[0].message).toContain(
        'selects 501 fields with fragments expanded; at most 500 (RAW_GRAPHQL_MAX_FIELDS)',
      );
      const aliased = (count: number) =>
        `{ ${Array.from({ length: count }, (_, i) => `d${i}: devices(limit: 1) { name }`).join(' ')} }`;
      expect((await call({ query: aliased(15) })).status).toBe(200);
      const aliases = await call({ query: aliased(16) });
      expect(aliases.status).toBe(400);
      expect(aliases.body.errors[0].message).toContain(
        'uses 16 aliases with fragments expanded; at most 15 (RAW_GRAPHQL_MAX_ALIASES)',
      );
      // Aliases inside a fragment count at every spread.
      const spread = await call({
        query: `{ a: devices(limit: 1) { ...A } b: devices(limit: 1) { ...A } } fragment A on DeviceType { ${Array.from({ length: 7 }, (_, i) => `n${i}: name`).join(' ')} }`,
      });
      expect(spread.body.errors[0].message).toContain('uses 16 aliases');
      // 1,200 list values: few fields, many tokens.
      const values = Array.from({ length: 1200 }, (_, i) => `"d${i}"`).join(', ');
      const tokens = await call({ query: `{ devices(name: [${values}]) { name } }` });
      expect(tokens.status).toBe(400);
      expect(tokens.body.errors[0].message).toContain(
        'has more than 1000 tokens (RAW_GRAPHQL_MAX_TOKENS)',
      );
    });

    it('limits the answer size', async () => {
      const { status, body } = await call({ query: '{ prefixes { id prefix description } }' });
      expect(status).toBe(400);
      expect(body.type).toBe('result-too-large');
      expect(body.maxBytes).toBe(4096);
      const paged = await call({ query: '{ prefixes(limit: 5) { id prefix description } }' });
      expect(paged.status).toBe(200);
    });

    it('maps Nautobot errors: schema errors are 400, unknown filter values name close matches', async () => {
      const schema = await call({ query: '{ devices(limit: 1) { nam } }' });
      expect(schema.status).toBe(400);
      // graphql-core 2 (Nautobot 2.x) quotes with ", graphql-core 3 (Nautobot 3.x) with '.
      expect(schema.body.errors[0].message).toMatch(/Did you mean ["']name["']\?/);
      const location = await call({ query: '{ devices(location: "AMS1") { name } }' });
      expect(location.body).toMatchObject({ type: 'unknown-location', suggestions: ['AMS01'] });
      const args = await call({ query: '{ devices { name } }', variables: [1], extra: true });
      expect(args.body.errors.map((e: any) => e.field).sort()).toEqual(['extra', 'variables']);
    });
  });
});
