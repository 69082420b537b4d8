import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, ProblemException, type ProblemDetails } from './problem.js';
import { problemOf, type ProblemType } from './problem-types.js';
import { currentRequestId } from './request-context.js';

const STATUS_TYPES: Partial<Record<number, ProblemType>> = {
  400: 'invalid-request',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

/** Converts anything thrown into the problem body we promise. */
export function toProblemException(exception: unknown): ProblemException {
  if (exception instanceof ProblemException) {
    return exception;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const type = STATUS_TYPES[status];
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String(response.message)
        : exception.message;
    if (type) {
      return problemOf(type, message);
    }
    return new ProblemException({
      type: status >= 500 ? 'internal-error' : 'http-error',
      title: HttpStatus[status] ?? 'Error',
      status,
      detail: message,
    });
  }
  return problemOf('internal-error', 'An unexpected error occurred; it has been logged.');
}

/** Writes a problem as `application/problem+json` with its headers. */
export function sendProblem(
  response: Response,
  problem: ProblemException,
  instance?: string,
): void {
  const body: ProblemDetails = { ...problem.problem };
  if (instance && !body.instance) {
    body.instance = instance;
  }
  const requestId = currentRequestId();
  if (requestId && !body.requestId) {
    body.requestId = requestId;
  }
  for (const [name, value] of Object.entries(problem.headers)) {
    response.setHeader(name, value);
  }
  response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/**
 * The global exception filter: every error leaves as RFC 9457 problem details, with
 * no stack trace. Unexpected errors are logged (server side only) as 500s.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      throw exception;
    }
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = toProblemException(exception);
    if (problem.problem.status >= 500 && !(exception instanceof ProblemException)) {
      this.logger.error(
        `${request.method} ${request.path} failed: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
      );
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    sendProblem(response, problem, request.path);
  }
}
