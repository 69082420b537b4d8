/**
 * graphql-core 3 (the stack Nautobot 3.x runs) on top of graphql-js 16: graphql-core 3.2 is a
 * port of graphql-js 16, with the same rules, coercion and wording. Where graphql-js quotes a
 * name or shows a runtime value as JSON (`"nam"`, `{ a: 1 }`, `true`), graphql-core 3 uses
 * Python (`'nam'`, `{'a': 1}`, `True`); printed GraphQL literals (`"ten"` in a query) stay as
 * GraphQL prints them.
 */
import { GraphQLError, Kind, print, type ASTNode, type OperationTypeNode } from 'graphql';
import { pyStrRepr } from '../util/py.js';
import type { FormattedError } from './compat.js';

const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/** Rewrites the JSON-quoted strings of a graphql-js message as Python reprs (`"nam"` → `'nam'`). */
export function pythonQuotes(message: string): string {
  return message.replace(JSON_STRING, (literal) => {
    try {
      return pyStrRepr(JSON.parse(literal) as string);
    } catch {
      return literal;
    }
  });
}

/** graphql-js `inspect()` of a JSON value (as its messages show variable values). */
export function jsInspect(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(jsInspect).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length === 0
      ? '{}'
      : `{ ${entries.map(([k, v]) => `${k}: ${jsInspect(v)}`).join(', ')} }`;
  }
  // JSON has nothing else but numbers, booleans and null.
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : 'null';
}

/** graphql-core 3 `inspect()` of a JSON value: Python's repr. */
export function pyInspect(value: unknown): string {
  if (value === null || value === undefined) {
    return 'None';
  }
  if (typeof value === 'string') {
    return pyStrRepr(value);
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (Array.isArray(value)) {
    return `[${value.map(pyInspect).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${pyStrRepr(k)}: ${pyInspect(v)}`).join(', ')}}`;
  }
  // JSON has nothing else but numbers.
  return typeof value === 'number' ? String(value) : 'None';
}

/** Replaces the `keep` texts as mapped and converts the quotes of everything else. */
function rewrite(message: string, keep: Map<string, string>): string {
  const keys = [...keep.keys()].filter(Boolean).sort((a, b) => b.length - a.length);
  if (keys.length === 0) {
    return pythonQuotes(message);
  }
  const escaped = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return message
    .split(new RegExp(`(${escaped.join('|')})`))
    .map((part, i) => (i % 2 === 1 ? (keep.get(part) ?? part) : pythonQuotes(part)))
    .join('');
}

const VALUE_KINDS = new Set<string>([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

const VARIABLE_ERROR =
  /^Variable "\$(\w+)" got invalid value .*?(?: at "\w+((?:\[\d+\]|\.\w+)*)")?; /s;

/** The part of a variable's value a path like `[1]` or `.size` points at. */
function at(value: unknown, path: string): unknown {
  let v = value;
  for (const [, index, key] of path.matchAll(/\[(\d+)\]|\.(\w+)/g)) {
    v = (v as Record<string, unknown> | undefined)?.[index ?? key];
  }
  return v;
}

/**
 * A graphql-js error as graphql-core 3 formats it: message, locations, path. What a resolver
 * raised (already Python's text) is kept as it is.
 */
export function formatCore3Error(
  error: GraphQLError,
  variables: Record<string, unknown> = {},
): FormattedError {
  const own = !error.originalError || error.originalError instanceof GraphQLError;
  let message = error.message;
  if (own) {
    const keep = new Map<string, string>();
    for (const node of (error.nodes ?? []) as ASTNode[]) {
      if (VALUE_KINDS.has(node.kind)) {
        const printed = print(node);
        keep.set(printed, printed);
      }
    }
    const variable = VARIABLE_ERROR.exec(message);
    if (variable && variable[1] in variables) {
      const value = at(variables[variable[1]], variable[2] ?? '');
      keep.set(jsInspect(value), pyInspect(value));
    }
    message = rewrite(message, keep);
  }
  const out: FormattedError = { message };
  if (error.locations?.length) {
    out.locations = error.locations.map(({ line, column }) => ({ line, column }));
  }
  if (error.path) {
    out.path = [...error.path];
  }
  return out;
}

/** graphene-django 3's refusal of a non-query operation (it prints Python's `OperationType` enum). */
export function unsupportedOperation(operation: OperationTypeNode): FormattedError {
  return {
    message: `'OperationType.${operation.toUpperCase()}' is not a supported operation, Only query are supported.`,
  };
}
