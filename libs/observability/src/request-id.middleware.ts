import { randomUUID } from 'node:crypto';
import { requestContext } from '@nautobot-mcp/common';
import type { NextFunction, Request, Response } from 'express';

/** Response header and accepted request header. */
export const REQUEST_ID_HEADER = 'x-request-id';

const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's X-Request-Id when it is safe to log and echo, else undefined. */
export function acceptedRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && VALID.test(value) ? value : undefined;
}

/**
 * Gives every request an id: the caller's `X-Request-Id` when it is 1-128 characters
 * of `[A-Za-z0-9._:-]`, else a new UUID. It is echoed in the response, stamped on
 * every log line of the request, put in problem bodies and sent on to Nautobot.
 */
export function requestIdMiddleware() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const requestId = acceptedRequestId(request.headers[REQUEST_ID_HEADER]) ?? randomUUID();
    response.setHeader(REQUEST_ID_HEADER, requestId);
    requestContext.run({ requestId }, next);
  };
}
