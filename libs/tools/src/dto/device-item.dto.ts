import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ItemShape } from '../output-control.js';
import { ListResultOf } from './list-result.dto.js';

/** A device, flattened for reading. Fields a user adds to the query file are added too. */
export class DeviceItem {
  @ApiProperty({ description: 'Nautobot UUID.', example: '0b3e7d2a-…' })
  id!: string;

  @ApiProperty({
    description: 'Device name.',
    type: String,
    nullable: true,
    example: 'ams01-leaf01',
  })
  name!: string | null;

  @ApiProperty({ description: 'Role name.', example: 'leaf' })
  role!: string;

  @ApiProperty({ description: 'Status name.', example: 'Active' })
  status!: string;

  @ApiProperty({ description: 'Location name.', example: 'AMS01' })
  location!: string;

  @ApiProperty({ description: 'Device type (model).', example: 'DCS-7280SR3-48YC8' })
  device_type!: string;

  @ApiProperty({ description: 'Manufacturer of the device type.', example: 'Arista' })
  manufacturer!: string;

  @ApiProperty({
    description: 'Platform name.',
    type: String,
    nullable: true,
    example: 'arista_eos',
  })
  platform!: string | null;

  @ApiProperty({ description: 'Rack name.', type: String, nullable: true, example: 'AMS01-R01' })
  rack!: string | null;

  @ApiProperty({
    description: 'Lowest rack unit occupied.',
    type: Number,
    nullable: true,
    example: 40,
  })
  position!: number | null;

  @ApiProperty({ description: 'Serial number ("" when unknown).', example: 'JPE21430123' })
  serial!: string;

  @ApiProperty({
    description: 'Primary IPv4 address with mask.',
    type: String,
    nullable: true,
    example: '10.10.255.11/32',
  })
  primary_ip4!: string | null;

  @ApiProperty({ description: 'Tenant name.', type: String, nullable: true, example: null })
  tenant!: string | null;

  @ApiPropertyOptional({
    description:
      'Parts of the name captured by the first matching naming schema of the organisation file.',
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { site: 'ams01', role: 'leaf', index: '01' },
  })
  nameParts?: Record<string, string>;
}

/** A page of devices. */
export const DeviceList = ListResultOf(DeviceItem, 'DeviceList');

/** Device items for `fields`; `brief` keeps id, name and role. */
export const DEVICE_SHAPE: ItemShape = { item: DeviceItem, brief: ['id', 'name', 'role'] };
