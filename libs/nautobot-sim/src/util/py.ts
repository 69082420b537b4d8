/** Python `repr()` of a str (quote choice and escapes as CPython does for common characters). */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') {
      out += '\\\\';
    } else if (ch === quote) {
      out += `\\${quote}`;
    } else if (ch === '\n') {
      out += '\\n';
    } else if (ch === '\r') {
      out += '\\r';
    } else if (ch === '\t') {
      out += '\\t';
    } else if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else if (code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16)}`;
    } else {
      out += ch;
    }
  }
  return out + quote;
}

/** Python `repr()`/`str()` of a JSON-like value (lists, dicts, str, numbers, bools, None). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) {
    return 'None';
  }
  if (typeof value === 'string') {
    return pyStrRepr(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(pyRepr).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${pyStrRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return typeof value === 'function' ? '<function>' : 'None';
}

/** `str()` of a Python dict of error lists, e.g. `{'location': ['Select a valid choice. …']}`. */
export function pyErrorDict(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([k, msg]) => `${pyStrRepr(k)}: [${pyStrRepr(msg)}]`).join(', ')}}`;
}

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') {
      out += '\\"';
    } else if (ch === '\\') {
      out += '\\\\';
    } else if (ch === '\n') {
      out += '\\n';
    } else if (ch === '\r') {
      out += '\\r';
    } else if (ch === '\t') {
      out += '\\t';
    } else if (ch === '\b') {
      out += '\\b';
    } else if (ch === '\f') {
      out += '\\f';
    } else if (c < 0x20 || c > 0x7e) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

/** Python `json.dumps(value, sort_keys=sortKeys)` with the default separators and ensure_ascii. */
export function pyJsonDumps(value: unknown, sortKeys = false): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  if (typeof value === 'string') {
    return jsonString(value);
  }
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? String(value)
      : value > 0
        ? 'Infinity'
        : value < 0
          ? '-Infinity'
          : 'NaN';
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => pyJsonDumps(v, sortKeys)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (sortKeys) {
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    }
    return `{${entries.map(([k, v]) => `${jsonString(k)}: ${pyJsonDumps(v, sortKeys)}`).join(', ')}}`;
  }
  return 'null';
}

// Python's str.splitlines() boundaries: \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029.
const LINE_BREAK = new RegExp(
  `\r\n|[\n\r\v\f${String.fromCharCode(0x1c, 0x1d, 0x1e)}\x85\u2028\u2029]`,
);

/** Python `str.splitlines()` (no keepends). */
export function pySplitlines(s: string): string[] {
  if (s === '') {
    return [];
  }
  const parts = s.split(LINE_BREAK);
  if (parts.length > 1 && parts[parts.length - 1] === '') {
    parts.pop();
  }
  return parts;
}

/** Number of code points (Python `len()` of a str). */
export function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) {
    n++;
  }
  return n;
}
