import { describe, expect, it } from '@jest/globals';
import { DEMO_FIXTURES, DEMO_TOKEN, NautobotSimulator } from './index.js';

const sim = new NautobotSimulator();
const AUTH = {
  authorization: `Token ${DEMO_TOKEN}`,
  'content-type': 'application/json',
  host: 'nautobot.local',
};

async function gql(query: string, variables?: unknown, operationName?: string) {
  const res = await sim.handle({
    method: 'POST',
    path: '/api/graphql/',
    headers: AUTH,
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { status: res.status, headers: res.headers, text: res.body, body: JSON.parse(res.body) };
}

async function data(query: string, variables?: unknown) {
  const res = await gql(query, variables);
  expect(res.body.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('GraphQL envelope and errors (graphql-core 2 semantics)', () => {
  it('answers a success with data only, API-Version 2.4 and JSON content type', async () => {
    const res = await gql(
      '{ prefixes(location: "AMS01", limit: 3) { prefix type status { name } locations { name } } }',
    );
    expect(res.status).toBe(200);
    expect(res.headers['api-version']).toBe('2.4');
    expect(res.headers['content-type']).toBe('application/json');
    expect(Object.keys(res.body)).toEqual(['data']);
    expect(res.body.data.prefixes).toEqual([
      {
        prefix: '10.11.0.0/16',
        type: 'CONTAINER',
        status: { name: 'Active' },
        locations: [{ name: 'AMS01' }],
      },
      {
        prefix: '10.11.0.0/24',
        type: 'NETWORK',
        status: { name: 'Active' },
        locations: [{ name: 'AMS01' }],
      },
      {
        prefix: '10.11.1.0/24',
        type: 'NETWORK',
        status: { name: 'Active' },
        locations: [{ name: 'AMS01' }],
      },
    ]);
  });

  it('unknown field: 400, no data key, exact graphql-core 2 message and location', async () => {
    const res = await gql(
      'query {\n  prefixes {\n    role {\n      id\n      name\n    }\n    prefix_length\n    family\n  }\n}',
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        {
          message: 'Cannot query field "family" on type "PrefixType".',
          locations: [{ line: 8, column: 5 }],
        },
      ],
    });
    expect('data' in res.body).toBe(false);
  });

  it('unknown field with suggestions uses the graphql-core 2 list style', async () => {
    const res = await gql('{ devices { nme } }');
    expect(res.body.errors[0].message).toBe(
      'Cannot query field "nme" on type "DeviceType". Did you mean "name"?',
    );
    const two = await gql('{ prefixes { prefx } }');
    expect(two.body.errors[0].message).toBe(
      'Cannot query field "prefx" on type "PrefixType". Did you mean "prefix" or "parent"?',
    );
    const many = await gql('{ prefixes(locatio: "x") { prefix } }');
    expect(many.body.errors[0].message).toBe(
      'Unknown argument "locatio" on field "prefixes" of type "Query". Did you mean "location", "locations", "location__n" or "locations__n"?',
    );
  });

  it('unknown argument: 400 with the type name of the parent', async () => {
    const res = await gql('{ racks(site: "ams01") { name } }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(
      /^Unknown argument "site" on field "racks" of type "Query"\./,
    );
    expect(res.body.errors[0].locations).toEqual([{ line: 1, column: 9 }]);
    const nested = await gql('{ devices { interfaces(nope: 1) { name } } }');
    expect(nested.body.errors[0].message).toMatch(
      /^Unknown argument "nope" on field "interfaces" of type "DeviceType"\./,
    );
  });

  it('variable type mismatch: name without $, two locations', async () => {
    const res = await gql(
      'query ($device_name: String!) {\n  devices(name: $device_name) {\n    name\n  }\n}',
      {
        device_name: 'ams01-edge01',
      },
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        {
          message:
            'Variable "device_name" of type "String!" used in position expecting type "[String]".',
          locations: [
            { line: 1, column: 8 },
            { line: 2, column: 17 },
          ],
        },
      ],
    });
    const loc = await gql('query ($loc: String!) { prefixes(location: $loc) { prefix } }', {
      loc: 'AMS01',
    });
    expect(loc.body.errors[0].message).toBe(
      'Variable "loc" of type "String!" used in position expecting type "[String]".',
    );
  });

  it('syntax error: "Syntax Error GraphQL (L:C) …" with the source excerpt', async () => {
    // EOF sits at column 1 of line 4: graphql-core 2 reports it as the end of line 3.
    const res = await gql('{\n  devices {\n    name\n');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        message:
          'Syntax Error GraphQL (3:9) Expected Name, found EOF\n\n2:   devices {\n3:     name\n           ^\n',
        locations: [{ line: 3, column: 9 }],
      },
    ]);
    const mid = await gql('query {\n  devices(name: ) {\n    name\n  }\n}');
    expect(mid.body.errors[0].message).toBe(
      'Syntax Error GraphQL (2:17) Unexpected )\n\n1: query {\n2:   devices(name: ) {\n                   ^\n3:     name\n',
    );
    const punct = await gql('{ devices(name: "x" { name } }');
    expect(punct.body.errors[0].message).toMatch(
      /^Syntax Error GraphQL \(1:21\) Expected Name, found \{\n\n1: /,
    );
    const chars = await gql('{ devices % }');
    expect(chars.body.errors[0].message).toMatch(
      /^Syntax Error GraphQL \(1:11\) Unexpected character "%"\./,
    );
    const str = await gql('{ devices(name: "abc) { name } }');
    expect(str.body.errors[0].message).toMatch(
      /^Syntax Error GraphQL \(1:\d+\) Unterminated string\n/,
    );
  });

  it('null literals are a syntax error in graphql-core 2', async () => {
    const res = await gql('{ devices(limit: null) { name } }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(
      /^Syntax Error GraphQL \(1:18\) Unexpected Name "null"/,
    );
  });

  it('scalar leaf and sub-selection errors use graphql-core 2 texts', async () => {
    const res = await gql('{ devices { name status } }');
    expect(res.body.errors[0].message).toBe(
      'Field "status" of type "StatusType!" must have a sub selection.',
    );
    const leaf = await gql('{ devices { name { x } } }');
    expect(leaf.body.errors[0].message).toBe(
      'Field "name" of type "String" must not have a sub selection.',
    );
  });

  it('bad literal values are reported as graphql-core 2 ArgumentsOfCorrectType', async () => {
    const res = await gql('{ devices(limit: "ten") { name } }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe(
      'Argument "limit" has invalid value "ten".\nExpected type "Int", found "ten".',
    );
    const list = await gql('{ prefixes(prefix_length: [24, "x"]) { prefix } }');
    expect(list.body.errors[0].message).toBe(
      'Argument "prefix_length" has invalid value [24, "x"].\nIn element #1: Expected type "Int", found "x".',
    );
  });

  it('mutations are rejected before validation', async () => {
    const res = await gql('mutation { createDevice { id } }');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [{ message: "'mutation' is not a supported operation, Only query are supported." }],
    });
  });

  it('a filter value naming nothing: HTTP 200, python dict message, data.<field> null', async () => {
    const res = await gql('{ prefixes(location: "atlantis") { prefix } }');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['errors', 'data']);
    expect(res.body).toEqual({
      errors: [
        {
          message:
            "{'location': ['Select a valid choice. atlantis is not one of the available choices.']}",
          locations: [{ line: 1, column: 3 }],
          path: ['prefixes'],
        },
      ],
      data: { prefixes: null },
    });
    const role = await gql(
      'query {\n  devices(role: "EXPECT NO ENTRIES") {\n    id\n    name\n  }\n}',
    );
    expect(role.body.errors[0]).toEqual({
      message:
        "{'role': ['Select a valid choice. EXPECT NO ENTRIES is not one of the available choices.']}",
      locations: [{ line: 2, column: 3 }],
      path: ['devices'],
    });
  });

  it('reports several invalid filters in one dict and keeps sibling fields', async () => {
    const res = await gql(
      '{ a: devices(location: "nowhere", status: "Bogus") { name } b: tenants { name } }',
    );
    expect(res.body.errors[0].message).toBe(
      "{'location': ['Select a valid choice. nowhere is not one of the available choices.'], 'status': ['Select a valid choice. Bogus is not one of the available choices.']}",
    );
    expect(res.body.data.a).toBeNull();
    expect(res.body.data.b.map((t: { name: string }) => t.name)).toEqual([
      'Acme Corp',
      'Globex',
      'NetOps',
    ]);
  });

  it('python repr switches quotes for values containing an apostrophe', async () => {
    const res = await gql(`{ devices(tenant: "O'Brien") { name } }`);
    expect(res.body.errors[0].message).toBe(
      `{'tenant': ["Select a valid choice. O'Brien is not one of the available choices."]}`,
    );
  });

  it('the top-level _type filter fails with "Unknown filter field" (#4665), nested _type works', async () => {
    const res = await gql('query {\n  prefixes(_type: "container") {\n    prefix\n  }\n}');
    expect(res.body).toEqual({
      errors: [
        {
          message: "{'_type': ['Unknown filter field']}",
          locations: [{ line: 2, column: 3 }],
          path: ['prefixes'],
        },
      ],
      data: { prefixes: null },
    });
    const nested = await data(
      '{ devices(name: "ams01-edge01") { name interfaces(_type: "virtual") { name type mode mac_address } } }',
    );
    expect(nested.devices).toEqual([
      {
        name: 'ams01-edge01',
        interfaces: [{ name: 'lo0', type: 'VIRTUAL', mode: null, mac_address: null }],
      },
    ]);
    const badNested = await gql(
      '{ devices(name: "ams01-edge01") { interfaces(_type: "warp") { name } } }',
    );
    expect(badNested.body.errors[0].message).toBe(
      "{'type': ['Select a valid choice. warp is not one of the available choices.']}",
    );
    expect(badNested.body.errors[0].path).toEqual(['devices', 0, 'interfaces']);
    expect(badNested.body.data).toEqual({ devices: [{ interfaces: null }] });
  });

  it('nested limit/offset are handed to the FilterSet and rejected', async () => {
    const res = await gql('{ devices(name: "ams01-spine01") { interfaces(limit: 2) { name } } }');
    expect(res.status).toBe(200);
    expect(res.body.errors[0].message).toBe("{'limit': ['Unknown filter field']}");
    expect(res.body.data.devices[0].interfaces).toBeNull();
  });

  it('the location convenience field errors for a multi-location prefix', async () => {
    const query =
      '{ prefixes(prefix: "10.255.0.0/24") { prefix locations { name } location { name } } }';
    const res = await gql(query);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      errors: [
        {
          message: 'Multiple Location objects returned. Please refer to locations.',
          locations: [{ line: 1, column: query.indexOf('location {') + 1 }],
          path: ['prefixes', 0, 'location'],
        },
      ],
      data: {
        prefixes: [
          {
            prefix: '10.255.0.0/24',
            locations: [{ name: 'AMS01' }, { name: 'FRA01' }],
            location: null,
          },
        ],
      },
    });
    const single = await data(
      '{ prefixes(prefix: ["10.11.0.0/16", "10.0.0.0/8"]) { prefix location { name } } }',
    );
    expect(single.prefixes).toEqual([
      { prefix: '10.0.0.0/8', location: null },
      { prefix: '10.11.0.0/16', location: { name: 'AMS01' } },
    ]);
    const vlan = await gql('{ vlans(vid: 3000) { name location { name } } }');
    expect(vlan.body.errors[0].path).toEqual(['vlans', 0, 'location']);
  });

  it('error locations keep graphql-core 2 quirk for nodes at column 1', async () => {
    const res = await gql('{ a: tenants { name }\nb: devices(role: "nope") { name } }');
    expect(res.body.errors[0].locations).toEqual([{ line: 1, column: 22 }]);
  });

  it('an unknown type says "Perhaps you meant"; an error at offset 0 has no locations', async () => {
    // Answers of real Nautobot 2.4.44 (graphql-core 2: `positions` is None when any() of them is falsy).
    const type = await gql('query ($x: Strin) { devices(name: $x) { name } }');
    expect(type.body.errors).toEqual([
      {
        message: 'Unknown type "Strin". Perhaps you meant "String"?',
        locations: [{ line: 1, column: 12 }],
      },
    ]);
    const anonymous = await gql('{ devices { name } } { locations { name } }');
    expect(anonymous.body.errors).toEqual([
      { message: 'This anonymous operation must be the only defined operation.' },
      {
        message: 'This anonymous operation must be the only defined operation.',
        locations: [{ line: 1, column: 22 }],
      },
    ]);
  });

  it('unknown operation name and multiple anonymous operations are request errors (400)', async () => {
    const res = await gql(
      'query A { tenants { name } } query B { tenants { name } }',
      undefined,
      'C',
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe('Unknown operation named "C".');
    const ok = await gql(
      'query A { tenants { name } } query B { statuses { name } }',
      undefined,
      'B',
    );
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body.data)).toEqual(['statuses']);
    const none = await gql('query A { tenants { name } } query B { tenants { name } }');
    expect(none.status).toBe(400);
    expect(none.body.errors[0].message).toBe(
      'Must provide operation name if query contains multiple operations.',
    );
  });

  it('other validation rules keep their graphql-core 2 texts', async () => {
    const dup = await gql('query A { tenants { name } } query A { tenants { name } }');
    expect(dup.body.errors[0].message).toBe('There can only be one operation named "A".');
    const dir = await gql('{ tenants @nope { name } }');
    expect(dir.body.errors[0].message).toBe('Unknown directive "nope".');
    const type = await gql('query ($x: Strin) { tenants(name: [$x]) { name } }');
    expect(type.body.errors[0].message).toBe('Unknown type "Strin". Perhaps you meant "String"?');
    const unused = await gql('query ($x: String) { tenants { name } }');
    expect(unused.body.errors[0].message).toBe('Variable "$x" is never used.');
    const frag = await gql(
      '{ tenants { ...F } } fragment F on TenantType { name } fragment G on TenantType { name }',
    );
    expect(frag.body.errors[0].message).toBe('Fragment "G" is never used.');
    const defVal = await gql('query ($x: Int = "a") { devices(limit: $x) { name } }');
    expect(defVal.body.errors[0].message).toBe(
      'Variable "$x" of type "Int" has invalid default value: "a".\nExpected type "Int", found "a".',
    );
    const req = await gql('query ($x: Int! = 3) { devices(limit: $x) { name } }');
    expect(req.body.errors[0].message).toBe(
      'Variable "$x" of type "Int!" is required and will not use the default value. Perhaps you meant to use type "Int".',
    );
    const incl = await gql('{ tenants @include { name } }');
    expect(incl.body.errors[0].message).toBe(
      'Directive "include" argument "if" of type "Boolean!" is required but not provided.',
    );
  });
});

