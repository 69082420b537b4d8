import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { NameFilter } from './name-filter.js';
import { IsCidr } from './validators.js';

/** Largest `top` a caller may ask for. */
export const MAX_TOP = 50;

/** Arguments of `analyze_prefixes`. */
export class AnalyzePrefixesInput {
  @NameFilter(
    'Analyse the prefixes of this location (name or alias; with its child locations unless includeChildLocations is false).',
    'AMS01',
  )
  location?: string;

  @ApiPropertyOptional({
    description: 'With location: include the prefixes of its child locations (default true).',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  includeChildLocations?: boolean;

  @ApiPropertyOptional({
    description: 'Analyse this prefix (CIDR) and everything inside it.',
    example: '10.11.0.0/16',
    maxLength: 64,
  })
  @IsOptional()
  @IsCidr()
  within?: string;

  @NameFilter('Only this IPAM namespace.', 'Global')
  namespace?: string;

  @ApiPropertyOptional({
    description: `Length of each top list (top-level, fullest, largest free), 1-${MAX_TOP}.`,
    default: 10,
    minimum: 1,
    maximum: MAX_TOP,
    example: 5,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TOP)
  top?: number;
}

/** How full one prefix is. */
export class PrefixUsageDto {
  @ApiProperty({ example: '10.11.0.0/16' })
  prefix!: string;

  @ApiProperty({ example: 'Global' })
  namespace!: string;

  @ApiProperty({ example: 'container' })
  type!: string;

  @ApiProperty({ example: 'Active' })
  status!: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  role!: string | null;

  @ApiProperty({
    description:
      'Usable addresses, exact, as a decimal string (IPv6 sizes exceed JSON numbers). IPv4 networks shorter than /31 exclude network and broadcast.',
    example: '65536',
  })
  size!: string;

  @ApiProperty({
    description:
      'Addresses used: for a container, those its child prefixes and directly held IP addresses cover; for a network or pool, its IP addresses.',
    example: '1792',
  })
  used!: string;

  @ApiProperty({ description: 'used / size in percent (rounded down, 2 decimals).', example: 2.73 })
  utilisation!: number;

  @ApiProperty({ description: 'Direct child prefixes among the analysed ones.', example: 7 })
  child_prefixes!: number;

  @ApiProperty({ description: 'IP addresses inside it.', example: 21 })
  ip_addresses!: number;
}

/** A free block of address space. */
export class FreeBlockDto {
  @ApiProperty({ example: '10.11.4.0/22' })
  prefix!: string;

  @ApiProperty({ description: 'Addresses in it (decimal string).', example: '1024' })
  size!: string;

  @ApiProperty({ description: 'The prefix it is free in.', example: '10.11.0.0/16' })
  within!: string;

  @ApiProperty({ example: 'Global' })
  namespace!: string;
}

/** The analysis of one IP version. */
export class VersionAnalysisDto {
  @ApiProperty({ description: 'Prefixes of this version.', example: 12 })
  prefixes!: number;

  @ApiProperty({ description: 'Usable addresses of the top-level prefixes.', example: '65536' })
  size!: string;

  @ApiProperty({ description: 'Used addresses of the top-level prefixes.', example: '1792' })
  used!: string;

  @ApiProperty({ example: 2.73 })
  utilisation!: number;

  @ApiProperty({
    type: () => PrefixUsageDto,
    isArray: true,
    description: 'Prefixes with no parent among the analysed ones, in address order (first `top`).',
  })
  top_level!: PrefixUsageDto[];

  @ApiProperty({ description: 'Number of top-level prefixes.', example: 1 })
  top_level_count!: number;

  @ApiProperty({ type: () => PrefixUsageDto, isArray: true, description: 'Fullest first.' })
  fullest!: PrefixUsageDto[];

  @ApiProperty({
    type: () => FreeBlockDto,
    isArray: true,
    description:
      'Largest blocks that no child prefix or IP address uses (unallocated space in containers, unused addresses in networks and pools).',
  })
  largest_free!: FreeBlockDto[];
}

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

/** Result of `analyze_prefixes`. */
export class AnalyzePrefixesResult {
  @ApiProperty({
    description: 'What was analysed (the canonical filter values).',
    type: 'object',
    additionalProperties: true,
    example: { location: 'AMS01', children: true },
  })
  scope!: Record<string, unknown>;

  @ApiProperty({ description: 'Prefixes analysed.', example: 13 })
  prefixes!: number;

  @ApiProperty({ description: 'Distinct IP addresses inside them.', example: 34 })
  ip_addresses!: number;

  @ApiProperty({ ...COUNTS, description: 'Prefixes per status.', example: { Active: 11 } })
  by_status!: Record<string, number>;

  @ApiProperty({
    ...COUNTS,
    description: 'Prefixes per role ("(none)" without).',
    example: { server: 3 },
  })
  by_role!: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'Prefixes per type.', example: { network: 6 } })
  by_type!: Record<string, number>;

  @ApiProperty({ type: () => VersionAnalysisDto })
  ipv4!: VersionAnalysisDto;

  @ApiProperty({ type: () => VersionAnalysisDto })
  ipv6!: VersionAnalysisDto;

  @ApiProperty({
    description: 'True when lists were shortened to stay within MAX_RESULT_BYTES.',
    example: false,
  })
  truncated!: boolean;
}
