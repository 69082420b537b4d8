import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The shape of every list tool's result. */
export interface ListResult<T> {
  items: T[];
  count: number;
  total?: number;
  truncated: boolean;
  nextCursor?: string;
}

/**
 * Makes the output DTO class of a list tool: `items` of the given item class plus the
 * paging fields. `name` becomes the schema name in OpenAPI.
 */
export function ListResultOf<T>(item: Type<T>, name: string): Type<ListResult<T>> {
  class ListResultDto implements ListResult<T> {
    @ApiProperty({ type: () => item, isArray: true, description: 'The items of this page.' })
    items!: T[];

    @ApiProperty({ description: 'Number of items in this page.', example: 2 })
    count!: number;

    @ApiPropertyOptional({
      description: 'Number of items matching the filters, when known (Nautobot does not count).',
      example: 2,
    })
    total?: number;

    @ApiProperty({
      description: 'True when more items match than this page holds; follow `nextCursor`.',
      example: false,
    })
    truncated!: boolean;

    @ApiPropertyOptional({
      description: 'Pass as `cursor` (with the same filters) to get the next page.',
    })
    nextCursor?: string;
  }
  Object.defineProperty(ListResultDto, 'name', { value: name });
  return ListResultDto;
}
