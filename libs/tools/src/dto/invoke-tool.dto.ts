import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ToolAnnotations } from '../tool.decorator.js';

/** Body of `POST /tools/invoke`: the same shape as MCP `tools/call` params. */
export class InvokeToolRequest {
  @ApiProperty({
    description: 'Tool name, as listed by GET /tools.',
    example: 'prefixes_by_location',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name!: string;

  @ApiPropertyOptional({
    description: "The tool's arguments (see its inputSchema).",
    type: 'object',
    additionalProperties: true,
    example: { location: 'AMS01', limit: 10 },
  })
  @IsOptional()
  @IsObject()
  arguments?: Record<string, unknown>;
}

/** Timing and notes about one invocation. */
export class InvocationMeta {
  @ApiProperty({ description: 'Time spent in the tool, in milliseconds.', example: 12.3 })
  durationMs!: number;

  @ApiPropertyOptional({
    description: 'Non-fatal notes, e.g. per-item errors Nautobot reported.',
    type: [String],
  })
  warnings?: string[];

  @ApiPropertyOptional({
    description:
      'Present only when the answer came from the built-in demo data because Nautobot was unreachable (DEMO_FALLBACK=true).',
    enum: ['demo-fallback'],
  })
  source?: 'demo-fallback';
}

/** Reply of `POST /tools/invoke`. */
export class InvokeToolResponse {
  @ApiProperty({ example: 'prefixes_by_location' })
  name!: string;

  @ApiProperty({
    description: "The tool's result, exactly as POST /tools/{name} returns it.",
    type: 'object',
    additionalProperties: true,
  })
  result!: object;

  @ApiProperty({ type: () => InvocationMeta })
  meta!: InvocationMeta;
}

/** One entry of `GET /tools`. */
export class ToolListEntry {
  @ApiProperty({ example: 'prefixes_by_location' })
  name!: string;

  @ApiProperty({ example: 'Prefixes of a location' })
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ example: 'ipam' })
  toolset!: string;

  @ApiProperty({
    description: 'JSON Schema of the arguments.',
    type: 'object',
    additionalProperties: true,
  })
  inputSchema!: Record<string, unknown>;

  @ApiProperty({
    description: 'JSON Schema of the result.',
    type: 'object',
    additionalProperties: true,
  })
  outputSchema!: Record<string, unknown>;

  @ApiProperty({
    description: 'MCP tool annotations.',
    type: 'object',
    additionalProperties: true,
    example: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  })
  annotations!: ToolAnnotations;
}

/** Reply of `GET /tools`. */
export class ToolListResponse {
  @ApiProperty({ type: () => ToolListEntry, isArray: true })
  tools!: ToolListEntry[];

  @ApiPropertyOptional({
    description: 'Deployment warnings, e.g. that authentication is off (AUTH_MODE=none).',
    type: [String],
  })
  warnings?: string[];
}
