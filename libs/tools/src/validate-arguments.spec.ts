import { describe, expect, it } from '@jest/globals';
import { ProblemException } from '@nautobot-mcp/common';
import { DevicesByLocationAndRoleInput } from './tools/devices-by-location-and-role.tool.js';
import { validateArguments } from './validate-arguments.js';

const ALLOWED = ['location', 'role', 'limit', 'cursor', 'includeChildLocations'];

async function fieldsOf(args: unknown): Promise<string[]> {
  try {
    await validateArguments(DevicesByLocationAndRoleInput, args, ALLOWED);
  } catch (error) {
    return ((error as ProblemException).problem.errors ?? []).map(
      (e) => `${e.field}: ${e.message}`,
    );
  }
  throw new Error('expected invalid-arguments');
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
  });

  it('names unknown arguments and lists the accepted ones', async () => {
    const [line] = await fieldsOf({ location: 'AMS01', role: 'leaf', site: 'x' });
    expect(line).toBe(`site: unknown argument; this tool takes ${ALLOWED.join(', ')}`);
  });

  it('names each bad field', async () => {
    const lines = await fieldsOf({ location: '', limit: 0, cursor: 5 });
    expect(lines.join('\n')).toMatch(/location/);
    expect(lines.join('\n')).toMatch(/role/);
    expect(lines.join('\n')).toMatch(/limit/);
    expect(lines.join('\n')).toMatch(/cursor/);
  });

  it('rejects non-objects and treats null as no arguments', async () => {
    expect(await fieldsOf('AMS01')).toEqual(['arguments: must be a JSON object']);
    expect(await fieldsOf([1])).toEqual(['arguments: must be a JSON object']);
    const lines = await fieldsOf(null);
    expect(lines.some((l) => l.startsWith('location'))).toBe(true);
  });
});
