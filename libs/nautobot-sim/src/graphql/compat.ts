/**
 * graphql-core 2 ("legacy", the stack Nautobot 2.x runs) compatibility on top of graphql-js 16:
 * error message texts, error locations, syntax-error rendering, validation rules and variable coercion.
 */
import {
  FragmentsOnCompositeTypesRule,
  GraphQLError,
  GraphQLNonNull,
  KnownDirectivesRule,
  KnownFragmentNamesRule,
  Kind,
  LoneAnonymousOperationRule,
  NoFragmentCyclesRule,
  NoUndefinedVariablesRule,
  NoUnusedFragmentsRule,
  NoUnusedVariablesRule,
  OverlappingFieldsCanBeMergedRule,
  PossibleFragmentSpreadsRule,
  ProvidedRequiredArgumentsRule,
  UniqueArgumentNamesRule,
  UniqueFragmentNamesRule,
  UniqueInputFieldNamesRule,
  UniqueOperationNamesRule,
  UniqueVariableNamesRule,
  VariablesAreInputTypesRule,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isTypeSubTypeOf,
  typeFromAST,
  validate,
  visit,
  type ASTNode,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { pyJsonDumps, pyLen, pyRepr, pySplitlines } from '../util/py.js';

/** An error as rendered in a response body (graphql-core 2 `format_error`). */
export interface FormattedError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
}

// ---------------------------------------------------------------- locations and syntax errors

/** graphql-core 2 `get_location`: line/column from `body[:pos].splitlines()` (keeps its quirk at column 1). */
export function legacyLocation(body: string, position: number): { line: number; column: number } {
  const lines = pySplitlines(body.slice(0, position));
  if (lines.length === 0) {
    return { line: 1, column: 1 };
  }
  return { line: lines.length, column: pyLen(lines[lines.length - 1]) + 1 };
}

function highlight(body: string, loc: { line: number; column: number }): string {
  const lines = pySplitlines(body.endsWith('\n') ? body : `${body}\n`);
  const padLen = String(loc.line + 1).length;
  const fmt = (n: number, text: string | undefined) =>
    `${String(n).padStart(padLen)}: ${text ?? ''}\n`;
  let out = '';
  if (loc.line >= 2) {
    out += fmt(loc.line - 1, lines[loc.line - 2]);
  }
  out += fmt(loc.line, lines[loc.line - 1]);
  out += `${' '.repeat(1 + padLen + loc.column)}^\n`;
  if (loc.line < lines.length) {
    out += fmt(loc.line + 1, lines[loc.line]);
  }
  return out;
}

/** A graphql-core 2 `GraphQLSyntaxError` rendered as a response error. */
export function legacySyntaxError(
  body: string,
  position: number,
  description: string,
): FormattedError {
  const loc = legacyLocation(body, position);
  return {
    message: `Syntax Error GraphQL (${loc.line}:${loc.column}) ${description}\n\n${highlight(body, loc)}`,
    locations: [loc],
  };
}

function printCharCode(body: string, position: number): string {
  const code = body.codePointAt(position);
  if (code === undefined) {
    return '<EOF>';
  }
  if (code < 0x7f) {
    return pyJsonDumps(String.fromCodePoint(code));
  }
  return `"\\u${code.toString(16).toUpperCase().padStart(4, '0')}"`;
}

const PUNCTUATOR = String.raw`!|\$|&|\(|\)|\.\.\.|:|=|@|\[|\]|\{|\||\}`;

