/**
 * The fixed set of requests that keeps the simulator honest: every query file in `graphql/`
 * with representative variables, the client's internal queries, and the error cases a client
 * meets (unknown field/argument, wrong variable type, syntax error, unknown location, bad or
 * missing token, a mutation). `record.ts` sends them to a real Nautobot and stores the
 * normalised answers under `test/fixtures/nautobot/`; `test/nautobot-contract.e2e-spec.ts`
 * replays them against the simulator, which must answer the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { existsQuery, nameQuery, PING_QUERY } from '@nautobot-mcp/nautobot';
import { print } from 'graphql';

/** One request of the set. */
export interface RecordingCase {
  /** Unique, stable name (the key in the recording file). */
  name: string;
  /** A query file in graphql/ (without .graphql), or an inline document. */
  file?: string;
  query?: string;
  variables?: Record<string, unknown>;
  /**
   * Variables that hold an object's UUID, which differs between servers: each is looked up by
   * name on the server under test before the request (`{ device_id: ['devices', 'ams01-leaf01'] }`).
   */
  ids?: Record<string, [list: string, name: string]>;
  /** The Authorization header: the server's token (default), a wrong one, or none. */
  auth?: 'token' | 'wrong-token' | 'none';
  /** The raw JSON body, when it is not `{query, variables}` (e.g. invalid JSON). */
  rawBody?: string;
}

/** What a server answered to one case, normalised so that servers can be compared. */
export interface RecordedAnswer {
  status: number;
  apiVersion: string | null;
  body: unknown;
}

/** A recording file: the server it came from and its answers by case name. */
export interface Recording {
  nautobotVersion: string;
  recordedAt: string;
  answers: Record<string, RecordedAnswer>;
}

const q = (file: string, name: string, variables: Record<string, unknown> = {}): RecordingCase => ({
  name: `${file}: ${name}`,
  file,
  variables,
});

export const RECORDING_CASES: RecordingCase[] = [
  q('locations', 'all'),
  q('locations', 'by name', { name: ['AMS01'] }),
  q('locations', 'sites that are active', { location_type: ['Site'], status: ['Active'] }),
  q('locations', 'within a region', { within: ['Europe'] }),
  q('locations', 'name contains, paged', { name_contains: ['0'], limit: 3, offset: 2 }),
  q('devices', 'at a site', { location: ['AMS01'] }),
  q('devices', 'leaves in FRA01', { location: ['FRA01'], role: ['leaf'] }),
  q('devices', 'name contains', { name_contains: ['spine'] }),
  q('devices', 'name regex', { name_regex: ['^nyc01-(edge|spine)0[12]$'] }),
  q('devices', 'status, platform and device type', {
    status: ['Active'],
    platform: ['arista_eos'],
    device_type: ['DCS-7050SX3-48YC8'],
  }),
  q('devices', 'offline', { status: ['Offline'] }),
  q('devices', 'region minus a site', { location: ['Europe'], exclude_locations: ['AMS01'] }),
  q('devices_by_location', 'first page', { location: ['FRA01'], limit: 5, offset: 0 }),
  q('devices_by_location', 'second page', { location: ['FRA01'], limit: 5, offset: 5 }),
  q('devices_by_location_and_role', 'spines', { location: ['AMS01'], role: ['spine'] }),
  q('device_details', 'an edge router', { name: ['ams01-edge01'] }),
  q('device_details', 'by name and location', { name: ['lon01-leaf04'], location: ['LON01'] }),
  {
    ...q('device_interfaces', 'a leaf', { limit: 100, offset: 0 }),
    ids: { device_id: ['devices', 'ams01-leaf01'] },
  },
  {
    ...q('device_interfaces', 'an edge router', { limit: 100, offset: 0 }),
    ids: { device_id: ['devices', 'ams01-edge01'] },
  },
  q('ip_addresses', 'in a prefix', { prefix: ['10.11.128.0/24'] }),
  q('ip_addresses', 'DNS name contains', { dns_name: ['ams01'] }),
  q('ip_addresses', 'IPv6, paged', { ip_version: 6, limit: 10, offset: 0 }),
  q('ip_addresses', 'by status and namespace', {
    status: ['Active'],
    namespace: ['Global'],
    limit: 20,
  }),
  { ...q('ip_addresses', 'of a device'), ids: { device_id: ['devices', 'ams01-edge01'] } },
  q('prefixes', 'at a site', { location: ['AMS01'] }),
  q('prefixes', 'in a namespace', { namespace: ['Lab'] }),
  q('prefixes', 'in a VRF', { vrf: ['PROD'] }),
  q('prefixes', 'within a container', { within: ['10.11.0.0/16'] }),
  q('prefixes', 'IPv6', { ip_version: 6 }),
  q('prefixes', 'by role, status and tenant', {
    role: ['server'],
    status: ['Active'],
    tenant: ['Acme Corp'],
  }),
  q('prefixes_by_location', 'a region', { location: ['Europe'] }),
  q('prefixes_by_location', 'a site without its children', {
    location: ['AMS01'],
    exclude_locations: ['AMS01-DC1', 'AMS01-DC1-F1'],
  }),
  q('racks_by_location', 'a site', { location: ['AMS01'] }),
  q('racks_by_location', 'a region', { location: ['North America'] }),
  q('vlans_by_location', 'a site', { location: ['AMS01'] }),
  q('vlans_by_location', 'a VLAN group', { vlan_group: ['FRA01 VLANs'] }),
  q('vlans_by_location', 'by VID', { vid: [100] }),
  q('vlan_groups_by_location', 'a site', { location: ['AMS01'] }),
  q('circuits', 'all'),
  q('circuits', 'landing at a site', { location: ['FRA01'] }),
  q('circuits', 'by provider and CID', { provider: ['NTT'], cid: ['AMS'] }),
  q('analyze_prefixes', 'a container', { within_include: ['10.11.0.0/16'], namespace: ['Global'] }),
  q('analyze_prefixes', 'a site', { location: ['AMS01'] }),
  q('analyze_ip_addresses', 'a management network', {
    prefix: ['10.11.128.0/24'],
    namespace: ['Global'],
  }),
  // The client's own queries (suggestions, existence checks, the readiness ping).
  { name: 'internal: ping', query: print(PING_QUERY) },
  { name: 'internal: location names', query: print(nameQuery('location')) },
  { name: 'internal: role names', query: print(nameQuery('role')) },
  { name: 'internal: status names', query: print(nameQuery('status')) },
  {
    name: 'internal: device name search',
    query: print(nameQuery('device')),
    variables: { q: 'ams01-le' },
  },
  {
    name: 'internal: interface exists on a device',
    query: print(existsQuery('interface', ['device'])),
    variables: { values: ['Ethernet1', 'Ethernet99'], device: ['ams01-leaf01'] },
  },
  {
    name: 'internal: device type exists',
    query: print(existsQuery('device_type')),
    variables: { values: ['DCS-7280CR3-32P4', 'DCS-0000'] },
  },
  // What a client gets wrong.
  { name: 'error: unknown field', query: '{ devices(limit: 1) { nam } }' },
  { name: 'error: unknown argument', query: '{ devices(bogus: "x") { name } }' },
  {
    name: 'error: wrong variable type',
    query: 'query q($limit: Int) { devices(limit: $limit) { name } }',
    variables: { limit: 'ten' },
  },
  {
    name: 'error: list variable given a number',
    file: 'devices',
    variables: { location: 5 },
  },
  { name: 'error: syntax error', query: '{ devices(limit: 1) { name ' },
  { name: 'error: unknown location', query: '{ devices(location: "atlantis") { name } }' },
  {
    name: 'error: unknown role and status',
    file: 'devices',
    variables: { role: ['leef'], status: ['Actve'] },
  },
  {
    name: 'error: unknown location type',
    file: 'locations',
    variables: { location_type: ['Sit'] },
  },
  { name: 'error: a mutation', query: 'mutation { foo }' },
  { name: 'error: no query', rawBody: '{"variables": {}}' },
  { name: 'error: invalid JSON', rawBody: '{"query": ' },
  { name: 'error: wrong token', query: '{ __typename }', auth: 'wrong-token' },
  { name: 'error: no token', query: '{ __typename }', auth: 'none' },
];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIME_KEYS = new Set(['created', 'last_updated']);

