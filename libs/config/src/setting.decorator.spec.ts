import { validateSync } from 'class-validator';
import { IsReadableDirectory, IsReadableFile, describeFsError } from './file-system.validators.js';
import { specOf, type SettingSpec } from './setting-specs.js';
import { ruleText } from './setting.decorator.js';
import type { Settings } from './settings.js';

const BASE: SettingSpec = {
  key: 'port',
  env: 'X',
  type: 'int',
  description: 'X.',
  secret: false,
};

describe('ruleText', () => {
  it.each<[Partial<SettingSpec>, string]>([
    [{ min: 1, max: 2 }, 'an integer between 1 and 2'],
    [{ min: 1 }, 'an integer of at least 1'],
    [{ max: 2 }, 'an integer of at most 2'],
    [{}, 'an integer'],
    [{ type: 'list' }, 'a list of strings (comma-separated in the environment)'],
    [{ type: 'enum' }, 'one of '],
    [{ type: 'string' }, 'a string'],
  ])('describes %j', (overrides, text) => {
    expect(ruleText({ ...BASE, ...overrides })).toBe(text);
  });
});

describe('specOf', () => {
  it('throws for a property without a row', () => {
    expect(() => specOf('nope' as keyof Settings)).toThrow(
      'No SETTING_SPECS row for Settings.nope',
    );
  });
});

describe('file-system validators', () => {
  class Paths {
    @IsReadableFile()
    file: unknown;

    @IsReadableDirectory()
    dir: unknown;
  }

  it('rejects special files and non-strings', () => {
    const paths = Object.assign(new Paths(), { file: '/dev/null', dir: 42 });
    const messages = validateSync(paths).map((e) => Object.values(e.constraints ?? {})[0]);
    expect(messages).toEqual([
      'must be a readable file (is not a regular file)',
      'must be a readable directory (not a path)',
    ]);
  });

  it('describes unknown errors by their message', () => {
    expect(describeFsError(new Error('boom'))).toBe('boom');
    expect(describeFsError('odd')).toBe('odd');
  });
});
