import type { Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

/** MCP tool annotations; every tool of ours is read-only. */
export interface ToolAnnotations {
  readOnlyHint: true;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
  destructiveHint?: false;
}

/** The one definition a tool gives; REST, OpenAPI and MCP are all derived from it. */
export interface ToolDefinition {
  /** Verb-first, `^[A-Za-z0-9._-]{1,128}$`; the same on every door. */
  name: string;
  /** Short human title for UIs. */
  title: string;
  /** Tells a model when to use the tool and what it returns. */
  description: string;
  /** Group name for enabling subsets (`TOOLSETS`), e.g. `ipam`, `dcim`. */
  toolset: string;
  /** Input DTO class (class-validator rules + `@ApiProperty`). */
  input: Type<object>;
  /** Output DTO class. */
  output: Type<object>;
  annotations?: Partial<ToolAnnotations>;
  /** Example arguments for docs and Swagger UI's "Try it out"; default: the required arguments' examples. */
  example?: Record<string, unknown>;
  /** Query files the tool runs and the variables it sets; checked at start-up. */
  queries?: { name: string; variables: readonly string[] }[];
}

/** Marks a provider as a tool; the registry discovers it at start-up. */
export const Tool = DiscoveryService.createDecorator<ToolDefinition>();
