import { invalidArguments, type FieldProblem } from '@nautobot-mcp/common';
import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

function collect(errors: ValidationError[], allowed: string[], prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      problems.push({
        field,
        message:
          constraint === 'whitelistValidation'
            ? `unknown argument; this tool takes ${allowed.join(', ')}`
            : message,
      });
    }
    problems.push(...collect(error.children ?? [], allowed, field));
  }
  return problems;
}

/**
 * Turns raw arguments into a validated DTO instance, or throws a 400 naming every bad
 * field. Unknown arguments are rejected, never ignored: a silently dropped filter can
 * turn "interfaces of one device" into "every interface of the network".
 */
export async function validateArguments<T extends object>(
  dto: Type<T>,
  args: unknown,
  allowed: string[],
): Promise<T> {
  if (args === undefined || args === null) {
    args = {};
  }
  if (typeof args !== 'object' || Array.isArray(args)) {
    throw invalidArguments([{ field: 'arguments', message: 'must be a JSON object' }]);
  }
  const instance = plainToInstance(dto, args, { exposeDefaultValues: true });
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    throw invalidArguments(collect(errors, allowed));
  }
  return instance;
}
