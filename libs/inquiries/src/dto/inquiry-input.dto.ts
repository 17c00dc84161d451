import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsVietnameseMobile, PageQueryDto } from '@tradefloor/core';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { INQUIRY_STATUSES, type InquiryStatus } from '../inquiry.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Line breaks normalised, other control characters removed: the message is plain text. */
const plainText = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .replace(/\r\n?/g, '\n')
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, '')
        .trim()
    : value;

export const MESSAGE_MAX_LENGTH = 2000;
const DATE_ONLY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CreateInquiryDto {
  @ApiProperty({ minimum: 1, maximum: 1_000_000, example: 50, description: 'In the product unit' })
  @Type(() => Number)
  @IsInt({ message: 'Số lượng phải là số nguyên (quantity must be a whole number)' })
  @Min(1, { message: 'Số lượng phải lớn hơn 0 (quantity must be greater than 0)' })
  @Max(1_000_000, { message: 'Số lượng quá lớn (quantity too large)' })
  quantity!: number;

  @ApiProperty({ maxLength: MESSAGE_MAX_LENGTH, example: 'Cho tôi xin báo giá 50 kg giao tại TP.HCM.', description: 'Plain text' })
  @Transform(plainText)
  @IsString({ message: 'Cần nội dung tin nhắn (message required)' })
  @MinLength(1, { message: 'Cần nội dung tin nhắn (message required)' })
  @MaxLength(MESSAGE_MAX_LENGTH, { message: `Tin nhắn tối đa ${MESSAGE_MAX_LENGTH} ký tự (message too long)` })
  message!: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Nguyễn Văn An', description: 'Required when not signed in' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2, { message: 'Họ tên tối thiểu 2 ký tự (name must be at least 2 characters)' })
  @MaxLength(100, { message: 'Họ tên tối đa 100 ký tự (name too long)' })
  buyerName?: string;

  @ApiPropertyOptional({ example: '0912345678', description: 'Vietnamese mobile; required when not signed in' })
  @IsOptional()
  @IsVietnameseMobile()
  buyerPhone?: string;

  @ApiPropertyOptional({ description: 'Honeypot: must be left empty (bots fill it in)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;

  @ApiPropertyOptional({ description: 'From GET /api/v1/inquiries/form-token (or the web form); required when not signed in' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  formToken?: string;
}

export class UpdateInquiryStatusDto {
  @ApiProperty({ enum: INQUIRY_STATUSES })
  @IsIn(INQUIRY_STATUSES as unknown as string[], { message: 'Trạng thái không hợp lệ (unknown status)' })
  status!: InquiryStatus;
}

export class InquiryListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INQUIRY_STATUSES, description: 'Default: every status except spam' })
  @IsOptional()
  @IsIn(INQUIRY_STATUSES as unknown as string[], { message: 'Trạng thái không hợp lệ (unknown status)' })
  status?: InquiryStatus;
}

export class InquiryStatsQueryDto {
  @ApiPropertyOptional({ example: '2025-07-01', description: 'First day (Asia/Ho_Chi_Minh), default 29 days before `to`' })
  @IsOptional()
  @IsString()
  @Matches(DATE_ONLY, { message: 'Ngày dạng YYYY-MM-DD (date as YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-07-30', description: 'Last day (Asia/Ho_Chi_Minh), default today' })
  @IsOptional()
  @IsString()
  @Matches(DATE_ONLY, { message: 'Ngày dạng YYYY-MM-DD (date as YYYY-MM-DD)' })
  to?: string;
}