describe('variables (graphene 2 coercion)', () => {
  it('a single string is accepted for a [String] variable', async () => {
    const d = await data(
      'query ($loc: [String]) { prefixes(location: $loc, status: ["Active"], limit: 1) { prefix } }',
      {
        loc: 'AMS01',
      },
    );
    expect(d.prefixes).toEqual([{ prefix: '10.11.0.0/16' }]);
  });

  it('variables may be a JSON-encoded string', async () => {
    const d = await data(
      'query ($n: Int) { devices(limit: $n) { name } }',
      JSON.stringify({ n: 2 }),
    );
    expect(d.devices).toHaveLength(2);
  });

  it("Int accepts numeric strings like graphql-core 2, and junk is a 400 with Python's text", async () => {
    const ok = await data('query ($n: Int) { devices(limit: $n) { name } }', { n: '3' });
    expect(ok.devices).toHaveLength(3);
    const loose = await data('query ($n: Int) { devices(limit: $n) { name } }', { n: ' 1.5 ' });
    expect(loose.devices).toHaveLength(1);
    // As real Nautobot 2.4.44 answers: coerce_int raises, its text is the whole error.
    const bad = await gql('query ($n: Int) { devices(limit: $n) { name } }', { n: 'three' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      errors: [{ message: "could not convert string to float: 'three'" }],
    });
    const message = async (variables: unknown) =>
      (await gql('query ($n: Int) { devices(limit: $n) { name } }', variables)).body.errors?.[0]
        ?.message as string | undefined;
    expect(await message({ n: 3000000000 })).toBe(
      'Int cannot represent non 32-bit signed integer value: 3000000000',
    );
    expect(await message({ n: [1] })).toBe(
      "int() argument must be a string, a bytes-like object or a real number, not 'list'",
    );
    expect(await message({ n: {} })).toBe(
      "int() argument must be a string, a bytes-like object or a real number, not 'dict'",
    );
    expect(await message({ n: 'inf' })).toBe('cannot convert float infinity to integer');
    expect(await message({ n: 'nan' })).toBe('cannot convert float NaN to integer');
    expect(await message({ n: true })).toBeUndefined();
    const list = await gql('query ($v: [Int]) { vlans(vid: $v) { name } }', { v: [100, 'x'] });
    expect(list.body.errors[0].message).toBe("could not convert string to float: 'x'");
    const asn = await gql('query ($a: [BigInteger]) { locations(asn: $a) { name } }', { a: 'ten' });
    expect(asn.body.errors[0].message).toBe("invalid literal for int() with base 10: 'ten'");
  });

  it('a missing required variable is a 400', async () => {
    const res = await gql('query ($loc: [String]!) { prefixes(location: $loc) { prefix } }', {});
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe(
      'Variable "$loc" of required type "[String]!" was not provided.',
    );
  });

  it('null variables are dropped (no filter)', async () => {
    const d = await data(
      'query ($loc: [String], $n: Int = 2) { prefixes(location: $loc, limit: $n) { prefix } }',
      {
        loc: null,
        n: null,
      },
    );
    expect(d.prefixes).toHaveLength(2);
  });
});

