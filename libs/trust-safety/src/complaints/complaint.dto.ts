import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@tradefloor/core';
import { ORDER_REFERENCE_PATTERN } from '@tradefloor/orders';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { TAKEDOWN_SUBJECTS, type TakedownSubject } from '../takedowns/takedown.dto';

export const COMPLAINT_KINDS = ['counterfeit', 'wrong_information', 'intellectual_property', 'seller_conduct', 'order_problem', 'other'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const COMPLAINT_STATUSES = ['open', 'in_progress', 'escalated', 'resolved', 'rejected'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class FileComplaintDto {
  @ApiProperty({ enum: COMPLAINT_KINDS })
  @IsIn(COMPLAINT_KINDS as unknown as string[], { message: 'Loại khiếu nại không hợp lệ (kind)' })
  kind!: ComplaintKind;

  @ApiPropertyOptional({ enum: TAKEDOWN_SUBJECTS, description: 'What the complaint is about, if anything on the floor' })
  @ValidateIf((o: FileComplaintDto) => o.subjectType !== undefined || o.subjectId !== undefined)
  @IsIn(TAKEDOWN_SUBJECTS as unknown as string[], { message: 'Loại đối tượng: product, enterprise hoặc bulletin (subjectType)' })
  subjectType?: TakedownSubject;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((o: FileComplaintDto) => o.subjectType !== undefined || o.subjectId !== undefined)
  @IsUUID('all', { message: 'Mã đối tượng không hợp lệ (subjectId must be a UUID)' })
  subjectId?: string;

  @ApiPropertyOptional({
    example: 'TV-7K3M9Q-1',
    description: 'The order the complaint is about: one seller’s sub-order, or an order that went to one seller. Required for `order_problem`.',
  })
  @ValidateIf((o: FileComplaintDto) => o.kind === 'order_problem' || (o.orderCode !== undefined && o.orderCode !== ''))
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(ORDER_REFERENCE_PATTERN, { message: 'Mã đơn hàng có dạng TV-XXXXXX hoặc TV-XXXXXX-1 (orderCode)' })
  orderCode?: string;

  @ApiPropertyOptional({ description: 'The phone given at checkout: proves a guest’s order is theirs (a signed-in buyer needs none)' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(20)
  orderPhone?: string;

  @ApiProperty({ description: 'Họ tên người khiếu nại' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'Cần họ tên (name)' })
  @MaxLength(120)
  name!: string;

  @ApiProperty({ description: 'Email to receive the answer; also needed to follow the complaint' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'Email không hợp lệ (email)' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmed)
  @Matches(/^\+?[0-9 .-]{8,20}$/, { message: 'Số điện thoại không hợp lệ (phone)' })
  phone?: string;

  @ApiProperty({ description: 'Nội dung khiếu nại' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'Cần nội dung khiếu nại (message)' })
  @MaxLength(5000)
  message!: string;

  /** Honeypot: hidden on the form, left empty by people. */
  @ApiPropertyOptional({ description: 'Leave empty' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  website?: string;
}

export class ComplaintReceiptDto {
  @ApiProperty({ example: 'KN-2026-000123' }) code!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the floor promises an answer (the kind’s published deadline)' }) dueAt!: Date;
}

export class ComplaintKindDto {
  @ApiProperty({ enum: COMPLAINT_KINDS }) kind!: ComplaintKind;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'Days within which the floor answers' }) deadlineDays!: number;
}

export class ComplaintLookupQueryDto {
  @ApiProperty({ description: 'The email the complaint was filed with' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'Email không hợp lệ (email)' })
  @MaxLength(254)
  email!: string;
}

export class ComplaintReplyDto {
  @ApiProperty({ enum: ['staff', 'complainant'] }) author!: 'staff' | 'complainant';
  @ApiProperty() body!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

/** What the complainant sees. */
export class ComplaintStatusDto {
  @ApiProperty() code!: string;
  @ApiProperty({ enum: COMPLAINT_KINDS }) kind!: ComplaintKind;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ComplaintStatus;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt!: Date;
  @ApiProperty({ type: String, nullable: true, description: 'The sub-order the complaint is about' }) orderCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: Date | null;
  @ApiProperty({ type: [ComplaintReplyDto] }) replies!: ComplaintReplyDto[];
}

/** What staff see. */
export class ComplaintDto extends ComplaintStatusDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TAKEDOWN_SUBJECTS, nullable: true }) subjectType!: TakedownSubject | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) subjectId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) enterpriseId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty() message!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assignedTo!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) takedownId!: string | null;
}

export class ComplaintListDto {
  @ApiProperty({ type: [ComplaintDto] }) items!: ComplaintDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

/** What the seller sees of complaints about it: no complainant's contact details. */
export class SellerComplaintDto {
  @ApiProperty() code!: string;
  @ApiProperty({ enum: COMPLAINT_KINDS }) kind!: ComplaintKind;
  @ApiProperty({ enum: COMPLAINT_STATUSES }) status!: ComplaintStatus;
  @ApiProperty({ enum: TAKEDOWN_SUBJECTS, nullable: true }) subjectType!: TakedownSubject | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) subjectId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The seller’s sub-order the complaint is about' }) orderCode!: string | null;
  @ApiProperty() message!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, nullable: true }) resolution!: string | null;
}

export class SellerComplaintListDto {
  @ApiProperty({ type: [SellerComplaintDto] }) items!: SellerComplaintDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ComplaintListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: [...COMPLAINT_STATUSES, 'active', 'overdue'], description: 'active = open, in progress or escalated' })
  @IsOptional()
  @IsIn([...COMPLAINT_STATUSES, 'active', 'overdue'], { message: 'Trạng thái không hợp lệ (status)' })
  status?: ComplaintStatus | 'active' | 'overdue';

  @ApiPropertyOptional({ description: '`me` or a staff user id' })
  @IsOptional()
  @ValidateIf((o: ComplaintListQueryDto) => o.assignedTo !== 'me')
  @IsUUID('all', { message: 'assignedTo: "me" hoặc mã người dùng (a user id)' })
  assignedTo?: string;
}

export class AssignComplaintDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff member to assign; default: yourself' })
  @IsOptional()
  @IsUUID('all', { message: 'Mã người dùng không hợp lệ (userId)' })
  userId?: string;
}

export class StaffReplyDto {
  @ApiProperty()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'Cần nội dung trả lời (message)' })
  @MaxLength(5000)
  message!: string;
}

export class ResolveComplaintDto {
  @ApiProperty({ enum: ['resolved', 'rejected'] })
  @IsIn(['resolved', 'rejected'], { message: 'Kết quả: resolved hoặc rejected (outcome)' })
  outcome!: 'resolved' | 'rejected';

  @ApiProperty({ description: 'Shown to the complainant (and the seller)' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'Cần nội dung kết luận (resolution)' })
  @MaxLength(5000)
  resolution!: string;
}

export class EscalateComplaintDto {
  @ApiProperty({ description: 'Why it goes up (kept as a staff note in the audit log)' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'Cần lý do chuyển cấp (note)' })
  @MaxLength(2000)
  note!: string;
}

export class ComplaintTakedownDto {
  @ApiProperty({ description: 'Căn cứ pháp lý (legal basis)' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'Cần căn cứ pháp lý (legalBasis)' })
  @MaxLength(500)
  legalBasis!: string;

  @ApiProperty({ description: 'Lý do, shown to the seller' })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty({ message: 'Cần lý do (reason)' })
  @MaxLength(2000)
  reason!: string;
}
