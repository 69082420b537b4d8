import { describe, expect, it } from '@jest/globals';
import { principalOf } from './current-principal.decorator.js';
import { ANONYMOUS, toolMatcher } from './principal.js';

const prefixes = { name: 'prefixes_by_location', toolset: 'ipam' };
const devices = { name: 'devices_by_location', toolset: 'dcim' };

describe('toolMatcher', () => {
  it('allows everything without rules, nothing with an empty list', () => {
    expect(toolMatcher(undefined)(prefixes)).toBe(true);
    expect(ANONYMOUS.allows(devices)).toBe(true);
    expect(toolMatcher([])(devices)).toBe(false);
    expect(toolMatcher([])(prefixes)).toBe(false);
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

describe('principalOf', () => {
  it('fails closed: a request the auth guard never saw may call no tool', () => {
    const nobody = principalOf({});
    expect(nobody.allows(prefixes)).toBe(false);
    expect(nobody.allows(devices)).toBe(false);
    expect(nobody.name).not.toBe(ANONYMOUS.name);
  });

  it('returns the principal the guard attached', () => {
    expect(principalOf({ user: ANONYMOUS })).toBe(ANONYMOUS);
  });
});
