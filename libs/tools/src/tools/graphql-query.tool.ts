import { ProblemException, invalidArguments, problemOf } from '@nautobot-mcp/common';
import { InjectSettings, type Settings } from '@nautobot-mcp/config';
import { NautobotClient } from '@nautobot-mcp/nautobot';
import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { jsonBytes } from '../output-control.js';
import { checkRawQuery } from '../raw-query.js';
import type { ToolContext, ToolHandler } from '../tool-handler.js';
import { Tool } from '../tool.decorator.js';

/** Longest query text accepted. */
const MAX_QUERY_CHARS = 20_000;

/** Arguments of `graphql_query`. */
export class GraphqlQueryInput {
  @ApiProperty({
    description:
      'One read-only GraphQL query in Nautobot 2.x names (fragments allowed; no mutations or subscriptions). Use limit: on list fields to keep the answer small.',
    example: 'query { devices(location: "AMS01", limit: 5) { name role { name } } }',
    maxLength: MAX_QUERY_CHARS,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_QUERY_CHARS)
  query!: string;

  @ApiPropertyOptional({
    description: 'Values of the variables the query declares.',
    type: 'object',
    additionalProperties: true,
    example: { site: 'AMS01' },
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

/** Result of `graphql_query`. */
export class GraphqlQueryResult {
  @ApiProperty({
    description: "Nautobot's `data`, as it answered.",
    type: 'object',
    additionalProperties: true,
    example: { devices: [{ name: 'ams01-edge01', role: { name: 'edge' } }] },
  })
  data!: Record<string, unknown>;

  @ApiProperty({ description: 'Size of `data` as JSON, in bytes.', example: 52 })
  bytes!: number;
}

@Tool({
  name: 'graphql_query',
  title: 'Raw GraphQL query (power users)',
  description:
    'Run one read-only GraphQL query against Nautobot 2.x and get its data, for questions no other tool answers (e.g. custom fields, config contexts, cables, modules). Prefer the specific tools: their answers are smaller and checked. Mutations are refused; depth, fields, aliases, length and answer size are limited (put limit: on list fields). Use Nautobot 2.x names: location (not site), role (not device_role), vlan_group, and the list filters of the REST API.',
  toolset: 'graphql',
  input: GraphqlQueryInput,
  output: GraphqlQueryResult,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  example: { query: 'query { devices(location: "AMS01", limit: 5) { name role { name } } }' },
})
@Injectable()
export class GraphqlQueryTool implements ToolHandler<GraphqlQueryInput, GraphqlQueryResult> {
  constructor(
    private readonly nautobot: NautobotClient,
    @InjectSettings() private readonly settings: Settings,
  ) {}

  /** Off unless ENABLE_RAW_GRAPHQL=true: then it is neither listed nor callable. */
  enabled(): boolean {
    return this.settings.enableRawGraphql;
  }

  async run(input: GraphqlQueryInput, context: ToolContext): Promise<GraphqlQueryResult> {
    const document = checkRawQuery(input.query, {
      maxDepth: this.settings.rawGraphqlMaxDepth,
      maxAliases: this.settings.rawGraphqlMaxAliases,
      maxFields: this.settings.rawGraphqlMaxFields,
      maxTokens: this.settings.rawGraphqlMaxTokens,
    });
    const { data, warnings } = await this.nautobot
      .raw(document, input.variables ?? {})
      .catch((error: unknown) => {
        // Here the caller wrote the query: a query Nautobot rejects is their 400.
        if (error instanceof ProblemException && error.problem.type === 'nautobot-query-error') {
          throw invalidArguments([
            { field: 'query', message: `Nautobot rejected it: ${error.problem.detail ?? ''}` },
          ]);
        }
        throw error;
      });
    context.warnings.push(...warnings);
    const bytes = jsonBytes(data);
    const max = this.settings.maxResultBytes;
    if (bytes > max) {
      throw problemOf(
        'result-too-large',
        `Nautobot's answer is ${bytes} bytes, over MAX_RESULT_BYTES (${max}). Put limit: (and offset:) on the list fields or select fewer fields.`,
        { bytes, maxBytes: max },
      );
    }
    return { data, bytes };
  }
}