/** Replaces what differs between two servers holding the same data: UUIDs and timestamps. */
export function normalise(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.replace(UUID, '<uuid>');
  }
  if (Array.isArray(value)) {
    return value.map(normalise);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, TIME_KEYS.has(k) && v ? '<time>' : normalise(v)]),
    );
  }
  return value;
}

/** A Nautobot (real or simulated) to send the cases to. */
export interface Target {
  url: string;
  token: string;
  fetch?: typeof fetch;
}

async function graphql(target: Target, body: string, auth: RecordingCase['auth']) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth !== 'none') {
    headers.authorization = `Token ${auth === 'wrong-token' ? '0'.repeat(40) : target.token}`;
  }
  return (target.fetch ?? fetch)(`${target.url}/api/graphql/`, { method: 'POST', headers, body });
}

/** Looks up the UUID of the object `name` in the list field `list`. */
async function idOf(target: Target, list: string, name: string): Promise<string> {
  const response = await graphql(
    target,
    JSON.stringify({
      query: `query ($n: [String]) { ${list}(name: $n) { id } }`,
      variables: { n: [name] },
    }),
    'token',
  );
  const body = (await response.json()) as { data?: Record<string, { id: string }[]> };
  const id = body.data?.[list]?.[0]?.id;
  if (!id) {
    throw new Error(`no ${list} named ${name} on ${target.url}`);
  }
  return id;
}

/** Sends one case and returns the normalised answer. */
export async function runCase(
  target: Target,
  c: RecordingCase,
  root = process.cwd(),
): Promise<RecordedAnswer> {
  let body = c.rawBody;
  if (body === undefined) {
    const query = c.query ?? readFileSync(join(root, 'graphql', `${c.file}.graphql`), 'utf8');
    const variables: Record<string, unknown> = { ...c.variables };
    for (const [variable, [list, name]] of Object.entries(c.ids ?? {})) {
      variables[variable] = [await idOf(target, list, name)];
    }
    body = JSON.stringify({ query, variables });
  }
  const response = await graphql(target, body, c.auth ?? 'token');
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { unparsed: text.slice(0, 200) };
  }
  return {
    status: response.status,
    apiVersion: response.headers.get('api-version'),
    body: normalise(parsed),
  };
}

/** Where the recording of a release line lives. */
export function recordingPath(root: string, line: string): string {
  return join(root, 'test', 'fixtures', 'nautobot', `recordings-${line}.json`);
}
