import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListInput } from './list-input.dto.js';

/** Arguments of tools that list the objects of one location. */
export class LocationScopedInput extends ListInput {
  @ApiProperty({
    description:
      'Location name as in Nautobot (e.g. a site such as AMS01 or a region such as Europe), or an alias from the organisation file (e.g. "ams").',
    example: 'AMS01',
    maxLength: 100,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  location!: string;

  @ApiPropertyOptional({
    description:
      'Include objects of the child locations (e.g. all sites of a region, the floors of a building). Default true, as in Nautobot; false lists only objects assigned to the location itself.',
    default: true,
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  includeChildLocations?: boolean;
}
