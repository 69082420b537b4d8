import { bodyNestsTooDeep, principalOf, problemOf, tooDeepDetail } from '@nautobot-mcp/common';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ToolCallRoute } from './tool-call-route.decorator.js';
import { ToolRegistry } from './tool.registry.js';

/**
 * Refuses a body nested deeper than MAX_JSON_DEPTH with a 400 `invalid-request`. The
 * body parser only marks such a request; this guard runs after authentication and the
 * rate limit, so a refused tool call (on a {@link ToolCallRoute}) is audited with its
 * tool and caller — a caller cannot hide a call of a tool it may not use behind a
 * too-deep body — and nothing recursive (validation, MCP) ever sees the body.
 */
@Injectable()
export class BodyDepthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly registry: ToolRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    if (!bodyNestsTooDeep(request)) {
      return true;
    }
    const problem = problemOf('invalid-request', tooDeepDetail());
    const route = this.reflector.get(ToolCallRoute, context.getHandler());
    const call = route?.read(request);
    if (route && call) {
      this.registry.refused(call.name, call.arguments, route.door, principalOf(request), problem);
    }
    throw problem;
  }
}
