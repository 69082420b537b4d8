import type { INestApplication } from '@nestjs/common';
import { PROBLEM_TYPES, type ProblemDetails, type ProblemType } from '@nautobot-mcp/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ToolRegistry } from './tool.registry.js';

/** Title, version and description of the published OpenAPI document. */
export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
}

const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * One realistic body per problem type a documented operation may answer, so Swagger
 * UI shows under each status an example of that status (not the 400 example under
 * 502). `type`, `title` and `status` come from the catalogue.
 */
const EXAMPLE_EXTENSIONS: Partial<Record<ProblemType, Record<string, unknown>>> = {
  'invalid-arguments': {
    detail: 'role: role is required; limit: limit must be an integer',
    errors: [
      { field: 'role', message: 'role is required' },
      { field: 'limit', message: 'limit must be an integer' },
    ],
  },
  'invalid-request': {
    detail: 'name: name is required',
    errors: [{ field: 'name', message: 'name is required' }],
  },
  'malformed-json': {
    detail: 'The body is not valid JSON: Unexpected end of JSON input.',
  },
  'invalid-cursor': { detail: 'cursor is not one this server issued; start without it.' },
  'unknown-location': {
    detail: 'Nautobot has no location named "AMS1". Did you mean AMS01?',
    value: 'AMS1',
    suggestions: ['AMS01'],
  },
  'unknown-filter-value': {
    detail: 'Nautobot has no tenant named "acme". Did you mean Acme Corp?',
    filter: 'tenant',
    kind: 'tenant',
    value: 'acme',
    suggestions: ['Acme Corp'],
  },
  'result-too-large': {
    detail: 'The answer has 2400000 bytes, over MAX_RESULT_BYTES (1048576).',
    bytes: 2400000,
    maxBytes: 1048576,
  },
  unauthorized: {
    detail:
      'Authentication required: send an X-API-Key header, or an Authorization header of an enabled scheme.',
    reason: 'missing-credentials',
  },
  'tool-forbidden': {
    detail: 'ipam-bot may not call the tool "devices".',
    tool: 'devices',
  },
  'unknown-tool': {
    detail:
      'No tool named "devices_by_locaton". Did you mean devices_by_location? Available: devices, devices_by_location, prefixes.',
    tool: 'devices_by_locaton',
    suggestions: ['devices_by_location'],
  },
  'payload-too-large': {
    detail: 'The body exceeds the limit of 1048576 bytes (MAX_BODY_BYTES).',
  },
  'unsupported-media-type': {
    detail: 'Send the body as application/json (got text/plain).',
  },
  'rate-limited': {
    detail: 'More than 600 requests per minute; retry in 12 s.',
    retryAfterSeconds: 12,
  },
  'nautobot-auth': {
    detail:
      'Nautobot refused the API token configured in NAUTOBOT_TOKEN (HTTP 403: Invalid token). Check the token and its permissions.',
  },
  'nautobot-query-error': {
    detail: 'Cannot query field "serial_number" on type "DeviceType".',
    messages: ['Cannot query field "serial_number" on type "DeviceType".'],
  },
  'nautobot-bad-response': { detail: 'Nautobot answered in a way we cannot read.' },
  'nautobot-error': { detail: 'Nautobot answered HTTP 500.', upstreamStatus: 500 },
  'nautobot-unreachable': {
    detail:
      'Cannot connect to Nautobot at https://nautobot.example.com/api/graphql/ (ECONNREFUSED).',
    reason: 'ECONNREFUSED',
  },
  'auth-unavailable': {
    detail: 'OIDC discovery has not succeeded yet; retry shortly.',
  },
  'nautobot-timeout': {
    detail: 'Nautobot did not answer within 10000 ms (NAUTOBOT_TIMEOUT_MS).',
  },
};

/** The example body of a problem type. */
export function exampleProblem(type: ProblemType): ProblemDetails {
  const { status, title } = PROBLEM_TYPES[type];
  return { type, title, status, ...EXAMPLE_EXTENSIONS[type] };
}

/** A problem response whose examples are the given types, all of one status. */
function problemResponse(description: string, types: readonly ProblemType[]) {
  const statuses = new Set(types.map((type) => PROBLEM_TYPES[type].status));
  if (statuses.size !== 1) {
    throw new Error(`one response, one status: ${types.join(', ')}`);
  }
  return {
    description,
    content: {
      [PROBLEM_MEDIA_TYPE]: {
        schema: { $ref: '#/components/schemas/Problem' },
        examples: Object.fromEntries(
          types.map((type) => [
            type,
            { summary: PROBLEM_TYPES[type].title, value: exampleProblem(type) },
          ]),
        ),
      },
    },
  };
}