/** Translates a graphql-js 16 syntax error description to graphql-core 2 wording. */
function legacySyntaxDescription(description: string, body: string, position: number): string {
  let d = description.replace(/^Syntax Error: /, '');
  if (/^Unexpected (single quote )?character/.test(d)) {
    return `Unexpected character ${printCharCode(body, position)}.`;
  }
  if (d.startsWith('Invalid character within String')) {
    return `Invalid character within String: ${printCharCode(body, position)}.`;
  }
  if (d.startsWith('Invalid character:')) {
    return `Invalid character ${printCharCode(body, position)}.`;
  }
  if (d.startsWith('Unterminated string')) {
    return 'Unterminated string';
  }
  const escape = /^Invalid (?:character|Unicode) escape sequence: "(.*)"\.$/.exec(d);
  if (escape) {
    return `Invalid character escape sequence: ${escape[1]}.`;
  }
  if (d.startsWith('Invalid number')) {
    return d;
  }
  if (/^Unexpected variable "\$/.test(d)) {
    return 'Unexpected $';
  }
  d = d.replace(/\.$/, '');
  d = d.replace(new RegExp(`(found|Unexpected|Expected) "(${PUNCTUATOR})"`, 'g'), '$1 $2');
  return d.replace(/<EOF>/g, 'EOF').replace(/\bBlockString\b/g, 'String');
}

/** Converts a graphql-js parse error to the graphql-core 2 syntax error. */
export function convertSyntaxError(error: GraphQLError, body: string): FormattedError {
  const position = error.positions?.[0] ?? 0;
  return legacySyntaxError(body, position, legacySyntaxDescription(error.message, body, position));
}

/**
 * Constructs graphql-js accepts but graphql-core 2 rejects while parsing: `null` literals and
 * directives on variable definitions. Returns the syntax error of the first one.
 */
export function legacyOnlySyntaxError(
  document: DocumentNode,
  body: string,
): FormattedError | undefined {
  let found: { position: number; description: string } | undefined;
  const note = (position: number, description: string) => {
    if (!found || position < found.position) {
      found = { position, description };
    }
  };
  visit(document, {
    NullValue(node) {
      note(node.loc?.start ?? 0, 'Unexpected Name "null"');
    },
    VariableDefinition(node) {
      const first = node.directives?.[0];
      if (first) {
        note(first.loc?.start ?? 0, 'Expected $, found @');
      }
    },
  });
  return found ? legacySyntaxError(body, found.position, found.description) : undefined;
}

// ---------------------------------------------------------------- suggestions and printing

function lexicalDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([i]);
  }
  for (let j = 1; j <= b.length; j++) {
    d[0][j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
    }
  }
  return d[a.length][b.length];
}

/** graphql-core 2 `suggestion_list`: Levenshtein within max(len/2, option/2, 1), stable by distance. */
export function suggestionList(input: string, options: readonly string[]): string[] {
  const inputThreshold = input.length / 2;
  const scored: { option: string; distance: number }[] = [];
  for (const option of options) {
    const distance = lexicalDistance(input, option);
    if (distance <= Math.max(inputThreshold, option.length / 2, 1)) {
      scored.push({ option, distance });
    }
  }
  return scored.sort((x, y) => x.distance - y.distance).map((s) => s.option);
}

/** graphql-core 2 `quoted_or_list`: `"a", "b" or "c"` (at most 5, no Oxford comma). */
export function quotedOrList(items: readonly string[]): string {
  const selected = items.slice(0, 5).map((t) => `"${t}"`);
  if (selected.length <= 1) {
    return selected.join('');
  }
  return `${selected.slice(0, -1).join(', ')} or ${selected[selected.length - 1]}`;
}

function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? ` Did you mean ${quotedOrList(suggestions)}?` : '';
}

/** graphql-core 2 `print_ast` of a value literal. */
export function printValue(node: ValueNode): string {
  switch (node.kind) {
    case Kind.VARIABLE:
      return `$${node.name.value}`;
    case Kind.INT:
    case Kind.FLOAT:
    case Kind.ENUM:
      return node.value;
    case Kind.STRING:
      return pyJsonDumps(node.value);
    case Kind.BOOLEAN:
      return node.value ? 'true' : 'false';
    case Kind.NULL:
      return 'null';
    case Kind.LIST:
      return `[${node.values.map(printValue).join(', ')}]`;
    case Kind.OBJECT:
      return `{${node.fields.map((f) => `${f.name.value}: ${printValue(f.value)}`).join(', ')}}`;
  }
}

