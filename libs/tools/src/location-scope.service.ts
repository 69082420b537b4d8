import { invalidArguments } from '@nautobot-mcp/common';
import { InjectOrgConfig, type OrgConfig } from '@nautobot-mcp/config';
import { NautobotClient } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import type { LocationScopedInput } from './dto/location-scoped-input.dto.js';

/** Variables a location-scoped query file must declare. */
export const LOCATION_QUERY_VARIABLES = [
  'location',
  'exclude_locations',
  'limit',
  'offset',
] as const;

/** The GraphQL variables that select a location's objects. */
export interface LocationVariables {
  location: string[];
  exclude_locations?: string[];
}

/**
 * Turns a location argument into query variables: org aliases are applied, and
 * when child locations are excluded their subtrees are filtered out with
 * `location__n` (Nautobot's `location` filter always includes descendants).
 */
@Injectable()
export class LocationScope {
  constructor(
    @InjectOrgConfig() private readonly org: OrgConfig,
    private readonly nautobot: NautobotClient,
  ) {}

  /** The Nautobot location name an argument refers to. */
  resolve(location: string): string {
    return this.org.resolveLocation(location.trim());
  }

  /** Whether the argument is one of the org file's aliases (rather than a Nautobot name). */
  isAlias(location: string): boolean {
    return this.resolve(location) !== location.trim();
  }

  async variables(input: LocationScopedInput): Promise<LocationVariables> {
    const location = this.resolve(input.location);
    if (input.includeChildLocations ?? true) {
      return { location: [location] };
    }
    const children = await this.nautobot.childLocations(location);
    return children.length > 0
      ? { location: [location], exclude_locations: children }
      : { location: [location] };
  }

  /**
   * Like {@link variables} for tools where the location is optional: no location, no
   * location filter. `includeChildLocations` without a location is a 400.
   */
  async optionalVariables(input: {
    location?: string;
    includeChildLocations?: boolean;
  }): Promise<Partial<LocationVariables>> {
    if (input.location === undefined) {
      if (input.includeChildLocations !== undefined) {
        throw invalidArguments([
          { field: 'includeChildLocations', message: 'only applies together with location' },
        ]);
      }
      return {};
    }
    return this.variables({ location: input.location, ...input });
  }
}
