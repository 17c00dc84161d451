import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@tradefloor/core';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { trim } from './transforms';

export class ProvinceDto {
  @ApiProperty({ example: '86' }) code!: string;
  @ApiProperty({ example: 'Tỉnh Vĩnh Long' }) name!: string;
  @ApiProperty({ description: 'Số xã/phường đã nạp (communes loaded)', example: 124 }) communeCount!: number;
}

export class CommuneDto {
  @ApiProperty({ example: '29362' }) code!: string;
  @ApiProperty({ example: 'Xã Hùng Hòa' }) name!: string;
  @ApiProperty({ example: '86' }) provinceCode!: string;
}

export class CommuneListDto {
  @ApiProperty({ type: [CommuneDto] }) items!: CommuneDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CommuneSearchQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'hung hoa', description: 'Không phân biệt dấu (diacritic-insensitive)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: '86' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'Mã tỉnh gồm 2 chữ số (province code must be 2 digits)' })
  province?: string;
}

export class LegacyResolveQuery {
  @ApiProperty({ example: 'Tân Hùng', description: 'Tên xã/phường cũ (pre-2025 commune name)' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: 'Tiểu Cần', description: 'Huyện cũ (pre-2025 district)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  district?: string;

  @ApiPropertyOptional({ example: 'Trà Vinh', description: 'Tỉnh cũ (pre-2025 province)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  province?: string;
}

export class LegacyMatchDto {
  @ApiProperty({ example: 'Xã Tân Hùng' }) oldName!: string;
  @ApiProperty({ example: 'Huyện Tiểu Cần' }) oldDistrictName!: string;
  @ApiProperty({ example: 'Tỉnh Trà Vinh' }) oldProvinceName!: string;
  @ApiProperty({ type: CommuneDto, description: 'Xã/phường hiện nay (today’s commune)' }) commune!: CommuneDto;
}

export class LegacyResolveResultDto {
  @ApiProperty({ type: [LegacyMatchDto], description: 'Một kết quả = địa chỉ xác định; nhiều = cần chọn (several = ambiguous)' })
  items!: LegacyMatchDto[];
}
