import { ApiProperty } from '@nestjs/swagger';
import type { ItemShape } from '../output-control.js';
import { ListResultOf } from './list-result.dto.js';

/** An IP address, flattened for reading. */
export class IpAddressItem {
  @ApiProperty({ description: 'Nautobot UUID.', example: '9d2e…' })
  id!: string;

  @ApiProperty({ description: 'Address with mask.', example: '10.11.128.10/24' })
  address!: string;

  @ApiProperty({ description: 'Type: host, dhcp, slaac.', example: 'host' })
  type!: string;

  @ApiProperty({ description: 'Status name.', example: 'Active' })
  status!: string;

  @ApiProperty({ description: 'Role name.', type: String, nullable: true, example: null })
  role!: string | null;

  @ApiProperty({ description: 'DNS name.', example: 'ams01-spine01.oob.example.net' })
  dns_name!: string;

  @ApiProperty({ description: 'Description.', example: '' })
  description!: string;

  @ApiProperty({ description: 'Tenant name.', type: String, nullable: true, example: null })
  tenant!: string | null;

  @ApiProperty({
    description: 'The most specific prefix containing it.',
    type: String,
    nullable: true,
    example: '10.11.128.0/24',
  })
  parent!: string | null;

  @ApiProperty({ description: 'IPAM namespace.', type: String, nullable: true, example: 'Global' })
  namespace!: string | null;

  @ApiProperty({
    description: 'Interfaces it is assigned to, as device:interface.',
    example: ['ams01-spine01:Management1'],
  })
  interfaces!: string[];
}

/** A page of IP addresses. */
export const IpAddressList = ListResultOf(IpAddressItem, 'IpAddressList');

/** IP address items for `fields`; `brief` keeps id, address and dns_name. */
export const IP_ADDRESS_SHAPE: ItemShape = {
  item: IpAddressItem,
  brief: ['id', 'address', 'dns_name'],
};
