import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@tradefloor/core';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ENTERPRISE_KINDS, ENTERPRISE_STATUSES, type EnterpriseKind, type EnterpriseStatus } from '../entities/enterprise.entity';
import { trim } from './transforms';

export class PublicEnterpriseQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ENTERPRISE_KINDS })
  @IsOptional()
  @IsIn(ENTERPRISE_KINDS as unknown as string[])
  kind?: EnterpriseKind;

  @ApiPropertyOptional({ example: '29362', description: 'Mã xã/phường (commune code)' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'Mã xã/phường gồm 5 chữ số (commune code must be 5 digits)' })
  commune?: string;

  @ApiPropertyOptional({ example: 'hung hoa', description: 'Tìm theo tên, không phân biệt dấu (diacritic-insensitive)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class AdminEnterpriseQuery extends PublicEnterpriseQuery {
  @ApiPropertyOptional({ enum: ENTERPRISE_STATUSES, example: 'pending_verification' })
  @IsOptional()
  @IsIn(ENTERPRISE_STATUSES as unknown as string[])
  status?: EnterpriseStatus;
}
