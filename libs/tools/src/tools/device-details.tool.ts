import { invalidArguments } from '@nautobot-mcp/common';
import { NautobotClient, type NautobotRow } from '@nautobot-mcp/nautobot';
import { Injectable, type Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { INTERFACE_SHAPE, InterfaceItem } from '../dto/interface-item.dto.js';
import { ListInput } from '../dto/list-input.dto.js';
import { ListResultOf, type ListResult } from '../dto/list-result.dto.js';
import { NameFilter } from '../dto/name-filter.js';
import { choiceOf, fieldOf, nameOf, namesOf, withExtras } from '../flatten.js';
import { ListQueryService } from '../list-query.service.js';
import { LocationScope } from '../location-scope.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `device_details`; the output control applies to the interfaces. */
export class DeviceDetailsInput extends ListInput {
  @ApiProperty({
    description: 'Device name as in Nautobot.',
    example: 'ams01-spine01',
    maxLength: 100,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @NameFilter('Location (name or alias), only needed when several devices have this name.', 'AMS01')
  location?: string;
}

/** One device in full. Fields a user adds to the query file are added too. */
export class DeviceDetail {
  @ApiProperty({ description: 'Nautobot UUID.', example: '0b3e7d2a-…' })
  id!: string;

  @ApiProperty({ description: 'Device name.', example: 'ams01-spine01' })
  name!: string;

  @ApiProperty({ description: 'Role name.', example: 'spine' })
  role!: string;

  @ApiProperty({ description: 'Status name.', example: 'Active' })
  status!: string;

  @ApiProperty({ description: 'Location name.', example: 'AMS01-DC1-F1' })
  location!: string;

  @ApiProperty({ description: 'Device type (model).', example: 'DCS-7280SR3-48YC8' })
  device_type!: string;

  @ApiProperty({ description: 'Manufacturer.', example: 'Arista' })
  manufacturer!: string;

  @ApiProperty({ description: 'Height in rack units.', type: Number, nullable: true, example: 1 })
  u_height!: number | null;

  @ApiProperty({ description: 'Platform.', type: String, nullable: true, example: 'arista_eos' })
  platform!: string | null;

  @ApiProperty({ description: 'Rack name.', type: String, nullable: true, example: 'AMS01-R01' })
  rack!: string | null;

  @ApiProperty({ description: 'Lowest rack unit.', type: Number, nullable: true, example: 40 })
  position!: number | null;

  @ApiProperty({ description: 'Rack face.', type: String, nullable: true, example: 'front' })
  face!: string | null;

  @ApiProperty({ description: 'Serial number.', example: 'JPE21430123' })
  serial!: string;

  @ApiProperty({ description: 'Asset tag.', type: String, nullable: true, example: 'AT-11001' })
  asset_tag!: string | null;

  @ApiProperty({
    description: 'Primary IPv4.',
    type: String,
    nullable: true,
    example: '10.11.128.10/24',
  })
  primary_ip4!: string | null;

  @ApiProperty({ description: 'Primary IPv6.', type: String, nullable: true, example: null })
  primary_ip6!: string | null;

  @ApiProperty({ description: 'Tenant name.', type: String, nullable: true, example: null })
  tenant!: string | null;

  @ApiProperty({ description: 'Tag names.', example: ['core', 'production'] })
  tags!: string[];
}

/** Result of `device_details`: the device and one page of its interfaces. */
export interface DeviceDetailsResult extends ListResult<InterfaceItem> {
  device: DeviceDetail;
}

function deviceDetailsResult(): Type<DeviceDetailsResult> {
  class DeviceDetailsResultDto extends ListResultOf(InterfaceItem, 'InterfaceList') {
    @ApiProperty({ type: () => DeviceDetail, description: 'The device.' })
    device!: DeviceDetail;
  }
  Object.defineProperty(DeviceDetailsResultDto, 'name', { value: 'DeviceDetailsResult' });
  return DeviceDetailsResultDto;
}

/** The output DTO of `device_details`. */
export const DeviceDetailsOutput = deviceDetailsResult();

const DEVICE_CONSUMED = [
  'id',
  'name',
  'role',
  'status',
  'location',
  'device_type',
  'platform',
  'rack',
  'position',
  'face',
  'serial',
  'asset_tag',
  'primary_ip4',
  'primary_ip6',
  'tenant',
  'tags',
];

/** Maps a Nautobot device row to the detail object. */
export function toDeviceDetail(row: NautobotRow): DeviceDetail {
  const detail: DeviceDetail = {
    id: row.id as string,
    name: (row.name as string | null) ?? '',
    role: nameOf(row.role) ?? '',
    status: nameOf(row.status) ?? '',
    location: nameOf(row.location) ?? '',
    device_type: fieldOf<string>(row.device_type, 'model') ?? '',
    manufacturer: nameOf(fieldOf(row.device_type, 'manufacturer')) ?? '',
    u_height: fieldOf<number>(row.device_type, 'u_height'),
    platform: nameOf(row.platform),
    rack: nameOf(row.rack),
    position: (row.position as number | null | undefined) ?? null,
    face: choiceOf(row.face),
    serial: (row.serial as string | undefined) ?? '',
    asset_tag: (row.asset_tag as string | null | undefined) ?? null,
    primary_ip4: fieldOf<string>(row.primary_ip4, 'address'),
    primary_ip6: fieldOf<string>(row.primary_ip6, 'address'),
    tenant: nameOf(row.tenant),
    tags: namesOf(row.tags),
  };
  return withExtras(detail, row, DEVICE_CONSUMED);
}

const INTERFACE_CONSUMED = [
  'id',
  'name',
  'type',
  'enabled',
  'mgmt_only',
  'mtu',
  'mac_address',
  'mode',
  'description',
  'lag',
  'untagged_vlan',
  'tagged_vlans',
  'ip_addresses',
  'cable_peer_interface',
  'connected_circuit_termination',
];

/** `device:interface` of an interface object. */
function endpointOf(value: unknown): string | null {
  const name = nameOf(value);
  return name === null ? null : `${nameOf(fieldOf(value, 'device')) ?? '?'}:${name}`;
}

/** Maps a Nautobot interface row to a flat item. */
export function toInterfaceItem(row: NautobotRow): InterfaceItem {
  const termination = row.connected_circuit_termination;
  const cid = fieldOf<string>(fieldOf(termination, 'circuit'), 'cid');
  const item: InterfaceItem = {
    id: row.id as string,
    name: row.name as string,
    type: choiceOf(row.type) ?? '',
    enabled: Boolean(row.enabled),
    mgmt_only: Boolean(row.mgmt_only),
    mtu: (row.mtu as number | null | undefined) ?? null,
    mac_address: (row.mac_address as string | null | undefined) ?? null,
    mode: choiceOf(row.mode),
    description: (row.description as string | undefined) ?? '',
    lag: nameOf(row.lag),
    untagged_vlan: fieldOf<number>(row.untagged_vlan, 'vid'),
    tagged_vlans: ((row.tagged_vlans ?? []) as { vid: number }[]).map((v) => v.vid),
    ip_addresses: ((row.ip_addresses ?? []) as { address: string }[]).map((a) => a.address),
    cable_peer: endpointOf(row.cable_peer_interface),
    circuit: cid === null ? null : `${cid}/${fieldOf<string>(termination, 'term_side') ?? '?'}`,
  };
  return withExtras(item, row, INTERFACE_CONSUMED);
}

@Tool({
  name: 'device_details',
  title: 'One device in detail',
  description:
    'Everything about one device by its exact name: role, status, location, model and manufacturer, platform, rack and position, serial, asset tag, primary IPv4/IPv6, tenant, tags, and its interfaces (name, type, enabled, MTU, MAC, VLANs, IP addresses, cable peer device:interface, connected circuit). Interfaces are paged (a chassis has hundreds): limit/cursor/fields/brief apply to them. Use it for "what is connected to ams01-spine01?" or "which IPs does ams01-edge01 have?"; find the name first with devices if unsure.',
  toolset: 'dcim',
  input: DeviceDetailsInput,
  output: DeviceDetailsOutput,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  example: { name: 'ams01-spine01', limit: 20 },
  queries: [
    { name: 'device_details', variables: ['name', 'location'] },
    { name: 'device_interfaces', variables: ['device_id', 'limit', 'offset'] },
  ],
})
@Injectable()
export class DeviceDetailsTool implements ToolHandler<DeviceDetailsInput, DeviceDetailsResult> {
  constructor(
    private readonly nautobot: NautobotClient,
    private readonly scope: LocationScope,
    private readonly lists: ListQueryService,
  ) {}

  async run(input: DeviceDetailsInput, context: ToolContext): Promise<DeviceDetailsResult> {
    const name = input.name.trim();
    const location = input.location === undefined ? undefined : this.scope.resolve(input.location);
    const filters = { name, location };
    // Bad fields or cursor are a 400 before any Nautobot call.
    this.lists.plan({
      tool: 'device_details',
      filters,
      shape: INTERFACE_SHAPE,
      extraFields: this.nautobot.catalog.get('device_interfaces').selection,
      paging: input,
    });
    const { rows, warnings } = await this.nautobot.list('device_details', {
      name: [name],
      location: location === undefined ? undefined : [location],
    });
    context.warnings.push(...warnings);
    if (rows.length === 0) {
      throw await this.nautobot.unknownValue('device', name, 'name');
    }
    if (rows.length > 1) {
      const where = rows.map((r) => nameOf(r.location) ?? '?').join(', ');
      throw invalidArguments([
        {
          field: 'location',
          message: `${rows.length} devices are named "${name}" (at ${where}); pass location to choose one`,
        },
      ]);
    }
    const device = toDeviceDetail(rows[0]);
    const page = await this.lists.page(
      {
        tool: 'device_details',
        query: 'device_interfaces',
        filters,
        variables: { device_id: [device.id] },
        shape: INTERFACE_SHAPE,
        paging: input,
      },
      context,
      toInterfaceItem,
      { device },
    );
    return page as DeviceDetailsResult;
  }
}
