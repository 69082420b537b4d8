import type { AuthFailureReason } from './auth-failures.service.js';

/** Thrown by strategies so the guard can answer with a precise reason. */
export class AuthError extends Error {
  constructor(
    readonly reason: AuthFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
