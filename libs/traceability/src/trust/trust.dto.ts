import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const GTIN_CLAIM_STATUSES = ['confirmed', 'pending_review', 'rejected', 'revoked'] as const;

export class Gs1PrefixDto {
  @ApiProperty({ example: '8931234', description: 'GS1 company prefix (6–12 digits, e.g. 893 + the company number GS1 Vietnam assigned)' })
  @Transform(trim)
  @IsString()
  @Matches(/^\d{6,12}$/, { message: 'Mã doanh nghiệp GS1 gồm 6–12 chữ số (GS1 company prefix: 6–12 digits)' })
  prefix!: string;
}

export class Gs1PrefixStateDto {
  @ApiProperty({ nullable: true, type: String }) prefix!: string | null;
}

export class GtinClaimQueryDto {
  @ApiPropertyOptional({ enum: GTIN_CLAIM_STATUSES, default: 'pending_review' })
  @IsOptional()
  @IsIn(GTIN_CLAIM_STATUSES as unknown as string[], { message: 'Trạng thái không hợp lệ (unknown status)' })
  status?: (typeof GTIN_CLAIM_STATUSES)[number];
}

export class GtinClaimDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '08931234567897' }) gtin14!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty({ enum: GTIN_CLAIM_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Enterprise holding the confirmed claim on the same GTIN' })
  heldBy!: string | null;
}

export class GtinClaimListDto {
  @ApiProperty({ type: [GtinClaimDto] }) items!: GtinClaimDto[];
}

export class RejectGtinClaimDto {
  @ApiProperty({ example: 'Không chứng minh được quyền sở hữu mã GTIN' })
  @Transform(trim)
  @IsString()
  @MinLength(3, { message: 'Cần lý do (reason required)' })
  @MaxLength(500)
  reason!: string;
}

export class ClearWarningDto {
  @ApiPropertyOptional({ example: 'Các lượt quét là của nhân viên tại hội chợ' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class WarningReviewDto {
  @ApiProperty() serial!: string;
  @ApiProperty({ format: 'uuid' }) reviewedBy!: string;
  @ApiProperty() reviewedAt!: Date;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() scanCount!: number;
  @ApiProperty() distinctClients!: number;
  @ApiProperty() distinctPlaces!: number;
}

export class WarningReviewListDto {
  @ApiProperty({ type: [WarningReviewDto] }) items!: WarningReviewDto[];
}
