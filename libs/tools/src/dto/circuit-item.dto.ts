import { ApiProperty } from '@nestjs/swagger';
import type { ItemShape } from '../output-control.js';
import { ListResultOf } from './list-result.dto.js';

/** One end of a circuit. */
export class CircuitTermination {
  @ApiProperty({ description: 'Location name.', type: String, nullable: true, example: 'AMS01' })
  location!: string | null;

  @ApiProperty({
    description: 'Provider network (instead of a location).',
    type: String,
    nullable: true,
    example: null,
  })
  provider_network!: string | null;

  @ApiProperty({
    description: 'Port speed in kbps.',
    type: Number,
    nullable: true,
    example: 10000000,
  })
  port_speed!: number | null;

  @ApiProperty({ description: 'Cross-connect ID.', example: 'XC-AMS01-4711' })
  xconnect_id!: string;

  @ApiProperty({
    description: 'Our interface it is connected to, as device:interface.',
    type: String,
    nullable: true,
    example: 'ams01-edge01:xe-0/1/0',
  })
  connected_to!: string | null;
}

/** A circuit, flattened for reading. */
export class CircuitItem {
  @ApiProperty({ description: 'Nautobot UUID.', example: '7a3e…' })
  id!: string;

  @ApiProperty({ description: 'Circuit ID given by the provider.', example: 'NTT-AMS-700112' })
  cid!: string;

  @ApiProperty({ description: 'Provider name.', example: 'NTT' })
  provider!: string;

  @ApiProperty({ description: 'Circuit type.', example: 'Internet Transit' })
  circuit_type!: string;

  @ApiProperty({ description: 'Status name.', example: 'Active' })
  status!: string;

  @ApiProperty({ description: 'Tenant name.', type: String, nullable: true, example: 'NetOps' })
  tenant!: string | null;

  @ApiProperty({
    description: 'Commit rate in kbps.',
    type: Number,
    nullable: true,
    example: 10000000,
  })
  commit_rate!: number | null;

  @ApiProperty({
    description: 'Install date.',
    type: String,
    nullable: true,
    example: '2021-03-15',
  })
  install_date!: string | null;

  @ApiProperty({ description: 'Description.', example: 'Internet Transit AMS01' })
  description!: string;

  @ApiProperty({ type: () => CircuitTermination, nullable: true, description: 'A side.' })
  termination_a!: CircuitTermination | null;

  @ApiProperty({ type: () => CircuitTermination, nullable: true, description: 'Z side.' })
  termination_z!: CircuitTermination | null;
}

/** A page of circuits. */
export const CircuitList = ListResultOf(CircuitItem, 'CircuitList');

/** Circuit items for `fields`; `brief` keeps id, cid and provider. */
export const CIRCUIT_SHAPE: ItemShape = { item: CircuitItem, brief: ['id', 'cid', 'provider'] };
