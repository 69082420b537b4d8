/**
 * Loads the simulator's demo data set into a real Nautobot 2.x through its REST API, so
 * the e2e suites (which run against the simulator here) can run against the real thing:
 * the `e2e-nautobot` workflow starts Nautobot, runs this, then `npm run test:e2e` with
 * E2E_NAUTOBOT_URL / E2E_NAUTOBOT_TOKEN.
 *
 * The data is read from the simulator itself (its GraphQL API, in-process), so the two
 * cannot drift: location types and locations, statuses and roles (with the content types
 * they are used for), manufacturers, device types, platforms, tenants, racks, devices,
 * interfaces, IP addresses (and each device's primary IPv4), VLANs and prefixes with their
 * locations. Circuits and cables are not loaded yet.
 *
 * Meant for a fresh Nautobot; objects that already exist (by name) are reused, so a rerun
 * only adds what is missing among the named models.
 *
 * Usage: NAUTOBOT_URL=http://127.0.0.1:8080 NAUTOBOT_TOKEN=… node dist/scripts/seed-nautobot.js
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSimulatorServer } from '@nautobot-mcp/nautobot-sim';

type Named = { name: string } | null;
type Row = Record<string, unknown>;

/** Everything read from the simulator, in Nautobot's GraphQL shape. */
interface DemoData {
  location_types: { name: string; nestable: boolean; parent: Named }[];
  locations: {
    name: string;
    location_type: Named;
    parent: Named;
    status: Named;
    tenant: Named;
    description: string;
    facility: string | null;
  }[];
  roles: { name: string; color: string }[];
  statuses: { name: string; color: string }[];
  manufacturers: { name: string }[];
  device_types: { model: string; manufacturer: Named; u_height: number; part_number: string }[];
  platforms: { name: string; manufacturer: Named; network_driver: string | null }[];
  tenants: { name: string }[];
  namespaces: { name: string }[];
  racks: { name: string; location: Named; status: Named; u_height: number }[];
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
  }[];
  interfaces: {
    name: string;
    device: Named;
    type: string;
    enabled: boolean;
    mtu: number | null;
    mgmt_only: boolean;
    description: string;
    status: Named;
    ip_addresses: { address: string }[];
  }[];
  ip_addresses: {
    address: string;
    status: Named;
    dns_name: string;
    description: string;
    parent: { prefix: string; namespace: Named } | null;
  }[];
  vlans: {
    vid: number;
    name: string;
    status: Named;
    role: Named;
    locations: { name: string }[];
    tenant: Named;
  }[];
  prefixes: {
    prefix: string;
    type: string;
    status: Named;
    role: Named;
    namespace: Named;
    tenant: Named;
    vlan: { vid: number; name: string } | null;
    locations: { name: string }[];
    description: string;
  }[];
}