describe('pagination and ordering', () => {
  it('limit/offset slice like qs[offset:][:limit]; 0 means none', async () => {
    const all = (await data('{ devices(location: "AMS01") { name } }')).devices.map(
      (d: { name: string }) => d.name,
    );
    expect(all).toEqual([
      'ams01-console01',
      'ams01-edge01',
      'ams01-edge02',
      'ams01-leaf01',
      'ams01-leaf02',
      'ams01-leaf03',
      'ams01-leaf04',
      'ams01-spine01',
      'ams01-spine02',
    ]);
    const page = await data('{ devices(location: ["AMS01"], limit: 1, offset: 1) { name } }');
    expect(page.devices).toEqual([{ name: 'ams01-edge01' }]);
    expect(
      (await data('{ devices(location: "AMS01", limit: 0, offset: 7) { name } }')).devices,
    ).toEqual([{ name: 'ams01-spine01' }, { name: 'ams01-spine02' }]);
    expect((await data('{ devices(location: "AMS01", offset: 100) { name } }')).devices).toEqual(
      [],
    );
    const neg = await gql('{ devices(offset: -1) { name } }');
    expect(neg.body.errors[0].message).toBe('Negative indexing is not supported.');
  });

  it('orders names naturally (nyc9 < nyc10)', async () => {
    const d = await data('{ interfaces(device: "ams01-leaf01", name__isw: "Ethernet") { name } }');
    expect(d.interfaces.map((i: { name: string }) => i.name)).toEqual([
      'Ethernet49/1',
      'Ethernet50/1',
      'Ethernet1',
      'Ethernet2',
      'Ethernet3',
      'Ethernet4',
      'Ethernet5',
      'Ethernet6',
      'Ethernet7',
      'Ethernet8',
    ]);
    const locs = await data('{ locations { name } }');
    expect(locs.locations.map((l: { name: string }) => l.name)).toEqual([
      'AMS01',
      'AMS01-DC1',
      'AMS01-DC1-F1',
      'APAC',
      'Europe',
      'FRA01',
      'LON01',
      'North America',
      'NYC01',
      'SIN01',
      'SJC01',
    ]);
  });

  it('orders prefixes by namespace, ip version, network, length', async () => {
    const d = await data('{ prefixes(location: "LON01") { prefix namespace { name } } }');
    expect(d.prefixes.map((p: { prefix: string }) => p.prefix)).toEqual([
      '10.13.0.0/16',
      '10.13.0.0/24',
      '10.13.1.0/24',
      '10.13.2.0/24',
      '10.13.128.0/24',
      '10.13.192.0/24',
      '10.13.255.0/24',
      '2001:db8:13::/48',
      '2001:db8:13:100::/64',
      '2001:db8:13:ffff::/64',
      '10.11.0.0/24',
      '192.168.0.0/16',
      '192.168.10.0/24',
    ]);
    expect(d.prefixes.at(-1).namespace).toEqual({ name: 'Lab' });
  });
});

