import { ApiProperty } from '@nestjs/swagger';
import type { ItemShape } from '../output-control.js';

/** An interface of a device, flattened for reading. */
export class InterfaceItem {
  @ApiProperty({ description: 'Nautobot UUID.', example: '2c1f…' })
  id!: string;

  @ApiProperty({ description: 'Interface name.', example: 'Ethernet49/1' })
  name!: string;

  @ApiProperty({ description: 'Interface type (REST value).', example: '100gbase-x-qsfp28' })
  type!: string;

  @ApiProperty({ description: 'Administratively enabled.', example: true })
  enabled!: boolean;

  @ApiProperty({ description: 'Management-only interface.', example: false })
  mgmt_only!: boolean;

  @ApiProperty({ description: 'MTU.', type: Number, nullable: true, example: 9216 })
  mtu!: number | null;

  @ApiProperty({
    description: 'MAC address.',
    type: String,
    nullable: true,
    example: '00:1C:73:0A:1B:2C',
  })
  mac_address!: string | null;

  @ApiProperty({
    description: '802.1Q mode: access, tagged, tagged-all.',
    type: String,
    nullable: true,
    example: null,
  })
  mode!: string | null;

  @ApiProperty({ description: 'Description.', example: 'uplink to ams01-spine01' })
  description!: string;

  @ApiProperty({
    description: 'Parent LAG interface name.',
    type: String,
    nullable: true,
    example: null,
  })
  lag!: string | null;

  @ApiProperty({ description: 'Untagged VLAN ID.', type: Number, nullable: true, example: null })
  untagged_vlan!: number | null;

  @ApiProperty({ description: 'Tagged VLAN IDs.', type: [Number], example: [] })
  tagged_vlans!: number[];

  @ApiProperty({ description: 'Assigned IP addresses with mask.', example: ['10.11.192.1/31'] })
  ip_addresses!: string[];

  @ApiProperty({
    description: 'The interface at the other end of the cable, as device:interface.',
    type: String,
    nullable: true,
    example: 'ams01-spine01:Ethernet1/1',
  })
  cable_peer!: string | null;

  @ApiProperty({
    description: 'The circuit termination connected to the interface, as CID/side.',
    type: String,
    nullable: true,
    example: null,
  })
  circuit!: string | null;
}

/** Interface items for `fields`; `brief` keeps id, name and enabled. */
export const INTERFACE_SHAPE: ItemShape = { item: InterfaceItem, brief: ['id', 'name', 'enabled'] };
