import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@tradefloor/core';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOcopCertificateDto {
  @ApiProperty({ enum: [3, 4, 5] })
  @IsIn([3, 4, 5], { message: 'Hạng sao phải là 3, 4 hoặc 5 (stars must be 3, 4 or 5)' })
  stars!: 3 | 4 | 5;

  @ApiPropertyOptional({ default: false, description: '4 stars with a score ≥ 90, proposed for 5 stars' })
  @IsOptional()
  @IsBoolean()
  potentialFiveStar?: boolean;

  @ApiProperty({ example: 78.5, minimum: 50, maximum: 100 })
  @Min(50, { message: 'Điểm dưới 50 không được công nhận (scores below 50 are not certified)' })
  @Max(100, { message: 'Điểm tối đa là 100 (score must be at most 100)' })
  // Listed last so that it is checked first: a score that is not a number says so, not "at most 100".
  @IsNumber(
    { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false },
    { message: 'Điểm là số có tối đa 2 chữ số thập phân (score must be a number with at most 2 decimals)' },
  )
  score!: number;

  @ApiProperty({ example: '1234/QĐ-UBND' })
  @Transform(trim)
  @IsString({ message: 'Cần số quyết định (decision number required)' })
  @Length(2, 100, { message: 'Số quyết định từ 2 đến 100 ký tự (decision number must be 2–100 characters)' })
  decisionNumber!: string;

  @ApiProperty({ example: 'UBND tỉnh Vĩnh Long' })
  @Transform(trim)
  @IsString({ message: 'Cần cơ quan cấp (issuing body required)' })
  @Length(2, 200, { message: 'Cơ quan cấp từ 2 đến 200 ký tự (issuing body must be 2–200 characters)' })
  issuingBody!: string;

  @ApiProperty({ example: '2025-03-15', description: 'YYYY-MM-DD, not in the future' })
  @IsString({ message: 'Cần ngày quyết định (decision date required)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày quyết định dạng YYYY-MM-DD (date must be YYYY-MM-DD)' })
  decisionDate!: string;
}

export class RevokeOcopCertificateDto {
  @ApiProperty({ example: 'Sản phẩm không còn đáp ứng tiêu chuẩn' })
  @Transform(trim)
  @IsString({ message: 'Cần lý do thu hồi (reason required)' })
  @Length(3, 1000, { message: 'Lý do từ 3 đến 1000 ký tự (reason must be 3–1000 characters)' })
  reason!: string;
}

export class OcopCertificateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ enum: [3, 4, 5] }) stars!: number;
  @ApiProperty() potentialFiveStar!: boolean;
  @ApiProperty({ enum: ['5', 'potential5', '4', '3'], description: 'How it counts in statistics' }) level!: string;
  @ApiProperty() score!: number;
  @ApiProperty() decisionNumber!: string;
  @ApiProperty() issuingBody!: string;
  @ApiProperty({ example: '2025-03-15' }) decisionDate!: string;
  @ApiProperty({ example: '2028-03-15' }) validUntil!: string;
  @ApiProperty({ type: String, nullable: true }) productGroup!: string | null;
  @ApiProperty({ enum: ['valid', 'expired', 'revoked'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) revocationReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class OcopStatisticsDto {
  @ApiProperty({ description: 'Products with a valid 5-star certificate' }) fiveStar!: number;
  @ApiProperty({ description: '4 stars with potentialFiveStar (not counted as 4-star)' }) potentialFiveStar!: number;
  @ApiProperty() fourStar!: number;
  @ApiProperty() threeStar!: number;
  @ApiProperty() total!: number;
}

export class ExpiringCertificatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 366, default: 90, description: 'Validity ending within this many days from today (Vietnam date)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days: number = 90;
}

export class OcopCertificateListDto {
  @ApiProperty({ type: [OcopCertificateDto] }) items!: OcopCertificateDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ example: '2025-07-10', description: 'Today (Vietnam date)' }) from!: string;
  @ApiProperty({ example: '2025-10-08', description: 'Last day of the window' }) to!: string;
}
