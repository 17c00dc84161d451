import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { PageQueryDto } from '@tradefloor/core';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { REVIEW_STATUSES, type ReviewStatus } from './entities';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateReviewDto {
  @ApiProperty({ example: 'TV-7K3M9Q-1', description: 'The completed sub-order the product was bought in' })
  @IsString()
  @Matches(/^TV-[0-9A-Z]{6}-[0-9]{1,3}$/, { message: 'Mã đơn con không hợp lệ (subOrderCode)' })
  subOrderCode!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Mã sản phẩm không hợp lệ (productId must be a UUID)' })
  productId!: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt({ message: 'Số sao sản phẩm từ 1 đến 5 (productStars)' })
  @Min(1, { message: 'Số sao sản phẩm từ 1 đến 5 (productStars)' })
  @Max(5, { message: 'Số sao sản phẩm từ 1 đến 5 (productStars)' })
  productStars!: number;

  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt({ message: 'Số sao người bán từ 1 đến 5 (sellerStars)' })
  @Min(1, { message: 'Số sao người bán từ 1 đến 5 (sellerStars)' })
  @Max(5, { message: 'Số sao người bán từ 1 đến 5 (sellerStars)' })
  sellerStars!: number;

  @ApiProperty({ minLength: 10, maxLength: 3000 })
  @Transform(trimmed)
  @IsString({ message: 'Cần nội dung đánh giá (text)' })
  @MinLength(10, { message: 'Nội dung đánh giá cần ít nhất 10 ký tự (text)' })
  @MaxLength(3000, { message: 'Nội dung đánh giá tối đa 3000 ký tự (text)' })
  text!: string;
}

/** A review through the signed link of the "completed" mail: the link names the sub-order. */
export class LinkReviewDto extends OmitType(CreateReviewDto, ['subOrderCode'] as const) {}

/** The lines a review link opens (read by the review page). */
export interface ReviewLinkLines {
  orderCode: string;
  subOrderCode: string;
  enterpriseId: string;
  enterpriseName: string;
  /** `photoStatus` of the line's review: pending (waits for staff), approved, or null (no photo, or not reviewed). */
  lines: Array<{ productId: string; productName: string; reviewed: boolean; photoStatus: 'pending' | 'approved' | null }>;
}

export class ReplyReviewDto {
  @ApiProperty({ minLength: 2, maxLength: 2000 })
  @Transform(trimmed)
  @IsString({ message: 'Cần nội dung trả lời (text)' })
  @MinLength(2, { message: 'Nội dung trả lời quá ngắn (text)' })
  @MaxLength(2000, { message: 'Nội dung trả lời tối đa 2000 ký tự (text)' })
  text!: string;
}

export class ReportReviewDto {
  @ApiProperty({ maxLength: 1000 })
  @Transform(trimmed)
  @IsString({ message: 'Cần lý do báo cáo (reason)' })
  @IsNotEmpty({ message: 'Cần lý do báo cáo (reason)' })
  @MaxLength(1000, { message: 'Lý do tối đa 1000 ký tự (reason)' })
  reason!: string;
}

export class ModerationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(REVIEW_STATUSES as unknown as string[], { message: 'Trạng thái không hợp lệ (status)' })
  status?: ReviewStatus;
}

export class ModerateReviewDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ReviewScreeningMatchDto {
  @ApiProperty() term!: string;
  @ApiProperty({ enum: ['prohibited', 'restricted'] }) severity!: string;
  @ApiProperty({ enum: ['text', 'reply'] }) field!: string;
  @ApiProperty() text!: string;
}

export class ReviewDto {
  @ApiProperty() id!: string;
  @ApiProperty() productId!: string;
  @ApiProperty() enterpriseId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty() productStars!: number;
  @ApiProperty() sellerStars!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: REVIEW_STATUSES }) status!: ReviewStatus;
  @ApiProperty({ nullable: true, type: String }) replyText!: string | null;
  @ApiProperty({ nullable: true, type: Date }) repliedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'The buyer’s photo (WebP; `?size=thumb` for 400 px), once staff approved it' })
  photoUrl!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class StaffReviewDto extends ReviewDto {
  @ApiProperty({ enum: ['pending', 'approved'], nullable: true, type: String, description: 'The photo: pending waits for staff' })
  photoStatus!: 'pending' | 'approved' | 'rejected' | null;
  @ApiProperty() subOrderCode!: string;
  @ApiProperty({ nullable: true, type: String }) authorUserId!: string | null;
  @ApiProperty() reportCount!: number;
  @ApiProperty({ type: [ReviewScreeningMatchDto] }) screening!: ReviewScreeningMatchDto[];
}

export class RatingSummaryDto {
  @ApiProperty({ description: 'Average product stars, 2 decimals; 0 without reviews' }) average!: number;
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Count per star, index 0 = 1 star … index 4 = 5 stars', type: [Number] }) distribution!: number[];
}

export class ReviewPageDto {
  @ApiProperty({ type: [ReviewDto] }) items!: ReviewDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: RatingSummaryDto }) rating!: RatingSummaryDto;
}

export class StaffReviewPageDto {
  @ApiProperty({ type: [StaffReviewDto] }) items!: StaffReviewDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class ReviewReportedDto {
  @ApiProperty({ enum: [true], description: 'Always true: a report is recorded once per reporter' }) reported!: true;
}
