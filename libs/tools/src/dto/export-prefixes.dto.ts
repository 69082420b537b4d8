import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WithPrefixFilters } from './prefix-filters.dto.js';

/** The filters of a prefix export (the `prefixes` filters, without paging). */
export class ExportPrefixesInput extends WithPrefixFilters(class PrefixExportFilters {}) {}

/** Result of `export_prefixes_to_csv`. */
export class ExportPrefixesResult {
  @ApiProperty({ description: 'Media type of `csv`.', example: 'text/csv' })
  format!: 'text/csv';

  @ApiProperty({
    description: 'The CSV columns, as the prefixes query file selects them.',
    example: ['id', 'prefix', 'type', 'status', 'role', 'locations', 'vlan', 'vlan_name'],
  })
  columns!: string[];

  @ApiProperty({
    description:
      'True when the whole CSV is in `csv`; false when it is too large to answer inline.',
    example: true,
  })
  inline!: boolean;

  @ApiPropertyOptional({
    description: 'The CSV (header row first, CRLF line ends) when it fits the size budget.',
    example: 'id,prefix,type,status\r\n1f4c…,10.11.0.0/24,network,Active\r\n',
  })
  csv?: string;

  @ApiProperty({
    description: 'Data rows in `csv`, or (when not inline) rows counted before stopping.',
    example: 12,
  })
  rows!: number;

  @ApiProperty({
    description: 'True when `rows` is the total number of matching prefixes.',
    example: true,
  })
  complete!: boolean;

  @ApiProperty({
    description:
      'Path of the streamed download with the same filters, relative to this server; call it with the same credentials.',
    example: '/exports/prefixes.csv?location=AMS01',
  })
  downloadPath!: string;

  @ApiPropertyOptional({
    description:
      'Absolute download URL, when the server knows its public address (PUBLIC_BASE_URL).',
    example: 'https://nautobot-mcp.example.com/exports/prefixes.csv?location=AMS01',
  })
  downloadUrl?: string;
}
