/**
 * Loads the simulator's demo world into a real Nautobot (2.4 or 3.x) through its REST API, so
 * one e2e suite passes against both (scripts/nautobot/nautobot.sh runs it after migrate).
 *
 * Why REST and not the ORM: the REST API is the interface every Nautobot user's data goes
 * through, with the same validation (a VLAN must belong to the device's location, a cable's
 * ends must be free …), and it is version-stable across 2.4 and 3.x where model internals
 * move. The seed reads the demo world from the simulator's own GraphQL API, in-process, so the
 * two cannot drift: what the simulator serves is exactly what is loaded.
 *
 * Loaded: tags, statuses and roles (with the content types they are used for), location types
 * and the location tree (region → site → building → floor), tenants, namespaces, VRFs (with
 * their prefixes), RIRs, manufacturers, device types, platforms, rack groups, racks, devices
 * (tags, serials, asset tags, rack positions), interfaces (LAGs, modes, VLANs, MACs), VLAN groups
 * and VLANs (with locations), prefixes (two namespaces, one prefix on two locations), IP addresses
 * on interfaces and each device's primary IPv4/IPv6, providers, circuit types, circuits with A/Z
 * terminations, cables (interface↔interface and interface↔circuit termination) and one config
 * context per site.
 *
 * Meant for a fresh Nautobot (the harness seeds a freshly migrated database); bulk POSTs keep
 * it to a few hundred requests.
 *
 * Usage: NAUTOBOT_URL=http://127.0.0.1:8424 NAUTOBOT_TOKEN=… node dist/scripts/seed-nautobot.js
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSimulatorServer } from '@nautobot-mcp/nautobot-sim';
import { ianaTimeZone } from '@nautobot-mcp/tools';

type Named = { name: string } | null;
type Row = Record<string, unknown>;
type Tags = { name: string }[];

/** Everything read from the simulator, in Nautobot's GraphQL shape. */
export interface DemoData {
  tags: { name: string; color: string; description: string }[];
  location_types: { name: string; nestable: boolean; parent: Named }[];
  locations: {
    name: string;
    location_type: Named;
    parent: Named;
    status: Named;
    tenant: Named;
    description: string;
    facility: string | null;
    asn: number | null;
    time_zone: string | null;
    physical_address: string;
    latitude: string | null;
    longitude: string | null;
    contact_name: string;
    contact_phone: string;
    contact_email: string;
    tags: Tags;
  }[];
  roles: { name: string; color: string }[];
  statuses: { name: string; color: string }[];
  manufacturers: { name: string }[];
  device_types: {
    model: string;
    manufacturer: Named;
    u_height: number;
    part_number: string;
    is_full_depth: boolean;
  }[];
  platforms: { name: string; manufacturer: Named; network_driver: string | null }[];
  tenants: { name: string; description: string }[];
  namespaces: { name: string; description: string }[];
  rirs: { name: string; is_private: boolean }[];
  vrfs: {
    name: string;
    rd: string | null;
    namespace: Named;
    description: string;
    prefixes: { prefix: string }[];
  }[];
  rack_groups: { name: string; location: Named }[];
  racks: {
    name: string;
    location: Named;
    status: Named;
    role: Named;
    rack_group: Named;
    tenant: Named;
    facility_id: string | null;
    u_height: number;
  }[];
  devices: {
    name: string;
    role: Named;
    status: Named;
    location: Named;
    device_type: { model: string };
    platform: Named;
    rack: Named;
    position: number | null;
    face: string | null;
    serial: string;
    asset_tag: string | null;
    tenant: Named;
    primary_ip4: { address: string } | null;
    primary_ip6: { address: string } | null;
    tags: Tags;
    config_context: Record<string, unknown>;
  }[];
  interfaces: {
    name: string;
    device: Named;
    type: string;
    enabled: boolean;
    mtu: number | null;
    mgmt_only: boolean;
    mac_address: string | null;
    mode: string | null;
    description: string;
    status: Named;
    lag: Named;
    untagged_vlan: VlanKey | null;
    tagged_vlans: VlanKey[];
    ip_addresses: { address: string }[];
    cable: { label: string } | null;
    cable_peer_interface: { name: string; device: Named } | null;
  }[];
  ip_addresses: {
    address: string;
    type: string;
    status: Named;
    role: Named;
    tenant: Named;
    dns_name: string;
    description: string;
    parent: { prefix: string; namespace: Named } | null;
  }[];
  vlan_groups: { name: string; location: Named; description: string }[];
  vlans: {
    vid: number;
    name: string;
    status: Named;
    role: Named;
    vlan_group: Named;
    locations: { name: string }[];
    tenant: Named;
    description: string;
  }[];
  prefixes: {
    prefix: string;
    type: string;
    status: Named;
    role: Named;
    namespace: Named;
    tenant: Named;
    rir: Named;
    vlan: VlanKey | null;
    locations: { name: string }[];
    description: string;
    tags: Tags;
  }[];
  providers: { name: string }[];
  circuit_types: { name: string }[];
  circuits: {
    cid: string;
    provider: Named;
    circuit_type: Named;
    status: Named;
    tenant: Named;
    install_date: string | null;
    commit_rate: number | null;
    description: string;
    tags: Tags;
  }[];
  circuit_terminations: {
    circuit: { cid: string };
    term_side: string;
    location: Named;
    port_speed: number | null;
    upstream_speed: number | null;
    xconnect_id: string;
    pp_info: string;
    description: string;
    cable: { label: string } | null;
    cable_peer_interface: { name: string; device: Named } | null;
  }[];
}

