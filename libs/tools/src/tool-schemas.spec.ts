import { describe, expect, it } from '@jest/globals';
import { toJsonSchema } from './tool-schemas.js';

describe('toJsonSchema', () => {
  const schemas = {
    List: {
      type: 'object',
      required: ['items'],
      properties: {
        items: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
        nextCursor: { type: 'string', example: 'abc' },
      },
    },
    Item: {
      type: 'object',
      properties: {
        role: { type: 'string', nullable: true, example: 'leaf' },
        kind: { type: 'string', enum: ['a', 'b'], nullable: true },
        parts: { type: 'object', additionalProperties: { type: 'string' } },
        side: {
          nullable: true,
          description: 'Z side.',
          type: 'object',
          allOf: [{ $ref: '#/components/schemas/Side' }],
        },
      },
    },
    Side: { type: 'object', properties: { name: { type: 'string' } } },
    Loop: { type: 'object', properties: { self: { $ref: '#/components/schemas/Loop' } } },
  };

  it('inlines refs and converts OpenAPI 3.0 keywords', () => {
    const schema = toJsonSchema(schemas, 'List') as any;
    const item = schema.properties.items.items;
    expect(item.properties.role).toEqual({ type: ['string', 'null'], examples: ['leaf'] });
    expect(item.properties.kind.enum).toEqual(['a', 'b', null]);
    expect(item.properties.parts.additionalProperties).toEqual({ type: 'string' });
    expect(schema.properties.nextCursor.examples).toEqual(['abc']);
    expect(item.properties.side).toEqual({
      description: 'Z side.',
      anyOf: [
        { type: 'object', allOf: [{ type: 'object', properties: { name: { type: 'string' } } }] },
        { type: 'null' },
      ],
    });
    expect(JSON.stringify(schema)).not.toContain('nullable');
  });

  it('refuses unknown and recursive schemas', () => {
    expect(() => toJsonSchema(schemas, 'Nope')).toThrow('no schema Nope');
    expect(() => toJsonSchema(schemas, 'Loop')).toThrow('recursive');
  });
});
