import { registerDecorator, type ValidationArguments } from 'class-validator';
import { specOf } from './setting-specs.js';
import type { Settings } from './settings.js';

/**
 * The number must be at least the value of another numeric setting (when both are numbers;
 * a non-number is reported by its own type rule).
 */
export function IsAtLeastSetting(other: keyof Settings): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isAtLeastSetting',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const bound = (args?.object as Record<string, unknown> | undefined)?.[other];
          return typeof value !== 'number' || typeof bound !== 'number' || value >= bound;
        },
        defaultMessage: (args?: ValidationArguments) => {
          const bound = (args?.object as Record<string, unknown> | undefined)?.[other];
          return `must be at least ${specOf(other).env} (${String(bound)})`;
        },
      },
    });
  };
}
