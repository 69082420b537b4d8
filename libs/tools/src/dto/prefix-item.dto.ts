import { ApiProperty } from '@nestjs/swagger';
import type { ItemShape } from '../output-control.js';
import { ListResultOf } from './list-result.dto.js';

/** A prefix, flattened for reading. Fields a user adds to the query file are added too. */
export class PrefixItem {
  @ApiProperty({ description: 'Nautobot UUID.', example: '6a1c1b0e-…' })
  id!: string;

  @ApiProperty({ description: 'Network with mask.', example: '10.10.0.0/24' })
  prefix!: string;

  @ApiProperty({
    description: 'Prefix type.',
    enum: ['network', 'container', 'pool'],
    example: 'network',
  })
  type!: string;

  @ApiProperty({ description: 'Status name.', example: 'Active' })
  status!: string;

  @ApiProperty({ description: 'Role name.', type: String, nullable: true, example: 'server' })
  role!: string | null;

  @ApiProperty({
    description: 'Names of the locations the prefix is assigned to.',
    example: ['AMS01'],
  })
  locations!: string[];

  @ApiProperty({
    description: 'VLAN ID of the assigned VLAN.',
    type: Number,
    nullable: true,
    example: 110,
  })
  vlan!: number | null;

  @ApiProperty({
    description: 'Name of the assigned VLAN.',
    type: String,
    nullable: true,
    example: 'servers',
  })
  vlan_name!: string | null;

  @ApiProperty({ description: 'Tenant name.', type: String, nullable: true, example: 'Operations' })
  tenant!: string | null;

  @ApiProperty({ description: 'IPAM namespace.', type: String, nullable: true, example: 'Global' })
  namespace!: string | null;

  @ApiProperty({ description: 'Free-text description.', example: 'AMS01 server network' })
  description!: string;
}

/** A page of prefixes. */
export const PrefixList = ListResultOf(PrefixItem, 'PrefixList');

/** Prefix items for `fields`; `brief` keeps id, prefix and status. */
export const PREFIX_SHAPE: ItemShape = { item: PrefixItem, brief: ['id', 'prefix', 'status'] };
