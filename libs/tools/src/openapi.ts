import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ToolRegistry } from './tool.registry.js';

/** Title, version and description of the published OpenAPI document. */
export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

const PROBLEM_RESPONSE = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * Example arguments made of the required properties' examples, so Swagger UI's
 * "Try it out" sends a call that works (its own generated body would include a fake
 * `cursor`).
 */
function requiredExample(schema: unknown): Record<string, unknown> {
  const { properties = {}, required = [] } = (schema ?? {}) as {
    properties?: Record<string, { example?: unknown }>;
    required?: string[];
  };
  return Object.fromEntries(required.map((key) => [key, properties[key]?.example]));
}

/**
 * Builds the OpenAPI document from the decorated controllers and tool DTOs, adds one
 * `POST /tools/{tool}` operation per tool, and hands the tool schemas to the registry
 * so MCP and `GET /tools` publish exactly what Swagger shows.
 */
export function buildOpenApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  const registry = app.get(ToolRegistry);
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setVersion(info.version)
    .setDescription(info.description)
    .addTag('tools', 'List tools and invoke them by name.')
    .addTag('ipam', 'IPAM tools: prefixes, IP addresses, VLANs.')
    .addTag('dcim', 'DCIM tools: locations, devices, racks.')
    .addTag('circuits', 'Circuit tools: providers, circuits and their terminations.')
    .addTag('graphql', 'Raw read-only GraphQL (off unless ENABLE_RAW_GRAPHQL=true).')
    .addTag('exports', 'Streamed CSV exports.')
    .addTag('health', 'Kubernetes probes.')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: registry.models() });
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = schemas;
  schemas.Problem = {
    type: 'object',
    description: 'RFC 9457 problem details.',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string', example: 'invalid-arguments' },
      title: { type: 'string', example: 'Invalid tool arguments' },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string', example: 'location: location should not be empty' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          properties: { field: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  };
  for (const tool of registry.all()) {
    const { name, title, description, toolset, input, output } = tool.definition;
    const example = tool.definition.example ?? requiredExample(schemas[input.name]);
    document.paths[`/tools/${name}`] = {
      post: {
        operationId: `tool_${name}`,
        summary: title,
        description,
        tags: [toolset],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: `#/components/schemas/${input.name}` },
              example,
            },
          },
        },
        responses: {
          '200': {
            description: `The result of ${name}.`,
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/${output.name}` } },
            },
          },
          '400': PROBLEM_RESPONSE('Invalid arguments or unknown filter value.'),
          '502': PROBLEM_RESPONSE('Nautobot rejected the query or the token.'),
          '503': PROBLEM_RESPONSE('Nautobot is unreachable.'),
          '504': PROBLEM_RESPONSE('Nautobot timed out.'),
        },
      },
    };
  }
  registry.useSchemas(schemas);
  return document;
}
