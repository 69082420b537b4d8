import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NautobotVersionService } from '@nautobot-mcp/nautobot';
import { hashPassword } from '@nautobot-mcp/auth';
import { DEMO_FIXTURES } from '@nautobot-mcp/nautobot-sim';
import { toolExamples } from './support/mcp.js';
import { postJson, startTestApp, type TestApp } from './support/test-app.js';

describe('REST door', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ MAX_BODY_BYTES: '2048' });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /tools', () => {
    it('lists every tool with schemas and read-only annotations', async () => {
      const response = await fetch(`${t.url}/tools`);
      expect(response.status).toBe(200);
      const { tools } = (await response.json()) as { tools: any[] };
      const names = tools.map((tool) => tool.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'prefixes_by_location',
          'devices_by_location',
          'devices_by_location_and_role',
        ]),
      );
      for (const tool of tools) {
        expect(tool.title).toEqual(expect.any(String));
        expect(tool.description.length).toBeGreaterThan(40);
        expect(tool.toolset).toEqual(expect.any(String));
        expect(tool.annotations.readOnlyHint).toBe(true);
        expect(tool.inputSchema.type).toBe('object');
        expect(tool.outputSchema.type).toBe('object');
        expect(JSON.stringify(tool)).not.toContain('$ref');
      }
      // The location shortcuts require a location and return a list.
      for (const tool of tools.filter((t) => /_by_location/.test(t.name))) {
        expect(tool.inputSchema.properties.location.type).toBe('string');
        expect(tool.inputSchema.required).toContain('location');
        expect(tool.outputSchema.properties.items.type).toBe('array');
      }
      const byRole = tools.find((tool) => tool.name === 'devices_by_location_and_role');
      expect(byRole.inputSchema.required).toEqual(expect.arrayContaining(['location', 'role']));
    });

    it('answers 405 with Allow for other methods', async () => {
      const response = await fetch(`${t.url}/tools`, { method: 'DELETE' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  describe('POST /tools/invoke', () => {
    it('returns the prefixes of a location as flat items', async () => {
      const { status, body } = await postJson(`${t.url}/tools/invoke`, {
        name: 'prefixes_by_location',
        arguments: { location: 'AMS01' },
      });
      expect(status).toBe(200);
      expect(body.name).toBe('prefixes_by_location');
      expect(body.meta.durationMs).toEqual(expect.any(Number));
      const { result } = body;
      expect(result.count).toBe(DEMO_FIXTURES.counts.AMS01.prefixes);
      expect(result.count).toBe(result.items.length);
      expect(result.truncated).toBe(false);
      expect(result.total).toBe(result.count);
      for (const item of result.items) {
        expect(item.prefix).toMatch(/^[0-9a-f.:]+\/\d+$/);
        expect(['network', 'container', 'pool']).toContain(item.type);
        expect(typeof item.status).toBe('string');
        expect(item.locations.some((l: string) => l.startsWith('AMS01'))).toBe(true);
        expect(item).toHaveProperty('role');
        expect(item).toHaveProperty('vlan');
        expect(item).toHaveProperty('tenant');
        expect(item).toHaveProperty('description');
        expect(JSON.stringify(item)).not.toContain('__typename');
      }
    });

    it('returns exactly what POST /tools/{name} returns', async () => {
      const args = { location: 'FRA01', limit: 5 };
      const invoked = await postJson(`${t.url}/tools/invoke`, {
        name: 'devices_by_location',
        arguments: args,
      });
      const direct = await postJson(`${t.url}/tools/devices_by_location`, args);
      expect(direct.status).toBe(200);
      expect(direct.body).toEqual(invoked.body.result);
    });

    it('filters devices by location and role', async () => {
      const { status, body } = await postJson(`${t.url}/tools/devices_by_location_and_role`, {
        location: 'FRA01',
        role: 'leaf',
      });
      expect(status).toBe(200);
      expect(body.count).toBeGreaterThan(0);
      for (const device of body.items) {
        expect(device.role).toBe('leaf');
        expect(device.location).toBe('FRA01');
        expect(device.name).toMatch(/^fra01-leaf\d+$/);
        for (const key of [
          'status',
          'device_type',
          'manufacturer',
          'platform',
          'rack',
          'serial',
          'primary_ip4',
        ]) {
          expect(device).toHaveProperty(key);
        }
      }
    });

    it('pages with limit and an opaque cursor until the end', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      for (;;) {
        const { status, body } = await postJson(`${t.url}/tools/prefixes_by_location`, {
          location: 'AMS01',
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        expect(status).toBe(200);
        pages += 1;
        seen.push(...body.items.map((i: any) => i.id));
        if (!body.truncated) {
          expect(body.nextCursor).toBeUndefined();
          expect(body.total).toBe(seen.length);
          break;
        }
        expect(body.count).toBe(3);
        expect(body.nextCursor).toEqual(expect.any(String));
        cursor = body.nextCursor;
      }
      expect(pages).toBeGreaterThan(1);
      expect(new Set(seen).size).toBe(seen.length);
      const all = await postJson(`${t.url}/tools/prefixes_by_location`, {
        location: 'AMS01',
        limit: 1000,
      });
      expect(all.body.items.map((i: any) => i.id)).toEqual(seen);
    });

    it('rejects a cursor used with other filters', async () => {
      const first = await postJson(`${t.url}/tools/prefixes_by_location`, {
        location: 'AMS01',
        limit: 1,
      });
      const { status, body } = await postJson(`${t.url}/tools/prefixes_by_location`, {
        location: 'FRA01',
        cursor: first.body.nextCursor,
      });
      expect(status).toBe(400);
      expect(body.type).toBe('invalid-cursor');
      const garbage = await postJson(`${t.url}/tools/prefixes_by_location`, {
        location: 'AMS01',
        cursor: 'not-a-cursor',
      });
      expect(garbage.status).toBe(400);
      expect(garbage.body.type).toBe('invalid-cursor');
    });

    it('includes child locations by default and excludes them on request', async () => {
      const { floor } = DEMO_FIXTURES.locations;
      const tree = await postJson(`${t.url}/tools/prefixes_by_location`, { location: 'AMS01' });
      expect(tree.body.items.some((p: any) => p.locations.includes(floor))).toBe(true);
      const own = await postJson(`${t.url}/tools/prefixes_by_location`, {
        location: 'AMS01',
        includeChildLocations: false,
      });
      expect(own.status).toBe(200);
      expect(own.body.count).toBeGreaterThan(0);
      expect(own.body.count).toBeLessThan(tree.body.count);
      expect(own.body.items.every((p: any) => p.locations.includes('AMS01'))).toBe(true);

      const region = await postJson(`${t.url}/tools/devices_by_location`, {
        location: 'Europe',
        limit: 1000,
      });
      expect(region.body.count).toBe(DEMO_FIXTURES.counts.Europe.devices);
      const sites = new Set(region.body.items.map((d: any) => d.location));
      expect(sites).toEqual(new Set([floor, 'FRA01', 'LON01']));
      const regionOnly = await postJson(`${t.url}/tools/devices_by_location`, {
        location: 'Europe',
        includeChildLocations: false,
      });
      expect(regionOnly.status).toBe(200);
      expect(regionOnly.body).toEqual({ items: [], count: 0, total: 0, truncated: false });
    });
  });

  describe('bad input', () => {
    it('404s an unknown tool on both routes', async () => {
      const invoked = await postJson(`${t.url}/tools/invoke`, {
        name: 'drop_database',
        arguments: {},
      });
      expect(invoked.status).toBe(404);
      expect(invoked.body.type).toBe('unknown-tool');
      expect(invoked.body.detail).toContain('prefixes_by_location');
      const direct = await postJson(`${t.url}/tools/drop_database`, {});
      expect(direct.status).toBe(404);
      expect(direct.body.type).toBe('unknown-tool');
    });

    it('400s an unknown argument instead of ignoring it', async () => {
      const { status, body, headers } = await postJson(`${t.url}/tools/devices_by_location`, {
        location: 'AMS01',
        interface: 'Ethernet1',
      });
      expect(status).toBe(400);
      expect(headers.get('content-type')).toContain('application/problem+json');
      expect(body.type).toBe('invalid-arguments');
      expect(body.errors).toEqual([
        expect.objectContaining({
          field: 'interface',
          message: expect.stringContaining('unknown argument'),
        }),
      ]);
    });

    it('names every invalid field', async () => {
      const { status, body } = await postJson(`${t.url}/tools/invoke`, {
        name: 'devices_by_location_and_role',
        arguments: { limit: 5000, includeChildLocations: 'yes' },
      });
      expect(status).toBe(400);
      const fields = body.errors.map((e: any) => e.field).sort();
      expect(fields).toEqual(
        expect.arrayContaining(['includeChildLocations', 'limit', 'location', 'role']),
      );
    });

    it('400s an invoke body without a name and with unknown keys, one message per field', async () => {
      const { status, body } = await postJson(`${t.url}/tools/invoke`, { tool: 'x' });
      expect(status).toBe(400);
      expect(body.type).toBe('invalid-request');
      expect(body.errors).toEqual([
        { field: 'name', message: 'name is required' },
        { field: 'tool', message: 'unknown property' },
      ]);
      expect(body.detail).toBe(
        'name: name is required; tool: unknown property. The body takes name, arguments.',
      );
    });

    it('says a missing argument is required and a wrong type is a wrong type, once per field', async () => {
      const missing = await postJson(`${t.url}/tools/devices_by_location_and_role`, {
        location: 'FRA01',
      });
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toEqual([{ field: 'role', message: 'role is required' }]);
      expect(missing.body.detail).toBe('role: role is required');
      const ten = await postJson(`${t.url}/tools/invoke`, {
        name: 'devices_by_location_and_role',
        arguments: { location: 'FRA01', role: 'leaf', limit: 'ten' },
      });
      expect(ten.status).toBe(400);
      expect(ten.body.errors).toEqual([{ field: 'limit', message: 'limit must be an integer' }]);
      // The example of docs/errors.md.
      const mixed = await postJson(`${t.url}/tools/devices_by_location_and_role`, {
        location: 'FRA01',
        limit: 'ten',
        rol: 'leaf',
      });
      expect(mixed.body.detail).toBe(
        'role: role is required; limit: limit must be an integer; rol: unknown argument; did you mean role? This tool takes location, role, limit, cursor, fields, brief, includeChildLocations.',
      );
    });

    it('suggests the closest tool for a misspelt name on both routes', async () => {
      const invoked = await postJson(`${t.url}/tools/invoke`, {
        name: 'devices_by_locaton',
        arguments: {},
      });
      expect(invoked.status).toBe(404);
      expect(invoked.body.type).toBe('unknown-tool');
      expect(invoked.body.suggestions[0]).toBe('devices_by_location');
      expect(invoked.body.detail).toContain('Did you mean devices_by_location');
      const direct = await postJson(`${t.url}/tools/prefix_by_location`, {});
      expect(direct.status).toBe(404);
      expect(direct.body.suggestions[0]).toBe('prefixes_by_location');
    });

    it('400s null for any optional argument of any tool, naming it (found by schemathesis)', async () => {
      const { tools } = (await (await fetch(`${t.url}/tools`)).json()) as { tools: any[] };
      const examples = await toolExamples(t.url);
      let checked = 0;
      for (const tool of tools) {
        const required: string[] = tool.inputSchema.required ?? [];
        const base = Object.fromEntries(required.map((key) => [key, examples[tool.name][key]]));
        for (const key of Object.keys(tool.inputSchema.properties)) {
          if (required.includes(key)) {
            continue;
          }
          const { status, body } = await postJson(`${t.url}/tools/${tool.name}`, {
            ...base,
            [key]: null,
          });
          expect({ tool: tool.name, key, status, type: body.type, errors: body.errors }).toEqual({
            tool: tool.name,
            key,
            status: 400,
            type: 'invalid-arguments',
            errors: [{ field: key, message: `${key} must not be null; leave it out instead` }],
          });
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(50);
    });

    it('400s arguments that are not an object', async () => {
      const { status, body } = await postJson(`${t.url}/tools/prefixes_by_location`, '[1,2]');
      expect(status).toBe(400);
      expect(body.errors[0].field).toBe('arguments');
    });

    it('400s malformed JSON', async () => {
      const { status, body } = await postJson(`${t.url}/tools/invoke`, '{"name": ');
      expect(status).toBe(400);
      expect(body.type).toBe('malformed-json');
    });

    it('413s a body over MAX_BODY_BYTES', async () => {
      const { status, body } = await postJson(`${t.url}/tools/invoke`, {
        name: 'prefixes_by_location',
        arguments: { location: 'x'.repeat(4096) },
      });
      expect(status).toBe(413);
      expect(body.type).toBe('payload-too-large');
    });

    it('415s a body that is not JSON', async () => {
      const response = await fetch(`${t.url}/tools/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'name=prefixes_by_location',
      });
      expect(response.status).toBe(415);
    });

    it('405s GET on invoke and on a tool route', async () => {
      for (const path of ['/tools/invoke', '/tools/prefixes_by_location']) {
        const response = await fetch(`${t.url}${path}`);
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe('POST');
      }
    });

    it('404s an unknown route as a problem', async () => {
      const response = await fetch(`${t.url}/nope`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as any).type).toBe('not-found');
    });

    it('answers an unknown location with 400 and close matches', async () => {
      const { status, body } = await postJson(`${t.url}/tools/prefixes_by_location`, {
        location: 'AMS1',
      });
      expect(status).toBe(400);
      expect(body.type).toBe('unknown-location');
      expect(body.detail).toContain('AMS1');
      expect(body.suggestions).toContain('AMS01');
    });

    it('answers an unknown role with 400 unknown-role', async () => {
      const { status, body } = await postJson(`${t.url}/tools/devices_by_location_and_role`, {
        location: 'AMS01',
        role: 'leaves',
      });
      expect(status).toBe(400);
      expect(body.type).toBe('unknown-role');
      expect(body.suggestions).toContain('leaf');
    });
  });

  describe('OpenAPI and Swagger UI', () => {
    it('publishes one operation per tool with its DTO', async () => {
      const document = (await (await fetch(`${t.url}/openapi.json`)).json()) as any;
      expect(document.openapi).toMatch(/^3\./);
      const operation = document.paths['/tools/prefixes_by_location'].post;
      expect(operation.requestBody.content['application/json'].schema.$ref).toBe(
        '#/components/schemas/PrefixesByLocationInput',
      );
      expect(document.components.schemas.PrefixesByLocationInput.properties.location.example).toBe(
        'AMS01',
      );
      expect(document.paths['/tools/invoke'].post).toBeDefined();
      expect(document.paths['/tools'].get).toBeDefined();
    });

    it('documents a request body as optional where the tool answers 200 without one (found by schemathesis)', async () => {
      const document = (await (await fetch(`${t.url}/openapi.json`)).json()) as any;
      const optional: string[] = [];
      for (const [path, item] of Object.entries<any>(document.paths)) {
        if (!path.startsWith('/tools/') || path === '/tools/invoke') {
          continue;
        }
        // No body at all, as a client that has no arguments to send may do.
        const response = await fetch(`${t.url}${path}`, { method: 'POST' });
        await response.body?.cancel();
        if (response.status === 200) {
          optional.push(path);
          expect({ path, required: item.post.requestBody.required }).toEqual({
            path,
            required: false,
          });
        }
      }
      expect(optional).toEqual(expect.arrayContaining(['/tools/locations', '/tools/prefixes']));
    });

    it('documents each error status of a tool call with examples of that status only', async () => {
      const document = (await (await fetch(`${t.url}/openapi.json`)).json()) as any;
      const toolPaths = Object.keys(document.paths).filter(
        (p) => p.startsWith('/tools/') && p !== '/tools/invoke',
      );
      expect(toolPaths.length).toBeGreaterThan(5);
      for (const path of [...toolPaths, '/tools/invoke']) {
        const { responses } = document.paths[path].post;
        // No authentication here (AUTH_MODE=none): no 401 or 403.
        const expected = ['200', '400', '413', '415', '429', '502', '503', '504'];
        expect({ path, statuses: Object.keys(responses).sort() }).toEqual({
          path,
          statuses: path === '/tools/invoke' ? [...expected, '404'].sort() : expected,
        });
        for (const [status, response] of Object.entries<any>(responses)) {
          if (status === '200') {
            continue;
          }
          const examples = response.content['application/problem+json'].examples;
          expect(Object.keys(examples).length).toBeGreaterThan(0);
          for (const [name, example] of Object.entries<any>(examples)) {
            expect({ path, name, status: example.value.status }).toEqual({
              path,
              name,
              status: Number(status),
            });
            expect(example.value.type).toBe(name);
          }
        }
      }
      const responses = document.paths['/tools/prefixes_by_location'].post.responses;
      const typesOf = (status: string) =>
        Object.keys(responses[status].content['application/problem+json'].examples).sort();
      expect(typesOf('502')).toEqual([
        'nautobot-auth',
        'nautobot-bad-response',
        'nautobot-error',
        'nautobot-query-error',
      ]);
      expect(typesOf('503')).toEqual(['nautobot-unreachable']);
      expect(typesOf('504')).toEqual(['nautobot-timeout']);
      expect(typesOf('400')).toEqual(
        expect.arrayContaining(['invalid-arguments', 'invalid-cursor', 'unknown-location']),
      );
      expect(typesOf('413')).toEqual(['payload-too-large']);
      expect(typesOf('429')).toEqual(['rate-limited']);
    });

    it('serves Swagger UI at /docs', async () => {
      const response = await fetch(`${t.url}/docs`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('swagger-ui');
    });
  });

  describe('health', () => {
    it('serves liveness without calling Nautobot', async () => {
      // A Nautobot that counts every connection made to it, whichever Nautobot the suite uses.
      let connections = 0;
      const tripwire = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => tripwire.listen(0, '127.0.0.1', resolve));
      const port = (tripwire.address() as AddressInfo).port;
      const app = await startTestApp({ NAUTOBOT_URL: `http://127.0.0.1:${port}` });
      try {
        // Start-up asks Nautobot its version; wait for that, then count.
        await app.app
          .get(NautobotVersionService)
          .detect()
          .catch(() => undefined);
        connections = 0;
        for (let i = 0; i < 3; i++) {
          const response = await fetch(`${app.url}/healthz`);
          expect(response.status).toBe(200);
          expect(await response.json()).toEqual(
            expect.objectContaining({ status: 'ok', version: expect.any(String) }),
          );
        }
        expect(connections).toBe(0);
        // The tripwire does count: readiness does call Nautobot.
        await fetch(`${app.url}/readyz`);
        expect(connections).toBeGreaterThan(0);
      } finally {
        await app.close();
        await new Promise((resolve) => tripwire.close(resolve));
      }
    });

    it('is ready when Nautobot answers', async () => {
      const response = await fetch(`${t.url}/readyz`);
      expect(response.status).toBe(200);
    });
  });
});

/** `{ k0: 1, k1: 1, … }`: many argument names no tool takes. */
function unknownNames(count: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 1]));
}

describe('a flood of unknown argument names (within the body limit)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['POST /tools/{name}', '/tools/devices_by_location', (a: object) => a],
    [
      'POST /tools/invoke (arguments)',
      '/tools/invoke',
      (a: object) => ({ name: 'devices_by_location', arguments: a }),
    ],
    [
      'POST /tools/invoke (body)',
      '/tools/invoke',
      (a: object) => ({ name: 'devices_by_location', ...a }),
    ],
  ])(
    '%s: 80,000 unknown keys get a small 400 while /healthz answers',
    async (_label, path, bodyOf) => {
      const body = JSON.stringify(bodyOf(unknownNames(80_000)));
      expect(body.length).toBeLessThan(1024 * 1024);
      const call = fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).then(async (r) => ({ status: r.status, text: await r.text() }));
      const healthz = fetch(`${t.url}/healthz`).then((r) => r.status);
      const [answer, health] = await Promise.all([call, healthz]);
      expect(health).toBe(200);
      expect(answer.status).toBe(400);
      expect(answer.text.length).toBeLessThan(8 * 1024);
      const problem = JSON.parse(answer.text);
      expect(problem.errors).toHaveLength(20);
      expect(problem.errors).toContainEqual({
        field: 'k0',
        message: expect.stringMatching(/^unknown/),
      });
      // 80,000 unknown names (+ the missing location when they are the tool's
      // arguments), 20 of them listed.
      const omitted = problem.type === 'invalid-arguments' ? 79_981 : 79_980;
      expect(problem.detail).toContain(`and ${omitted} more problems`);
      expect(problem.omittedErrors).toBe(omitted);
      if (problem.type === 'invalid-arguments') {
        // The audit line names the first arguments and counts the rest.
        const audited = t.audit.raw.at(-1)!;
        expect(audited.length).toBeLessThan(4096);
        expect(JSON.parse(audited).arguments['…']).toBe('79950 more arguments');
      }
    },
    60_000,
  );
});

