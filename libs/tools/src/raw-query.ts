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

/** The limits a raw query must stay within (RAW_GRAPHQL_MAX_*). */
export interface RawQueryLimits {
  /** Deepest field nesting. */
  maxDepth: number;
  /** Most aliases, fragments expanded. */
  maxAliases: number;
  /** Most fields, fragments expanded (bounds breadth and fragment fan-out). */
  maxFields: number;
  /** Most lexical tokens; parsing stops there. */
  maxTokens: number;
}

/** What a selection set costs once its fragments are expanded. */
interface Cost {
  depth: number;
  fields: number;
  aliases: number;
}

/**
 * Parses a caller's raw GraphQL and checks it is one read-only query within the limits
 * (depth, aliases and fields counted with fragments expanded; tokens): anything else is a
 * 400 naming each reason. Linear in the query text: each fragment is measured once.
 */
export function checkRawQuery(text: string, limits: RawQueryLimits): DocumentNode {
  const bad = (message: string) => invalidArguments([{ field: 'query', message }]);
  let document: DocumentNode;
  try {
    document = parse(text, { maxTokens: limits.maxTokens });
  } catch (error) {
    if (
      error instanceof GraphQLError &&
      /contains more th(?:an|at) \d+ tokens/.test(error.message)
    ) {
      throw bad(
        `has more than ${limits.maxTokens} tokens (RAW_GRAPHQL_MAX_TOKENS); ask for fewer fields or values`,
      );
    }
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
  const cost = new CostWalker(fragments).of(operation.selectionSet);
  const over: string[] = [];
  if (cost.depth > limits.maxDepth) {
    over.push(
      `nests fields ${cost.depth} deep; at most ${limits.maxDepth} (RAW_GRAPHQL_MAX_DEPTH) are allowed`,
    );
  }
  if (cost.fields > limits.maxFields) {
    over.push(
      `selects ${cost.fields} fields with fragments expanded; at most ${limits.maxFields} (RAW_GRAPHQL_MAX_FIELDS) are allowed`,
    );
  }
  if (cost.aliases > limits.maxAliases) {
    over.push(
      `uses ${cost.aliases} aliases with fragments expanded; at most ${limits.maxAliases} (RAW_GRAPHQL_MAX_ALIASES) are allowed`,
    );
  }
  if (over.length > 0) {
    throw bad(`${over.join('; it also ')}. Split it into smaller queries.`);
  }
  return document;
}

/** Measures selection sets, each fragment once (memoised), so fan-out costs nothing extra. */
class CostWalker {
  private readonly measured = new Map<string, Cost>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>) {}

  of(set: SelectionSetNode | undefined): Cost {
    const total: Cost = { depth: 0, fields: 0, aliases: 0 };
    for (const selection of set?.selections ?? []) {
      let inner: Cost;
      if (selection.kind === Kind.FIELD) {
        const below = this.of(selection.selectionSet);
        inner = {
          depth: 1 + below.depth,
          fields: 1 + below.fields,
          aliases: (selection.alias ? 1 : 0) + below.aliases,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.of(selection.selectionSet);
      } else {
        inner = this.fragment(selection.name.value);
      }
      total.depth = Math.max(total.depth, inner.depth);
      // Sums can grow exponentially with fan-out; cap them so they stay exact integers.
      total.fields = Math.min(total.fields + inner.fields, Number.MAX_SAFE_INTEGER);
      total.aliases = Math.min(total.aliases + inner.aliases, Number.MAX_SAFE_INTEGER);
    }
    return total;
  }

  private fragment(name: string): Cost {
    const known = this.measured.get(name);
    if (known) {
      return known;
    }
    const fragment = this.fragments.get(name);
    if (!fragment) {
      throw invalidArguments([{ field: 'query', message: `unknown fragment "${name}"` }]);
    }
    if (this.inProgress.has(name)) {
      throw invalidArguments([{ field: 'query', message: `fragment "${name}" spreads itself` }]);
    }
    this.inProgress.add(name);
    const cost = this.of(fragment.selectionSet);
    this.inProgress.delete(name);
    this.measured.set(name, cost);
    return cost;
  }
}
