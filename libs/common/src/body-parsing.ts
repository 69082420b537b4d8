import express, { type NextFunction, type Request, type Response } from 'express';
import { sendProblem } from './problem.filter.js';
import { problemOf } from './problem-types.js';

/** Deepest nesting of objects and arrays a request may carry; no tool needs more than a few. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `value` nests objects/arrays deeper than `max` (the top-level object is level
 * 1). Walks with an explicit stack: a recursive walk is what overflowed the call stack
 * on a 6 KB body of 3,000 nested arrays.
 */
export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') {
      continue;
    }
    if (depth > max) {
      return true;
    }
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') {
        stack.push([child, depth + 1]);
      }
    }
  }
  return false;
}

/** Requests whose JSON body nests deeper than MAX_JSON_DEPTH (see {@link jsonBodyMiddleware}). */
const tooDeep = new WeakSet<object>();

/**
 * Whether the request's JSON body nests deeper than MAX_JSON_DEPTH. Such a request is
 * refused with a 400 by a guard that runs after authentication (so the refusal of a
 * tool call can be audited with its caller); nothing before it reads the body.
 */
export function bodyNestsTooDeep(request: object): boolean {
  return tooDeep.has(request);
}

/** What to tell a caller whose JSON nests too deep. */
export function tooDeepDetail(max: number = MAX_JSON_DEPTH): string {
  return `The JSON nests deeper than ${max} levels of objects and arrays; send flat arguments (tool arguments are strings, numbers and lists).`;
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * JSON body parsing with problem answers: malformed JSON → 400 `malformed-json`,
 * over `limitBytes` → 413 `payload-too-large`, a non-JSON body → 415. A body nested
 * deeper than MAX_JSON_DEPTH is only marked ({@link bodyNestsTooDeep}): the app's last
 * global guard answers it 400 `invalid-request` once the caller is known, before
 * anything recursive (validation, MCP) sees it. Registered by the app instead of Nest's
 * default parser, whose errors bypass exception filters.
 */
export function jsonBodyMiddleware(limitBytes: number) {
  const parse = express.json({ limit: limitBytes, strict: true });
  const requireJson = (request: Request, response: Response, next: NextFunction): void => {
    const hasBody =
      Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'];
    if (hasBody && !request.is(['application/json', 'application/*+json'])) {
      sendProblem(
        response,
        problemOf(
          'unsupported-media-type',
          `Send the body as application/json (got ${request.headers['content-type'] ?? 'no content type'}).`,
        ),
        request.path,
      );
      return;
    }
    next();
  };
  const onError = (
    error: BodyParserError,
    request: Request,
    response: Response,
    next: NextFunction,
  ): void => {
    if (error.type === 'entity.parse.failed') {
      sendProblem(
        response,
        problemOf('malformed-json', `The body is not valid JSON: ${error.message}.`),
        request.path,
      );
    } else if (error.type === 'entity.too.large') {
      sendProblem(
        response,
        problemOf(
          'payload-too-large',
          `The body exceeds the limit of ${limitBytes} bytes (MAX_BODY_BYTES).`,
        ),
        request.path,
      );
    } else if (error.status && error.status >= 400 && error.status < 500) {
      sendProblem(response, problemOf('invalid-request', error.message), request.path);
    } else {
      next(error);
    }
  };
  const limitDepth = (request: Request, _response: Response, next: NextFunction): void => {
    if (nestsDeeperThan(request.body)) {
      tooDeep.add(request);
    }
    next();
  };
  return [requireJson, parse, onError, limitDepth] as const;
}