describe('OpenAPI with authentication on (AUTH_MODE=api_key,basic)', () => {
  let t: TestApp;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nms-openapi-auth-'));
    const file = join(dir, 'auth.yaml');
    const hash = await hashPassword('correct horse');
    writeFileSync(file, `users:\n  - name: alice\n    password: ${hash}\n`);
    t = await startTestApp({
      AUTH_MODE: 'api_key,basic',
      API_KEYS: 'ci=openapi-test-key-0123456789',
      AUTH_FILE: file,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('documents 401 naming the enabled schemes and 403 on every protected operation', async () => {
    const response = await fetch(`${t.url}/openapi.json`, {
      headers: { 'x-api-key': 'openapi-test-key-0123456789' },
    });
    const document = (await response.json()) as any;
    for (const path of ['/tools/prefixes_by_location', '/tools/invoke', '/tools']) {
      const operation = document.paths[path].post ?? document.paths[path].get;
      const unauthorized = operation.responses['401'];
      expect(unauthorized.description).toContain('X-API-Key');
      expect(unauthorized.description).toContain('Basic');
      expect(unauthorized.description).not.toContain('Bearer');
      expect(Object.keys(unauthorized.content['application/problem+json'].examples)).toEqual([
        'unauthorized',
      ]);
      if (path !== '/tools') {
        expect(
          Object.keys(operation.responses['403'].content['application/problem+json'].examples),
        ).toEqual(['tool-forbidden']);
      }
    }
    expect(document.paths['/tools'].get.responses['403']).toBeUndefined();
    expect(document.paths['/healthz'].get.responses['401']).toBeUndefined();
  });
});

describe('customised queries and org file', () => {
  let t: TestApp;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nms-queries-'));
    writeFileSync(
      join(dir, 'prefixes_by_location.graphql'),
      `query prefixes_by_location($location: [String], $exclude_locations: [String], $limit: Int, $offset: Int) {
        prefixes(location: $location, location__n: $exclude_locations, limit: $limit, offset: $offset) {
          id prefix type status { name } locations { name } prefix_length ip_version
        }
      }`,
    );
    const org = join(dir, 'org.yaml');
    writeFileSync(
      org,
      [
        'locationAliases:',
        '  amsterdam: AMS01',
        '  Frankfurt: FRA01',
        'namingSchemas:',
        '  - name: fabric',
        "    pattern: '^(?<site>[a-z]{3}\\d{2})-(?<role>[a-z]+)(?<index>\\d+)$'",
        '',
      ].join('\n'),
    );
    t = await startTestApp({ QUERIES_DIR: dir, ORG_CONFIG_FILE: org });
  });
  afterAll(async () => {
    await t.close();
  });

  it('passes fields a user added to the query through to the result', async () => {
    const { status, body } = await postJson(`${t.url}/tools/prefixes_by_location`, {
      location: 'AMS01',
    });
    expect(status).toBe(200);
    for (const item of body.items) {
      expect(item.prefix_length).toEqual(expect.any(Number));
      expect([4, 6]).toContain(item.ip_version);
    }
  });

  it('applies location aliases case-insensitively', async () => {
    const { status, body } = await postJson(`${t.url}/tools/devices_by_location_and_role`, {
      location: 'FRANKFURT',
      role: 'leaf',
    });
    expect(status).toBe(200);
    expect(body.items.every((d: any) => d.location === 'FRA01')).toBe(true);
  });

  it('adds nameParts from the naming schema', async () => {
    const { body } = await postJson(`${t.url}/tools/devices_by_location_and_role`, {
      location: 'amsterdam',
      role: 'spine',
    });
    expect(body.count).toBeGreaterThan(0);
    expect(body.items[0].nameParts).toEqual({
      site: 'ams01',
      role: 'spine',
      index: expect.any(String),
    });
  });
});
