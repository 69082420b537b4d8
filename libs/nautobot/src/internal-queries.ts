import { gql } from '@apollo/client';

/** Cheapest authenticated round trip: proves reachability and the token. */
export const PING_QUERY = gql`
  query nautobot_mcp_ping {
    __typename
  }
`;

/** Immediate children of locations (Nautobot's `parent` filter is one level). */
export const CHILD_LOCATIONS_QUERY = gql`
  query nautobot_mcp_child_locations($parent: [String]) {
    locations(parent: $parent) {
      name
    }
  }
`;

/** Names used to suggest close matches for an unknown filter value. */
export const NAME_QUERIES = {
  location: gql`
    query nautobot_mcp_location_names {
      items: locations {
        name
      }
    }
  `,
  role: gql`
    query nautobot_mcp_role_names {
      items: roles {
        name
      }
    }
  `,
  status: gql`
    query nautobot_mcp_status_names {
      items: statuses {
        name
      }
    }
  `,
};
