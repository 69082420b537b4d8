import { invalidArguments } from '@nautobot-mcp/common';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Parses a caller's raw GraphQL and checks it is one read-only query no deeper than
 * `maxDepth` fields (fragments expanded): anything else is a 400 naming the reason.
 */
export function checkRawQuery(text: string, maxDepth: number): DocumentNode {
  const bad = (message: string) => invalidArguments([{ field: 'query', message }]);
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    const where = error instanceof GraphQLError ? error.locations?.[0] : undefined;
    throw bad(
      `not valid GraphQL${where ? ` (line ${where.line}, column ${where.column})` : ''}: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operations = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    } else if (definition.kind === Kind.OPERATION_DEFINITION) {
      operations++;
      if (definition.operation !== OperationTypeNode.QUERY) {
        throw bad(
          `only queries are allowed, not a ${definition.operation}; this tool is read-only`,
        );
      }
    } else {
      throw bad(`only one query (and its fragments) is allowed, not a ${definition.kind}`);
    }
  }
  if (operations !== 1) {
    throw bad(`must contain exactly one query, found ${operations}`);
  }
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  const depth = depthOf(operation.selectionSet, fragments, []);
  if (depth > maxDepth) {
    throw bad(
      `nests fields ${depth} deep; at most ${maxDepth} (RAW_GRAPHQL_MAX_DEPTH) are allowed`,
    );
  }
  return document;
}

/** Deepest field nesting below a selection set; fragment spreads are expanded. */
function depthOf(
  set: SelectionSetNode | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  path: readonly string[],
): number {
  let deepest = 0;
  for (const selection of set?.selections ?? []) {
    let depth: number;
    if (selection.kind === Kind.FIELD) {
      depth = selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, path) : 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = depthOf(selection.selectionSet, fragments, path);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment) {
        throw invalidArguments([{ field: 'query', message: `unknown fragment "${name}"` }]);
      }
      if (path.includes(name)) {
        throw invalidArguments([{ field: 'query', message: `fragment "${name}" spreads itself` }]);
      }
      depth = depthOf(fragment.selectionSet, fragments, [...path, name]);
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}
