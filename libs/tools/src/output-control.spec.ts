import { describe, expect, it } from '@jest/globals';
import { ProblemException } from '@nautobot-mcp/common';
import { ApiProperty } from '@nestjs/swagger';
import {
  choiceKey,
  itemFieldNames,
  itemsWithin,
  jsonBytes,
  projectionOf,
} from './output-control.js';

class Item {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  role!: string;
}

const shape = { item: Item, brief: ['id', 'name'] };

function problem(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return (error as ProblemException).problem;
  }
  throw new Error('expected a problem');
}

describe('output control', () => {
  it('reads the item fields from the DTO', () => {
    expect(itemFieldNames(Item)).toEqual(['id', 'name', 'role']);
  });

  it('projects fields in the order asked, brief, or nothing', () => {
    const item = { id: '1', name: 'a', role: 'leaf', extra: 'x' };
    expect(projectionOf(shape, [], {})).toBeUndefined();
    expect(projectionOf(shape, [], { brief: true })!(item)).toEqual({ id: '1', name: 'a' });
    const pick = projectionOf(shape, ['extra'], { fields: ['extra', 'role', 'role'] })!;
    expect(Object.keys(pick(item))).toEqual(['extra', 'role']);
    expect(pick({ id: '2' })).toEqual({});
  });

  it('rejects unknown fields naming the valid ones, and fields with brief', () => {
    const unknown = problem(() => projectionOf(shape, ['tags'], { fields: ['nope', 'nah'] }));
    expect(unknown.type).toBe('invalid-arguments');
    expect(unknown.detail).toBe(
      'fields: unknown fields "nope", "nah"; valid fields: id, name, role, tags',
    );
    const both = problem(() => projectionOf(shape, [], { fields: ['id'], brief: true }));
    expect(both.detail).toContain('either fields or brief');
  });

  it('keys the choice for cursors independent of order and duplicates', () => {
    expect(choiceKey({})).toBe('all');
    expect(choiceKey({ brief: true })).toBe('brief');
    expect(choiceKey({ fields: ['b', 'a', 'b'] })).toBe(choiceKey({ fields: ['a', 'b'] }));
  });

  it('fits whole items into a byte budget, at least one', () => {
    const items = [{ a: 'xxxx' }, { a: 'yyyy' }, { a: 'zzzz' }];
    const one = jsonBytes(items[0]);
    expect(itemsWithin([], 0)).toBe(0);
    expect(itemsWithin(items, 1000)).toBe(3);
    expect(itemsWithin(items, one * 2 + 1)).toBe(2);
    expect(itemsWithin(items, one * 2)).toBe(1);
    expect(itemsWithin(items, 1)).toBe(1);
    expect(jsonBytes('é')).toBe(4);
  });
});