/** What can go wrong on a route that runs a tool, whatever the authentication. */
const TOOL_ERRORS = {
  '400': problemResponse(
    'Invalid arguments (each field named once), a cursor we did not issue, or a filter value Nautobot does not know (with suggestions).',
    [
      'invalid-arguments',
      'malformed-json',
      'invalid-cursor',
      'unknown-location',
      'unknown-filter-value',
      'result-too-large',
    ],
  ),
  '413': problemResponse('The body exceeds MAX_BODY_BYTES.', ['payload-too-large']),
  '415': problemResponse('The body is not application/json.', ['unsupported-media-type']),
  '429': problemResponse(
    'Over RATE_LIMIT_PER_MIN requests a minute for this caller; Retry-After says when to retry.',
    ['rate-limited'],
  ),
  '502': problemResponse('Nautobot rejected the query or our token, or answered badly.', [
    'nautobot-auth',
    'nautobot-query-error',
    'nautobot-bad-response',
    'nautobot-error',
  ]),
  '503': problemResponse('Nautobot is unreachable.', ['nautobot-unreachable']),
  '504': problemResponse('Nautobot did not answer within NAUTOBOT_TIMEOUT_MS.', [
    'nautobot-timeout',
  ]),
};

/** Routes that run tools (so 403 `tool-forbidden` applies once callers are told apart). */
const TOOL_ROUTE = /^\/(tools\/[^/]+|exports\/.+)$/;

type Operation = { responses?: Record<string, unknown>; security?: unknown[] };
type SecurityScheme = { type?: string; scheme?: string; in?: string; name?: string };

function operationsOf(document: OpenAPIObject): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.values(item as Record<string, unknown>)
      .filter((op): op is Operation => typeof op === 'object' && op !== null && 'responses' in op)
      .map((op): [string, Operation] => [path, op]),
  );
}

/** How a caller sends one scheme's credential, for the 401 description. */
function credentialOf(name: string, scheme: SecurityScheme): string {
  if (scheme.type === 'apiKey') {
    return `an ${scheme.name ?? name} ${scheme.in ?? 'header'} (${name})`;
  }
  if (scheme.type === 'http' && scheme.scheme) {
    const word = scheme.scheme[0].toUpperCase() + scheme.scheme.slice(1);
    return `Authorization: ${word} (${name})`;
  }
  return name;
}

/**
 * Documents 401 `unauthorized` (naming the declared schemes) on every operation that
 * needs credentials and 403 `tool-forbidden` on those that run tools; with OIDC, 503
 * `auth-unavailable` too. Reads the schemes the document declares
 * (`components.securitySchemes`, set by the auth lib), so it never disagrees with
 * Swagger UI's Authorize dialog; without any (AUTH_MODE=none) it adds nothing.
 */
export function addAuthResponses(document: OpenAPIObject): void {
  const schemes = Object.entries(
    (document.components?.securitySchemes ?? {}) as Record<string, SecurityScheme>,
  );
  if (schemes.length === 0) {
    return;
  }
  const credentials = schemes.map(([name, scheme]) => credentialOf(name, scheme)).join(', or ');
  const bearer = schemes.some(([, s]) => s.type === 'http' && s.scheme === 'bearer');
  for (const [path, operation] of operationsOf(document)) {
    if (Array.isArray(operation.security) && operation.security.length === 0) {
      continue;
    }
    const responses = (operation.responses ??= {});
    responses['401'] = problemResponse(
      `No or invalid credentials; send ${credentials}. WWW-Authenticate lists the schemes.`,
      ['unauthorized'],
    );
    if (TOOL_ROUTE.test(path)) {
      responses['403'] = problemResponse('This caller may not call this tool.', ['tool-forbidden']);
    }
    if (bearer) {
      const unreachable = responses['503'] as ReturnType<typeof problemResponse> | undefined;
      const types = Object.keys(unreachable?.content[PROBLEM_MEDIA_TYPE].examples ?? {});
      responses['503'] = problemResponse(
        `${unreachable ? `${unreachable.description} Or: ` : ''}OIDC discovery has not succeeded yet (Retry-After).`,
        [...(types as ProblemType[]), 'auth-unavailable'],
      );
    }
  }
  sortResponses(document);
}

