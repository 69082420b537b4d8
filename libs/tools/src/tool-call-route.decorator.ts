import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { ToolDoor } from './tool-handler.js';

/** The tool call a request asks for, read from its route, path or body. */
export interface RequestedToolCall {
  name: string;
  arguments: unknown;
}

/** How a route names the tool call it carries (for requests refused before the handler runs). */
export interface ToolCallRouteOptions {
  door: ToolDoor;
  /** The requested call, or undefined when the request is no tool call (e.g. MCP `initialize`). */
  read(request: Request): RequestedToolCall | undefined;
}

/**
 * Marks a route that carries tool calls, so a request refused before its handler runs
 * (a body nested too deep) is still written to the audit trail with its tool and caller.
 */
export const ToolCallRoute = Reflector.createDecorator<ToolCallRouteOptions>();
