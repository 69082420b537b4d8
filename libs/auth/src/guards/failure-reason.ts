import { AuthError } from '../auth-error.js';
import type { AuthFailureReason } from '../auth-failures.service.js';

/** Maps what a passport strategy reported to a reason and a message safe to return. */
export function failureOf(
  reported: unknown,
  fallback: AuthFailureReason,
): { reason: AuthFailureReason; message: string } {
  if (reported instanceof AuthError) {
    return { reason: reported.reason, message: reported.message };
  }
  if (reported instanceof Error) {
    const text = reported.message;
    if (/maxAge exceeded/.test(text)) {
      return {
        reason: 'too-old',
        message: 'The token was issued longer ago than OIDC_MAX_TOKEN_AGE_S allows.',
      };
    }
    if (/iat required/.test(text)) {
      return {
        reason: 'missing-issued-at',
        message: 'The token has no issue time (iat); OIDC_MAX_TOKEN_AGE_S requires it.',
      };
    }
    switch (reported.name) {
      case 'TokenExpiredError':
        return { reason: 'expired', message: 'The token has expired.' };
      case 'NotBeforeError':
        return { reason: 'not-yet-valid', message: 'The token is not valid yet (nbf).' };
      default:
        break;
    }
    if (/issuer invalid/.test(text)) {
      return { reason: 'wrong-issuer', message: 'The token was issued by another issuer.' };
    }
    if (/audience invalid/.test(text)) {
      return { reason: 'wrong-audience', message: 'The token is for another audience.' };
    }
    if (/invalid signature/.test(text)) {
      return { reason: 'bad-signature', message: 'The token signature does not verify.' };
    }
    if (/algorithm|signature is required/.test(text)) {
      return { reason: 'bad-algorithm', message: 'The token algorithm is not accepted.' };
    }
    if (/malformed|invalid token|Unexpected token|No auth token/.test(text)) {
      return { reason: 'malformed-token', message: 'The bearer token is malformed.' };
    }
  }
  return { reason: fallback, message: 'The credentials are not valid.' };
}
