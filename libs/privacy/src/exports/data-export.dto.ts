import { ApiProperty } from '@nestjs/swagger';

export const EXPORT_STATUSES = ['pending', 'ready', 'downloaded', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export class DataExportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXPORT_STATUSES, description: 'pending while the job builds the archive; ready = one download left; downloaded/expired = gone' })
  status!: ExportStatus;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'After this the archive cannot be downloaded' }) expiresAt!: Date | null;
  @ApiProperty({ type: Number, nullable: true }) archiveBytes!: number | null;
  @ApiProperty({ type: String, nullable: true, description: '`/api/v1/me/data-export/{id}/archive` while ready' }) downloadUrl!: string | null;
}
