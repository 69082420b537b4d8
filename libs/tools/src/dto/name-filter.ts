import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * An optional filter naming one Nautobot object (a role, status, tenant…): a non-empty
 * string of at most 100 characters. An unknown name is a 400 with close matches.
 */
export function NameFilter(description: string, example: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, example, maxLength: 100 }),
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(100),
  );
}
