import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CERTIFICATION_TYPES, type CertificationType } from '../entities/product.entity';
import { IsGtin } from '../validation/gtin';
import { canonicalUnit, IsProductUnit, PRODUCT_UNITS } from '../validation/units';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const unit = ({ value }: { value: unknown }) => canonicalUnit(value) ?? value;

export const MAX_PRICE_VND = 1_000_000_000_000;

export class CertificationDto {
  @ApiProperty({ enum: CERTIFICATION_TYPES })
  @IsIn(CERTIFICATION_TYPES as unknown as string[], {
    message: `Loại chứng nhận phải là một trong: ${CERTIFICATION_TYPES.join(', ')} (unknown certification type)`,
  })
  type!: CertificationType;

  @ApiPropertyOptional({ description: 'Bắt buộc khi type = other (required for other)', example: 'Chứng nhận Halal' })
  @Transform(trim)
  @ValidateIf((o: CertificationDto) => o.type === 'other' || o.name !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'Cần tên chứng nhận khi loại là other (name required for other)' })
  @MaxLength(120)
  name?: string;
}

/** The editable fields of a product (shared by create, update and CSV import rows). */
export class ProductFieldsDto {
  @ApiProperty({ example: 'Bưởi da xanh Cầu Kè', minLength: 2, maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(2, 200, { message: 'Tên sản phẩm cần 2–200 ký tự (name must be 2–200 characters)' })
  name!: string;

  @ApiProperty({ description: 'Rich text (HTML); sanitised on input', example: '<p>Bưởi da xanh trồng tại Cầu Kè.</p>' })
  @IsString()
  @MaxLength(20_000)
  description!: string;

  @ApiProperty({ format: 'uuid', description: 'Any category node (a group or a sub-group)' })
  @IsUUID('all', { message: 'Mã danh mục không hợp lệ (invalid category id)' })
  categoryId!: string;

  @ApiProperty({ example: 120000, minimum: 1, maximum: MAX_PRICE_VND })
  @IsInt({ message: 'Giá phải là số nguyên VND (price must be an integer)' })
  @Min(1, { message: 'Giá phải lớn hơn 0 (price must be > 0)' })
  @Max(MAX_PRICE_VND)
  priceVnd!: number;

  @ApiPropertyOptional({ example: 150000, nullable: true, description: 'Upper bound of a price range (≥ priceVnd)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_VND)
  priceMaxVnd?: number | null;

  @ApiProperty({ enum: PRODUCT_UNITS, example: 'kg' })
  @Transform(unit)
  @IsProductUnit()
  unit!: string;

  @ApiProperty({ example: 'BUOI-CK-01', description: 'Unique within the enterprise' })
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, { message: 'Mã SKU gồm chữ, số, . _ / - (tối đa 64) (invalid SKU)' })
  sku!: string;

  @ApiPropertyOptional({ example: '8934588063053', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsGtin()
  gtin?: string | null;

  @ApiProperty({ example: 500, minimum: 0 })
  @IsInt({ message: 'Tồn kho phải là số nguyên (stock must be an integer)' })
  @Min(0)
  @Max(1_000_000_000)
  stockQuantity!: number;

  @ApiPropertyOptional({ example: 1, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minOrderQuantity?: number;

  @ApiPropertyOptional({ example: 1000, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  weightGrams?: number | null;

  @ApiProperty({ example: '29308', description: 'Commune/ward code (Decision 19/2025/QĐ-TTg)' })
  @IsString()
  @Matches(/^\d{5}$/, { message: 'Mã xã/phường gồm 5 chữ số (commune code must be 5 digits)' })
  originCommuneCode!: string;

  @ApiPropertyOptional({ type: [CertificationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CertificationDto)
  certifications?: CertificationDto[];
}

export class CreateProductDto extends ProductFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Mã doanh nghiệp không hợp lệ (invalid enterprise id)' })
  enterpriseId!: string;
}

/** Any subset of the fields; `gtin`, `priceMaxVnd`, `weightGrams` may be null to clear them. */
export class UpdateProductDto extends PartialType(ProductFieldsDto) {}

/** Optional pin: the approval is refused (409 STALE_REVISION) if the product changed since the moderator looked. */
export class ApproveProductDto {
  @ApiPropertyOptional({ description: 'the `revision` the moderator reviewed', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;

  @ApiPropertyOptional({ description: 'Approve despite a prohibited screening match (requires `overrideReason`; audited)' })
  @IsOptional()
  @IsBoolean()
  overrideScreening?: boolean;

  @ApiPropertyOptional({ minLength: 10, maxLength: 2000, description: 'Why the prohibited match does not apply (with `overrideScreening`)' })
  @ValidateIf((o: ApproveProductDto) => o.overrideScreening === true || o.overrideReason !== undefined)
  @Transform(trim)
  @IsString()
  @Length(10, 2000, { message: 'Lý do phải từ 10 đến 2000 ký tự (reason must be 10–2000 characters)' })
  overrideReason?: string;
}

export class RejectProductDto {
  @ApiProperty({ example: 'Ảnh sản phẩm không rõ nét', minLength: 3, maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @Length(3, 1000, { message: 'Lý do cần 3–1000 ký tự (reason must be 3–1000 characters)' })
  reason!: string;
}

export class ReorderImagesDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  imageIds!: string[];
}
