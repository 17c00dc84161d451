import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsVietnameseMobile } from '@tradefloor/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export const PRIVACY_REQUEST_KINDS = ['access', 'correction', 'deletion', 'restriction', 'objection', 'withdrawal', 'other'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];
export const PRIVACY_REQUEST_STATUSES = ['received', 'acknowledged', 'completed', 'rejected'] as const;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SubmitPrivacyRequestDto {
  @ApiProperty({ enum: PRIVACY_REQUEST_KINDS })
  @IsIn(PRIVACY_REQUEST_KINDS as unknown as string[], { message: 'Loại yêu cầu không hợp lệ (kind)' })
  kind!: PrivacyRequestKind;

  @ApiProperty({ example: 'Nguyễn Thị Hoa' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Cần họ tên (name)' })
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: 'hoa@example.vn' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'Email không hợp lệ (email)' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @IsVietnameseMobile()
  phone?: string;

  @ApiProperty({ description: 'What is asked and about which data' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Cần nội dung yêu cầu (message)' })
  @MaxLength(3000)
  message!: string;

  @ApiPropertyOptional({ description: 'Leave empty (a field people never see)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  website?: string;
}

export class PrivacyRequestReceiptDto {
  @ApiProperty({ example: 'YC-2026-123456' }) code!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'Acknowledged by (2 working days)' }) ackDueAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', description: 'Completed by (15 days; 20 with a processor)' }) dueAt!: Date;
}

export class PrivacyRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: PRIVACY_REQUEST_KINDS }) kind!: PrivacyRequestKind;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty() message!: string;
  @ApiProperty({ enum: PRIVACY_REQUEST_STATUSES }) status!: (typeof PRIVACY_REQUEST_STATUSES)[number];
  @ApiProperty() processorInvolved!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) ackDueAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) extensionReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
  @ApiProperty({ description: 'Not acknowledged within 2 working days, or open past its due date' }) overdue!: boolean;
}

export class PrivacyRequestListDto {
  @ApiProperty({ type: [PrivacyRequestDto] }) items!: PrivacyRequestDto[];
}

export class AcknowledgeRequestDto {
  @ApiPropertyOptional({ description: 'A processor is involved: 20 days instead of 15' })
  @IsOptional()
  @IsBoolean()
  processorInvolved?: boolean;
}

export class ExtendRequestDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Cần lý do gia hạn (reason)' })
  @MaxLength(1000)
  reason!: string;
}

export class CompleteRequestDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Cần kết quả xử lý (resolution)' })
  @MaxLength(3000)
  resolution!: string;

  @ApiPropertyOptional({ description: 'true = refused (the resolution says why)' })
  @IsOptional()
  @IsBoolean()
  rejected?: boolean;
}
