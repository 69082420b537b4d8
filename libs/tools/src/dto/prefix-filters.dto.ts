import type { Type } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { NameFilter } from './name-filter.js';
import { IsCidr } from './validators.js';

/** The prefix filters, as the `prefixes` tool and the CSV export take them. */
export interface PrefixFilters {
  location?: string;
  includeChildLocations?: boolean;
  namespace?: string;
  vrf?: string;
  tenant?: string;
  status?: string;
  role?: string;
  within?: string;
  ipVersion?: 4 | 6;
}

/**
 * Adds the prefix filters to a base class, so the `prefixes` tool (with paging) and the
 * exports (without) validate and document the same filters.
 */
export function WithPrefixFilters<B extends Type<object>>(Base: B) {
  class PrefixFilterFields extends Base implements PrefixFilters {
    @NameFilter(
      'Location name (site AMS01, region Europe…) or an alias from the organisation file; its child locations are included unless includeChildLocations is false.',
      'AMS01',
    )
    location?: string;

    @ApiPropertyOptional({
      description:
        'With location: include the prefixes of its child locations (default true). Without location it is an error.',
      example: true,
    })
    @IsOptional()
    @IsBoolean()
    includeChildLocations?: boolean;

    @NameFilter('IPAM namespace name, e.g. Global.', 'Global')
    namespace?: string;

    @NameFilter('VRF name (or route distinguisher, e.g. 65000:1).', 'PROD')
    vrf?: string;

    @NameFilter('Tenant name.', 'Acme Corp')
    tenant?: string;

    @NameFilter('Status name, e.g. Active, Reserved, Deprecated.', 'Active')
    status?: string;

    @NameFilter('Prefix role name, e.g. server, mgmt, p2p, loopback.', 'server')
    role?: string;

    @ApiPropertyOptional({
      description:
        'Only prefixes strictly inside this parent network (CIDR), e.g. the subnets of 10.11.0.0/16.',
      example: '10.11.0.0/16',
      maxLength: 64,
    })
    @IsOptional()
    @IsCidr()
    within?: string;

    @ApiPropertyOptional({
      description: 'Only IPv4 (4) or IPv6 (6) prefixes.',
      enum: [4, 6],
      example: 4,
    })
    @IsOptional()
    @IsIn([4, 6])
    ipVersion?: 4 | 6;
  }
  return PrefixFilterFields;
}
