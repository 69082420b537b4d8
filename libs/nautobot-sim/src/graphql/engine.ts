import {
  GraphQLError,
  OperationTypeNode,
  buildSchema,
  executeSync,
  validate,
  getNamedType,
  getOperationAST,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { Dataset } from '../data/dataset.js';
import { enumName } from '../data/enums.js';
import type { Coll, DeviceRec, LocationRec, PrefixRec, VLANRec } from '../data/types.js';
import { resolveList, resolveSingle, type ModelDef } from '../filters.js';
import { EXTRA_REST_PATHS, MODELS } from '../models.js';
import {
  coerceVariables,
  convertSyntaxError,
  formatError,
  legacyOnlySyntaxError,
  validateLegacy,
  type FormattedError,
  type NodeError,
} from './compat.js';
import { formatCore3Error, unsupportedOperation } from './core3.js';
import { SCHEMA_SDL } from './schema-sdl.js';

/** The GraphQL library whose texts and coercion to mimic: graphql-core 2 (Nautobot 2.x) or 3. */
export type GraphQLDialect = 'graphql-core-2' | 'graphql-core-3';

/** Per-request execution context. */
interface Ctx {
  db: Dataset;
  /** `http://host` used for `url` fields. */
  baseUrl: string;
}

type Resolver = (source: unknown, args: Record<string, unknown>, ctx: Ctx) => unknown;

let schema: GraphQLSchema | undefined;

/** The (process-wide, data-independent) GraphQL schema. */
export function getSchema(): GraphQLSchema {
  schema ??= buildSchema(SCHEMA_SDL);
  return schema;
}

const MODEL_BY_TYPE = new Map<string, ModelDef>(MODELS.map((m) => [m.typeName, m]));

const REST_PATHS: Record<string, string> = {
  ...Object.fromEntries(MODELS.map((m) => [m.typeName, m.restPath])),
  ...EXTRA_REST_PATHS,
};

function convenienceLocation(source: unknown): unknown {
  const locations = (source as PrefixRec | VLANRec).locations;
  if (locations.length > 1) {
    throw new Error('Multiple Location objects returned. Please refer to locations.');
  }
  return locations[0] ?? null;
}

function buildResolvers(s: GraphQLSchema): Map<string, Map<string, Resolver>> {
  const map = new Map<string, Map<string, Resolver>>();
  const set = (type: string, field: string, r: Resolver) => {
    let inner = map.get(type);
    if (!inner) {
      inner = new Map();
      map.set(type, inner);
    }
    inner.set(field, r);
  };
  for (const m of MODELS) {
    set('Query', m.key, (_s, args, ctx) =>
      resolveList(m, ctx.db.table(m.key), args, ctx.db, false),
    );
    set('Query', m.single, (_s, args, ctx) => resolveSingle(m.key, args.id, ctx.db));
  }
  for (const type of Object.values(s.getTypeMap())) {
    if (!isObjectType(type) || type.name === 'Query' || type.name.startsWith('__')) {
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      const nullable = isNonNullType(field.type) ? field.type.ofType : field.type;
      const child = MODEL_BY_TYPE.get(getNamedType(field.type).name);
      if (child && isListType(nullable) && field.args.some((a) => a.name === 'limit')) {
        const name = field.name;
        set(type.name, name, (source, args, ctx) =>
          resolveList(child, (source as Record<string, Coll<unknown>>)[name], args, ctx.db, true),
        );
      }
    }
    const path = REST_PATHS[type.name];
    if (path) {
      set(
        type.name,
        'url',
        (source, _args, ctx) => `${ctx.baseUrl}/api/${path}/${(source as { id: string }).id}/`,
      );
    }
  }
  set('PrefixType', 'location', convenienceLocation);
  set('VLANType', 'location', convenienceLocation);
  set('DeviceType', 'primary_ip', (source) => {
    const d = source as DeviceRec;
    return d.primary_ip6 ?? d.primary_ip4;
  });
  // A TimeZoneField has choices, so graphene-django serves it as an enum (`EUROPE_AMSTERDAM`);
  // filters keep taking the IANA name the record holds.
  set('LocationType', 'time_zone', (source) => {
    const zone = (source as LocationRec).time_zone;
    return zone ? enumName(zone) : null;
  });
  set('DeviceType', 'all_interfaces', (source) => (source as DeviceRec).interfaces);
  set('DeviceType', 'vc_interfaces', (source) => (source as DeviceRec).interfaces);
  return map;
}

let resolvers: Map<string, Map<string, Resolver>> | undefined;

const fieldResolver: GraphQLFieldResolver<unknown, Ctx> = (source, args, ctx, info) => {
  resolvers ??= buildResolvers(info.schema);
  const resolver = resolvers.get(info.parentType.name)?.get(info.fieldName);
  if (resolver) {
    return resolver(source, args as Record<string, unknown>, ctx);
  }
  return (source as Record<string, unknown>)[info.fieldName] ?? null;
};

/** A GraphQL response: HTTP status and JSON body (errors before data, as graphene-django writes it). */
export interface GraphQLOutcome {
  status: number;
  body: { errors?: FormattedError[]; data?: unknown };
}

type ParsedDoc =
  { syntax: FormattedError } | { document: DocumentNode; validation?: FormattedError[] };

const CACHE_LIMIT = 500;

function bad(errors: FormattedError[]): GraphQLOutcome {
  return { status: 400, body: { errors } };
}

/** Executes queries against one dataset, with a parse/validation cache keyed by query text. */
export class GraphQLEngine {
  private readonly cache = new Map<string, ParsedDoc>();
  private readonly schema = getSchema();

  constructor(
    private readonly db: Dataset,
    private readonly dialect: GraphQLDialect = 'graphql-core-2',
  ) {}

  private parsed(query: string): ParsedDoc {
    const hit = this.cache.get(query);
    if (hit) {
      this.cache.delete(query);
      this.cache.set(query, hit);
      return hit;
    }
    const doc = this.dialect === 'graphql-core-3' ? parseCore3(query) : parseCore2(query);
    this.cache.set(query, doc);
    if (this.cache.size > CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) {
        this.cache.delete(oldest);
      }
    }
    return doc;
  }

  /** Runs one GraphQL request the way Nautobot's GraphQLDRFAPIView does. */
  run(
    query: string,
    variables: Record<string, unknown>,
    operationName: string | undefined,
    baseUrl: string,
  ): GraphQLOutcome {
    const doc = this.parsed(query);
    if ('syntax' in doc) {
      return bad([doc.syntax]);
    }
    const { document } = doc;
    const core3 = this.dialect === 'graphql-core-3';
    const operation = getOperationAST(document, operationName);
    if (operation && operation.operation !== OperationTypeNode.QUERY) {
      return bad([
        core3
          ? unsupportedOperation(operation.operation)
          : {
              message: `'${operation.operation}' is not a supported operation, Only query are supported.`,
            },
      ]);
    }
    doc.validation ??= core3
      ? validate(this.schema, document).map((e) => formatCore3Error(e))
      : validateLegacy(this.schema, document).map((e: NodeError) =>
          formatError(query, e.message, e.nodes),
        );
    if (doc.validation.length > 0) {
      return bad(doc.validation);
    }
    // graphql-core 3 coerces variables as graphql-js does (strictly) inside execute.
    let variableValues: Record<string, unknown> = variables;
    if (operation && !core3) {
      const coerced = coerceVariables(this.schema, operation, variables);
      if ('error' in coerced) {
        return bad([formatError(query, coerced.error.message, coerced.error.nodes)]);
      }
      variableValues = coerced.values;
    }
    const result = executeSync({
      schema: this.schema,
      document,
      variableValues,
      operationName,
      contextValue: { db: this.db, baseUrl } satisfies Ctx,
      fieldResolver,
    });
    const errors = result.errors?.map((e) =>
      core3 ? formatCore3Error(e, variables) : formatError(query, e.message, e.nodes, e.path),
    );
    if (!('data' in result)) {
      return bad(errors ?? []);
    }
    return { status: 200, body: errors ? { errors, data: result.data } : { data: result.data } };
  }
}

/** graphql-core 2 parsing: its syntax error texts, and constructs it rejects (`null` literals). */
function parseCore2(query: string): ParsedDoc {
  try {
    const document = parse(query);
    const legacy = legacyOnlySyntaxError(document, query);
    return legacy ? { syntax: legacy } : { document };
  } catch (e) {
    if (!(e instanceof GraphQLError)) {
      throw e;
    }
    return { syntax: convertSyntaxError(e, query) };
  }
}

/** graphql-core 3 parsing: graphql-js's, with Python quotes in the syntax error text. */
function parseCore3(query: string): ParsedDoc {
  try {
    return { document: parse(query) };
  } catch (e) {
    if (!(e instanceof GraphQLError)) {
      throw e;
    }
    return { syntax: formatCore3Error(e) };
  }
}
