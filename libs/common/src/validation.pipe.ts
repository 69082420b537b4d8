import {
  ValidationPipe,
  type ArgumentMetadata,
  type Type,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { FieldProblem } from './problem.js';
import { invalidFields } from './problem-types.js';

/** Failed type checks, in the order a field's one message is picked from. */
const TYPE_CONSTRAINTS = ['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject'];

/** class-validator's wording, where a model or a person reads it wrong. */
const PLAINER_WORDS: [RegExp, string][] = [
  [/ must be an integer number$/, ' must be an integer'],
  [/ must be a boolean value$/, ' must be true or false'],
];

/**
 * The one message a field gets, instead of every rule it breaks: a missing value is
 * "required" (not "too long, empty and not a string"), a value of the wrong type says
 * so (not "greater than 1000" for "ten"), else the first rule the field declares.
 */
function messageOf(error: ValidationError, constraints: Record<string, string>): string {
  if (error.value === undefined && !('whitelistValidation' in constraints)) {
    return `${error.property} is required`;
  }
  const names = Object.keys(constraints);
  // Decorators register bottom-up, so the first declared rule comes last.
  const name = TYPE_CONSTRAINTS.find((type) => type in constraints) ?? names[names.length - 1];
  if (name === 'whitelistValidation') {
    return 'unknown property';
  }
  return PLAINER_WORDS.reduce((text, [from, to]) => text.replace(from, to), constraints[name]);
}

/**
 * One problem per invalid field, nested fields as `parent.child`. The errors must carry
 * their values (`validationError.value`), which tell "missing" from "wrong".
 */
export function fieldProblemsOf(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (list: readonly ValidationError[], path: string): void => {
    for (const error of list) {
      const field = path ? `${path}.${error.property}` : error.property;
      if (error.constraints && Object.keys(error.constraints).length > 0) {
        problems.push({ field, message: messageOf(error, error.constraints) });
      }
      visit(error.children ?? [], field);
    }
  };
  visit(errors, prefix);
  return problems;
}

/** The property names a DTO class declares validation rules for (what `whitelist` keeps). */
export function declaredProperties(dto: Type<unknown>): Set<string> {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return new Set(metas.map((m) => m.propertyName));
}

/** A JSON object (not an array, not a class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Splits an object into the declared properties and the names of the others, in one
 * pass: the rule checks then only ever see a handful of keys, however many were sent.
 */
export function splitDeclared(
  value: Record<string, unknown>,
  declared: ReadonlySet<string>,
): { known: Record<string, unknown>; unknown: string[] } {
  const known: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const key of Object.keys(value)) {
    if (declared.has(key)) {
      known[key] = value[key];
    } else {
      unknown.push(key);
    }
  }
  return { known, unknown };
}

/**
 * Builds a DTO instance from a JSON object by copying its properties, shallowly.
 * class-transformer's plainToInstance is quadratic in the number of keys of every
 * object it meets (it dedupes keys with indexOf: 80,000 keys took 7 s) and our
 * request DTOs use none of its decorators (@Type, @Transform, @Expose), so it is not
 * used for requests. Class field defaults are kept (the constructor runs first).
 */
export function toInstance<T extends object>(dto: Type<T>, plain: Record<string, unknown>): T {
  return Object.assign(new dto(), plain);
}

const SHALLOW_TRANSFORMER: NonNullable<ValidationPipeOptions['transformerPackage']> = {
  plainToInstance: <T>(dto: Type<T>, plain: unknown) =>
    isPlainObject(plain) ? toInstance(dto as Type<T & object>, plain) : (plain as T),
  classToPlain: (object: unknown) => ({ ...(object as Record<string, unknown>) }),
};

/** What the pipe's exception factory hands to `transform`, before the answer is built. */
class FieldErrors extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super('invalid request');
  }
}

/**
 * The global pipe: validates request DTOs and answers one 400 `invalid-request`
 * naming each bad field once (at most MAX_LISTED_PROBLEMS of them). Undeclared
 * properties are split off in one pass before any rule runs, so a body of 80,000
 * unknown keys costs milliseconds and gets a small answer.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformerPackage: SHALLOW_TRANSFORMER,
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => new FieldErrors(fieldProblemsOf(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const declared =
      metadata.metatype && isPlainObject(value) && this.toValidate(metadata)
        ? declaredProperties(metadata.metatype)
        : undefined;
    const { known, unknown } =
      declared && declared.size > 0 && isPlainObject(value)
        ? splitDeclared(value, declared)
        : { known: value, unknown: [] };
    const problems: FieldProblem[] = [];
    let result: unknown;
    try {
      result = await super.transform(known, metadata);
    } catch (error) {
      if (!(error instanceof FieldErrors)) {
        throw error;
      }
      problems.push(...error.problems);
    }
    for (const field of unknown) {
      problems.push({ field, message: 'unknown property' });
    }
    if (problems.length > 0) {
      const note =
        unknown.length > 0 && declared ? `The body takes ${[...declared].join(', ')}.` : undefined;
      throw invalidFields('invalid-request', problems, { note });
    }
    return result;
  }
}

/** The global pipe (see RequestValidationPipe). */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe();
}
