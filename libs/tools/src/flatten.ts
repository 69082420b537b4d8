import type { NautobotRow } from '@nautobot-mcp/nautobot';

type Nested = Record<string, unknown> | null | undefined;

/** `{ name }` → name, `null` → null. */
export function nameOf(value: unknown): string | null {
  const name = (value as Nested)?.name;
  return typeof name === 'string' ? name : null;
}

/** `[{ name }, …]` → names. */
export function namesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(nameOf).filter((n): n is string => n !== null) : [];
}

/** A nested object's field, or null. */
export function fieldOf<T>(value: unknown, field: string): T | null {
  const v = (value as Nested)?.[field];
  return v === undefined ? null : (v as T);
}

/** GraphQL enum name → REST-style value: `NETWORK` → `network`, `TAGGED_ALL` → `tagged-all`. */
export function choiceOf(value: unknown): string | null {
  return typeof value === 'string'
    ? value.toLowerCase().replace(/^a_/, '').replace(/_/g, '-')
    : null;
}

/**
 * Flattens a value the tool does not know (a field a user added to a query file):
 * objects holding just `name` (or `address`, `model`) become that string, lists are
 * flattened item by item, other objects keep their shape.
 */
export function flattenExtra(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(flattenExtra);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && ['name', 'address', 'model'].includes(entries[0][0])) {
      return entries[0][1];
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, flattenExtra(v)]));
  }
  return value;
}

/** Copies the fields of `row` that the mapper did not consume, flattened. */
export function withExtras<T extends object>(
  item: T,
  row: NautobotRow,
  consumed: readonly string[],
): T {
  const out = item as Record<string, unknown>;
  for (const [key, value] of Object.entries(row)) {
    if (!consumed.includes(key) && !(key in out)) {
      out[key] = flattenExtra(value);
    }
  }
  return item;
}
