import { describe, expect, it } from '@jest/globals';
import { buildInstructions } from './mcp-instructions.js';

describe('buildInstructions', () => {
  const tool = (name: string, description: string) => ({
    name,
    title: `Title of ${name}`,
    description,
  });

  it('lists each tool with what to use it for, and the shared rules', () => {
    const text = buildInstructions([
      tool(
        'prefixes',
        'List prefixes. Use it for "which subnets does <site> have?"; or else. Pages.',
      ),
      tool('locations', 'Find locations. Use it to resolve a place. More.'),
      tool('other', 'No hint here.'),
    ]);
    expect(text).toContain(
      '- prefixes: Title of prefixes. Use it for "which subnets does <site> have?".',
    );
    expect(text).toContain('- locations: Title of locations. Use it to resolve a place.');
    expect(text).toContain('- other: Title of other.');
    expect(text).toContain('call locations first');
    expect(text).toContain('includeChildLocations');
    expect(text).toContain('nextCursor');
    expect(text).toContain('isError');
  });

  it('does not point to a locations tool the caller cannot use', () => {
    expect(buildInstructions([tool('prefixes', 'List prefixes.')])).not.toContain(
      'call locations first',
    );
  });
});