// ---------------------------------------------------------------- literal and value validity

const MIN_INT = -2147483648;
const MAX_INT = 2147483647;

function literalParses(typeName: string, node: ValueNode, enumOk: boolean): boolean {
  switch (typeName) {
    case 'String':
    case 'UUID':
    case 'DateTime':
    case 'Date':
    case 'Decimal':
      return node.kind === Kind.STRING;
    case 'Int': {
      if (node.kind !== Kind.INT) {
        return false;
      }
      const n = Number(node.value);
      return n >= MIN_INT && n <= MAX_INT;
    }
    case 'Float':
      return node.kind === Kind.INT || node.kind === Kind.FLOAT;
    case 'Boolean':
      return node.kind === Kind.BOOLEAN;
    case 'ID':
      return node.kind === Kind.STRING || node.kind === Kind.INT;
    case 'BigInteger':
      return node.kind === Kind.INT;
    case 'GenericScalar':
      return true;
    default:
      return enumOk;
  }
}

/** graphql-core 2 `is_valid_literal_value`: list of error texts. */
export function literalErrors(type: GraphQLInputType, node: ValueNode | undefined): string[] {
  if (isNonNullType(type)) {
    if (!node || node.kind === Kind.NULL) {
      return [`Expected "${String(type)}", found null.`];
    }
    return literalErrors(type.ofType, node);
  }
  if (!node || node.kind === Kind.NULL || node.kind === Kind.VARIABLE) {
    return [];
  }
  if (isListType(type)) {
    if (node.kind === Kind.LIST) {
      return node.values.flatMap((item, i) =>
        literalErrors(type.ofType, item).map((e) => `In element #${i}: ${e}`),
      );
    }
    return literalErrors(type.ofType, node);
  }
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) {
      return [`Expected "${type.name}", found not an object.`];
    }
    const fields = type.getFields();
    const errors = node.fields
      .filter((f) => !(f.name.value in fields))
      .map((f) => `In field "${f.name.value}": Unknown field.`);
    for (const [name, field] of Object.entries(fields)) {
      const sub = node.fields.find((f) => f.name.value === name)?.value;
      errors.push(...literalErrors(field.type, sub).map((e) => `In field "${name}": ${e}`));
    }
    return errors;
  }
  const enumOk =
    isEnumType(type) && node.kind === Kind.ENUM && type.getValue(node.value) !== undefined;
  if (!literalParses(type.name, node, enumOk)) {
    return [`Expected type "${type.name}", found ${printValue(node)}.`];
  }
  return [];
}

function pyTruthy(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  if (value !== null && typeof value === 'object') {
    return Object.keys(value).length > 0;
  }
  return Boolean(value);
}

/** An exception Python raises while coercing a variable: graphql-core 2 answers its text alone. */
export class PyException extends Error {}

/** Python's type name of a JSON value, for TypeError texts. */
function pyTypeName(value: unknown): string {
  if (Array.isArray(value)) {
    return 'list';
  }
  if (value === null || value === undefined) {
    return 'NoneType';
  }
  if (typeof value === 'string') {
    return 'str';
  }
  if (typeof value === 'boolean') {
    return 'bool';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'int' : 'float';
  }
  return 'dict';
}

const PY_INT = /^[+-]?\d+(?:_\d+)*$/;
const PY_FLOAT =
  /^[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d+(?:_\d+)*|\d+(?:_\d+)*\.)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
