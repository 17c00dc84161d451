import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsVietnameseMobile } from '@tradefloor/core';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ENTERPRISE_KINDS, LEGAL_FORMS, type EnterpriseKind, type LegalForm } from '../entities/enterprise.entity';
import { IsPlainText } from '../validation/plain-text';
import { IsVietnamesePersonalId } from '../validation/personal-id';
import { IsVietnameseTaxCode } from '../validation/tax-code';
import { digits, lower, phone, taxCode, trim } from './transforms';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };
const URL_MESSAGE = { message: 'Địa chỉ web phải bắt đầu bằng http:// hoặc https:// (must be an http(s) URL)' };
/** Present in a PATCH body (null included): required fields then refuse null instead of skipping it. */
const given = (field: string) => ValidateIf((o: Record<string, unknown>) => o[field] !== undefined);

export class AddressInputDto {
  @ApiPropertyOptional({ example: 'Số 12, đường Nguyễn Đáng', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  @IsPlainText()
  street?: string | null;

  @ApiProperty({ example: '86', description: 'Mã tỉnh (province code, Decision 19/2025/QĐ-TTg)' })
  @IsString()
  @Matches(/^\d{2}$/, { message: 'Mã tỉnh gồm 2 chữ số (province code must be 2 digits)' })
  provinceCode!: string;

  @ApiProperty({ example: '29242', description: 'Mã xã/phường (commune code)' })
  @IsString()
  @Matches(/^\d{5}$/, { message: 'Mã xã/phường gồm 5 chữ số (commune code must be 5 digits)' })
  communeCode!: string;

  @ApiPropertyOptional({ example: 'Ấp Cây Gòn, xã Hùng Hòa, huyện Tiểu Cần, tỉnh Trà Vinh', description: 'Địa chỉ cũ trước 1/7/2025 (pre-2025 address text)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  @IsPlainText()
  legacyAddress?: string | null;
}

/** Fields shared by create and update; update makes every one optional. */
class EnterpriseFields {
  @ApiPropertyOptional({ enum: LEGAL_FORMS, nullable: true, description: 'Bắt buộc với company; không dùng cho loại khác (required for company only)' })
  @IsOptional()
  @IsIn(LEGAL_FORMS as unknown as string[], { message: 'legalForm phải là llc, jsc hoặc partnership (legalForm must be llc, jsc or partnership)' })
  legalForm?: LegalForm | null;

  @ApiPropertyOptional({ example: '0100233488', nullable: true, description: '10 chữ số (+ -NNN chi nhánh); hộ kinh doanh có thể dùng personalId' })
  @IsOptional()
  @Transform(taxCode)
  @IsString()
  @IsVietnameseTaxCode()
  taxCode?: string | null;

  @ApiPropertyOptional({ example: '084190001234', nullable: true, description: 'Số định danh cá nhân 12 chữ số — chỉ hộ kinh doanh (households only)' })
  @IsOptional()
  @Transform(digits)
  @IsString()
  @IsVietnamesePersonalId()
  personalId?: string | null;

  @ApiPropertyOptional({ example: 'Nguyễn Văn An', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  @IsPlainText()
  representative?: string | null;

  @ApiPropertyOptional({ example: 'htx.hunghoa@example.vn', nullable: true })
  @IsOptional()
  @Transform(lower)
  @IsEmail({}, { message: 'Email không hợp lệ (invalid email)' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ example: 'https://hunghoa.example.vn', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  @IsUrl(URL_OPTIONS, URL_MESSAGE)
  website?: string | null;

  @ApiPropertyOptional({ example: '<p>Bưởi da xanh đạt chuẩn OCOP 4 sao.</p>', description: 'HTML cơ bản; được làm sạch (sanitised to basic formatting)' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiPropertyOptional({ example: 'https://cdn.example.vn/logo.png', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  @IsUrl(URL_OPTIONS, URL_MESSAGE)
  logoUrl?: string | null;

  @ApiPropertyOptional({ example: 2015, nullable: true })
  @IsOptional()
  @IsInt({ message: 'Năm thành lập phải là số nguyên (founding year must be an integer)' })
  @Min(1900)
  @Max(2100)
  foundingYear?: number | null;
}

export class CreateEnterpriseDto extends EnterpriseFields {
  @ApiProperty({ enum: ENTERPRISE_KINDS })
  @IsIn(ENTERPRISE_KINDS as unknown as string[], {
    message: 'Loại hình không hợp lệ (kind must be one of household, company, private_enterprise, cooperative, cooperative_group)',
  })
  kind!: EnterpriseKind;

  @ApiProperty({ example: 'Hợp tác xã Nông nghiệp Hùng Hòa' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @IsPlainText()
  legalName!: string;

  @ApiProperty({ example: 'HTX Bưởi da xanh Hùng Hòa' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  @IsPlainText()
  displayName!: string;

  @ApiProperty({ example: '0912345678', description: 'Di động Việt Nam (Vietnamese mobile)' })
  @Transform(phone)
  @IsVietnameseMobile()
  phone!: string;

  @ApiProperty({ type: AddressInputDto })
  @IsDefined({ message: 'Cần địa chỉ (address is required)' })
  @IsObject()
  @ValidateNested()
  @Type(() => AddressInputDto)
  address!: AddressInputDto;
}

export class UpdateEnterpriseDto extends EnterpriseFields {
  @ApiPropertyOptional({ enum: ENTERPRISE_KINDS })
  @given('kind')
  @IsIn(ENTERPRISE_KINDS as unknown as string[], { message: 'Loại hình không hợp lệ (invalid kind)' })
  kind?: EnterpriseKind;

  @ApiPropertyOptional({ example: 'Hợp tác xã Nông nghiệp Hùng Hòa' })
  @given('legalName')
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @IsPlainText()
  legalName?: string;

  @ApiPropertyOptional({ example: 'HTX Bưởi da xanh Hùng Hòa' })
  @given('displayName')
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  @IsPlainText()
  displayName?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @given('phone')
  @Transform(phone)
  @IsVietnameseMobile()
  phone?: string;

  @ApiPropertyOptional({ type: AddressInputDto })
  @given('address')
  @IsObject()
  @ValidateNested()
  @Type(() => AddressInputDto)
  address?: AddressInputDto;
}

export class ReasonDto {
  @ApiProperty({ example: 'Mã số thuế không khớp với giấy chứng nhận đăng ký (tax code does not match the registration)' })
  @Transform(trim)
  @IsString()
  @MinLength(5, { message: 'Lý do tối thiểu 5 ký tự (reason must be at least 5 characters)' })
  @MaxLength(1000)
  @IsPlainText()
  reason!: string;
}
