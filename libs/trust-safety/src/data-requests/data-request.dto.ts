import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';

export const DATA_REQUEST_SUBJECTS = ['enterprise', 'product'] as const;
export type DataRequestSubject = (typeof DATA_REQUEST_SUBJECTS)[number];
export const DATA_REQUEST_STATUSES = ['pending', 'ready', 'failed', 'expired'] as const;

export class CreateDataRequestDto {
  @ApiProperty({ example: 'Công an tỉnh Vĩnh Long', description: 'Cơ quan yêu cầu (the requesting authority)' })
  @IsString()
  @IsNotEmpty({ message: 'Cần tên cơ quan yêu cầu (authority)' })
  @MaxLength(200)
  authority!: string;

  @ApiProperty({ example: '123/CV-PC03', description: 'Số văn bản (the request’s reference)' })
  @IsString()
  @IsNotEmpty({ message: 'Cần số văn bản (reference)' })
  @MaxLength(100)
  reference!: string;

  @ApiProperty({ description: 'Căn cứ pháp lý (legal basis)' })
  @IsString()
  @IsNotEmpty({ message: 'Cần căn cứ pháp lý (legalBasis)' })
  @MaxLength(500)
  legalBasis!: string;

  @ApiProperty({ description: 'Thời điểm nhận văn bản (ISO 8601)' })
  @IsDateString({ strict: true }, { message: 'Thời điểm nhận không hợp lệ (receivedAt: ISO 8601)' })
  receivedAt!: string;

  @ApiProperty({ example: 'Đại uý Nguyễn Văn A', description: 'Người ký / cán bộ yêu cầu (the official who requested it)' })
  @IsString()
  @IsNotEmpty({ message: 'Cần người yêu cầu (requestedBy)' })
  @MaxLength(200)
  requestedBy!: string;

  @ApiProperty({ enum: DATA_REQUEST_SUBJECTS })
  @IsIn(DATA_REQUEST_SUBJECTS as unknown as string[], { message: 'Đối tượng: enterprise hoặc product (subjectType)' })
  subjectType!: DataRequestSubject;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Mã đối tượng không hợp lệ (subjectId must be a UUID)' })
  subjectId!: string;
}

export class DataRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() authority!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ type: String, format: 'date-time' }) receivedAt!: Date;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ enum: DATA_REQUEST_SUBJECTS }) subjectType!: DataRequestSubject;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ format: 'uuid', description: 'The seller whose data it is' }) enterpriseId!: string;
  @ApiProperty({ enum: DATA_REQUEST_STATUSES, description: 'pending until the archive is built (a durable job), then ready' })
  status!: (typeof DATA_REQUEST_STATUSES)[number];
  @ApiProperty({ type: Number, nullable: true, description: 'Size of the zip archive in bytes' }) archiveBytes!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the archive (hex), for the covering letter' }) archiveSha256!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '`/api/v1/admin/data-requests/{id}/archive` once ready' }) downloadUrl!: string | null;
  @ApiProperty() downloads!: number;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: Date | null;
}

export class DataRequestListDto {
  @ApiProperty({ type: [DataRequestDto] }) items!: DataRequestDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
