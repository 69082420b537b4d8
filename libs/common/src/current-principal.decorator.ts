import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { UNAUTHENTICATED, type Principal } from './principal.js';

/**
 * The principal the auth guard attached to an HTTP request. Without one (a route the
 * guard never checked) it is {@link UNAUTHENTICATED}, which may call no tool: fail closed.
 */
export function principalOf(request: { user?: unknown }): Principal {
  return (request.user as Principal | undefined) ?? UNAUTHENTICATED;
}

/** Injects the authenticated caller into a controller handler. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    principalOf(context.switchToHttp().getRequest<{ user?: unknown }>()),
);