/** Status codes in numeric order, as a reader scans them. */
function sortResponses(document: OpenAPIObject): void {
  for (const [, operation] of operationsOf(document)) {
    if (operation.responses) {
      operation.responses = Object.fromEntries(
        Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)),
      );
    }
  }
}

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

/** The error responses of the routes declared in controllers that run tools. */
function documentToolRoutes(document: OpenAPIObject): void {
  const invoke = document.paths['/tools/invoke']?.post;
  if (invoke) {
    invoke.responses = {
      ...invoke.responses,
      ...TOOL_ERRORS,
      '400': problemResponse(
        `${TOOL_ERRORS['400'].description} Or a body that is not { name, arguments }.`,
        [
          ...(Object.keys(
            TOOL_ERRORS['400'].content[PROBLEM_MEDIA_TYPE].examples,
          ) as ProblemType[]),
          'invalid-request',
        ],
      ),
      '404': problemResponse('No tool has that name; suggestions lists close ones.', [
        'unknown-tool',
      ]),
    };
  }
  const list = document.paths['/tools']?.get;
  if (list) {
    list.responses = { ...list.responses, '429': TOOL_ERRORS['429'] };
  }
  for (const item of Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/exports/'))
    .map(([, item]) => item)) {
    if (item.get) {
      const { '413': _tooLarge, '415': _mediaType, ...errors } = TOOL_ERRORS;
      item.get.responses = { ...item.get.responses, ...errors };
    }
  }
}

/** A component schema, as far as relaxing item schemas needs it. */
type ObjectSchema = {
  description?: string;
  required?: string[];
  properties?: Record<string, { items?: { $ref?: string } }>;
};

/**
 * `fields` and `brief` choose which fields each item of a list has, so an item schema
 * cannot require any: a `{ brief: true }` answer would violate the document, and MCP
 * clients that check `structuredContent` against the outputSchema would reject it.
 * Every field is still listed (and present when neither is given).
 */
function relaxSelectableItems(schemas: Record<string, unknown>, input: string, output: string) {
  const selectable = (schemas[input] as ObjectSchema | undefined)?.properties ?? {};
  if (!('fields' in selectable) && !('brief' in selectable)) {
    return;
  }
  const ref = (schemas[output] as ObjectSchema | undefined)?.properties?.items?.items?.$ref;
  const item = ref && (schemas[ref.slice('#/components/schemas/'.length)] as ObjectSchema);
  if (item && item.required) {
    delete item.required;
    item.description = `${item.description ? `${item.description} ` : ''}Every field is present unless \`fields\` or \`brief\` chose fewer.`;
  }
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
    description:
      'RFC 9457 problem details. `type` is a stable slug listed in docs/errors.md; other members are extensions of that type.',
    required: ['type', 'title', 'status'],
    additionalProperties: true,
    properties: {
      type: { type: 'string', description: 'Stable slug; switch on it.' },
      title: { type: 'string', description: "The type's fixed summary." },
      status: { type: 'integer', description: 'The HTTP status.' },
      detail: { type: 'string', description: 'What went wrong this time, and what to do.' },
      instance: { type: 'string', description: 'The request path.' },
      requestId: { type: 'string', description: 'The X-Request-Id of the request.' },
      errors: {
        type: 'array',
        description: 'Invalid fields, one entry each (at most 20).',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: { field: { type: 'string' }, message: { type: 'string' } },
        },
      },
      omittedErrors: {
        type: 'integer',
        description: 'Invalid fields beyond the 20 listed in errors.',
      },
      suggestions: {
        type: 'array',
        description: 'Close names, for a did-you-mean.',
        items: { type: 'string' },
      },
    },
  };
  for (const tool of registry.all()) {
    const { name, title, description, toolset, input, output } = tool.definition;
    const example = tool.definition.example ?? requiredExample(schemas[input.name]);
    // No body is no arguments: a body is required only by a tool with a required argument.
    const required = ((schemas[input.name] as ObjectSchema | undefined)?.required ?? []).length;
    document.paths[`/tools/${name}`] = {
      post: {
        operationId: `tool_${name}`,
        summary: title,
        description,
        tags: [toolset],
        requestBody: {
          required: required > 0,
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
          ...TOOL_ERRORS,
        },
      },
    };
  }
  for (const tool of registry.all()) {
    relaxSelectableItems(schemas, tool.definition.input.name, tool.definition.output.name);
  }
  documentToolRoutes(document);
  registry.useSchemas(schemas);
  sortResponses(document);
  return document;
}
