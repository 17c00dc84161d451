import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@tradefloor/core';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { BULLETIN_KINDS, BULLETIN_STATUSES, type BulletinKind, type BulletinStatus } from '../entities/bulletin.entity';
import { ISO_DATE_MESSAGE } from './bulletin-input.dto';

export class BulletinListQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Category slug or id', example: 'ocop' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;

  @ApiPropertyOptional({ description: 'Tag, compared without diacritics or case', example: 'bưởi da xanh' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({ description: 'Search in title, summary, tags and body; diacritics optional', example: 'buoi da xanh' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: BULLETIN_KINDS })
  @IsOptional()
  @IsIn(BULLETIN_KINDS as unknown as string[])
  kind?: BulletinKind;

  @ApiPropertyOptional({ enum: BULLETIN_STATUSES, description: 'Editors and admins only; default published' })
  @IsOptional()
  @IsIn(BULLETIN_STATUSES as unknown as string[])
  status?: BulletinStatus;
}

export class EventListQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Events ending at or after this time', example: '2025-11-01T00:00:00+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: ISO_DATE_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ description: 'Events starting at or before this time', example: '2025-11-30T23:59:59+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: ISO_DATE_MESSAGE })
  to?: string;
}
