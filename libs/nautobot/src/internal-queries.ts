import { gql } from '@apollo/client';
import { parse, type DocumentNode } from 'graphql';
import { FILTER_KIND_SPECS, type FilterKind, type KindSpec } from './filter-errors.js';

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

/** How many candidate names a search-type suggestion query reads at most. */
export const SEARCH_CANDIDATES = 500;

/**
 * How many names any other suggestion query reads at most: suggestions are a courtesy,
 * and a kind with a hundred thousand objects must not be read whole for one typo.
 */
export const LIST_CANDIDATES = 2000;

/** Operation names of every query this module builds (they are metric labels). */
export const INTERNAL_OPERATION_NAMES: readonly string[] = [
  'nautobot_mcp_ping',
  'nautobot_mcp_child_locations',
  ...Object.keys(FILTER_KIND_SPECS).flatMap((kind) => [
    `nautobot_mcp_${kind}_names`,
    `nautobot_mcp_${kind}_exists`,
  ]),
];

const names = new Map<string, DocumentNode>();
const exists = new Map<string, DocumentNode>();

/**
 * Names used to suggest close matches for an unknown filter value: the names of small
 * tables (locations, roles…); for large ones (devices) those matching `$q`; within
 * `scope` filters (e.g. the interfaces of one device) the names in that scope. Every
 * variant reads a bounded number of names.
 */
export function nameQuery(kind: FilterKind, scope: readonly string[] = []): DocumentNode {
  const id = `${kind}:${scope.join(',')}`;
  let document = names.get(id);
  if (!document) {
    const spec: KindSpec = FILTER_KIND_SPECS[kind];
    const name = `nautobot_mcp_${kind}_names`;
    if (scope.length > 0) {
      const declared = scope.map((s) => `$${s}: [String]`).join(', ');
      const args = scope.map((s) => `${s}: $${s}`).join(', ');
      document = parse(
        `query ${name}(${declared}) { items: ${spec.list}(${args}, limit: ${LIST_CANDIDATES}) { ${spec.key} } }`,
      );
    } else if (spec.search) {
      document = parse(
        `query ${name}($q: String) { items: ${spec.list}(q: $q, limit: ${SEARCH_CANDIDATES}) { ${spec.key} } }`,
      );
    } else {
      document = parse(
        `query ${name} { items: ${spec.list}(limit: ${LIST_CANDIDATES}) { ${spec.key} } }`,
      );
    }
    names.set(id, document);
  }
  return document;
}

/**
 * The objects of `kind` whose key is one of `$values`, within optional extra filters
 * (e.g. the interfaces named X of device Y): for filters Nautobot does not validate.
 */
export function existsQuery(kind: FilterKind, scope: readonly string[] = []): DocumentNode {
  const id = `${kind}:${scope.join(',')}`;
  let document = exists.get(id);
  if (!document) {
    const spec: KindSpec = FILTER_KIND_SPECS[kind];
    const declared = ['$values: [String]', ...scope.map((s) => `$${s}: [String]`)].join(', ');
    const args = [`${spec.key}: $values`, ...scope.map((s) => `${s}: $${s}`)].join(', ');
    document = parse(
      `query nautobot_mcp_${kind}_exists(${declared}) { items: ${spec.list}(${args}) { id ${spec.key} } }`,
    );
    exists.set(id, document);
  }
  return document;
}