const PY_SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/** Python `float(value)`. */
function pyFloat(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'boolean') {
    return Number(value);
  }
  if (typeof value === 'string') {
    const t = value.trim();
    const special = PY_SPECIAL_FLOAT.exec(t);
    if (special) {
      return special[2].toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
    }
    if (PY_FLOAT.test(t)) {
      return Number(t.replace(/_/g, ''));
    }
    throw new PyException(`could not convert string to float: ${pyRepr(value)}`);
  }
  throw new PyException(
    `float() argument must be a string or a real number, not '${pyTypeName(value)}'`,
  );
}

/** Python `int(value)`; with `viaFloat`, graphql-core 2's `int(float(value))` retry for strings. */
function pyIntOf(value: unknown, viaFloat: boolean): number {
  if (typeof value === 'boolean') {
    return Number(value);
  }
  if (typeof value === 'string' && PY_INT.test(value.trim())) {
    return Number(value.trim().replace(/_/g, ''));
  }
  if (typeof value === 'string' && !viaFloat) {
    throw new PyException(`invalid literal for int() with base 10: ${pyRepr(value)}`);
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new PyException(
      `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`,
    );
  }
  const f = pyFloat(value);
  if (Number.isNaN(f)) {
    throw new PyException('cannot convert float NaN to integer');
  }
  if (!Number.isFinite(f)) {
    throw new PyException('cannot convert float infinity to integer');
  }
  return Math.trunc(f);
}

function pyStrOf(value: unknown): string {
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (typeof value === 'string') {
    return value;
  }
  return pyRepr(value);
}

/**
 * A scalar's `parse_value` in Nautobot 2.x (undefined = invalid). graphene maps its built-in
 * scalars to graphql-core 2's own (`coerce_int`, `coerce_float`, `coerce_string`, `bool`),
 * which raise on bad input rather than return None: that text is the whole error.
 */
function parseScalarValue(
  type: GraphQLInputType,
  value: unknown,
): { ok: boolean; value?: unknown } {
  const named = getNamedType(type);
  if (isEnumType(named)) {
    return typeof value === 'string' && named.getValue(value) ? { ok: true, value } : { ok: false };
  }
  switch (named.name) {
    case 'String':
      return { ok: true, value: pyStrOf(value) };
    case 'ID':
      return { ok: true, value: typeof value === 'string' ? value : pyRepr(value) };
    case 'Boolean':
      return { ok: true, value: pyTruthy(value) };
    case 'Int': {
      // coerce_int: an int as it is, else int(value), else int(float(value)); then the range.
      const n = typeof value === 'number' && Number.isInteger(value) ? value : pyIntOf(value, true);
      if (n < MIN_INT || n > MAX_INT) {
        throw new PyException(
          `Int cannot represent non 32-bit signed integer value: ${pyStrOf(value)}`,
        );
      }
      return { ok: true, value: n };
    }
    case 'BigInteger':
      // Nautobot's BigInteger: parse_value = int.
      return { ok: true, value: pyIntOf(value, false) };
    case 'Float':
      return { ok: true, value: pyFloat(value) };
    default:
      return { ok: true, value };
  }
}

function isIterable(value: unknown): boolean {
  return typeof value !== 'string' && value !== null && typeof value === 'object';
}

/** graphql-core 2 `is_valid_value` for variable values. */
function valueErrors(value: unknown, type: GraphQLInputType): string[] {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) {
      return [`Expected "${String(type)}", found null.`];
    }
    return valueErrors(value, type.ofType);
  }
  if (value === null || value === undefined) {
    return [];
  }
  if (isListType(type)) {
    if (isIterable(value)) {
      const items = Array.isArray(value) ? value : Object.keys(value);
      return items.flatMap((item, i) =>
        valueErrors(item, type.ofType).map((e) => `In element #${i}: ${e}`),
      );
    }
    return valueErrors(value, type.ofType);
  }
  if (isInputObjectType(type)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return [`Expected "${type.name}", found not an object.`];
    }
    const fields = type.getFields();
    const obj = value as Record<string, unknown>;
    const errors = Object.keys(obj)
      .filter((k) => !(k in fields))
      .map((k) => `In field "${k}": Unknown field.`);
    for (const [name, field] of Object.entries(fields)) {
      errors.push(...valueErrors(obj[name], field.type).map((e) => `In field "${name}": ${e}`));
    }
    return errors;
  }
  if (!parseScalarValue(type, value).ok) {
    return [`Expected type "${getNamedType(type).name}", found ${pyJsonDumps(value)}.`];
  }
  return [];
}