interface VlanKey {
  vid: number;
  name: string;
  vlan_group: Named;
}

const VLAN_KEY = 'vid name vlan_group { name }';

const DEMO_QUERY = `{
  tags { name color description }
  location_types { name nestable parent { name } }
  locations { name location_type { name } parent { name } status { name } tenant { name } description
              facility asn time_zone physical_address latitude longitude contact_name contact_phone
              contact_email tags { name } }
  roles { name color }
  statuses { name color }
  manufacturers { name }
  device_types { model manufacturer { name } u_height part_number is_full_depth }
  platforms { name manufacturer { name } network_driver }
  tenants { name description }
  namespaces { name description }
  rirs { name is_private }
  vrfs { name rd namespace { name } description prefixes { prefix } }
  rack_groups { name location { name } }
  racks { name location { name } status { name } role { name } rack_group { name } tenant { name }
          facility_id u_height }
  devices { name role { name } status { name } location { name } device_type { model } platform { name }
            rack { name } position face serial asset_tag tenant { name } primary_ip4 { address }
            primary_ip6 { address } tags { name } config_context }
  interfaces { name device { name } type enabled mtu mgmt_only mac_address mode description
               status { name } lag { name } untagged_vlan { ${VLAN_KEY} } tagged_vlans { ${VLAN_KEY} }
               ip_addresses { address } cable { label } cable_peer_interface { name device { name } } }
  ip_addresses { address type status { name } role { name } tenant { name } dns_name description
                 parent { prefix namespace { name } } }
  vlan_groups { name location { name } description }
  vlans { vid name status { name } role { name } vlan_group { name } locations { name } tenant { name }
          description }
  prefixes { prefix type status { name } role { name } namespace { name } tenant { name } rir { name }
             vlan { ${VLAN_KEY} } locations { name } description tags { name } }
  providers { name }
  circuit_types { name }
  circuits { cid provider { name } circuit_type { name } status { name } tenant { name } install_date
             commit_rate description tags { name } }
  circuit_terminations { circuit { cid } term_side location { name } port_speed upstream_speed
                         xconnect_id pp_info description cable { label }
                         cable_peer_interface { name device { name } } }
}`;

/** Reads the demo data set from the simulator's own GraphQL API. */
export async function readDemoData(): Promise<DemoData> {
  const sim = await startSimulatorServer({});
  try {
    const response = await fetch(`${sim.url}/api/graphql/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${sim.token}` },
      body: JSON.stringify({ query: DEMO_QUERY }),
    });
    const body = (await response.json()) as { data?: DemoData; errors?: unknown };
    if (!response.ok || !body.data || body.errors) {
      throw new Error(`simulator query failed: ${JSON.stringify(body.errors ?? response.status)}`);
    }
    return body.data;
  } finally {
    await sim.close();
  }
}

/** GraphQL enum name → REST choice value: `A_1000BASE_T` → `1000base-t`, `FRONT` → `front`. */
export function choiceValue(enumName: string): string {
  return enumName.replace(/^A_/, '').toLowerCase().replace(/_/g, '-');
}

