import { describe, expect, it } from '@jest/globals';
import { AuthError } from '../auth-error.js';
import { failureOf } from './failure-reason.js';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('failureOf', () => {
  it.each([
    [new AuthError('unknown-key', 'x'), 'unknown-key'],
    [named('TokenExpiredError', 'jwt expired'), 'expired'],
    [named('NotBeforeError', 'jwt not active'), 'not-yet-valid'],
    [named('JsonWebTokenError', 'jwt issuer invalid. expected: a'), 'wrong-issuer'],
    [named('JsonWebTokenError', 'jwt audience invalid. expected: a'), 'wrong-audience'],
    [named('JsonWebTokenError', 'invalid signature'), 'bad-signature'],
    [named('JsonWebTokenError', 'invalid algorithm'), 'bad-algorithm'],
    [named('JsonWebTokenError', 'jwt malformed'), 'malformed-token'],
    [new Error('No auth token'), 'malformed-token'],
    [new Error('something else'), 'invalid-token'],
    [undefined, 'invalid-token'],
  ])('maps %s', (reported, reason) => {
    expect(failureOf(reported, 'invalid-token').reason).toBe(reason);
  });
});
