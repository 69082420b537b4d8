import {
  MAX_LISTED_PROBLEMS,
  fieldProblemsOf,
  invalidArguments,
  invalidFields,
  isPlainObject,
  splitDeclared,
  toInstance,
  type FieldProblem,
} from '@nautobot-mcp/common';
import { closeMatches } from '@nautobot-mcp/nautobot';
import type { Type } from '@nestjs/common';
import { validate } from 'class-validator';

/** Unknown names longer than this are no typo of ours: no suggestion is looked for. */
const MAX_SUGGESTED_NAME = 128;

function unknownArgument(name: string, allowed: readonly string[], suggest: boolean): FieldProblem {
  const [match] =
    suggest && name.length <= MAX_SUGGESTED_NAME ? closeMatches(name, allowed, 1) : [];
  return {
    field: name,
    message: match ? `unknown argument; did you mean ${match}?` : 'unknown argument',
  };
}

/**
 * Turns raw arguments into a validated DTO instance, or throws a 400 naming each bad
 * field once. Unknown arguments are rejected, never ignored: a silently dropped filter
 * can turn "interfaces of one device" into "every interface of the network". Every
 * step is linear in the size of the arguments, and the answer lists at most
 * MAX_LISTED_PROBLEMS problems (real fields first) and the accepted names once.
 */
export async function validateArguments<T extends object>(
  dto: Type<T>,
  args: unknown,
  allowed: readonly string[],
): Promise<T> {
  if (args === undefined || args === null) {
    args = {};
  }
  if (!isPlainObject(args)) {
    throw invalidArguments([{ field: 'arguments', message: 'must be a JSON object' }]);
  }
  const { known, unknown } = splitDeclared(args, new Set(allowed));
  const instance = toInstance(dto, known);
  const errors = await validate(instance, {
    forbidUnknownValues: true,
    validationError: { target: false, value: true },
  });
  // In the order the tool declares its arguments (class-validator lists a subclass's first).
  const rank = (field: string) => allowed.indexOf(field.split('.')[0]);
  const problems = fieldProblemsOf(errors);
  // IsOptional lets null through as if absent, but no argument's schema allows null, and the
  // tools would take it for a value: each null that no rule reported is a problem of its own.
  for (const [name, value] of Object.entries(known)) {
    if (value === null && !problems.some((p) => p.field.split('.')[0] === name)) {
      problems.push({ field: name, message: `${name} must not be null; leave it out instead` });
    }
  }
  problems.sort((a, b) => rank(a.field) - rank(b.field));
  // Suggestions only for the names the answer lists.
  const suggested = Math.max(0, MAX_LISTED_PROBLEMS - problems.length);
  unknown.forEach((name, index) => {
    problems.push(unknownArgument(name, allowed, index < suggested));
  });
  if (problems.length > 0) {
    const note = unknown.length > 0 ? `This tool takes ${allowed.join(', ')}.` : undefined;
    throw invalidFields('invalid-arguments', problems, { note });
  }
  return instance;
}
