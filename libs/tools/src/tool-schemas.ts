/** A JSON Schema (2020-12) object as MCP and `GET /tools` publish it. */
export type JsonSchema = Record<string, unknown>;

type Schemas = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';

/**
 * Converts one OpenAPI 3.0 component schema into a self-contained JSON Schema:
 * `$ref`s are inlined, `nullable` becomes a `null` type and `example` becomes
 * `examples`, so strict JSON Schema validators (MCP clients) accept it.
 */
export function toJsonSchema(schemas: Schemas, name: string): JsonSchema {
  const root = schemas[name];
  if (!root) {
    throw new Error(`OpenAPI document has no schema ${name}`);
  }
  return convert(root, schemas, [name]) as JsonSchema;
}

function convert(node: unknown, schemas: Schemas, seen: string[]): unknown {
  if (Array.isArray(node)) {
    return node.map((n) => convert(n, schemas, seen));
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const source = node as Record<string, unknown>;
  const ref = source.$ref;
  if (typeof ref === 'string' && ref.startsWith(REF_PREFIX)) {
    const target = ref.slice(REF_PREFIX.length);
    if (seen.includes(target)) {
      throw new Error(`recursive schema ${target} cannot be inlined`);
    }
    return convert(schemas[target], schemas, [...seen, target]);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example') {
      continue;
    }
    out[key] =
      key === 'properties' ||
      key === 'items' ||
      key === 'additionalProperties' ||
      key === 'allOf' ||
      key === 'oneOf' ||
      key === 'anyOf'
        ? key === 'properties'
          ? Object.fromEntries(
              Object.entries(value as Record<string, unknown>).map(([p, v]) => [
                p,
                convert(v, schemas, seen),
              ]),
            )
          : convert(value, schemas, seen)
        : value;
  }
  if (source.example !== undefined) {
    out.examples = [source.example];
  }
  if (source.nullable === true && Array.isArray(out.allOf)) {
    // A nullable `$ref` (OpenAPI: nullable + allOf): `type: [object, null]` would not
    // help, since allOf still demands an object, so null becomes its own branch.
    const { allOf, type, ...rest } = out;
    return { ...rest, anyOf: [{ ...(type !== undefined && { type }), allOf }, { type: 'null' }] };
  }
  if (source.nullable === true && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) {
      out.enum = [...(out.enum as unknown[]), null];
    }
  }
  return out;
}
