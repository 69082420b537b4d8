import type { Options } from 'csv-stringify';

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first). Such
 * cells get a leading apostrophe, as OWASP recommends against CSV injection.
 */
const FORMULA = /^[=+\-@\t\r]/;

/** One CSV cell: lists joined with ", ", objects as JSON, null as empty. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return guard(
      value
        .map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)))
        .join(', '),
    );
  }
  if (typeof value === 'object') {
    return guard(JSON.stringify(value));
  }
  if (typeof value === 'string') {
    return guard(value);
  }
  // Numbers, booleans, bigints.
  return `${value as number | boolean | bigint}`;
}

function guard(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

/** A record of `columns` from a flat item. */
export function csvRecord(item: object, columns: readonly string[]): string[] {
  const source = item as Record<string, unknown>;
  return columns.map((c) => csvCell(source[c]));
}

/**
 * csv-stringify options of every export: RFC 4180, CRLF, header row. csv-stringify
 * quotes a field holding the delimiter, a quote or the whole CRLF; a lone LF or CR must
 * be quoted too, or a spreadsheet reads it as the end of the row (a forged row, whose
 * first cell may be a live formula).
 */
export function csvOptions(columns: readonly string[]): Options {
  return {
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  };
}
