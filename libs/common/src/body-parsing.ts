import express, { type NextFunction, type Request, type Response } from 'express';
import { sendProblem } from './problem.filter.js';
import { problemOf } from './problem-types.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * JSON body parsing with problem answers: malformed JSON → 400 `malformed-json`,
 * over `limitBytes` → 413 `payload-too-large`, a non-JSON body → 415. Registered by
 * the app instead of Nest's default parser, whose errors bypass exception filters.
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
  return [requireJson, parse, onError] as const;
}
