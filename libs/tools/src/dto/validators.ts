import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parseCidr } from '../ip-math.js';

/** A network in CIDR notation, IPv4 (`10.0.0.0/8`) or IPv6 (`2001:db8::/32`). */
export function IsCidr(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCidr',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseCidr(value) !== undefined,
        defaultMessage: () =>
          '$property must be a network in CIDR notation, e.g. 10.0.0.0/8 or 2001:db8::/32',
      },
    },
    options,
  );
}

/** A regular expression that compiles. */
export function IsRegex(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRegex',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') {
            return false;
          }
          try {
            new RegExp(value, 'i');
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: () => '$property must be a valid regular expression',
      },
    },
    options,
  );
}