/** graphql-core 2 `coerce_value` (after validation). */
function coerceValue(type: GraphQLInputType, value: unknown): unknown {
  if (isNonNullType(type)) {
    return coerceValue(type.ofType, value);
  }
  if (value === null || value === undefined) {
    return null;
  }
  if (isListType(type)) {
    if (isIterable(value)) {
      const items = Array.isArray(value) ? value : Object.keys(value);
      return items.map((item) => coerceValue(type.ofType, item));
    }
    return [coerceValue(type.ofType, value)];
  }
  if (isInputObjectType(type)) {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(type.getFields())) {
      if (name in obj) {
        out[name] = coerceValue(field.type, obj[name]);
      }
    }
    return out;
  }
  return parseScalarValue(type, value).value;
}

/** An error in a request before execution, with the AST nodes it points at. */
export interface NodeError {
  message: string;
  nodes: readonly ASTNode[];
}

/**
 * graphql-core 2 `get_variable_values`: the first problem raises (HTTP 400); values are coerced with
 * graphql-core 2's lenient scalar parsing ("10" → 10 for Int), a Python exception on the way is the
 * error text alone (no locations), and null/absent variables are dropped.
 */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  inputs: Record<string, unknown>,
): { values: Record<string, unknown> } | { error: NodeError } {
  const values: Record<string, unknown> = {};
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    const type = typeFromAST(schema, def.type) as GraphQLInputType | undefined;
    if (!type) {
      continue;
    }
    const value = inputs[name];
    if (value === null || value === undefined) {
      if (isNonNullType(type)) {
        return {
          error: {
            message: `Variable "$${name}" of required type "${String(type)}" was not provided.`,
            nodes: [def],
          },
        };
      }
      continue;
    }
    let errors: string[];
    try {
      errors = valueErrors(value, type);
    } catch (e) {
      if (e instanceof PyException) {
        return { error: { message: e.message, nodes: [] } };
      }
      throw e;
    }
    if (errors.length > 0) {
      return {
        error: {
          message: `Variable "$${name}" got invalid value ${pyJsonDumps(value, true)}.\n${errors.join('\n')}`,
          nodes: [def],
        },
      };
    }
    values[name] = coerceValue(type, value);
  }
  return { values };
}

// ---------------------------------------------------------------- validation rules (graphql-core 2 texts)

const ScalarLeafsLegacy: ValidationRule = (context) => ({
  Field(node) {
    const type = context.getType();
    if (!type) {
      return;
    }
    if (isLeafType(getNamedType(type))) {
      if (node.selectionSet) {
        context.reportError(
          new GraphQLError(
            `Field "${node.name.value}" of type "${String(type)}" must not have a sub selection.`,
            { nodes: node.selectionSet },
          ),
        );
      }
    } else if (!node.selectionSet) {
      context.reportError(
        new GraphQLError(
          `Field "${node.name.value}" of type "${String(type)}" must have a sub selection.`,
          { nodes: node },
        ),
      );
    }
  },
});

const FieldsOnCorrectTypeLegacy: ValidationRule = (context) => ({
  Field(node) {
    const type = context.getParentType();
    if (!type || context.getFieldDef()) {
      return;
    }
    const suggestions =
      isObjectType(type) || isInterfaceType(type)
        ? suggestionList(node.name.value, Object.keys(type.getFields()))
        : [];
    context.reportError(
      new GraphQLError(
        `Cannot query field "${node.name.value}" on type "${type.name}".${didYouMean(suggestions)}`,
        { nodes: node },
      ),
    );
  },
});

