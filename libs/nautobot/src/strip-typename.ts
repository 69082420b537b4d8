/**
 * Apollo adds `__typename` to every selection; results should show only what the
 * query file asks for, so it is removed before mapping.
 */
export function stripTypename(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(stripTypename);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key !== '__typename') {
        out[key] = stripTypename(item);
      }
    }
    return out;
  }
  return value;
}
