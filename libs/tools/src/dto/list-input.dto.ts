import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/** Largest page a caller may ask for. */
export const MAX_LIMIT = 1000;
/** Page size when the caller gives none. */
export const DEFAULT_LIMIT = 100;

/**
 * The output control every list tool takes: paging (`limit`, `cursor`) and the choice
 * of columns (`fields` or `brief`). Results are also capped at MAX_RESULT_BYTES.
 */
export class ListInput {
  @ApiPropertyOptional({
    description: `Items per page (1-${MAX_LIMIT}). A page may hold fewer when the result would exceed the size budget; then truncated is true and nextCursor continues.`,
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
      "Opaque cursor from a previous answer's `nextCursor`, to get the next page. Only valid with the same filters, fields and brief.",
    example: 'eyJ2IjoxLCJvIjoxMDAsImYiOiJhYmMifQ.kq3v2Xk1mB8yZ0c4T9wR1g',
    maxLength: 512,
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({
    description:
      'Only these fields of each item, in this order (e.g. ["name", "status"]); saves context. An unknown field is an error listing the valid ones. Not together with brief.',
    type: [String],
    example: ['name', 'status'],
    maxItems: 50,
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, {
    each: true,
    message: 'each field must be a field name such as name or primary_ip4',
  })
  fields?: string[];

  @ApiPropertyOptional({
    description:
      'Compact items: only id, the name (or prefix, address, cid) and one key attribute. Use it to scan long lists, then ask for details.',
    default: false,
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  brief?: boolean;
}
