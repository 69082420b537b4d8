import { ApiProperty } from '@nestjs/swagger';
import type { ItemShape } from '../output-control.js';
import { ListResultOf } from './list-result.dto.js';

/** A VLAN, flattened for reading. */
export class VlanItem {
  @ApiProperty({ description: 'Nautobot UUID.', example: '4b1a…' })
  id!: string;

  @ApiProperty({ description: 'VLAN ID (1-4094).', example: 100 })
  vid!: number;

  @ApiProperty({ description: 'VLAN name.', example: 'servers-a' })
  name!: string;

  @ApiProperty({ description: 'Status name.', example: 'Active' })
  status!: string;

  @ApiProperty({ description: 'Role name.', type: String, nullable: true, example: 'server' })
  role!: string | null;

  @ApiProperty({
    description: 'VLAN group name.',
    type: String,
    nullable: true,
    example: 'AMS01 VLANs',
  })
  vlan_group!: string | null;

  @ApiProperty({ description: 'Locations the VLAN is assigned to.', example: ['AMS01'] })
  locations!: string[];

  @ApiProperty({ description: 'Tenant name.', type: String, nullable: true, example: null })
  tenant!: string | null;

  @ApiProperty({ description: 'Description.', example: '' })
  description!: string;
}

/** A page of VLANs. */
export const VlanList = ListResultOf(VlanItem, 'VlanList');

/** VLAN items for `fields`; `brief` keeps id, name and vid. */
export const VLAN_SHAPE: ItemShape = { item: VlanItem, brief: ['id', 'name', 'vid'] };
