import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ANONYMOUS, type Principal } from './principal.js';

/** The principal the auth guard attached to an HTTP request, or the anonymous one. */
export function principalOf(request: { user?: unknown }): Principal {
  return (request.user as Principal | undefined) ?? ANONYMOUS;
}

/** Injects the authenticated caller into a controller handler. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    principalOf(context.switchToHttp().getRequest<{ user?: unknown }>()),
);
