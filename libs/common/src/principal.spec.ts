import { describe, expect, it } from '@jest/globals';
import { ANONYMOUS, toolMatcher } from './principal.js';

const prefixes = { name: 'prefixes_by_location', toolset: 'ipam' };
const devices = { name: 'devices_by_location', toolset: 'dcim' };

describe('toolMatcher', () => {
  it('allows everything without rules', () => {
    expect(toolMatcher(undefined)(prefixes)).toBe(true);
    expect(toolMatcher([])(devices)).toBe(true);
    expect(ANONYMOUS.allows(devices)).toBe(true);
  });

  it('matches exact names, globs and toolsets', () => {
    expect(toolMatcher(['prefixes_by_location'])(prefixes)).toBe(true);
    expect(toolMatcher(['prefixes_by_location'])(devices)).toBe(false);
    expect(toolMatcher(['devices_*'])(devices)).toBe(true);
    expect(toolMatcher(['devices_*'])(prefixes)).toBe(false);
    expect(toolMatcher(['ipam'])(prefixes)).toBe(true);
    expect(toolMatcher(['ipam'])(devices)).toBe(false);
    expect(toolMatcher(['*'])(devices)).toBe(true);
    expect(toolMatcher(['prefixes.by?location'])(prefixes)).toBe(false);
  });
});
