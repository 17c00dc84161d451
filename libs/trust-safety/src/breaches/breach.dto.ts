import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const BREACH_STATUSES = ['open', 'contained', 'closed'] as const;
export type BreachStatus = (typeof BREACH_STATUSES)[number];
/** Hours from detection within which the authority (A05, Ministry of Public Security) must be notified. */
export const BREACH_NOTIFY_HOURS = 72;

export class CreateBreachDto {
  @ApiProperty({ description: 'Thời điểm phát hiện (ISO 8601); the 72-hour clock starts here' })
  @IsDateString({ strict: true }, { message: 'Thời điểm phát hiện không hợp lệ (detectedAt: ISO 8601)' })
  detectedAt!: string;

  @ApiProperty({ description: 'Mô tả sự cố (what happened)' })
  @IsString()
  @IsNotEmpty({ message: 'Cần mô tả sự cố (description)' })
  @MaxLength(5000)
  description!: string;

  @ApiProperty({ type: [String], example: ['email', 'số điện thoại'], description: 'Loại dữ liệu bị ảnh hưởng (kinds of personal data)' })
  @IsArray({ message: 'Cần danh sách loại dữ liệu (dataKinds)' })
  @ArrayMinSize(1, { message: 'Cần ít nhất một loại dữ liệu (dataKinds)' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'Loại dữ liệu không được trống (dataKinds)' })
  @MaxLength(100, { each: true })
  dataKinds!: string[];

  @ApiPropertyOptional({ description: 'Số người bị ảnh hưởng (ước tính) — this and/or affectedUserIds' })
  @IsOptional()
  @IsInt({ message: 'Số người bị ảnh hưởng phải là số nguyên (affectedCount)' })
  @Min(0)
  @Max(100_000_000)
  affectedCount?: number;

  @ApiPropertyOptional({ type: [String], description: 'Tài khoản bị ảnh hưởng (user ids), if known' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true, message: 'Mã tài khoản không hợp lệ (affectedUserIds)' })
  affectedUserIds?: string[];

  @ApiProperty({ description: 'Biện pháp đã và sẽ thực hiện (measures taken)' })
  @IsString()
  @IsNotEmpty({ message: 'Cần biện pháp xử lý (measures)' })
  @MaxLength(5000)
  measures!: string;
}

export class UpdateBreachDto {
  @ApiPropertyOptional({ enum: BREACH_STATUSES })
  @IsOptional()
  @IsIn(BREACH_STATUSES as unknown as string[], { message: 'Trạng thái: open, contained hoặc closed (status)' })
  status?: BreachStatus;

  @ApiPropertyOptional({ description: 'Khi đã thông báo cho cơ quan chức năng (ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'Thời điểm không hợp lệ (notifiedAuthorityAt: ISO 8601)' })
  notifiedAuthorityAt?: string;

  @ApiPropertyOptional({ description: 'Khi đã thông báo cho người bị ảnh hưởng (ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'Thời điểm không hợp lệ (usersNotifiedAt: ISO 8601)' })
  usersNotifiedAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'Biện pháp không được trống (measures)' })
  @MaxLength(5000)
  measures?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt({ message: 'Số người bị ảnh hưởng phải là số nguyên (affectedCount)' })
  @Min(0)
  @Max(100_000_000)
  affectedCount?: number;
}

export class BreachDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) detectedAt!: Date;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) dataKinds!: string[];
  @ApiProperty({ type: Number, nullable: true }) affectedCount!: number | null;
  @ApiProperty({ type: [String] }) affectedUserIds!: string[];
  @ApiProperty() measures!: string;
  @ApiProperty({ enum: BREACH_STATUSES }) status!: BreachStatus;
  @ApiProperty({ type: String, format: 'date-time', description: 'detectedAt + 72 hours' }) notificationDeadline!: Date;
  @ApiProperty({ description: 'Not notified to the authority and the deadline has passed' }) overdue!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) notifiedAuthorityAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) usersNotifiedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class BreachNoticeDto {
  @ApiProperty() subject!: string;
  @ApiProperty() text!: string;
}

export class BreachNoticesDto {
  @ApiProperty({ type: BreachNoticeDto, description: 'To the authority (A05, Ministry of Public Security)' }) authority!: BreachNoticeDto;
  @ApiProperty({ type: BreachNoticeDto, description: 'To the people affected' }) users!: BreachNoticeDto;
}

export class BreachListDto {
  @ApiProperty({ type: [BreachDto], description: 'Newest detection first' }) items!: BreachDto[];
  @ApiProperty({ description: 'How many are past their notification deadline' }) overdue!: number;
}
