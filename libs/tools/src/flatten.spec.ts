import { describe, expect, it } from '@jest/globals';
import { choiceOf, fieldOf, flattenExtra, nameOf, namesOf, withExtras } from './flatten.js';

describe('flatten', () => {
  it('reads names and fields of nested objects', () => {
    expect(nameOf({ name: 'Active' })).toBe('Active');
    expect(nameOf(null)).toBeNull();
    expect(nameOf({ id: 1 })).toBeNull();
    expect(namesOf([{ name: 'AMS01' }, { name: 'FRA01' }, null])).toEqual(['AMS01', 'FRA01']);
    expect(namesOf(undefined)).toEqual([]);
    expect(fieldOf({ vid: 10 }, 'vid')).toBe(10);
    expect(fieldOf(null, 'vid')).toBeNull();
  });

  it('turns GraphQL enum names into REST-style values', () => {
    expect(choiceOf('NETWORK')).toBe('network');
    expect(choiceOf('TAGGED_ALL')).toBe('tagged-all');
    expect(choiceOf('A_1000BASE_T')).toBe('1000base-t');
    expect(choiceOf(null)).toBeNull();
  });

  it('flattens fields a user added', () => {
    expect(flattenExtra([{ name: 'core' }, { name: 'edge' }])).toEqual(['core', 'edge']);
    expect(flattenExtra({ address: '10.0.0.1/32' })).toBe('10.0.0.1/32');
    expect(flattenExtra({ vid: 10, name: 'x' })).toEqual({ vid: 10, name: 'x' });
    expect(flattenExtra(7)).toBe(7);
  });

  it('copies unconsumed fields without overwriting mapped ones', () => {
    const item = withExtras({ name: 'a' }, { name: 'raw', tags: [{ name: 't' }], serial: 'S' }, [
      'serial',
    ]);
    expect(item).toEqual({ name: 'a', tags: ['t'] });
  });
});