describe('location semantics', () => {
  it('tree filters include descendants', async () => {
    const floor = DEMO_FIXTURES.locations.floor;
    const direct = await data(
      `{ locations(name: "AMS01") { devices { name } children { name } } }`,
    );
    expect(direct.locations[0].devices).toEqual([]);
    expect(direct.locations[0].children).toEqual([{ name: DEMO_FIXTURES.locations.building }]);
    const tree = await data(
      '{ devices(location: "AMS01") { name location { name parent { name parent { name } } } } }',
    );
    expect(tree.devices).toHaveLength(DEMO_FIXTURES.counts.AMS01.devices);
    expect(tree.devices[0].location).toEqual({
      name: floor,
      parent: { name: 'AMS01-DC1', parent: { name: 'AMS01' } },
    });
    const region = await data('{ prefixes(location: "Europe") { prefix } }');
    expect(region.prefixes).toHaveLength(DEMO_FIXTURES.counts.Europe.prefixes);
    const byUuid = await data('{ locations(name: "AMS01") { id } }');
    const mixed = await data(
      `{ racks(location: ["${byUuid.locations[0].id as string}", "FRA01"]) { name } }`,
    );
    expect(mixed.racks.map((r: { name: string }) => r.name)).toEqual([
      'AMS01-R01',
      'AMS01-R02',
      'FRA01-R01',
      'FRA01-R02',
    ]);
  });

  it('location__n excludes the location and its descendants; values are validated', async () => {
    const d = await data('{ devices(location__n: ["Europe", "North America"]) { name } }');
    expect(d.devices.map((x: { name: string }) => x.name)).toEqual([
      'sin01-leaf01',
      'sin01-leaf02',
      'sin01-spine01',
    ]);
    const bad = await gql('{ devices(location__n: "nowhere") { name } }');
    expect(bad.body.errors[0].message).toBe(
      "{'location__n': ['Select a valid choice. nowhere is not one of the available choices.']}",
    );
    const p = await data('{ prefixes(location__n: "AMS01", location: "Europe") { prefix } }');
    expect(p.prefixes.some((x: { prefix: string }) => x.prefix.startsWith('10.11.'))).toBe(true);
    expect(p.prefixes.some((x: { prefix: string }) => x.prefix === '10.11.0.0/16')).toBe(false);
  });

  it('parent matches the immediate parent only; subtree includes descendants', async () => {
    const d = await data('{ locations(parent: "Europe") { name } }');
    expect(d.locations.map((l: { name: string }) => l.name)).toEqual(['AMS01', 'FRA01', 'LON01']);
    const s = await data('{ locations(subtree: "AMS01") { name } }');
    expect(s.locations.map((l: { name: string }) => l.name)).toEqual([
      'AMS01',
      'AMS01-DC1',
      'AMS01-DC1-F1',
    ]);
    // Answers of real Nautobot 2.4.44 and 3.2.7: `subtree` (with_tree_fields) lists the tree in
    // pre-order, siblings by name; a nested list keeps the name order.
    const tree = await data(`{
      a: locations(subtree: ["North America", "Europe"]) { name }
      b: locations(subtree: "Europe", name__ic: "0", limit: 3, offset: 1) { name }
      c: location_types(name: "Site") { locations(subtree: ["APAC", "Europe"]) { name } }
    }`);
    expect(tree.a.map((l: { name: string }) => l.name)).toEqual([
      'Europe',
      'AMS01',
      'AMS01-DC1',
      'AMS01-DC1-F1',
      'FRA01',
      'LON01',
      'North America',
      'NYC01',
      'SJC01',
    ]);
    expect(tree.b.map((l: { name: string }) => l.name)).toEqual([
      'AMS01-DC1',
      'AMS01-DC1-F1',
      'FRA01',
    ]);
    expect(tree.c[0].locations.map((l: { name: string }) => l.name)).toEqual([
      'AMS01',
      'FRA01',
      'LON01',
      'SIN01',
    ]);
    const types = await data(
      '{ locations(location_type: "Site") { name location_type { name } parent { name location_type { name } } status { name } tenant { name } } }',
    );
    expect(types.locations[0]).toEqual({
      name: 'AMS01',
      location_type: { name: 'Site' },
      parent: { name: 'Europe', location_type: { name: 'Region' } },
      status: { name: 'Active' },
      tenant: null,
    });
  });

  it('a location without prefixes returns an empty list', async () => {
    const site = DEMO_FIXTURES.locations.siteWithoutPrefixes;
    expect((await data(`{ prefixes(location: "${site}") { prefix } }`)).prefixes).toEqual([]);
    expect(DEMO_FIXTURES.counts[site].prefixes).toBe(0);
    expect(DEMO_FIXTURES.counts[site].devices).toBeGreaterThan(0);
  });

  it('a cable path through a circuit with both ends cabled connects the two interfaces', async () => {
    // Answers of real Nautobot 2.4.44 and 3.2.7 for the AMS01–FRA01 dark fibre.
    const d = await data(`{
      interfaces(name: ["xe-0/1/0", "xe-0/1/1"], device: ["ams01-edge01", "fra01-edge01"]) {
        name device { name } cable_peer_interface { name }
        connected_interface { name device { name } }
        connected_circuit_termination { term_side circuit { cid } }
      }
      circuit_terminations(circuit: "ZYO-DF-AMS-FRA-01") { term_side connected_interface { name device { name } } }
      connected: interfaces(connected: true, device: "ams01-edge01") { name }
    }`);
    const edge = (device: string, name: string) => ({ name, device: { name: device } });
    expect(d.interfaces).toEqual([
      {
        ...edge('ams01-edge01', 'xe-0/1/0'),
        cable_peer_interface: null,
        connected_interface: null,
        connected_circuit_termination: { term_side: 'A', circuit: { cid: 'NTT-AMS-700112' } },
      },
      {
        ...edge('ams01-edge01', 'xe-0/1/1'),
        cable_peer_interface: null,
        connected_interface: edge('fra01-edge01', 'xe-0/1/1'),
        connected_circuit_termination: null,
      },
      {
        ...edge('fra01-edge01', 'xe-0/1/0'),
        cable_peer_interface: null,
        connected_interface: null,
        connected_circuit_termination: { term_side: 'A', circuit: { cid: 'ZYO-FRA-220731' } },
      },
      {
        ...edge('fra01-edge01', 'xe-0/1/1'),
        cable_peer_interface: null,
        connected_interface: edge('ams01-edge01', 'xe-0/1/1'),
        connected_circuit_termination: null,
      },
    ]);
    expect(d.circuit_terminations).toEqual([
      { term_side: 'A', connected_interface: edge('ams01-edge01', 'xe-0/1/1') },
      { term_side: 'Z', connected_interface: edge('fra01-edge01', 'xe-0/1/1') },
    ]);
    expect(d.connected.map((i: { name: string }) => i.name)).toEqual([
      'et-0/0/0',
      'et-0/0/1',
      'xe-0/1/0',
      'xe-0/1/1',
    ]);
  });

  it('interfaces filter location exactly (no descendants)', async () => {
    expect((await data('{ interfaces(location: "AMS01") { name } }')).interfaces).toEqual([]);
    const floor = await data(
      `{ interfaces(location: "${DEMO_FIXTURES.locations.floor}", name: "Loopback0") { device { name } } }`,
    );
    expect(floor.interfaces).toHaveLength(6);
  });
});

