import { describe, expect, it } from '@jest/globals';
import { ProblemException } from '@nautobot-mcp/common';
import { DevicesByLocationAndRoleInput } from './tools/devices-by-location-and-role.tool.js';
import { validateArguments } from './validate-arguments.js';

const ALLOWED = ['location', 'role', 'limit', 'cursor', 'includeChildLocations'];

async function problemOf(args: unknown): Promise<ProblemException['problem']> {
  try {
    await validateArguments(DevicesByLocationAndRoleInput, args, ALLOWED);
  } catch (error) {
    return (error as ProblemException).problem;
  }
  throw new Error('expected invalid-arguments');
}

async function fieldsOf(args: unknown): Promise<string[]> {
  return ((await problemOf(args)).errors ?? []).map((e) => `${e.field}: ${e.message}`);
}

describe('validateArguments', () => {
  it('returns a DTO instance for good arguments', async () => {
    const input = await validateArguments(
      DevicesByLocationAndRoleInput,
      { location: 'AMS01', role: 'leaf', limit: 10, includeChildLocations: false },
      ALLOWED,
    );
    expect(input).toBeInstanceOf(DevicesByLocationAndRoleInput);
    expect(input.limit).toBe(10);
    expect(input.includeChildLocations).toBe(false);
  });

  it('names an unknown argument, suggests a close name and lists the accepted ones once', async () => {
    const problem = await problemOf({ location: 'AMS01', role: 'leaf', site: 'x', rol: 'y' });
    expect(problem.errors).toEqual([
      { field: 'site', message: 'unknown argument' },
      { field: 'rol', message: 'unknown argument; did you mean role?' },
    ]);
    expect(problem.detail).toBe(
      `site: unknown argument; rol: unknown argument; did you mean role? This tool takes ${ALLOWED.join(', ')}.`,
    );
  });

  it('says a missing required argument is required, once', async () => {
    expect(await fieldsOf({ location: 'FRA01' })).toEqual(['role: role is required']);
  });

  it('leads with the type when the value has the wrong type, once per field', async () => {
    expect(await fieldsOf({ location: 'FRA01', role: 'leaf', limit: 'ten' })).toEqual([
      'limit: limit must be an integer',
    ]);
    expect(await fieldsOf({ location: 7, role: 'leaf', includeChildLocations: 'yes' })).toEqual([
      'location: location must be a string',
      'includeChildLocations: includeChildLocations must be true or false',
    ]);
  });

  it('names each bad field with one message', async () => {
    expect(await fieldsOf({ location: '', limit: 0, cursor: 5 })).toEqual([
      'location: location should not be empty',
      'role: role is required',
      'limit: limit must not be less than 1',
      'cursor: cursor must be a string',
    ]);
  });

  it('rejects null for an optional argument instead of treating it as a value', async () => {
    // JSON null is no string, integer or boolean; class-validator's IsOptional skips it.
    expect(
      await fieldsOf({ location: 'AMS01', role: 'leaf', limit: null, includeChildLocations: null }),
    ).toEqual([
      'limit: limit must not be null; leave it out instead',
      'includeChildLocations: includeChildLocations must not be null; leave it out instead',
    ]);
    // A required one is still named once, by its own rule.
    expect(await fieldsOf({ location: null, role: 'leaf' })).toEqual([
      'location: location must be a string',
    ]);
  });

  it('rejects non-objects and treats null as no arguments', async () => {
    expect(await fieldsOf('AMS01')).toEqual(['arguments: must be a JSON object']);
    expect(await fieldsOf([1])).toEqual(['arguments: must be a JSON object']);
    expect(await fieldsOf(null)).toEqual([
      'location: location is required',
      'role: role is required',
    ]);
  });

  it('lists at most 20 problems, counts the rest and never echoes a huge name', async () => {
    const flood = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, 1]));
    const problem = await problemOf({ ...flood, ['x'.repeat(100_000)]: 1 });
    // 5,001 unknown names + location and role missing = 5,003 problems, 20 listed.
    expect(problem.errors).toHaveLength(20);
    expect(problem.errors?.slice(0, 3)).toEqual([
      { field: 'location', message: 'location is required' },
      { field: 'role', message: 'role is required' },
      { field: 'k0', message: 'unknown argument' },
    ]);
    expect(problem.omittedErrors).toBe(4983);
    expect(problem.detail).toContain('and 4983 more problems');
    expect(JSON.stringify(problem).length).toBeLessThan(4096);
    const long = await problemOf({ location: 'AMS01', role: 'leaf', ['y'.repeat(100_000)]: 1 });
    expect(long.errors?.[0].field).toBe(`${'y'.repeat(64)}…`);
  });

  it('copies no prototype from the arguments', async () => {
    const problem = await problemOf(JSON.parse('{"__proto__": {"polluted": true}, "role": "x"}'));
    expect(problem.errors?.map((e) => e.field)).toEqual(['location', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
