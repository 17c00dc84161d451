import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@tradefloor/core';
import { IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const TAKEDOWN_SUBJECTS = ['product', 'enterprise', 'bulletin'] as const;
export type TakedownSubject = (typeof TAKEDOWN_SUBJECTS)[number];
export const TAKEDOWN_SOURCES = ['authority', 'rights_holder', 'complaint', 'internal'] as const;
export const TAKEDOWN_STATUSES = ['in_progress', 'completed', 'reinstated'] as const;
export type TakedownStatus = (typeof TAKEDOWN_STATUSES)[number];

export class CreateTakedownDto {
  @ApiProperty({ enum: TAKEDOWN_SUBJECTS })
  @IsIn(TAKEDOWN_SUBJECTS as unknown as string[], { message: 'Loại đối tượng: product, enterprise hoặc bulletin (subjectType)' })
  subjectType!: TakedownSubject;

  @ApiProperty()
  @IsUUID('all', { message: 'Mã đối tượng không hợp lệ (subjectId must be a UUID)' })
  subjectId!: string;

  @ApiProperty({ enum: TAKEDOWN_SOURCES, description: 'authority = cơ quan nhà nước có thẩm quyền' })
  @IsIn(TAKEDOWN_SOURCES as unknown as string[], { message: 'Nguồn yêu cầu không hợp lệ (source)' })
  source!: (typeof TAKEDOWN_SOURCES)[number];

  @ApiProperty({ description: 'Cơ quan / người yêu cầu (requester)' })
  @IsString()
  @IsNotEmpty({ message: 'Cần tên cơ quan hoặc người yêu cầu (requester)' })
  @MaxLength(200)
  requester!: string;

  @ApiProperty({ description: 'Số văn bản yêu cầu (reference)' })
  @IsString()
  @IsNotEmpty({ message: 'Cần số văn bản (reference)' })
  @MaxLength(100)
  reference!: string;

  @ApiProperty({ description: 'Căn cứ pháp lý (legal basis)' })
  @IsString()
  @IsNotEmpty({ message: 'Cần căn cứ pháp lý (legalBasis)' })
  @MaxLength(500)
  legalBasis!: string;

  @ApiProperty({ description: 'Thời điểm nhận yêu cầu (ISO 8601); the 24-hour deadline runs from it' })
  @IsDateString({ strict: true }, { message: 'Thời điểm nhận không hợp lệ (receivedAt: ISO 8601)' })
  receivedAt!: string;

  @ApiProperty({ description: 'Lý do, shown to the seller' })
  @IsString()
  @IsNotEmpty({ message: 'Cần lý do (reason)' })
  @MaxLength(2000)
  reason!: string;
}

export class AppealTakedownDto {
  @ApiProperty({ description: 'Nội dung khiếu nại của người bán (the seller’s appeal)' })
  @IsString()
  @IsNotEmpty({ message: 'Cần nội dung khiếu nại (text)' })
  @MaxLength(4000)
  text!: string;
}

export class DecideTakedownDto {
  @ApiProperty({ enum: ['upheld', 'reinstated'] })
  @IsIn(['upheld', 'reinstated'], { message: 'Quyết định: upheld (giữ gỡ) hoặc reinstated (khôi phục) (decision)' })
  decision!: 'upheld' | 'reinstated';

  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: 'Cần ghi chú quyết định (note)' })
  @MaxLength(2000)
  note!: string;
}

export class TakedownListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'overdue', ...TAKEDOWN_STATUSES] })
  @IsOptional()
  @IsIn(['open', 'overdue', ...TAKEDOWN_STATUSES])
  status?: 'open' | 'overdue' | TakedownStatus;
}

export class TakedownSurfaceDto {
  @ApiProperty({ description: 'storefront, feeds, stamps, search, partners' }) name!: string;
  @ApiProperty({ nullable: true, type: String }) confirmedAt!: string | null;
  @ApiPropertyOptional({ description: 'What is still waiting (documents still indexed, items still live)' }) pending?: number;
}

export class TakedownDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: TAKEDOWN_SUBJECTS }) subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ nullable: true, type: String }) enterpriseId!: string | null;
  @ApiProperty({ enum: TAKEDOWN_SOURCES }) source!: string;
  @ApiProperty() requester!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() deadlineAt!: string;
  @ApiProperty({ enum: TAKEDOWN_STATUSES }) status!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: [TakedownSurfaceDto] }) surfaces!: TakedownSurfaceDto[];
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Thời gian hoàn tất (ms from creation to the last surface confirmed)' })
  completionMs!: number | null;
  @ApiProperty({ nullable: true, type: String }) appealText!: string | null;
  @ApiProperty({ nullable: true, type: String }) appealedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) decision!: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class TakedownListDto {
  @ApiProperty({ type: [TakedownDto] }) items!: TakedownDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
