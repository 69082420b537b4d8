import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Largest page a caller may ask for. */
export const MAX_LIMIT = 1000;
/** Page size when the caller gives none. */
export const DEFAULT_LIMIT = 100;

/** Paging arguments every list tool takes. */
export class ListInput {
  @ApiPropertyOptional({
    description: `Items per page (1-${MAX_LIMIT}).`,
    type: 'integer',
    minimum: 1,
    maximum: MAX_LIMIT,
    default: DEFAULT_LIMIT,
    example: 50,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({
    description:
      "Opaque cursor from a previous answer's `nextCursor`, to get the next page. Only valid with the same filters.",
    example: 'eyJ2IjoxLCJvIjoxMDAsImYiOiJhYmMifQ',
    maxLength: 512,
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}
