import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from './problem.js';
import { problemOf } from './problem-types.js';

function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? 'unknown property' : message,
    }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** The global pipe: validates request DTOs and answers a 400 problem naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = fieldProblems(errors);
      return problemOf(
        'invalid-request',
        problems.map((p) => `${p.field}: ${p.message}`).join('; '),
        { errors: problems },
      );
    },
  });
}
