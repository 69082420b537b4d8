import { describe, expect, it } from '@jest/globals';
import {
  buildSchema,
  Kind,
  parse,
  type FieldNode,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import {
  coerceVariables,
  legacyLocation,
  legacySyntaxError,
  literalErrors,
  printValue,
  quotedOrList,
  suggestionList,
  validateLegacy,
} from './compat.js';

const schema = buildSchema(`
  scalar BigInteger
  scalar GenericScalar
  scalar UUID
  enum Color { RED GREEN }
  input Box { size: Int! label: String }
  type Query {
    items(n: Int, f: Float, b: Boolean, id: ID, big: BigInteger, any: GenericScalar, u: UUID, c: Color, box: Box, s: [String]): [String]
  }
`);

function op(query: string): OperationDefinitionNode {
  return parse(query).definitions[0] as OperationDefinitionNode;
}

function value(text: string): ValueNode {
  const field = op(`{ items(any: ${text}) }`).selectionSet.selections[0] as FieldNode;
  return (field.arguments ?? [])[0].value;
}

describe('graphql-core 2 helpers', () => {
  it('computes locations with the splitlines quirk', () => {
    expect(legacyLocation('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(legacyLocation('abc\ndef', 5)).toEqual({ line: 2, column: 2 });
    expect(legacyLocation('abc\ndef', 4)).toEqual({ line: 1, column: 4 });
    expect(legacyLocation('a\r\nbc', 4)).toEqual({ line: 2, column: 2 });
    expect(legacyLocation('é\u{1F600}x', 3)).toEqual({ line: 1, column: 3 });
  });

  it('renders syntax errors with the source excerpt', () => {
    expect(legacySyntaxError('{ a', 3, 'Expected Name, found EOF').message).toBe(
      'Syntax Error GraphQL (1:4) Expected Name, found EOF\n\n1: { a\n      ^\n',
    );
    const many = Array.from({ length: 11 }, (_, i) => `line${i + 1}`).join('\n');
    expect(legacySyntaxError(many, many.indexOf('line10') + 2, 'Unexpected Name "x"').message).toBe(
      'Syntax Error GraphQL (10:3) Unexpected Name "x"\n\n 9: line9\n10: line10\n      ^\n11: line11\n',
    );
  });

  it('suggests like suggestion_list and lists like quoted_or_list', () => {
    expect(suggestionList('nam', ['id', 'name', 'names', 'game'])).toEqual([
      'name',
      'names',
      'game',
    ]);
    expect(suggestionList('', ['a'])).toEqual(['a']);
    expect(quotedOrList([])).toBe('');
    expect(quotedOrList(['a'])).toBe('"a"');
    expect(quotedOrList(['a', 'b'])).toBe('"a" or "b"');
    expect(quotedOrList(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('"a", "b", "c", "d" or "e"');
  });

  it('prints values as print_ast does', () => {
    expect(printValue(value('[1, 2.5, "é", true, RED, {a: 1}]'))).toBe(
      '[1, 2.5, "\\u00e9", true, RED, {a: 1}]',
    );
    expect(printValue({ kind: Kind.NULL })).toBe('null');
    expect(printValue({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'v' } })).toBe('$v');
  });

  it('checks literals like is_valid_literal_value', () => {
    const args = schema.getQueryType()?.getFields().items.args ?? [];
    const type = (name: string) => args.find((a) => a.name === name)?.type;
    const t = (name: string) => {
      const found = type(name);
      if (!found) {
        throw new Error(name);
      }
      return found;
    };
    expect(literalErrors(t('n'), value('2147483648'))).toEqual([
      'Expected type "Int", found 2147483648.',
    ]);
    expect(literalErrors(t('f'), value('1'))).toEqual([]);
    expect(literalErrors(t('b'), value('"yes"'))).toEqual([
      'Expected type "Boolean", found "yes".',
    ]);
    expect(literalErrors(t('id'), value('7'))).toEqual([]);
    expect(literalErrors(t('big'), value('99999999999'))).toEqual([]);
    expect(literalErrors(t('any'), value('{x: [1]}'))).toEqual([]);
    expect(literalErrors(t('u'), value('1'))).toEqual(['Expected type "UUID", found 1.']);
    expect(literalErrors(t('c'), value('BLUE'))).toEqual(['Expected type "Color", found BLUE.']);
    expect(literalErrors(t('c'), value('RED'))).toEqual([]);
    expect(literalErrors(t('s'), value('"x"'))).toEqual([]);
    expect(literalErrors(t('box'), value('1'))).toEqual(['Expected "Box", found not an object.']);
    expect(literalErrors(t('box'), value('{label: 2, extra: 1}'))).toEqual([
      'In field "extra": Unknown field.',
      'In field "size": Expected "Int!", found null.',
      'In field "label": Expected type "String", found 2.',
    ]);
  });

  it('coerces variables like graphene 2', () => {
    const operation = op(
      'query ($n: Int, $f: Float, $b: Boolean, $id: ID, $big: BigInteger, $s: [String], $c: Color, $box: Box, $any: GenericScalar, $req: Int!) { items(n: $n) }',
    );
    const ok = coerceVariables(schema, operation, {
      n: '12',
      f: '2.5',
      b: 'false',
      id: 5,
      big: 12345678901,
      s: 7,
      c: 'RED',
      box: { size: '3', label: true },
      any: { deep: [1] },
      req: 10.9,
    });
    expect(ok).toEqual({
      values: {
        n: 12,
        f: 2.5,
        b: true,
        id: '5',
        big: 12345678901,
        s: ['7'],
        c: 'RED',
        box: { size: 3, label: 'true' },
        any: { deep: [1] },
        req: 10,
      },
    });
    const bad = (vars: Record<string, unknown>) => {
      const res = coerceVariables(schema, operation, { req: 1, ...vars });
      return 'error' in res ? res.error.message : undefined;
    };
    // graphql-core 2's own Int and Float raise: the Python exception text is the error.
    expect(bad({ n: 2 ** 31 })).toBe(
      'Int cannot represent non 32-bit signed integer value: 2147483648',
    );
    expect(bad({ f: 'x' })).toBe("could not convert string to float: 'x'");
    expect(bad({ f: [1] })).toBe("float() argument must be a string or a real number, not 'list'");
    expect(bad({ c: 'BLUE' })).toBe(
      'Variable "$c" got invalid value "BLUE".\nExpected type "Color", found "BLUE".',
    );
    expect(bad({ box: [1] })).toBe(
      'Variable "$box" got invalid value [1].\nExpected "Box", found not an object.',
    );
    expect(bad({ box: { size: null, zz: 1 } })).toBe(
      'Variable "$box" got invalid value {"size": null, "zz": 1}.\nIn field "zz": Unknown field.\nIn field "size": Expected "Int!", found null.',
    );
    expect(bad({ s: { a: 1, b: 2 } })).toBeUndefined();
    expect(bad({ n: [1] })).toBe(
      "int() argument must be a string, a bytes-like object or a real number, not 'list'",
    );
    expect(bad({ n: true })).toBeUndefined();
    expect(bad({ n: '1e3' })).toBeUndefined();
    expect(bad({ req: null })).toBe('Variable "$req" of required type "Int!" was not provided.');
    expect(bad({ s: 'é' })).toBeUndefined();
    expect(bad({ n: 'é\n' })).toBe("could not convert string to float: 'é\\n'");
    expect(bad({ big: '1.5' })).toBe("invalid literal for int() with base 10: '1.5'");
  });

  it('validates with graphql-core 2 rule texts', () => {
    const errors = validateLegacy(schema, parse('query Q { items(n: 1) { x } } query Q { nope }'));
    expect(errors.map((e) => e.message)).toEqual([
      'Field "items" of type "[String]" must not have a sub selection.',
      'There can only be one operation named "Q".',
      'Cannot query field "nope" on type "Query".',
    ]);
    const directive = validateLegacy(
      schema,
      parse('{ items @skip(if: true, unless: false) @include }'),
    );
    expect(directive.map((e) => e.message)).toEqual([
      'Unknown argument "unless" on directive "@skip".',
      'Directive "include" argument "if" of type "Boolean!" is required but not provided.',
    ]);
    const fragments = validateLegacy(
      schema,
      parse('{ ...F } fragment F on Query { items } fragment F on Query { items }'),
    );
    expect(fragments[0].message).toBe('There can only be one fragment named "F".');
    const misplaced = validateLegacy(schema, parse('query @include(if: true) { items }'));
    expect(misplaced[0].message).toBe('Directive "include" may not be used on QUERY.');
  });
});