const KnownArgumentNamesLegacy: ValidationRule = (context) => ({
  Argument(node, _key, _parent, _path, ancestors) {
    const argumentOf = ancestors[ancestors.length - 1] as ASTNode | undefined;
    const name = node.name.value;
    if (argumentOf?.kind === Kind.FIELD) {
      const fieldDef = context.getFieldDef();
      const parentType = context.getParentType();
      if (!fieldDef || !parentType || fieldDef.args.some((a) => a.name === name)) {
        return;
      }
      const suggestions = suggestionList(
        name,
        fieldDef.args.map((a) => a.name),
      );
      context.reportError(
        new GraphQLError(
          `Unknown argument "${name}" on field "${fieldDef.name}" of type "${parentType.name}".${didYouMean(suggestions)}`,
          { nodes: node },
        ),
      );
    } else if (argumentOf?.kind === Kind.DIRECTIVE) {
      const directive = context.getDirective();
      if (!directive || directive.args.some((a) => a.name === name)) {
        return;
      }
      const suggestions = suggestionList(
        name,
        directive.args.map((a) => a.name),
      );
      context.reportError(
        new GraphQLError(
          `Unknown argument "${name}" on directive "@${directive.name}".${didYouMean(suggestions)}`,
          { nodes: node },
        ),
      );
    }
  },
});

const KnownTypeNamesLegacy: ValidationRule = (context) => ({
  NamedType(node) {
    const schema = context.getSchema();
    const name = node.name.value;
    if (!schema.getType(name)) {
      const suggestions = suggestionList(name, Object.keys(schema.getTypeMap()));
      context.reportError(
        new GraphQLError(
          `Unknown type "${name}".${suggestions.length > 0 ? ` Perhaps you meant ${quotedOrList(suggestions)}?` : ''}`,
          { nodes: node },
        ),
      );
    }
  },
});

const ArgumentsOfCorrectTypeLegacy: ValidationRule = (context) => ({
  Argument(node) {
    const argDef = context.getArgument();
    if (argDef) {
      const errors = literalErrors(argDef.type, node.value);
      if (errors.length > 0) {
        context.reportError(
          new GraphQLError(
            `Argument "${node.name.value}" has invalid value ${printValue(node.value)}.\n${errors.join('\n')}`,
            { nodes: node.value },
          ),
        );
      }
    }
    return false;
  },
});

const DefaultValuesOfCorrectTypeLegacy: ValidationRule = (context) => ({
  VariableDefinition(node) {
    const name = node.variable.name.value;
    const defaultValue = node.defaultValue;
    const type = context.getInputType();
    if (type && isNonNullType(type) && defaultValue) {
      context.reportError(
        new GraphQLError(
          `Variable "$${name}" of type "${String(type)}" is required and will not use the default value. Perhaps you meant to use type "${String(type.ofType)}".`,
          { nodes: defaultValue },
        ),
      );
    }
    if (type && defaultValue) {
      const errors = literalErrors(type, defaultValue);
      if (errors.length > 0) {
        context.reportError(
          new GraphQLError(
            `Variable "$${name}" of type "${String(type)}" has invalid default value: ${printValue(defaultValue)}.\n${errors.join('\n')}`,
            { nodes: defaultValue },
          ),
        );
      }
    }
    return false;
  },
});

