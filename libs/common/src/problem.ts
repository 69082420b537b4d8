import { HttpException } from '@nestjs/common';

/** One invalid field of a request, as listed in a 400 problem's `errors`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An RFC 9457 problem body. `type` is a stable, documented slug (see docs/errors.md)
 * that clients may switch on; `title` is its fixed human summary; `detail` is specific
 * to this occurrence.
 */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** Media type of every error body we send. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The one exception every layer throws for an expected failure. It carries the full
 * problem body, so the HTTP filter and the MCP door render the same `type`.
 */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: ProblemDetails,
    /** Response headers that belong to the problem (`Allow`, `Retry-After`, `WWW-Authenticate`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(problem, problem.status);
  }

  /** The same problem with response headers attached. */
  withHeaders(headers: Record<string, string>): ProblemException {
    return new ProblemException(this.problem, { ...this.headers, ...headers });
  }

  /** Convenience constructor for the common shape. */
  static of(
    status: number,
    type: string,
    title: string,
    detail?: string,
    extensions: Record<string, unknown> = {},
  ): ProblemException {
    return new ProblemException({ type, title, status, detail, ...extensions });
  }
}
