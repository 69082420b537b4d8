import { NautobotClient } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import type { PrefixFilters } from './dto/prefix-filters.dto.js';
import { formatCidr, parseCidr } from './ip-math.js';
import { LocationScope } from './location-scope.service.js';

/** Variables the `prefixes` query file must declare. */
export const PREFIX_QUERY_VARIABLES = [
  'location',
  'exclude_locations',
  'namespace',
  'vrf',
  'tenant',
  'status',
  'role',
  'within',
  'ip_version',
  'limit',
  'offset',
] as const;

/** A route distinguisher (`65000:1`, `192.0.2.1:7`), which Nautobot's `vrfs` filter takes. */
const RD = /^[0-9.]+:\d+$/;

/** Resolved prefix filters. */
export interface ResolvedPrefixFilters {
  /** GraphQL variables of the `prefixes` query (without limit/offset). */
  variables: Record<string, unknown>;
  /** Canonical filter values, to bind cursors to. */
  filters: Record<string, unknown>;
}

/** Turns the prefix filters (tool or export arguments) into `prefixes` query variables. */
@Injectable()
export class PrefixQuery {
  constructor(
    private readonly scope: LocationScope,
    private readonly nautobot: NautobotClient,
  ) {}

  async resolve(input: PrefixFilters): Promise<ResolvedPrefixFilters> {
    const location = await this.scope.optionalVariables(input);
    const one = (value: string | undefined) => (value === undefined ? undefined : [value.trim()]);
    const within = input.within === undefined ? undefined : parseCidr(input.within);
    const vrf = input.vrf?.trim();
    let vrfFilter: string[] | undefined;
    if (vrf !== undefined) {
      // Nautobot's `vrfs` filter takes a route distinguisher or a UUID, not a name.
      vrfFilter = RD.test(vrf)
        ? [vrf]
        : [...(await this.nautobot.requireExisting('vrf', [vrf])).values()].flat();
    }
    const variables = {
      ...location,
      namespace: one(input.namespace),
      vrf: vrfFilter,
      tenant: one(input.tenant),
      status: one(input.status),
      role: one(input.role),
      within: within ? [formatCidr(within)] : undefined,
      ip_version: input.ipVersion,
    };
    const filters = {
      location: location.location?.[0],
      children: location.location ? (input.includeChildLocations ?? true) : undefined,
      namespace: input.namespace?.trim(),
      vrf,
      tenant: input.tenant?.trim(),
      status: input.status?.trim(),
      role: input.role?.trim(),
      within: variables.within?.[0],
      ipVersion: input.ipVersion,
    };
    return { variables, filters };
  }
}
