import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageInfo } from '@nautobot-mcp/common';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** A query file loaded at start-up. */
export interface LoadedQuery {
  /** File name without `.graphql`; the name tools refer to. */
  name: string;
  /** Where it was read from (the user's QUERIES_DIR copy or the packaged file). */
  path: string;
  /** Whether the user's QUERIES_DIR supplied it. */
  custom: boolean;
  document: DocumentNode;
  /** The top-level field the tool reads, e.g. `prefixes`. */
  rootField: string;
  /** Variables the operation declares, without `$`. */
  variables: Set<string>;
  /**
   * Response keys (alias or name) the root field selects, in file order, with fragments
   * expanded: the fields a row of this query has, e.g. `id`, `prefix`, `status`.
   */
  selection: string[];
}

/** Start-up failure in the query files: one line per problem, naming the file. */
export class QueryFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'QueryFileError';
  }
}

/** The `graphql/` folder shipped with the package. */
export function packagedQueriesDir(): string {
  return join(packageInfo().root, 'graphql');
}

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
}

function syntaxProblem(path: string, error: unknown): string {
  if (error instanceof GraphQLError) {
    const where = error.locations?.[0];
    return `${path}${where ? `:${where.line}:${where.column}` : ''}: ${error.message}`;
  }
  return `${path}: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The response keys a selection set yields, in order, with fragment spreads and inline
 * fragments expanded: a row of the query has exactly these fields (the CSV columns).
 * A spread of a fragment the file does not define, or a fragment cycle, is a start-up
 * error naming the file.
 */
function responseKeys(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  path: string,
  visiting: readonly string[] = [],
): string[] {
  const keys: string[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      keys.push(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      keys.push(...responseKeys(selection.selectionSet, fragments, path, visiting));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment) {
        throw new QueryFileError([
          `${path}: the query spreads ...${name}, but the file defines no fragment ${name} (each query file must define the fragments it uses)`,
        ]);
      }
      if (visiting.includes(name)) {
        throw new QueryFileError([
          `${path}: fragment ${name} spreads itself (${[...visiting, name].join(' -> ')})`,
        ]);
      }
      keys.push(...responseKeys(fragment.selectionSet, fragments, path, [...visiting, name]));
    }
  }
  return [...new Set(keys)];
}

function compile(name: string, path: string, custom: boolean): LoadedQuery {
  const source = readFileSync(path, 'utf8');
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    throw new QueryFileError([syntaxProblem(path, error)]);
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1) {
    throw new QueryFileError([
      `${path}: must contain exactly one operation, found ${operations.length}`,
    ]);
  }
  const [operation] = operations;
  if (operation.operation !== OperationTypeNode.QUERY) {
    throw new QueryFileError([
      `${path}: only queries are allowed (found a ${operation.operation}); this server is read-only`,
    ]);
  }
  const root = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  if (!root || root.kind !== Kind.FIELD) {
    throw new QueryFileError([`${path}: the query selects no top-level field`]);
  }
  const variables = new Set(operation.variableDefinitions?.map((v) => v.variable.name.value));
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const selection = root.selectionSet ? responseKeys(root.selectionSet, fragments, path) : [];
  return {
    name,
    path,
    custom,
    document,
    rootField: root.alias?.value ?? root.name.value,
    variables,
    selection,
  };
}

/**
 * Every GraphQL query the tools run, read once at start-up: the packaged files, with
 * the user's QUERIES_DIR copies winning file by file. Any unreadable or invalid file
 * stops start-up with the path and the GraphQL syntax error.
 */
export class QueryCatalog {
  private readonly queries = new Map<string, LoadedQuery>();

  constructor(options: { queriesDir?: string; packagedDir?: string } = {}) {
    const packagedDir = options.packagedDir ?? packagedQueriesDir();
    const problems: string[] = [];
    const sources = new Map<string, { path: string; custom: boolean }>();
    for (const file of graphqlFiles(packagedDir)) {
      sources.set(file.slice(0, -'.graphql'.length), {
        path: join(packagedDir, file),
        custom: false,
      });
    }
    if (options.queriesDir) {
      const dir = resolve(options.queriesDir);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        throw new QueryFileError([`QUERIES_DIR ${dir}: not a directory`]);
      }
      for (const file of graphqlFiles(dir)) {
        sources.set(file.slice(0, -'.graphql'.length), { path: join(dir, file), custom: true });
      }
    }
    for (const [name, { path, custom }] of sources) {
      try {
        this.queries.set(name, compile(name, path, custom));
      } catch (error) {
        problems.push(...(error instanceof QueryFileError ? error.problems : [String(error)]));
      }
    }
    if (problems.length > 0) {
      throw new QueryFileError(problems);
    }
  }

  /** The loaded query, or a start-up error naming the file a tool expects. */
  get(name: string): LoadedQuery {
    const query = this.queries.get(name);
    if (!query) {
      throw new QueryFileError([`query file ${name}.graphql is missing`]);
    }
    return query;
  }

  /**
   * Checks at start-up that a tool's query declares the variables the tool sets,
   * so an edited file cannot silently drop paging or filtering.
   */
  require(name: string, variables: readonly string[]): LoadedQuery {
    const query = this.get(name);
    const missing = variables.filter((v) => !query.variables.has(v));
    if (missing.length > 0) {
      throw new QueryFileError([
        `${query.path}: the query must declare ${missing.map((v) => `$${v}`).join(', ')} (the tool sets ${variables.map((v) => `$${v}`).join(', ')})`,
      ]);
    }
    return query;
  }

  /** The operation names the query files declare (metric labels of their requests). */
  operationNames(): string[] {
    return [...this.queries.values()].flatMap((q) =>
      q.document.definitions.flatMap((d) =>
        d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
      ),
    );
  }

  /** All loaded queries, for check-config. */
  list(): LoadedQuery[] {
    return [...this.queries.values()];
  }
}
