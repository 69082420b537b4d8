import { invalidArguments } from '@nautobot-mcp/common';
import type { Type } from '@nestjs/common';

/**
 * Where @nestjs/swagger keeps the property names of a DTO (`@ApiProperty`); the
 * package does not export its constants, and the key is part of its stable metadata.
 */
const SWAGGER_PROPERTIES = 'swagger/apiModelPropertiesArray';

/** What a list tool's items look like, for `fields` and `brief`. */
export interface ItemShape {
  /** The item DTO class; its properties are the fields a caller may choose. */
  item: Type<object>;
  /** The fields `brief: true` keeps: id, the name (or prefix/address/cid) and one key attribute. */
  brief: readonly string[];
}

/** The property names an item DTO documents, in declaration order. */
export function itemFieldNames(item: Type<object>): string[] {
  const names = (Reflect.getMetadata(SWAGGER_PROPERTIES, item.prototype as object) ??
    []) as string[];
  return names.map((n) => n.replace(/^:/, ''));
}

/** The caller's choice of columns. */
export interface OutputChoice {
  fields?: string[];
  brief?: boolean;
}

/** Picks the chosen fields of an item, in the chosen order. */
export type Projection = (item: object) => object;

/**
 * Checks `fields`/`brief` against the item's fields (the DTO's plus those the query
 * file adds) and returns the projection to apply, or undefined for whole items.
 * An unknown field is a 400 naming it and listing the valid ones.
 */
export function projectionOf(
  shape: ItemShape,
  extraFields: readonly string[],
  choice: OutputChoice,
): Projection | undefined {
  if (choice.fields && choice.brief) {
    throw invalidArguments([{ field: 'brief', message: 'use either fields or brief, not both' }]);
  }
  if (choice.brief) {
    return pick(shape.brief);
  }
  if (!choice.fields) {
    return undefined;
  }
  const valid = [...new Set([...itemFieldNames(shape.item), ...extraFields])];
  const unknown = choice.fields.filter((f) => !valid.includes(f));
  if (unknown.length > 0) {
    throw invalidArguments([
      {
        field: 'fields',
        message: `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `"${f}"`).join(', ')}; valid fields: ${valid.join(', ')}`,
      },
    ]);
  }
  return pick([...new Set(choice.fields)]);
}

function pick(keys: readonly string[]): Projection {
  return (item) => {
    const source = item as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      if (key in source) {
        out[key] = source[key];
      }
    }
    return out;
  };
}

/** The fingerprint part of the output choice, so a cursor stays bound to it. */
export function choiceKey(choice: OutputChoice): string {
  if (choice.brief) {
    return 'brief';
  }
  return choice.fields ? `fields:${[...new Set(choice.fields)].sort().join(',')}` : 'all';
}

/** UTF-8 size of a value as JSON. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * How many leading items fit in `budget` bytes of JSON array content (items and the
 * commas between them). Always at least one, so paging makes progress even when a
 * single item is larger than the budget.
 */
export function itemsWithin(items: readonly unknown[], budget: number): number {
  if (items.length === 0) {
    return 0;
  }
  // One stringify of the whole page is the common case: it fits.
  if (jsonBytes(items) - 2 <= budget) {
    return items.length;
  }
  let used = 0;
  for (let i = 0; i < items.length; i++) {
    used += jsonBytes(items[i]) + (i > 0 ? 1 : 0);
    if (used > budget) {
      return Math.max(1, i);
    }
  }
  return items.length;
}