const VariablesInAllowedPositionLegacy: ValidationRule = (context): ASTVisitor => {
  let defs = new Map<string, VariableDefinitionNode>();
  return {
    OperationDefinition: {
      enter() {
        defs = new Map();
      },
      leave(operation) {
        const schema = context.getSchema();
        for (const { node, type } of context.getRecursiveVariableUsages(operation)) {
          const name = node.name.value;
          const def = defs.get(name);
          if (!def || !type) {
            continue;
          }
          const varType = typeFromAST(schema, def.type);
          if (!varType) {
            continue;
          }
          const effective =
            !def.defaultValue || isNonNullType(varType) ? varType : new GraphQLNonNull(varType);
          if (!isTypeSubTypeOf(schema, effective, type)) {
            context.reportError(
              new GraphQLError(
                `Variable "${name}" of type "${String(varType)}" used in position expecting type "${String(type)}".`,
                { nodes: [def, node] },
              ),
            );
          }
        }
      },
    },
    VariableDefinition(node) {
      defs.set(node.variable.name.value, node);
    },
  };
};

/** graphql-core 2 `specified_rules`, in its order (graphql-js rules where the texts agree). */
const LEGACY_RULES: readonly ValidationRule[] = [
  UniqueOperationNamesRule,
  LoneAnonymousOperationRule,
  KnownTypeNamesLegacy,
  FragmentsOnCompositeTypesRule,
  VariablesAreInputTypesRule,
  ScalarLeafsLegacy,
  FieldsOnCorrectTypeLegacy,
  UniqueFragmentNamesRule,
  KnownFragmentNamesRule,
  NoUnusedFragmentsRule,
  PossibleFragmentSpreadsRule,
  NoFragmentCyclesRule,
  NoUndefinedVariablesRule,
  NoUnusedVariablesRule,
  KnownDirectivesRule,
  KnownArgumentNamesLegacy,
  UniqueArgumentNamesRule,
  ArgumentsOfCorrectTypeLegacy,
  ProvidedRequiredArgumentsRule,
  DefaultValuesOfCorrectTypeLegacy,
  VariablesInAllowedPositionLegacy,
  OverlappingFieldsCanBeMergedRule,
  UniqueInputFieldNamesRule,
  UniqueVariableNamesRule,
];

const MESSAGE_REWRITES: [RegExp, string][] = [
  [
    /^There can be only one operation named "(.*)"\.$/,
    'There can only be one operation named "$1".',
  ],
  [/^There can be only one fragment named "(.*)"\.$/, 'There can only be one fragment named "$1".'],
  [/^Unknown directive "@(.*)"\.$/, 'Unknown directive "$1".'],
  [/^Directive "@(.*)" may not be used on (.*)\.$/, 'Directive "$1" may not be used on $2.'],
  [
    /^Directive "@(.*)" argument "(.*)" of type "(.*)" is required, but it was not provided\.$/,
    'Directive "$1" argument "$2" of type "$3" is required but not provided.',
  ],
  [
    /^Field "(.*)" argument "(.*)" of type "(.*)" is required, but it was not provided\.$/,
    'Field "$1" argument "$2" of type "$3" is required but not provided.',
  ],
];

function rewriteMessage(message: string): string {
  for (const [re, replacement] of MESSAGE_REWRITES) {
    if (re.test(message)) {
      return message.replace(re, replacement);
    }
  }
  return message;
}

/** Validates like graphql-core 2: its rule set, order and message texts. */
export function validateLegacy(schema: GraphQLSchema, document: DocumentNode): NodeError[] {
  return validate(schema, document, LEGACY_RULES, { maxErrors: 1000 }).map((e) => ({
    message: rewriteMessage(e.message),
    nodes: e.nodes ?? [],
  }));
}

/** Formats an error with graphql-core 2 locations (and path for execution errors). */
export function formatError(
  body: string,
  message: string,
  nodes: readonly ASTNode[] | undefined,
  path?: readonly (string | number)[],
): FormattedError {
  const out: FormattedError = { message };
  const positions = (nodes ?? []).map((n) => n.loc?.start).filter((p) => p !== undefined);
  // graphql-core 2 `GraphQLError.positions`: None unless any() of them is truthy (offset 0 is not).
  if (positions.some((p) => p > 0)) {
    out.locations = positions.map((p) => legacyLocation(body, p));
  }
  if (path) {
    out.path = [...path];
  }
  return out;
}
