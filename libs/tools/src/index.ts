/** The tools, their registry and the REST door. */
export { ToolsModule } from './tools.module.js';
/** Discovers and runs tools for every door. */
export {
  ToolRegistry,
  type RegisteredTool,
  type ToolDescription,
  type ToolInvocation,
} from './tool.registry.js';
/** Refuses bodies nested too deep after authentication, auditing refused tool calls. */
export { BodyDepthGuard } from './body-depth.guard.js';
/** Marks a route that carries tool calls (for calls refused before the handler). */
export {
  ToolCallRoute,
  type RequestedToolCall,
  type ToolCallRouteOptions,
} from './tool-call-route.decorator.js';
/** Marks a provider as a tool. */
export { Tool, type ToolAnnotations, type ToolDefinition } from './tool.decorator.js';
/** What a tool implements and receives. */
export type { ToolContext, ToolDoor, ToolHandler } from './tool-handler.js';
/** Builds the OpenAPI document and the tools' JSON Schemas from the DTOs. */
export {
  addAuthResponses,
  buildOpenApiDocument,
  exampleProblem,
  type OpenApiInfo,
} from './openapi.js';
/** JSON Schema type of tool schemas. */
export type { JsonSchema } from './tool-schemas.js';
/** Nautobot's time-zone enum name → the IANA name (`EUROPE_AMSTERDAM` → `Europe/Amsterdam`). */
export { ianaTimeZone } from './tools/locations.tool.js';
