import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INQUIRY_STATUSES, type InquiryStatus } from '../inquiry.entity';

/** What the sender gets back. A duplicate (same phone, product and message within an hour) returns the first one's reference. */
export class InquiryReceiptDto {
  @ApiProperty({ format: 'uuid', description: 'Reference of the inquiry' })
  reference!: string;

  @ApiProperty({ example: true })
  received!: boolean;
}

export class FormTokenDto {
  @ApiProperty({ description: 'Signed issue time; send it back as `formToken`' })
  token!: string;

  @ApiProperty({ example: 3, description: 'Seconds to wait before submitting with this token' })
  minFillSeconds!: number;

  @ApiProperty({ example: 7200, description: 'Seconds the token stays valid' })
  validForSeconds!: number;
}

export class InquiryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty() productSlug!: string;
  @ApiProperty() productUnit!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() buyerName!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '0912345678' }) buyerPhone!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Email of the signed-in buyer' }) buyerEmail!: string | null;
  @ApiProperty({ example: 50 }) quantity!: number;
  @ApiProperty({ description: 'Plain text' }) message!: string;
  @ApiProperty({ enum: INQUIRY_STATUSES }) status!: InquiryStatus;
  @ApiProperty() createdAt!: Date;
}

export class InquiryPageDto {
  @ApiProperty({ type: [InquiryDto] }) items!: InquiryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class DayCountDto {
  @ApiProperty({ example: '2025-07-01' }) day!: string;
  @ApiProperty() count!: number;
}

export class StatusCountDto {
  @ApiProperty({ enum: INQUIRY_STATUSES }) status!: InquiryStatus;
  @ApiProperty() count!: number;
}

export class EnterpriseCountDto {
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() count!: number;
}

export class InquiryStatsDto {
  @ApiProperty({ example: '2025-07-01' }) from!: string;
  @ApiProperty({ example: '2025-07-30' }) to!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [DayCountDto], description: 'Every day of the range (Asia/Ho_Chi_Minh), zeros included' }) perDay!: DayCountDto[];
  @ApiProperty({ type: [StatusCountDto], description: 'Every status, zeros included' }) perStatus!: StatusCountDto[];
  @ApiProperty({ type: [EnterpriseCountDto], description: 'Top 50 enterprises by count' }) perEnterprise!: EnterpriseCountDto[];
}
