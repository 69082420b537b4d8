import { ApiProperty } from '@nestjs/swagger';
import type { ItemShape } from '../output-control.js';
import { ListResultOf } from './list-result.dto.js';

/** A device mounted in (or assigned to) a rack. */
export class RackDevice {
  @ApiProperty({
    description: 'Device name.',
    type: String,
    nullable: true,
    example: 'ams01-spine01',
  })
  name!: string | null;

  @ApiProperty({
    description: 'Lowest unit occupied; null when assigned to the rack but not mounted.',
    type: Number,
    nullable: true,
    example: 40,
  })
  position!: number | null;

  @ApiProperty({ description: 'Height in units.', example: 1 })
  u_height!: number;

  @ApiProperty({ description: 'Rack face.', type: String, nullable: true, example: 'front' })
  face!: string | null;

  @ApiProperty({ description: 'Role name.', type: String, nullable: true, example: 'spine' })
  role!: string | null;
}

/** A rack with its space usage. */
export class RackItem {
  @ApiProperty({ description: 'Nautobot UUID.', example: '8c0d…' })
  id!: string;

  @ApiProperty({ description: 'Rack name.', example: 'AMS01-R01' })
  name!: string;

  @ApiProperty({ description: 'Location name.', example: 'AMS01-DC1-F1' })
  location!: string;

  @ApiProperty({ description: 'Rack group.', type: String, nullable: true, example: null })
  rack_group!: string | null;

  @ApiProperty({ description: 'Status name.', example: 'Active' })
  status!: string;

  @ApiProperty({ description: 'Role name.', type: String, nullable: true, example: null })
  role!: string | null;

  @ApiProperty({ description: 'Tenant name.', type: String, nullable: true, example: null })
  tenant!: string | null;

  @ApiProperty({ description: 'Facility ID.', type: String, nullable: true, example: 'AM3:0101' })
  facility_id!: string | null;

  @ApiProperty({ description: 'Height in units.', example: 42 })
  u_height!: number;

  @ApiProperty({ description: 'Units occupied by mounted devices (either face).', example: 8 })
  used_units!: number;

  @ApiProperty({ description: 'Units still free.', example: 34 })
  free_units!: number;

  @ApiProperty({ description: 'Number of devices in the rack.', example: 5 })
  device_count!: number;

  @ApiProperty({
    type: () => RackDevice,
    isArray: true,
    description: 'Devices, top unit first; unmounted ones last.',
  })
  devices!: RackDevice[];
}

/** A page of racks. */
export const RackList = ListResultOf(RackItem, 'RackList');

/** Rack items for `fields`; `brief` keeps id, name and free_units. */
export const RACK_SHAPE: ItemShape = { item: RackItem, brief: ['id', 'name', 'free_units'] };