describe('field encoding', () => {
  it('choice fields are enum names; status/role objects; ip_version Int; url absolute', async () => {
    const d = await data(`{
      devices(name: "ams01-leaf01") {
        id url name face position serial asset_tag role { name } status { name } platform { name network_driver }
        device_type { model manufacturer { name } } rack { name u_height width type } primary_ip4 { address host mask_length ip_version type }
        interfaces(name: ["Ethernet1", "Ethernet4", "Port-Channel10", "Management1"]) { name type mode enabled mgmt_only mtu mac_address untagged_vlan { vid } tagged_vlans { vid } lag { name } }
      }
    }`);
    const dev = d.devices[0];
    expect(dev.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(dev.url).toBe(`http://nautobot.local/api/dcim/devices/${dev.id as string}/`);
    expect(dev).toMatchObject({
      face: 'FRONT',
      position: 38,
      role: { name: 'leaf' },
      status: { name: 'Active' },
      platform: { name: 'arista_eos', network_driver: 'arista_eos' },
      device_type: { model: 'DCS-7050SX3-48YC8', manufacturer: { name: 'Arista' } },
      rack: { name: 'AMS01-R01', u_height: 42, width: 'A_19', type: 'A_4_POST_CABINET' },
      primary_ip4: {
        address: '10.11.128.12/24',
        host: '10.11.128.12',
        mask_length: 24,
        ip_version: 4,
        type: 'HOST',
      },
    });
    expect(dev.serial).toMatch(/^JPE\d{8}$/);
    const byName = Object.fromEntries(dev.interfaces.map((i: { name: string }) => [i.name, i]));
    expect(byName.Ethernet1).toMatchObject({
      type: 'A_25GBASE_X_SFP28',
      mode: 'ACCESS',
      untagged_vlan: { vid: 100 },
    });
    expect(byName.Ethernet4).toMatchObject({
      mode: 'TAGGED',
      untagged_vlan: null,
      tagged_vlans: [{ vid: 100 }, { vid: 101 }, { vid: 102 }],
    });
    expect(byName['Port-Channel10']).toMatchObject({
      type: 'LAG',
      mode: 'TAGGED_ALL',
      mac_address: null,
      mtu: 9216,
    });
    expect(byName.Management1).toMatchObject({
      type: 'A_1000BASE_T',
      mgmt_only: true,
      mode: null,
      mtu: null,
    });
    expect(byName.Management1.mac_address).toMatch(/^00:1C:73(:[0-9A-F]{2}){3}$/);
  });

  it('empty strings vs null as graphene-django renders them', async () => {
    const d = await data(
      '{ devices(name: "sin01-spine01") { asset_tag comments rack { name } position face primary_ip4 { address } primary_ip { address } platform { name } tenant { name } } }',
    );
    expect(d.devices[0]).toEqual({
      asset_tag: 'AT-31001',
      comments: '',
      rack: null,
      position: null,
      face: null,
      primary_ip4: null,
      primary_ip: null,
      platform: { name: 'cisco_nxos' },
      tenant: null,
    });
    const p = await data(
      '{ prefixes(prefix: "10.11.0.0/16") { network broadcast prefix_length ip_version role { name } vlan { vid } tenant { name } description date_allocated parent { prefix } namespace { name } vrfs { name } } }',
    );
    expect(p.prefixes[0]).toEqual({
      network: '10.11.0.0',
      broadcast: '10.11.255.255',
      prefix_length: 16,
      ip_version: 4,
      role: null,
      vlan: null,
      tenant: null,
      description: 'AMS01 aggregate',
      date_allocated: null,
      parent: { prefix: '10.0.0.0/8' },
      namespace: { name: 'Global' },
      vrfs: [],
    });
  });

  it('single-object fields take only id: null when missing, error for a malformed UUID', async () => {
    const { devices } = await data('{ devices(name: "ams01-edge01") { id } }');
    const one = await data(
      `{ device(id: "${devices[0].id as string}") { name primary_ip { address } primary_ip6 { address } } }`,
    );
    expect(one.device).toEqual({
      name: 'ams01-edge01',
      primary_ip: { address: '2001:db8:11:ffff::7/128' },
      primary_ip6: { address: '2001:db8:11:ffff::7/128' },
    });
    expect(
      (await data('{ device(id: "00000000-0000-4000-8000-000000000000") { name } }')).device,
    ).toBeNull();
    expect((await data('{ device { name } }')).device).toBeNull();
    const bad = await gql('{ device(id: "abc") { name } }');
    expect(bad.body.errors[0]).toMatchObject({
      message: "['“abc” is not a valid UUID.']",
      path: ['device'],
    });
  });
});

describe('graphql-core 3 dialect (Nautobot 3.x)', () => {
  // Expected bodies are the answers of real Nautobot 3.2.7 to the same requests.
  const v3 = new NautobotSimulator({ version: '3.2.7' });
  const ask = async (query: string, variables?: unknown) => {
    const res = await v3.handle({
      method: 'POST',
      path: '/api/graphql/',
      headers: AUTH,
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
  };
  const at = (line: number, column: number) => ({ locations: [{ line, column }] });

  it('quotes names and runtime values the Python way, printed literals the GraphQL way', async () => {
    expect(await ask('{ devices(limit: "ten") { name } }')).toEqual({
      status: 400,
      body: {
        errors: [{ message: 'Int cannot represent non-integer value: "ten"', ...at(1, 18) }],
      },
    });
    expect(await ask('{ devices { name { x } } }')).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: "Field 'name' must not have a selection since type 'String' has no subfields.",
            ...at(1, 18),
          },
        ],
      },
    });
    const nested = await ask('query ($s: [String]) { devices(name: $s) { name } }', {
      s: ['a', { b: [true, null] }],
    });
    expect(nested.body.errors).toEqual([
      {
        message:
          "Variable '$s' got invalid value {'b': [True, None]} at 's[1]'; String cannot represent a non string value: {'b': [True, None]}",
        ...at(1, 8),
      },
    ]);
  });

  it('coerces variables strictly, and accepts null literals', async () => {
    expect(await ask('query ($n: Int) { devices(limit: $n) { name } }', { n: '3' })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message:
              "Variable '$n' got invalid value '3'; Int cannot represent non-integer value: '3'",
            ...at(1, 8),
          },
        ],
      },
    });
    const list = await ask('query ($v: [Int]) { vlans(vid: $v) { name } }', { v: [100, 'x'] });
    expect(list.body.errors).toEqual([
      {
        message:
          "Variable '$v' got invalid value 'x' at 'v[1]'; Int cannot represent non-integer value: 'x'",
        ...at(1, 8),
      },
    ]);
    expect(await ask('{ devices(name: null, limit: 1) { name } }')).toEqual({
      status: 200,
      body: { data: { devices: [{ name: 'ams01-console01' }] } },
    });
  });
});
