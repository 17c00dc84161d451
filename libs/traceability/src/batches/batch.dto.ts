import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CERTIFICATION_TYPES, type CertificationType } from '@tradefloor/catalog';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** GS1 AI 10 charset (CSET 82), at most 20 characters (checked again in the service). */
const LOT_CODE = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

export class CertificationDto {
  @ApiProperty({ enum: CERTIFICATION_TYPES })
  @IsIn(CERTIFICATION_TYPES as unknown as string[], { message: 'Loại chứng nhận không hợp lệ (unknown certification type)' })
  type!: CertificationType;

  @ApiPropertyOptional({ description: 'Required for `other`', example: 'Chứng nhận Halal' })
  @ValidateIf((o: CertificationDto) => o.type === 'other' || o.name !== undefined)
  @Transform(trim)
  @IsString({ message: 'Cần tên chứng nhận (name required for other)' })
  @MinLength(2)
  @MaxLength(120)
  name?: string;
}

export class CreateBatchDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'productId phải là UUID (must be a UUID)' })
  productId!: string;

  @ApiProperty({ example: 'L2025-07A', description: 'Unique per product; GS1 AI 10 characters (CSET 82), at most 20' })
  @Transform(trim)
  @IsString()
  @Matches(LOT_CODE, { message: 'Mã lô chỉ gồm chữ, số và ký tự GS1, tối đa 20 ký tự (lot code: GS1 AI 10 characters, max 20)' })
  lotCode!: string;

  @ApiProperty({ example: '2025-07-01', description: 'Production or harvest date' })
  @IsString()
  @Matches(DATE_ONLY, { message: 'Ngày dạng YYYY-MM-DD (date as YYYY-MM-DD)' })
  producedAt!: string;

  @ApiPropertyOptional({ example: '2025-10-01' })
  @IsOptional()
  @IsString()
  @Matches(DATE_ONLY, { message: 'Ngày dạng YYYY-MM-DD (date as YYYY-MM-DD)' })
  expiresAt?: string;

  @ApiProperty({ example: 1200.5 })
  @IsNumber({ maxDecimalPlaces: 3, allowNaN: false, allowInfinity: false }, { message: 'Số lượng không hợp lệ (invalid quantity)' })
  @Max(1_000_000_000)
  @Type(() => Number)
  quantity!: number;

  @ApiProperty({ example: 'kg' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  unit!: string;

  @ApiPropertyOptional({ example: '29362', description: 'Commune code (2025 administrative units)' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'Mã xã không hợp lệ (invalid commune code)' })
  originCommuneCode?: string;

  @ApiPropertyOptional({ type: [CertificationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CertificationDto)
  certifications?: CertificationDto[];

  @ApiPropertyOptional({ example: 'Thu hoạch vụ hè thu' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class BatchListQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'productId phải là UUID (must be a UUID)' })
  productId!: string;
}

export class BatchDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() lotCode!: string;
  @ApiProperty({ nullable: true, type: String, description: 'GTIN-14 of the product when the batch was created' }) gtin14!: string | null;
  @ApiProperty({ example: '2025-07-01' }) producedAt!: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty() quantity!: number;
  @ApiProperty() unit!: string;
  @ApiProperty({ nullable: true, type: String }) originCommuneCode!: string | null;
  @ApiProperty({ type: [CertificationDto] }) certifications!: CertificationDto[];
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ description: 'Stamps issued so far' }) issuedCount!: number;
  @ApiProperty() createdAt!: Date;
}

export class BatchListDto {
  @ApiProperty({ type: [BatchDto] }) items!: BatchDto[];
}

export class EnterpriseBatchDto extends BatchDto {
  @ApiProperty() productName!: string;
}

export class EnterpriseBatchListDto {
  @ApiProperty({ type: [EnterpriseBatchDto] }) items!: EnterpriseBatchDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
