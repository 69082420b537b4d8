import { invalidArguments } from '@nautobot-mcp/common';
import { NautobotClient, type NautobotRow } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IP_ADDRESS_SHAPE, IpAddressList, type IpAddressItem } from '../dto/ip-address-item.dto.js';
import { ListInput } from '../dto/list-input.dto.js';
import type { ListResult } from '../dto/list-result.dto.js';
import { NameFilter } from '../dto/name-filter.js';
import { IsCidr } from '../dto/validators.js';
import { choiceOf, fieldOf, nameOf, withExtras } from '../flatten.js';
import { formatCidr, parseCidr } from '../ip-math.js';
import { ListQueryService } from '../list-query.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `ip_addresses`. */
export class IpAddressesInput extends ListInput {
  @ApiPropertyOptional({
    description: 'Only addresses inside this network (CIDR), e.g. 10.11.128.0/24.',
    example: '10.11.128.0/24',
    maxLength: 64,
  })
  @IsOptional()
  @IsCidr()
  prefix?: string;

  @NameFilter('Only addresses on interfaces of this device (exact name).', 'ams01-spine01')
  device?: string;

  @NameFilter('Only addresses on this interface of `device` (requires device).', 'Management1')
  interface?: string;

  @ApiPropertyOptional({
    description: 'Only addresses whose DNS name contains this text (case-insensitive).',
    example: 'spine01',
    maxLength: 255,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  dnsName?: string;

  @NameFilter('IPAM namespace name.', 'Global')
  namespace?: string;

  @NameFilter('Status name, e.g. Active, Reserved, DHCP.', 'Active')
  status?: string;

  @NameFilter('IP address role name, e.g. loopback, vip.', 'loopback')
  role?: string;

  @ApiPropertyOptional({ description: 'Only IPv4 (4) or IPv6 (6).', enum: [4, 6], example: 4 })
  @IsOptional()
  @IsIn([4, 6])
  ipVersion?: 4 | 6;
}

const CONSUMED = [
  'id',
  'address',
  'type',
  'status',
  'role',
  'dns_name',
  'description',
  'tenant',
  'parent',
  'interfaces',
];

/** Maps a Nautobot IP address row to a flat item. */
export function toIpAddressItem(row: NautobotRow): IpAddressItem {
  const item: IpAddressItem = {
    id: row.id as string,
    address: row.address as string,
    type: choiceOf(row.type) ?? '',
    status: nameOf(row.status) ?? '',
    role: nameOf(row.role),
    dns_name: (row.dns_name as string | undefined) ?? '',
    description: (row.description as string | undefined) ?? '',
    tenant: nameOf(row.tenant),
    parent: fieldOf<string>(row.parent, 'prefix'),
    namespace: nameOf(fieldOf(row.parent, 'namespace')),
    interfaces: ((row.interfaces ?? []) as NautobotRow[]).map(
      (i) => `${nameOf(i.device) ?? '?'}:${nameOf(i) ?? '?'}`,
    ),
  };
  return withExtras(item, row, CONSUMED);
}

@Tool({
  name: 'ip_addresses',
  title: 'Search IP addresses',
  description:
    'List IP addresses filtered by any of: containing network (prefix, CIDR), device (exact name), interface of that device, DNS name substring, namespace, status, role and IP version. Each has type, status, role, DNS name, tenant, parent prefix, namespace and the device:interface it is assigned to. Use it for "which IPs are in 10.11.128.0/24?", "what is the IP of ams01-spine01 Management1?" or "which address has dns name X?". Pages with limit/cursor; fields or brief make items smaller.',
  toolset: 'ipam',
  input: IpAddressesInput,
  output: IpAddressList,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  example: { device: 'ams01-spine01' },
  queries: [
    {
      name: 'ip_addresses',
      variables: [
        'prefix',
        'device_id',
        'interfaces',
        'dns_name',
        'namespace',
        'status',
        'role',
        'ip_version',
        'limit',
        'offset',
      ],
    },
  ],
})
@Injectable()
export class IpAddressesTool implements ToolHandler<IpAddressesInput, ListResult<IpAddressItem>> {
  constructor(
    private readonly nautobot: NautobotClient,
    private readonly lists: ListQueryService,
  ) {}

  async run(input: IpAddressesInput, context: ToolContext): Promise<ListResult<IpAddressItem>> {
    if (input.interface !== undefined && input.device === undefined) {
      throw invalidArguments([
        { field: 'interface', message: 'needs device: interface names repeat across devices' },
      ]);
    }
    const one = (value: string | undefined) => (value === undefined ? undefined : [value.trim()]);
    const prefix = input.prefix === undefined ? undefined : parseCidr(input.prefix);
    const device = input.device?.trim();
    const iface = input.interface?.trim();
    const filters = {
      prefix: prefix ? formatCidr(prefix) : undefined,
      device,
      interface: iface,
      dnsName: input.dnsName,
      namespace: input.namespace?.trim(),
      status: input.status?.trim(),
      role: input.role?.trim(),
      ipVersion: input.ipVersion,
    };
    // Nautobot does not check device or interface names (an unknown one matches
    // nothing), so they are resolved to UUIDs first: unknown names are a 400.
    let deviceIds: string[] | undefined;
    let interfaceIds: string[] | undefined;
    if (device !== undefined) {
      if (iface !== undefined) {
        interfaceIds = (
          await this.nautobot.requireExisting('interface', [iface], { device: [device] })
        ).get(iface);
      } else {
        deviceIds = (await this.nautobot.requireExisting('device', [device])).get(device);
      }
    }
    return this.lists.page(
      {
        tool: 'ip_addresses',
        query: 'ip_addresses',
        filters,
        variables: {
          prefix: one(filters.prefix),
          device_id: deviceIds,
          interfaces: interfaceIds,
          dns_name: input.dnsName === undefined ? undefined : [input.dnsName],
          namespace: one(filters.namespace),
          status: one(filters.status),
          role: one(filters.role),
          ip_version: input.ipVersion,
        },
        shape: IP_ADDRESS_SHAPE,
        paging: input,
      },
      context,
      toIpAddressItem,
    );
  }
}
