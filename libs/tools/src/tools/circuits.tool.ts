import type { NautobotRow } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  CIRCUIT_SHAPE,
  CircuitList,
  type CircuitItem,
  type CircuitTermination,
} from '../dto/circuit-item.dto.js';
import { ListInput } from '../dto/list-input.dto.js';
import type { ListResult } from '../dto/list-result.dto.js';
import { NameFilter } from '../dto/name-filter.js';
import { fieldOf, nameOf, withExtras } from '../flatten.js';
import { ListQueryService } from '../list-query.service.js';
import { LocationScope } from '../location-scope.service.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Arguments of `circuits`. */
export class CircuitsInput extends ListInput {
  @NameFilter('Provider name, e.g. NTT, Lumen, Zayo.', 'NTT')
  provider?: string;

  @NameFilter('Circuit type name, e.g. Internet Transit.', 'Internet Transit')
  circuitType?: string;

  @NameFilter('Status name, e.g. Active, Decommissioning.', 'Active')
  status?: string;

  @NameFilter(
    'Only circuits with a termination at this location (name or alias) or below it.',
    'AMS01',
  )
  location?: string;

  @NameFilter('Tenant name.', 'NetOps')
  tenant?: string;

  @ApiPropertyOptional({
    description: 'Only circuits whose circuit ID contains this text (case-insensitive).',
    example: 'AMS',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  cid?: string;
}

const CONSUMED = [
  'id',
  'cid',
  'provider',
  'circuit_type',
  'status',
  'tenant',
  'commit_rate',
  'install_date',
  'description',
  'circuit_terminations',
  'circuit_termination_a',
  'circuit_termination_z',
];

function termination(value: unknown): CircuitTermination | null {
  if (value === null || value === undefined) {
    return null;
  }
  const t = value as NautobotRow;
  const peer = t.connected_interface as NautobotRow | null | undefined;
  return {
    location: nameOf(t.location),
    provider_network: nameOf(t.provider_network),
    port_speed: (t.port_speed as number | null | undefined) ?? null,
    xconnect_id: (t.xconnect_id as string | undefined) ?? '',
    connected_to: peer ? `${nameOf(fieldOf(peer, 'device')) ?? '?'}:${nameOf(peer) ?? '?'}` : null,
  };
}

/**
 * A circuit's termination on one side. Read from `circuit_terminations` (each with its
 * `term_side`) where the query asks for it: the cached `circuit_termination_a/z` fields can be
 * null on Nautobot 3.x although the termination exists (terminations created in one bulk request
 * overwrite each other's cache). A query file that still selects the cached fields works too.
 */
function side(row: NautobotRow, term: 'A' | 'Z'): CircuitTermination | null {
  const all = row.circuit_terminations;
  if (Array.isArray(all)) {
    return termination(all.find((t) => (t as NautobotRow)?.term_side === term));
  }
  return termination(term === 'A' ? row.circuit_termination_a : row.circuit_termination_z);
}

/** Maps a Nautobot circuit row to a flat item. */
export function toCircuitItem(row: NautobotRow): CircuitItem {
  const item: CircuitItem = {
    id: row.id as string,
    cid: row.cid as string,
    provider: nameOf(row.provider) ?? '',
    circuit_type: nameOf(row.circuit_type) ?? '',
    status: nameOf(row.status) ?? '',
    tenant: nameOf(row.tenant),
    commit_rate: (row.commit_rate as number | null | undefined) ?? null,
    install_date: (row.install_date as string | null | undefined) ?? null,
    description: (row.description as string | undefined) ?? '',
    termination_a: side(row, 'A'),
    termination_z: side(row, 'Z'),
  };
  return withExtras(item, row, CONSUMED);
}

@Tool({
  name: 'circuits',
  title: 'Search circuits',
  description:
    'List WAN/Internet circuits filtered by any of: provider, circuit type, status, location of a termination (with child locations), tenant and circuit ID substring. Each has provider, type, status, tenant, commit rate (kbps), install date and its A and Z terminations (location, port speed, cross-connect, our device:interface it lands on). Use it for "which circuits land in AMS01?" or "list our NTT transit circuits". Pages with limit/cursor; fields or brief make items smaller.',
  toolset: 'circuits',
  input: CircuitsInput,
  output: CircuitList,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  example: { location: 'AMS01' },
  queries: [
    {
      name: 'circuits',
      variables: [
        'provider',
        'circuit_type',
        'status',
        'location',
        'tenant',
        'cid',
        'limit',
        'offset',
      ],
    },
  ],
})
@Injectable()
export class CircuitsTool implements ToolHandler<CircuitsInput, ListResult<CircuitItem>> {
  constructor(
    private readonly scope: LocationScope,
    private readonly lists: ListQueryService,
  ) {}

  async run(input: CircuitsInput, context: ToolContext): Promise<ListResult<CircuitItem>> {
    const one = (value: string | undefined) => (value === undefined ? undefined : [value.trim()]);
    const variables = {
      provider: one(input.provider),
      circuit_type: one(input.circuitType),
      status: one(input.status),
      location: input.location === undefined ? undefined : [this.scope.resolve(input.location)],
      tenant: one(input.tenant),
      cid: input.cid === undefined ? undefined : [input.cid],
    };
    return this.lists.page(
      {
        tool: 'circuits',
        query: 'circuits',
        filters: variables,
        variables,
        shape: CIRCUIT_SHAPE,
        paging: input,
      },
      context,
      toCircuitItem,
    );
  }
}