const vlanKey = (v: VlanKey) => `${v.vlan_group?.name ?? ''}/${v.vid}/${v.name}`;
const interfaceKey = (device: string, name: string) => `${device}/${name}`;

/** A small Nautobot REST client: token auth, JSON, bulk create, errors with their body. */
class Nautobot {
  calls = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    this.calls += 1;
    const response = await fetch(`${this.url}/api/${path}`, {
      method,
      headers: {
        authorization: `Token ${this.token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} /api/${path} → ${response.status}: ${text.slice(0, 800)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Every object of an endpoint (all pages). */
  async all<T = { id: string; name: string }>(endpoint: string, query = ''): Promise<T[]> {
    const out: T[] = [];
    let offset = 0;
    for (;;) {
      const page = await this.request<{ results: T[]; next: string | null }>(
        'GET',
        `${endpoint}?limit=1000&offset=${offset}${query ? `&${query}` : ''}`,
      );
      out.push(...page.results);
      if (!page.next || page.results.length === 0) {
        return out;
      }
      offset += page.results.length;
    }
  }

  /** Creates `rows` in chunks of bulk POSTs; the created objects, in order. */
  async create<T = { id: string }>(endpoint: string, rows: Row[], chunk = 200): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < rows.length; i += chunk) {
      out.push(...(await this.request<T[]>('POST', endpoint, rows.slice(i, i + chunk))));
    }
    return out;
  }
}

/** Name → id maps of what exists, filled as the seed goes. */
class Ids {
  private readonly maps = new Map<string, Map<string, string>>();

  set(kind: string, key: string, id: string): void {
    let map = this.maps.get(kind);
    if (!map) {
      map = new Map();
      this.maps.set(kind, map);
    }
    map.set(key, id);
  }

  get(kind: string, key: string | undefined | null): string | null {
    if (key === undefined || key === null) {
      return null;
    }
    const id = this.maps.get(kind)?.get(key);
    if (!id) {
      throw new Error(`seed: no ${kind} named '${key}' was created before it is referenced`);
    }
    return id;
  }

  many(kind: string, names: { name: string }[] | undefined): string[] {
    return (names ?? []).map((n) => this.get(kind, n.name) as string);
  }
}

/** Content types each status and role is used for in the demo data. */
function usages(data: DemoData): {
  statuses: Map<string, Set<string>>;
  roles: Map<string, Set<string>>;
} {
  const statuses = new Map<string, Set<string>>();
  const roles = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, name: string | undefined, type: string) => {
    if (name) {
      map.set(name, (map.get(name) ?? new Set()).add(type));
    }
  };
  const used: [keyof DemoData, string][] = [
    ['locations', 'dcim.location'],
    ['racks', 'dcim.rack'],
    ['devices', 'dcim.device'],
    ['interfaces', 'dcim.interface'],
    ['ip_addresses', 'ipam.ipaddress'],
    ['vlans', 'ipam.vlan'],
    ['prefixes', 'ipam.prefix'],
    ['circuits', 'circuits.circuit'],
  ];
  for (const [key, type] of used) {
    for (const row of data[key] as { status?: Named; role?: Named }[]) {
      add(statuses, row.status?.name, type);
      add(roles, row.role?.name, type);
    }
  }
  add(statuses, 'Connected', 'dcim.cable');
  return { statuses, roles };
}

/** Orders rows so that each comes after its parent (by name). */
function parentsFirst<T extends { name: string; parent: Named }>(rows: T[]): T[][] {
  const levels: T[][] = [];
  const done = new Set<string>();
  let pending = [...rows];
  while (pending.length > 0) {
    const level = pending.filter((r) => !r.parent || done.has(r.parent.name));
    if (level.length === 0) {
      throw new Error('seed: a parent cycle');
    }
    level.forEach((r) => done.add(r.name));
    pending = pending.filter((r) => !level.includes(r));
    levels.push(level);
  }
  return levels;
}

async function seedStatusesAndRoles(nb: Nautobot, data: DemoData, ids: Ids): Promise<void> {
  const { statuses, roles } = usages(data);
  const colors = new Map([...data.statuses, ...data.roles].map((c) => [c.name, c.color]));
  for (const [kind, used] of [
    ['statuses', statuses],
    ['roles', roles],
  ] as const) {
    const existing = await nb.all<{ id: string; name: string; content_types: string[] }>(
      `extras/${kind}/`,
    );
    const byName = new Map(existing.map((e) => [e.name, e]));
    const missing: Row[] = [];
    for (const [name, types] of used) {
      const found = byName.get(name);
      if (!found) {
        missing.push({ name, color: colors.get(name) ?? '9e9e9e', content_types: [...types] });
        continue;
      }
      ids.set(kind, name, found.id);
      const merged = [...new Set([...found.content_types, ...types])];
      if (merged.length !== found.content_types.length) {
        await nb.request('PATCH', `extras/${kind}/${found.id}/`, { content_types: merged });
      }
    }
    for (const created of await nb.create<{ id: string; name: string }>(
      `extras/${kind}/`,
      missing,
    )) {
      ids.set(kind, created.name, created.id);
    }
  }
}

/** Creates named objects in bulk and records their ids under `kind`. */
async function createNamed(
  nb: Nautobot,
  ids: Ids,
  kind: string,
  endpoint: string,
  rows: Row[],
  key: (created: Row) => string = (c) => c.name as string,
): Promise<void> {
  for (const created of await nb.create<Row>(endpoint, rows)) {
    ids.set(kind, key(created), created.id as string);
  }
}

/** Loads the demo data into the Nautobot at `url`; the number of REST calls it took. */
export async function seed(url: string, token: string, log = console.log): Promise<number> {
  const data = await readDemoData();
  const nb = new Nautobot(url.replace(/\/+$/, ''), token);
  const ids = new Ids();

  await seedStatusesAndRoles(nb, data, ids);
  await createNamed(
    nb,
    ids,
    'tags',
    'extras/tags/',
    data.tags.map((t) => ({
      name: t.name,
      color: t.color,
      description: t.description,
      content_types: [
        'dcim.location',
        'dcim.device',
        'dcim.interface',
        'ipam.prefix',
        'ipam.ipaddress',
        'circuits.circuit',
      ],
    })),
  );
  log(`tags ${data.tags.length}, statuses and roles`);

  for (const level of parentsFirst(data.location_types)) {
    await createNamed(
      nb,
      ids,
      'location_types',
      'dcim/location-types/',
      level.map((t) => ({
        name: t.name,
        nestable: t.nestable,
        parent: ids.get('location_types', t.parent?.name),
        content_types: [
          'dcim.device',
          'dcim.rack',
          'dcim.rackgroup',
          'ipam.prefix',
          'ipam.vlan',
          'ipam.vlangroup',
          'circuits.circuittermination',
        ],
      })),
    );
  }
  await createNamed(
    nb,
    ids,
    'tenants',
    'tenancy/tenants/',
    data.tenants.map((t) => ({ name: t.name, description: t.description })),
  );
  const namespaces = await nb.all('ipam/namespaces/');
  namespaces.forEach((n) => ids.set('namespaces', n.name, n.id));
  await createNamed(
    nb,
    ids,
    'namespaces',
    'ipam/namespaces/',
    data.namespaces
      .filter((n) => !namespaces.some((e) => e.name === n.name))
      .map((n) => ({ name: n.name, description: n.description })),
  );
  for (const level of parentsFirst(data.locations)) {
    await createNamed(
      nb,
      ids,
      'locations',
      'dcim/locations/',
      level.map((l) => ({
        name: l.name,
        location_type: ids.get('location_types', l.location_type?.name),
        parent: ids.get('locations', l.parent?.name),
        status: ids.get('statuses', l.status?.name),
        tenant: ids.get('tenants', l.tenant?.name),
        description: l.description ?? '',
        facility: l.facility ?? '',
        asn: l.asn,
        // GraphQL gives the enum name (EUROPE_AMSTERDAM); REST takes the IANA name.
        time_zone: ianaTimeZone(l.time_zone),
        physical_address: l.physical_address ?? '',
        latitude: l.latitude,
        longitude: l.longitude,
        contact_name: l.contact_name ?? '',
        contact_phone: l.contact_phone ?? '',
        contact_email: l.contact_email ?? '',
        tags: ids.many('tags', l.tags),
      })),
    );
  }
  log(`location types ${data.location_types.length}, locations ${data.locations.length}`);

  await createNamed(
    nb,
    ids,
    'manufacturers',
    'dcim/manufacturers/',
    data.manufacturers.map((m) => ({ name: m.name })),
  );
  await createNamed(
    nb,
    ids,
    'device_types',
    'dcim/device-types/',
    data.device_types.map((t) => ({
      model: t.model,
      manufacturer: ids.get('manufacturers', t.manufacturer?.name),
      u_height: t.u_height,
      part_number: t.part_number ?? '',
      is_full_depth: t.is_full_depth,
    })),
    (c) => c.model as string,
  );
  await createNamed(
    nb,
    ids,
    'platforms',
    'dcim/platforms/',
    data.platforms.map((p) => ({
      name: p.name,
      manufacturer: ids.get('manufacturers', p.manufacturer?.name),
      network_driver: p.network_driver ?? '',
    })),
  );
  await createNamed(
    nb,
    ids,
    'rack_groups',
    'dcim/rack-groups/',
    data.rack_groups.map((g) => ({
      name: g.name,
      location: ids.get('locations', g.location?.name),
    })),
  );
  await createNamed(
    nb,
    ids,
    'racks',
    'dcim/racks/',
    data.racks.map((r) => ({
      name: r.name,
      location: ids.get('locations', r.location?.name),
      status: ids.get('statuses', r.status?.name),
      role: ids.get('roles', r.role?.name),
      rack_group: ids.get('rack_groups', r.rack_group?.name),
      tenant: ids.get('tenants', r.tenant?.name),
      facility_id: r.facility_id,
      u_height: r.u_height,
    })),
  );
  await createNamed(
    nb,
    ids,
    'devices',
    'dcim/devices/',
    data.devices.map((d) => ({
      name: d.name,
      role: ids.get('roles', d.role?.name),
      status: ids.get('statuses', d.status?.name),
      location: ids.get('locations', d.location?.name),
      device_type: ids.get('device_types', d.device_type.model),
      platform: ids.get('platforms', d.platform?.name),
      rack: ids.get('racks', d.rack?.name),
      position: d.position,
      face: d.face ? choiceValue(d.face) : '',
      serial: d.serial ?? '',
      asset_tag: d.asset_tag,
      tenant: ids.get('tenants', d.tenant?.name),
      tags: ids.many('tags', d.tags),
    })),
  );
  log(`device types, platforms, racks ${data.racks.length}, devices ${data.devices.length}`);

  // RIRs, VRFs, VLAN groups, VLANs, prefixes (parents first, so Nautobot builds the same tree).
  await createNamed(
    nb,
    ids,
    'rirs',
    'ipam/rirs/',
    data.rirs.map((r) => ({ name: r.name, is_private: r.is_private })),
  );
  await createNamed(
    nb,
    ids,
    'vrfs',
    'ipam/vrfs/',
    data.vrfs.map((v) => ({
      name: v.name,
      rd: v.rd,
      namespace: ids.get('namespaces', v.namespace?.name ?? 'Global'),
      description: v.description ?? '',
    })),
  );
  await createNamed(
    nb,
    ids,
    'vlan_groups',
    'ipam/vlan-groups/',
    data.vlan_groups.map((g) => ({
      name: g.name,
      location: ids.get('locations', g.location?.name),
      description: g.description ?? '',
    })),
  );
  const vlans = await nb.create<{ id: string }>(
    'ipam/vlans/',
    data.vlans.map((v) => ({
      vid: v.vid,
      name: v.name,
      status: ids.get('statuses', v.status?.name),
      role: ids.get('roles', v.role?.name),
      tenant: ids.get('tenants', v.tenant?.name),
      vlan_group: ids.get('vlan_groups', v.vlan_group?.name),
      description: v.description ?? '',
    })),
  );
  data.vlans.forEach((v, i) => ids.set('vlans', vlanKey(v), vlans[i].id));
  await nb.create(
    'ipam/vlan-location-assignments/',
    data.vlans.flatMap((v) =>
      v.locations.map((l) => ({
        vlan: ids.get('vlans', vlanKey(v)),
        location: ids.get('locations', l.name),
      })),
    ),
  );

  const prefixes = [...data.prefixes].sort(
    (a, b) => Number(a.prefix.split('/')[1]) - Number(b.prefix.split('/')[1]),
  );
  const createdPrefixes = await nb.create<{ id: string }>(
    'ipam/prefixes/',
    prefixes.map((p) => ({
      prefix: p.prefix,
      namespace: ids.get('namespaces', p.namespace?.name ?? 'Global'),
      type: choiceValue(p.type),
      status: ids.get('statuses', p.status?.name),
      role: ids.get('roles', p.role?.name),
      tenant: ids.get('tenants', p.tenant?.name),
      rir: ids.get('rirs', p.rir?.name),
      vlan: p.vlan ? ids.get('vlans', vlanKey(p.vlan)) : null,
      description: p.description ?? '',
      tags: ids.many('tags', p.tags),
    })),
  );
  prefixes.forEach((p, i) =>
    ids.set('prefixes', `${p.namespace?.name ?? 'Global'}/${p.prefix}`, createdPrefixes[i].id),
  );
  await nb.create(
    'ipam/prefix-location-assignments/',
    prefixes.flatMap((p) =>
      p.locations.map((l) => ({
        prefix: ids.get('prefixes', `${p.namespace?.name ?? 'Global'}/${p.prefix}`),
        location: ids.get('locations', l.name),
      })),
    ),
  );
  await nb.create(
    'ipam/vrf-prefix-assignments/',
    data.vrfs.flatMap((v) =>
      v.prefixes.map((p) => ({
        vrf: ids.get('vrfs', v.name),
        prefix: ids.get('prefixes', `${v.namespace?.name ?? 'Global'}/${p.prefix}`),
      })),
    ),
  );
  log(`vrfs ${data.vrfs.length}, vlans ${data.vlans.length}, prefixes ${data.prefixes.length}`);

  // Interfaces: LAGs first (members point at them), then the rest.
  const body = (i: DemoData['interfaces'][number]): Row => ({
    device: ids.get('devices', i.device?.name),
    name: i.name,
    type: choiceValue(i.type),
    status: ids.get('statuses', i.status?.name),
    enabled: i.enabled,
    mtu: i.mtu,
    mgmt_only: i.mgmt_only,
    mac_address: i.mac_address,
    mode: i.mode ? choiceValue(i.mode) : '',
    description: i.description ?? '',
    lag: i.lag ? ids.get('interfaces', interfaceKey(i.device?.name ?? '', i.lag.name)) : null,
    untagged_vlan: i.untagged_vlan ? ids.get('vlans', vlanKey(i.untagged_vlan)) : null,
    tagged_vlans: i.tagged_vlans.map((v) => ids.get('vlans', vlanKey(v))),
  });
  for (const batch of [
    data.interfaces.filter((i) => i.type === 'LAG'),
    data.interfaces.filter((i) => i.type !== 'LAG'),
  ]) {
    const created = await nb.create<{ id: string }>('dcim/interfaces/', batch.map(body));
    batch.forEach((i, n) =>
      ids.set('interfaces', interfaceKey(i.device?.name ?? '', i.name), created[n].id),
    );
  }
  log(`interfaces ${data.interfaces.length}`);

  const createdIps = await nb.create<{ id: string }>(
    'ipam/ip-addresses/',
    data.ip_addresses.map((ip) => ({
      address: ip.address,
      namespace: ids.get('namespaces', ip.parent?.namespace?.name ?? 'Global'),
      type: choiceValue(ip.type),
      status: ids.get('statuses', ip.status?.name),
      role: ids.get('roles', ip.role?.name),
      tenant: ids.get('tenants', ip.tenant?.name),
      dns_name: ip.dns_name ?? '',
      description: ip.description ?? '',
    })),
  );
  data.ip_addresses.forEach((ip, i) => ids.set('ip_addresses', ip.address, createdIps[i].id));
  await nb.create(
    'ipam/ip-address-to-interface/',
    data.interfaces.flatMap((i) =>
      i.ip_addresses.map((a) => ({
        ip_address: ids.get('ip_addresses', a.address),
        interface: ids.get('interfaces', interfaceKey(i.device?.name ?? '', i.name)),
      })),
    ),
  );
  for (const d of data.devices.filter((x) => x.primary_ip4 || x.primary_ip6)) {
    await nb.request('PATCH', `dcim/devices/${ids.get('devices', d.name)}/`, {
      primary_ip4: d.primary_ip4 ? ids.get('ip_addresses', d.primary_ip4.address) : null,
      primary_ip6: d.primary_ip6 ? ids.get('ip_addresses', d.primary_ip6.address) : null,
    });
  }
  log(`ip addresses ${data.ip_addresses.length}, primary IPs`);

  // Circuits and their terminations.
  await createNamed(
    nb,
    ids,
    'providers',
    'circuits/providers/',
    data.providers.map((p) => ({ name: p.name })),
  );
  await createNamed(
    nb,
    ids,
    'circuit_types',
    'circuits/circuit-types/',
    data.circuit_types.map((t) => ({ name: t.name })),
  );
  await createNamed(
    nb,
    ids,
    'circuits',
    'circuits/circuits/',
    data.circuits.map((c) => ({
      cid: c.cid,
      provider: ids.get('providers', c.provider?.name),
      circuit_type: ids.get('circuit_types', c.circuit_type?.name),
      status: ids.get('statuses', c.status?.name),
      tenant: ids.get('tenants', c.tenant?.name),
      install_date: c.install_date,
      commit_rate: c.commit_rate,
      description: c.description ?? '',
      tags: ids.many('tags', c.tags),
    })),
    (c) => c.cid as string,
  );
  const terms = await nb.create<{ id: string }>(
    'circuits/circuit-terminations/',
    data.circuit_terminations.map((t) => ({
      circuit: ids.get('circuits', t.circuit.cid),
      term_side: t.term_side,
      location: ids.get('locations', t.location?.name),
      port_speed: t.port_speed,
      upstream_speed: t.upstream_speed,
      xconnect_id: t.xconnect_id ?? '',
      pp_info: t.pp_info ?? '',
      description: t.description ?? '',
    })),
  );
  log(`circuits ${data.circuits.length}, terminations ${terms.length}`);

  // Cables: each interface↔interface pair once, then interface↔circuit termination.
  const connected = ids.get('statuses', 'Connected');
  const cables = new Map<string, Row>();
  for (const i of data.interfaces) {
    if (i.cable && i.cable_peer_interface && !cables.has(i.cable.label)) {
      cables.set(i.cable.label, {
        label: i.cable.label,
        status: connected,
        termination_a_type: 'dcim.interface',
        termination_a_id: ids.get('interfaces', interfaceKey(i.device?.name ?? '', i.name)),
        termination_b_type: 'dcim.interface',
        termination_b_id: ids.get(
          'interfaces',
          interfaceKey(i.cable_peer_interface.device?.name ?? '', i.cable_peer_interface.name),
        ),
      });
    }
  }
  data.circuit_terminations.forEach((t, n) => {
    if (t.cable && t.cable_peer_interface) {
      cables.set(t.cable.label, {
        label: t.cable.label,
        status: connected,
        termination_a_type: 'circuits.circuittermination',
        termination_a_id: terms[n].id,
        termination_b_type: 'dcim.interface',
        termination_b_id: ids.get(
          'interfaces',
          interfaceKey(t.cable_peer_interface.device?.name ?? '', t.cable_peer_interface.name),
        ),
      });
    }
  });
  await nb.create('dcim/cables/', [...cables.values()]);
  log(`cables ${cables.size}`);

  // One config context per site, as the simulator computes each device's `config_context`.
  const contexts = new Map<string, Record<string, unknown>>();
  const locationOf = new Map(data.locations.map((l) => [l.name, l]));
  const siteOf = (name: string): string => {
    let l = locationOf.get(name);
    while (l && l.location_type?.name !== 'Site' && l.parent) {
      l = locationOf.get(l.parent.name);
    }
    return l?.name ?? name;
  };
  for (const d of data.devices) {
    if (d.config_context && Object.keys(d.config_context).length > 0 && d.location) {
      contexts.set(siteOf(d.location.name), d.config_context);
    }
  }
  await nb.create(
    'extras/config-contexts/',
    [...contexts].map(([site, context]) => ({
      name: `${site} services`,
      weight: 1000,
      data: context,
      locations: [ids.get('locations', site)],
    })),
  );
  log(`config contexts ${contexts.size}`);
  log(`done: ${nb.calls} REST calls`);
  return nb.calls;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const url = process.env.NAUTOBOT_URL;
  const token = process.env.NAUTOBOT_TOKEN;
  if (!url || !token) {
    console.error('Set NAUTOBOT_URL and NAUTOBOT_TOKEN (a token that may create objects).');
    process.exit(2);
  }
  seed(url, token).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
