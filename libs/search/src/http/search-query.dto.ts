import { ApiPropertyOptional } from '@nestjs/swagger';
import { CERTIFICATION_TYPES } from '@tradefloor/catalog';
import { PageQueryDto } from '@tradefloor/core';
import { ENTERPRISE_KINDS } from '@tradefloor/enterprise-profile';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { SCOPES, SORTS, type SearchScope, type SortOrder } from '../engine/search-types';

const MAX_PRICE = 1_000_000_000_000;

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Free text: any characters are accepted (only letters and digits are used), length is capped. */
class TextQuery extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Từ khoá, có hoặc không dấu (query, with or without diacritics)' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Từ khoá tối đa 200 ký tự (q must be at most 200 characters)' })
  q?: string;
}

export class ProductSearchQueryDto extends TextQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Category id; matches its sub-categories too' })
  @IsOptional()
  @IsUUID('all', { message: 'Danh mục không hợp lệ (category must be a category id)' })
  category?: string;

  @ApiPropertyOptional({ description: '5-digit commune code, or 2-digit province code', example: '29242' })
  @IsOptional()
  @Matches(/^(\d{2}|\d{5})$/, { message: 'Mã xã/tỉnh không hợp lệ (commune must be a 5-digit commune or 2-digit province code)' })
  commune?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  ocopMin?: number;

  @ApiPropertyOptional({ enum: CERTIFICATION_TYPES })
  @IsOptional()
  @IsIn(CERTIFICATION_TYPES as unknown as string[], { message: `Chứng nhận không hợp lệ (certification must be one of ${CERTIFICATION_TYPES.join(', ')})` })
  certification?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'VND' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0, { message: 'Giá không được âm (priceMin must not be negative)' })
  @Max(MAX_PRICE)
  priceMin?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'VND' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0, { message: 'Giá không được âm (priceMax must not be negative)' })
  @Max(MAX_PRICE)
  priceMax?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Enterprise id' })
  @IsOptional()
  @IsUUID('all', { message: 'Doanh nghiệp không hợp lệ (enterprise must be an enterprise id)' })
  enterprise?: string;

  @ApiPropertyOptional({ enum: ENTERPRISE_KINDS })
  @IsOptional()
  @IsIn(ENTERPRISE_KINDS as unknown as string[])
  enterpriseKind?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'inStock phải là true hoặc false (inStock must be true or false)' })
  inStock?: boolean;

  @ApiPropertyOptional({ enum: SORTS, default: 'relevance' })
  @IsOptional()
  @IsIn(SORTS as unknown as string[], { message: `Cách sắp xếp không hợp lệ (sort must be one of ${SORTS.join(', ')})` })
  sort?: SortOrder;

  @ApiPropertyOptional({
    enum: SCOPES,
    default: 'this-province',
    description:
      "Tỉnh này / Các tỉnh khác: this floor's products (default), or the peer floors' products (read-only, answered in `peerHits`, each labelled with its source floor)",
  })
  @IsOptional()
  @IsIn(SCOPES as unknown as string[], { message: `Phạm vi không hợp lệ (scope must be one of ${SCOPES.join(', ')})` })
  scope?: SearchScope;

  @ApiPropertyOptional({ description: '2-digit province code: with scope=other-provinces, the peer products of that province', example: '92' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'Mã tỉnh không hợp lệ (province must be a 2-digit province code)' })
  province?: string;
}

export class SuggestQueryDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Từ khoá tối đa 200 ký tự (q must be at most 200 characters)' })
  q?: string;
}

export class EnterpriseSearchQueryDto extends TextQuery {
  @ApiPropertyOptional({ enum: ENTERPRISE_KINDS })
  @IsOptional()
  @IsIn(ENTERPRISE_KINDS as unknown as string[])
  kind?: string;

  @ApiPropertyOptional({ description: '5-digit commune code, or 2-digit province code' })
  @IsOptional()
  @Matches(/^(\d{2}|\d{5})$/, { message: 'Mã xã/tỉnh không hợp lệ (commune must be a 5-digit commune or 2-digit province code)' })
  commune?: string;
}
