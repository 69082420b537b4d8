import { hashInt } from '../util/ids.js';
import type { BaseObjects, Builder } from './builder.js';
import { enumName } from './enums.js';
import type { DeviceRec, IPAddressRec, LocationRec, RackRec } from './types.js';

/** Most devices a scale site may have. */
export const MAX_DEVICES_PER_SITE = 5000;

/** Devices per rack in the generated racks (42U racks, 1U devices with gaps). */
const PER_RACK = 20;

const PLAN: readonly { role: string; model: string; platform: string | null; share: number }[] = [
  { role: 'leaf', model: 'DCS-7050SX3-48YC8', platform: 'arista_eos', share: 0.8 },
  { role: 'spine', model: 'DCS-7280CR3-32P4', platform: 'arista_eos', share: 0.1 },
  { role: 'edge', model: 'MX204', platform: 'juniper_junos', share: 0.05 },
  { role: 'console', model: 'CM8148', platform: null, share: 0.05 },
];

/**
 * `count` devices at a scale site (racked, with serials, asset tags and a primary
 * IPv4 from 172.16.0.0/12), so list tools can be measured on a site the size of a
 * real data centre. Deterministic: the same site and count give the same devices.
 */
export function addScaleDevices(
  b: Builder,
  refs: BaseObjects,
  site: LocationRec,
  siteIndex: number,
  count: number,
): void {
  const racks: RackRec[] = [];
  const code = site.name.toLowerCase();
  // Every role its share, rounded down; leafs take the rest.
  const counts = PLAN.map((spec) => Math.floor(count * spec.share));
  counts[0] = count - counts.slice(1).reduce((a, b) => a + b, 0);
  let made = 0;
  for (const [p, spec] of PLAN.entries()) {
    for (let i = 1; i <= counts[p]; i++, made++) {
      const r = Math.floor(made / PER_RACK);
      racks[r] ??= rack(b, refs, site, r + 1);
      const name = `${code}-${spec.role}${String(i).padStart(3, '0')}`;
      const deviceType = refs.deviceType(spec.model);
      const device = b.add<DeviceRec>('devices', `${site.name}/${name}`, {
        name,
        device_type: deviceType,
        role: refs.role(spec.role),
        status: refs.status('Active'),
        tenant: null,
        platform: spec.platform ? refs.platform(spec.platform) : null,
        serial: `SN${(hashInt(name) % 1e9).toString().padStart(9, '0')}`,
        asset_tag: `AT-${siteIndex + 1}-${String(made + 1).padStart(5, '0')}`,
        location: site,
        rack: racks[r],
        position: 40 - 2 * (made % PER_RACK),
        face: enumName('front'),
        primary_ip4: null,
        primary_ip6: null,
        cluster: null,
        virtual_chassis: null,
        vc_position: null,
        vc_priority: null,
        comments: '',
        local_config_context_data: null,
        config_context: {},
        interfaces: [],
        tags: [refs.tag('production')],
        _custom_field_data: {},
      });
      device.primary_ip4 = address(b, refs, siteIndex, made, device);
      site.devices.push(device);
      racks[r].devices.push(device);
      deviceType.devices.push(device);
      device.platform?.devices.push(device);
    }
  }
}

function rack(b: Builder, refs: BaseObjects, site: LocationRec, n: number): RackRec {
  const name = `${site.name}-R${String(n).padStart(3, '0')}`;
  const rec = b.add<RackRec>('racks', `${site.name}/${name}`, {
    name,
    status: refs.status('Active'),
    role: null,
    facility_id: null,
    location: site,
    rack_group: null,
    tenant: null,
    serial: '',
    asset_tag: null,
    type: enumName('4-post-cabinet'),
    width: enumName('19'),
    u_height: 42,
    desc_units: false,
    outer_width: null,
    outer_depth: null,
    comments: '',
    devices: [],
    tags: [],
    _custom_field_data: {},
  });
  site.racks.push(rec);
  return rec;
}

function address(
  b: Builder,
  refs: BaseObjects,
  siteIndex: number,
  n: number,
  device: DeviceRec,
): IPAddressRec {
  // 172.16.0.0/12: 16 bits per site is plenty for 5000 devices.
  const value = 0xac100000 + ((siteIndex % 16) << 16) + n + 1;
  const host = [24, 16, 8, 0].map((s) => (value >>> s) & 255).join('.');
  return b.add<IPAddressRec>('ip_addresses', `Global/${host}`, {
    address: `${host}/16`,
    host,
    mask_length: 16,
    ip_version: 4,
    type: enumName('host'),
    status: refs.status('Active'),
    role: null,
    parent: null,
    tenant: null,
    nat_inside: null,
    dns_name: `${device.name ?? ''}.mgmt.example.net`,
    description: '',
    interfaces: [],
    primary_ip4_for: [device],
    primary_ip6_for: [],
    tags: [],
    _custom_field_data: {},
    _v: 4,
    _host: BigInt(value),
  });
}
