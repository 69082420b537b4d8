import {
  ProblemException,
  TelemetryHub,
  currentRequestId,
  declaredProperties,
  fieldLabel,
  requestContext,
  maskArguments,
  problemOf,
  type Principal,
  type ToolInvocationEvent,
} from '@nautobot-mcp/common';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { NautobotClient } from '@nautobot-mcp/nautobot';
import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { distance } from 'fastest-levenshtein';
import type { ToolContext, ToolDoor, ToolHandler } from './tool-handler.js';
import { Tool, type ToolAnnotations, type ToolDefinition } from './tool.decorator.js';
import { toJsonSchema, type JsonSchema } from './tool-schemas.js';
import { validateArguments } from './validate-arguments.js';

const TOOL_NAME = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Up to three tool names within a few edits of `name`, closest first. Plain edit
 * distance: a prefix ("devices") is no better guess for "devices_by_locaton" than
 * the name one letter away.
 */
function closestToolNames(name: string, names: readonly string[]): string[] {
  const budget = Math.max(2, Math.floor(name.length / 4));
  return names
    .map((candidate) => ({ candidate, d: distance(name, candidate) }))
    .filter(({ d }) => d <= budget)
    .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

/**
 * Argument names as a reader wants them in "This tool takes …" and in the order of
 * reported problems: required first, then as the schema lists them.
 */
function readingOrder(names: readonly string[], schema: JsonSchema): string[] {
  const required = (schema.required as string[] | undefined) ?? [];
  const listed = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
  const rank = (name: string) => {
    const r = required.indexOf(name);
    if (r >= 0) {
      return r;
    }
    const l = listed.indexOf(name);
    return required.length + (l >= 0 ? l : listed.length);
  };
  return [...names].sort((a, b) => rank(a) - rank(b));
}

/** A discovered tool with its handler and (once the OpenAPI document is built) its schemas. */
export interface RegisteredTool {
  definition: ToolDefinition;
  handler: ToolHandler;
  annotations: ToolAnnotations;
  /** Argument names the input DTO accepts. */
  argumentNames: string[];
  inputSchema?: JsonSchema;
  outputSchema?: JsonSchema;
}

/** What `GET /tools` and MCP `tools/list` publish for one tool. */
export interface ToolDescription {
  name: string;
  title: string;
  description: string;
  toolset: string;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  annotations: ToolAnnotations;
}

/** The answer of one invocation, identical on every door. */
export interface ToolInvocation {
  name: string;
  result: object;
  meta: { durationMs: number; warnings?: string[]; source?: 'demo-fallback' };
}

/**
 * Every `@Tool` provider, discovered at start-up. It validates arguments and runs
 * tools for all doors (REST, MCP), so they behave the same.
 */
@Injectable()
export class ToolRegistry implements OnModuleInit {
  private readonly tools = new Map<string, RegisteredTool>();
  private discovered = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly nautobot: NautobotClient,
    @Optional() private readonly telemetry?: TelemetryHub,
    @Optional() @InjectSettings() private readonly settings?: Settings,
  ) {}

  onModuleInit(): void {
    this.discover();
  }

  /**
   * Finds the `@Tool` providers once. Also called lazily, because the OpenAPI document
   * (and so Swagger UI's routes) must be built before the app's init registers its
   * catch-all 404 handler, i.e. before `onModuleInit` runs.
   */
  private discover(): void {
    if (this.discovered) {
      return;
    }
    this.discovered = true;
    for (const wrapper of this.discovery.getProviders({ metadataKey: Tool.KEY })) {
      const definition = this.discovery.getMetadataByDecorator(Tool, wrapper);
      const handler = wrapper.instance as ToolHandler | undefined;
      if (!definition || !handler || handler.enabled?.() === false) {
        continue;
      }
      this.register(definition, handler);
    }
    this.enableToolsets(this.settings?.toolsets);
  }

  /**
   * Keeps only the tools of the given toolsets (TOOLSETS), for every door. A name no
   * tool belongs to is a start-up error, so a typo cannot silently disable tools.
   */
  private enableToolsets(toolsets: readonly string[] | undefined): void {
    if (!toolsets || toolsets.length === 0) {
      return;
    }
    const known = new Set([...this.tools.values()].map((t) => t.definition.toolset));
    const unknown = toolsets.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new Error(
        `TOOLSETS names unknown toolsets: ${unknown.join(', ')} (known: ${[...known].sort().join(', ')})`,
      );
    }
    for (const [name, tool] of this.tools) {
      if (!toolsets.includes(tool.definition.toolset)) {
        this.tools.delete(name);
      }
    }
  }

  /** Adds a tool; throws on a bad or duplicate name or a query file that lacks its variables. */
  register(definition: ToolDefinition, handler: ToolHandler): void {
    if (!TOOL_NAME.test(definition.name)) {
      throw new Error(`tool name ${definition.name} does not match ${String(TOOL_NAME)}`);
    }
    if (this.tools.has(definition.name)) {
      throw new Error(`tool ${definition.name} is defined twice`);
    }
    for (const query of definition.queries ?? []) {
      this.nautobot.catalog.require(query.name, query.variables);
    }
    this.tools.set(definition.name, {
      definition,
      handler,
      annotations: { ...definition.annotations, readOnlyHint: true },
      argumentNames: [...declaredProperties(definition.input)],
    });
  }

  /** DTO classes to add to the OpenAPI document's components. */
  models(): ToolDefinition['input'][] {
    this.discover();
    return [...this.tools.values()].flatMap((t) => [t.definition.input, t.definition.output]);
  }

  /** Takes each tool's input/output JSON Schemas from the OpenAPI document's components. */
  useSchemas(components: Record<string, unknown>): void {
    this.discover();
    for (const tool of this.tools.values()) {
      tool.inputSchema = toJsonSchema(components, tool.definition.input.name);
      tool.outputSchema = toJsonSchema(components, tool.definition.output.name);
      tool.argumentNames = readingOrder(tool.argumentNames, tool.inputSchema);
    }
  }

  /** All tools, in name order; with a principal, only those it may call. */
  all(principal?: Principal): RegisteredTool[] {
    this.discover();
    return [...this.tools.values()]
      .filter((t) => !principal || principal.allows(t.definition))
      .sort((a, b) => a.definition.name.localeCompare(b.definition.name));
  }

  /**
   * A tool by name, or a 404 `unknown-tool` problem with the closest names
   * (`suggestions`, "Did you mean …?") and the list of what exists.
   */
  get(name: string): RegisteredTool {
    this.discover();
    const tool = this.tools.get(name);
    if (!tool) {
      const names = [...this.tools.keys()].sort();
      // A name no tool could have (TOOL_NAME) is echoed cut and gets no suggestion.
      const suggestions = TOOL_NAME.test(name) ? closestToolNames(name, names) : [];
      const shown = fieldLabel(name);
      const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : '';
      throw problemOf(
        'unknown-tool',
        `No tool named "${shown}".${hint} Available: ${names.join(', ')}.`,
        { tool: shown, suggestions },
      );
    }
    return tool;
  }

  /** The published description of a tool. */
  describe(tool: RegisteredTool): ToolDescription {
    const { name, title, description, toolset } = tool.definition;
    if (!tool.inputSchema || !tool.outputSchema) {
      throw new Error('tool schemas are not built yet: call useSchemas() at start-up');
    }
    return {
      name,
      title,
      description,
      toolset,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: tool.annotations,
    };
  }

  /**
   * Checks the principal may call the tool, validates the arguments and runs it.
   * A forbidden tool is refused before its arguments are even looked at.
   */
  async invoke(
    name: string,
    args: unknown,
    door: ToolDoor,
    principal: Principal,
    signal?: AbortSignal,
  ): Promise<ToolInvocation> {
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    try {
      const tool = this.get(name);
      if (!principal.allows(tool.definition)) {
        throw problemOf('tool-forbidden', `${principal.name} may not call the tool "${name}".`, {
          tool: name,
        });
      }
      const input = await validateArguments(tool.definition.input, args, tool.argumentNames);
      // One scope per invocation: the caller's cancellation and TOOL_TIMEOUT_MS reach
      // every Nautobot request, and DEMO_FALLBACK is decided once for the whole answer.
      const scope = this.nautobot.openScope({
        signals: [signal, requestContext.getStore()?.signal],
      });
      const context: ToolContext = { door, principal, warnings: [], signal: scope.signal };
      let result: object;
      try {
        result = await scope.run(() => tool.handler.run(input, context));
      } finally {
        scope.close();
      }
      const durationMs = elapsed();
      const items = (result as { items?: unknown }).items;
      this.report(
        name,
        args,
        door,
        principal,
        durationMs,
        undefined,
        Array.isArray(items) ? items.length : undefined,
      );
      const fallback = scope.source === 'demo-fallback';
      if (fallback) {
        context.warnings.push(
          'Nautobot was unreachable: this answer comes from the built-in DEMO data, not from Nautobot (DEMO_FALLBACK).',
        );
      }
      const meta: ToolInvocation['meta'] = { durationMs };
      if (context.warnings.length > 0) {
        meta.warnings = context.warnings;
      }
      if (fallback) {
        meta.source = 'demo-fallback';
      }
      return { name, result, meta };
    } catch (error) {
      this.report(fieldLabel(name), args, door, principal, elapsed(), error);
      throw error;
    }
  }

  /**
   * Records a call refused before it reached {@link invoke} (its body nested too deep),
   * so the audit trail has every attempt, with its tool and caller.
   */
  refused(name: string, args: unknown, door: ToolDoor, principal: Principal, error: unknown): void {
    this.report(fieldLabel(name), args, door, principal, 0, error);
  }

  /** One event per invocation, for the audit trail and metrics. */
  private report(
    tool: string,
    args: unknown,
    door: ToolDoor,
    principal: Principal,
    durationMs: number,
    error?: unknown,
    rows?: number,
  ): void {
    if (!this.telemetry) {
      return;
    }
    const status = error instanceof ProblemException ? error.problem.status : error ? 500 : 200;
    const outcome: ToolInvocationEvent['outcome'] = !error
      ? 'ok'
      : status >= 502 && status <= 504
        ? 'upstream_error'
        : status < 500
          ? 'client_error'
          : 'error';
    this.telemetry.toolInvoked({
      time: new Date().toISOString(),
      requestId: currentRequestId(),
      tool,
      door,
      principal: {
        name: principal.name,
        authMode: principal.authMode,
        ...(principal.displayName === undefined ? {} : { displayName: principal.displayName }),
      },
      arguments: maskArguments(args),
      outcome,
      problem:
        error instanceof ProblemException
          ? error.problem.type
          : error
            ? 'internal-error'
            : undefined,
      status,
      durationMs,
      rows,
    });
  }
}