const DEMO_QUERY = `{
  location_types { name nestable parent { name } }
  locations { name location_type { name } parent { name } status { name } tenant { name } description facility }
  roles { name color }
  statuses { name color }
  manufacturers { name }
  device_types { model manufacturer { name } u_height part_number }
  platforms { name manufacturer { name } network_driver }
  tenants { name }
  namespaces { name }
  racks { name location { name } status { name } u_height }
  devices { name role { name } status { name } location { name } device_type { model } platform { name }
            rack { name } position face serial asset_tag tenant { name } primary_ip4 { address } }
  interfaces { name device { name } type enabled mtu mgmt_only description status { name } ip_addresses { address } }
  ip_addresses { address status { name } dns_name description parent { prefix namespace { name } } }
  vlans { vid name status { name } role { name } locations { name } tenant { name } }
  prefixes { prefix type status { name } role { name } namespace { name } tenant { name } vlan { vid name }
             locations { name } description }
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

/** A small Nautobot REST client: token auth, JSON, errors with their body. */
class Nautobot {
  private readonly ids = new Map<string, string>();
  calls = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<unknown> {
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
      throw new Error(`${method} /api/${path} → ${response.status}: ${text.slice(0, 500)}`);
    }
    return text ? JSON.parse(text) : undefined;
  }

  /** The id of the object matching `query`, creating it from `body` when there is none. */
  async ensure(endpoint: string, query: Record<string, string>, body: Row): Promise<string> {
    const key = `${endpoint}?${new URLSearchParams(query).toString()}`;
    const known = this.ids.get(key);
    if (known) {
      return known;
    }
    const found = (await this.request('GET', `${key}&limit=2`)) as { results: { id: string }[] };
    let id: string;
    if (found.results.length > 0) {
      id = found.results[0].id;
    } else {
      id = ((await this.request('POST', endpoint, body)) as { id: string }).id;
    }
    this.ids.set(key, id);
    return id;
  }

  /** The id of an existing object, by a unique filter. */
  async id(endpoint: string, query: Record<string, string>): Promise<string> {
    const key = `${endpoint}?${new URLSearchParams(query).toString()}`;
    const known = this.ids.get(key);
    if (known) {
      return known;
    }
    const found = (await this.request('GET', `${key}&limit=2`)) as { results: { id: string }[] };
    if (found.results.length !== 1) {
      throw new Error(
        `expected one ${endpoint} matching ${JSON.stringify(query)}, found ${found.results.length}`,
      );
    }
    this.ids.set(key, found.results[0].id);
    return found.results[0].id;
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
  data.locations.forEach((r) => add(statuses, r.status?.name, 'dcim.location'));
  data.racks.forEach((r) => add(statuses, r.status?.name, 'dcim.rack'));
  data.devices.forEach((r) => {
    add(statuses, r.status?.name, 'dcim.device');
    add(roles, r.role?.name, 'dcim.device');
  });
  data.interfaces.forEach((r) => add(statuses, r.status?.name, 'dcim.interface'));
  data.ip_addresses.forEach((r) => add(statuses, r.status?.name, 'ipam.ipaddress'));
  data.vlans.forEach((r) => {
    add(statuses, r.status?.name, 'ipam.vlan');
    add(roles, r.role?.name, 'ipam.vlan');
  });
  data.prefixes.forEach((r) => {
    add(statuses, r.status?.name, 'ipam.prefix');
    add(roles, r.role?.name, 'ipam.prefix');
  });
  return { statuses, roles };
}

/** Loads the demo data into the Nautobot at `url`. */
export async function seed(url: string, token: string, log = console.log): Promise<number> {
  const data = await readDemoData();
  const nb = new Nautobot(url.replace(/\/+$/, ''), token);
  const { statuses, roles } = usages(data);

  // Statuses and roles, each with (at least) the content types the demo data uses.
  for (const [kind, used, colors] of [
    ['statuses', statuses, data.statuses],
    ['roles', roles, data.roles],
  ] as const) {
    for (const [name, types] of used) {
      const color = colors.find((c) => c.name === name)?.color ?? '9e9e9e';
      const found = (await nb.request(
        'GET',
        `extras/${kind}/?name=${encodeURIComponent(name)}`,
      )) as {
        results: { id: string; content_types: string[] }[];
      };
      if (found.results.length === 0) {
        await nb.ensure(`extras/${kind}/`, { name }, { name, color, content_types: [...types] });
      } else {
        const existing = found.results[0];
        const merged = [...new Set([...existing.content_types, ...types])];
        if (merged.length !== existing.content_types.length) {
          await nb.request('PATCH', `extras/${kind}/${existing.id}/`, { content_types: merged });
        }
      }
    }
  }
  log(`statuses ${statuses.size}, roles ${roles.size}`);

  const ref = (endpoint: string, name: string | undefined) =>
    name ? nb.id(endpoint, { name }) : Promise.resolve(null);

  // Location types, parents first (the simulator lists them in any order).
  const locationTypeContent = [
    'dcim.device',
    'dcim.rack',
    'ipam.prefix',
    'ipam.vlan',
    'circuits.circuittermination',
  ];
  const pending = [...data.location_types];
  const doneTypes = new Set<string>();
  while (pending.length > 0) {
    const index = pending.findIndex((t) => !t.parent || doneTypes.has(t.parent.name));
    if (index < 0) {
      throw new Error('location types have a parent cycle');
    }
    const [type] = pending.splice(index, 1);
    await nb.ensure(
      'dcim/location-types/',
      { name: type.name },
      {
        name: type.name,
        nestable: type.nestable,
        parent: await ref('dcim/location-types/', type.parent?.name),
        content_types: locationTypeContent,
      },
    );
    doneTypes.add(type.name);
  }

  for (const { name } of data.tenants) {
    await nb.ensure('tenancy/tenants/', { name }, { name });
  }
  for (const { name } of data.namespaces) {
    await nb.ensure('ipam/namespaces/', { name }, { name });
  }

  // Locations, parents first.
  const locations = [...data.locations];
  const doneLocations = new Set<string>();
  while (locations.length > 0) {
    const index = locations.findIndex((l) => !l.parent || doneLocations.has(l.parent.name));
    if (index < 0) {
      throw new Error('locations have a parent cycle');
    }
    const [l] = locations.splice(index, 1);
    await nb.ensure(
      'dcim/locations/',
      { name: l.name },
      {
        name: l.name,
        location_type: await ref('dcim/location-types/', l.location_type?.name),
        parent: await ref('dcim/locations/', l.parent?.name),
        status: await ref('extras/statuses/', l.status?.name),
        tenant: await ref('tenancy/tenants/', l.tenant?.name),
        description: l.description ?? '',
        facility: l.facility ?? '',
      },
    );
    doneLocations.add(l.name);
  }
  log(`location types ${data.location_types.length}, locations ${data.locations.length}`);

  for (const { name } of data.manufacturers) {
    await nb.ensure('dcim/manufacturers/', { name }, { name });
  }
  for (const t of data.device_types) {
    await nb.ensure(
      'dcim/device-types/',
      { model: t.model },
      {
        model: t.model,
        manufacturer: await ref('dcim/manufacturers/', t.manufacturer?.name),
        u_height: t.u_height,
        part_number: t.part_number ?? '',
      },
    );
  }
  for (const p of data.platforms) {
    await nb.ensure(
      'dcim/platforms/',
      { name: p.name },
      {
        name: p.name,
        manufacturer: await ref('dcim/manufacturers/', p.manufacturer?.name),
        network_driver: p.network_driver ?? '',
      },
    );
  }
  for (const r of data.racks) {
    await nb.ensure(
      'dcim/racks/',
      { name: r.name },
      {
        name: r.name,
        location: await ref('dcim/locations/', r.location?.name),
        status: await ref('extras/statuses/', r.status?.name),
        u_height: r.u_height,
      },
    );
  }
  for (const d of data.devices) {
    await nb.ensure(
      'dcim/devices/',
      { name: d.name },
      {
        name: d.name,
        role: await ref('extras/roles/', d.role?.name),
        status: await ref('extras/statuses/', d.status?.name),
        location: await ref('dcim/locations/', d.location?.name),
        device_type: await nb.id('dcim/device-types/', { model: d.device_type.model }),
        platform: await ref('dcim/platforms/', d.platform?.name),
        rack: await ref('dcim/racks/', d.rack?.name),
        position: d.position,
        face: d.face ? choiceValue(d.face) : '',
        serial: d.serial ?? '',
        asset_tag: d.asset_tag,
        tenant: await ref('tenancy/tenants/', d.tenant?.name),
      },
    );
  }
  log(
    `manufacturers, device types, platforms, racks ${data.racks.length}, devices ${data.devices.length}`,
  );

  // VLANs (name + vid identify them here), then prefixes, then their locations.
  const vlanIds = new Map<string, string>();
  for (const v of data.vlans) {
    const id = await nb.ensure(
      'ipam/vlans/',
      { name: v.name, vid: String(v.vid) },
      {
        vid: v.vid,
        name: v.name,
        status: await ref('extras/statuses/', v.status?.name),
        role: await ref('extras/roles/', v.role?.name),
        tenant: await ref('tenancy/tenants/', v.tenant?.name),
      },
    );
    vlanIds.set(`${v.vid}/${v.name}`, id);
    for (const l of v.locations) {
      await nb.ensure(
        'ipam/vlan-location-assignments/',
        { vlan: id, location: await nb.id('dcim/locations/', { name: l.name }) },
        { vlan: id, location: await nb.id('dcim/locations/', { name: l.name }) },
      );
    }
  }
  // Parents before children, so Nautobot computes the hierarchy as the simulator has it.
  const prefixes = [...data.prefixes].sort(
    (a, b) => Number(a.prefix.split('/')[1]) - Number(b.prefix.split('/')[1]),
  );
  for (const p of prefixes) {
    const namespace = await nb.id('ipam/namespaces/', { name: p.namespace?.name ?? 'Global' });
    const id = await nb.ensure(
      'ipam/prefixes/',
      { prefix: p.prefix, namespace },
      {
        prefix: p.prefix,
        namespace,
        type: choiceValue(p.type),
        status: await ref('extras/statuses/', p.status?.name),
        role: await ref('extras/roles/', p.role?.name),
        tenant: await ref('tenancy/tenants/', p.tenant?.name),
        vlan: p.vlan ? (vlanIds.get(`${p.vlan.vid}/${p.vlan.name}`) ?? null) : null,
        description: p.description ?? '',
      },
    );
    for (const l of p.locations) {
      const location = await nb.id('dcim/locations/', { name: l.name });
      await nb.ensure(
        'ipam/prefix-location-assignments/',
        { prefix: id, location },
        { prefix: id, location },
      );
    }
  }
  log(`vlans ${data.vlans.length}, prefixes ${data.prefixes.length}`);

  // IP addresses, interfaces, their assignments, and each device's primary IPv4.
  const ipIds = new Map<string, string>();
  for (const ip of data.ip_addresses) {
    const namespace = await nb.id('ipam/namespaces/', {
      name: ip.parent?.namespace?.name ?? 'Global',
    });
    const id = await nb.ensure(
      'ipam/ip-addresses/',
      { address: ip.address, namespace },
      {
        address: ip.address,
        namespace,
        status: await ref('extras/statuses/', ip.status?.name),
        dns_name: ip.dns_name ?? '',
        description: ip.description ?? '',
      },
    );
    ipIds.set(ip.address, id);
  }
  for (const i of data.interfaces) {
    const device = await nb.id('dcim/devices/', { name: i.device?.name ?? '' });
    const id = await nb.ensure(
      'dcim/interfaces/',
      { device, name: i.name },
      {
        device,
        name: i.name,
        type: choiceValue(i.type),
        status: await ref('extras/statuses/', i.status?.name),
        enabled: i.enabled,
        mtu: i.mtu,
        mgmt_only: i.mgmt_only,
        description: i.description ?? '',
      },
    );
    for (const a of i.ip_addresses) {
      const ip = ipIds.get(a.address);
      if (ip) {
        await nb.ensure(
          'ipam/ip-address-to-interface/',
          { ip_address: ip, interface: id },
          { ip_address: ip, interface: id },
        );
      }
    }
  }
  for (const d of data.devices.filter((x) => x.primary_ip4)) {
    const ip = ipIds.get(d.primary_ip4!.address);
    if (ip) {
      const device = await nb.id('dcim/devices/', { name: d.name });
      await nb.request('PATCH', `dcim/devices/${device}/`, { primary_ip4: ip });
    }
  }
  log(`ip addresses ${data.ip_addresses.length}, interfaces ${data.interfaces.length}`);
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
