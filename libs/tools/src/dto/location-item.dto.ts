import { ApiProperty } from '@nestjs/swagger';
import type { ItemShape } from '../output-control.js';
import { ListResultOf } from './list-result.dto.js';

/** A location with its place in the tree and what it holds. */
export class LocationItem {
  @ApiProperty({ description: 'Nautobot UUID.', example: '5f1d…' })
  id!: string;

  @ApiProperty({ description: 'Location name.', example: 'AMS01' })
  name!: string;

  @ApiProperty({ description: 'Location type, e.g. Region, Site, Building.', example: 'Site' })
  location_type!: string;

  @ApiProperty({ description: 'Status name.', example: 'Active' })
  status!: string;

  @ApiProperty({
    description: 'Name of the parent location.',
    type: String,
    nullable: true,
    example: 'Europe',
  })
  parent!: string | null;

  @ApiProperty({
    description: 'Names of the ancestors, from the root down to the parent.',
    example: ['Europe'],
  })
  ancestors!: string[];

  @ApiProperty({ description: 'Names of the direct child locations.', example: ['AMS01-DC1'] })
  children!: string[];

  @ApiProperty({ description: 'Tenant name.', type: String, nullable: true, example: null })
  tenant!: string | null;

  @ApiProperty({ description: 'Facility (e.g. the colocation).', example: 'Equinix AM3' })
  facility!: string;

  @ApiProperty({
    description: 'IANA time zone name; null when the location has none.',
    type: String,
    nullable: true,
    example: 'Europe/Amsterdam',
  })
  time_zone!: string | null;

  @ApiProperty({ description: 'Free-text description.', example: '' })
  description!: string;

  @ApiProperty({
    description:
      'Devices at the location and its child locations (three levels down); null when the query file does not select them.',
    type: Number,
    nullable: true,
    example: 9,
  })
  device_count!: number | null;

  @ApiProperty({
    description:
      'Prefixes assigned to the location and its child locations (three levels down); null when the query file does not select them.',
    type: Number,
    nullable: true,
    example: 12,
  })
  prefix_count!: number | null;
}

/** A page of locations. */
export const LocationList = ListResultOf(LocationItem, 'LocationList');

/** Location items for `fields`; `brief` keeps id, name and location_type. */
export const LOCATION_SHAPE: ItemShape = {
  item: LocationItem,
  brief: ['id', 'name', 'location_type'],
};
