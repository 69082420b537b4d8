import { IsArray, IsBoolean, IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { specOf, type SettingSpec } from './setting-specs.js';
import type { Settings } from './settings.js';

/** What a valid value of `spec` looks like, phrased to follow "must be". */
export function ruleText(spec: SettingSpec): string {
  switch (spec.type) {
    case 'int':
      if (spec.min !== undefined && spec.max !== undefined) {
        return `an integer between ${spec.min} and ${spec.max}`;
      }
      if (spec.min !== undefined) {
        return `an integer of at least ${spec.min}`;
      }
      return spec.max !== undefined ? `an integer of at most ${spec.max}` : 'an integer';
    case 'bool':
      return 'true or false (1/0 and yes/no work too)';
    case 'enum':
      return `one of ${(spec.enumValues ?? []).join(', ')}`;
    case 'list':
      return 'a list of strings (comma-separated in the environment)';
    case 'string':
      return 'a string';
  }
}

function rulesFor(spec: SettingSpec): PropertyDecorator[] {
  const message = `must be ${ruleText(spec)}`;
  switch (spec.type) {
    case 'int':
      return [
        IsInt({ message }),
        ...(spec.min !== undefined ? [Min(spec.min, { message })] : []),
        ...(spec.max !== undefined ? [Max(spec.max, { message })] : []),
      ];
    case 'bool':
      return [IsBoolean({ message })];
    case 'enum':
      return [IsIn([...(spec.enumValues ?? [])], { message })];
    case 'list':
      return [IsArray({ message }), IsString({ each: true, message })];
    case 'string':
      return [IsString({ message })];
  }
}

/**
 * Applies the class-validator rules that the property's SETTING_SPECS row implies (type,
 * range, allowed values). Presence and cross-setting rules stay explicit on the property.
 */
export function Setting(): PropertyDecorator {
  return (target, propertyKey) => {
    const spec = specOf(propertyKey as keyof Settings);
    for (const rule of rulesFor(spec)) {
      rule(target, propertyKey);
    }
  };
}
