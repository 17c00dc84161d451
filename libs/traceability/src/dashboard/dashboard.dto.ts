import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DATE_ONLY } from '../batches/batch.dto';

export const BUCKETS = ['hour', 'day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

export class ScanSeriesQueryDto {
  @ApiPropertyOptional({ enum: BUCKETS, default: 'day' })
  @IsOptional()
  @IsIn(BUCKETS as unknown as string[], { message: 'bucket là hour, day, week hoặc month (bucket must be hour, day, week or month)' })
  bucket?: Bucket;

  @ApiPropertyOptional({ example: '2025-07-01', description: 'First day (Vietnam time); default 30 days ago' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'Ngày dạng YYYY-MM-DD (date as YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-07-31', description: 'Last day (Vietnam time, inclusive); default today' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'Ngày dạng YYYY-MM-DD (date as YYYY-MM-DD)' })
  to?: string;
}

export class ScanBucketDto {
  @ApiProperty({ description: 'Start of the bucket (Vietnam time)' }) start!: Date;
  @ApiProperty() scans!: number;
  @ApiProperty() genuine!: number;
  @ApiProperty() warning!: number;
  @ApiProperty() revoked!: number;
  @ApiProperty({ description: 'Fake serials presented with this batch’s GTIN and lot' }) unknown!: number;
  @ApiProperty({ description: 'Distinct clients (per day hash)' }) clients!: number;
}

export class BatchStampTotalsDto {
  @ApiProperty() issued!: number;
  @ApiProperty() activated!: number;
  @ApiProperty() revoked!: number;
  @ApiProperty({ description: 'Stamps scanned at least once' }) scanned!: number;
  @ApiProperty({ description: 'Stamps over the warning thresholds' }) warning!: number;
}

export class ScanSeriesDto {
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty({ enum: BUCKETS }) bucket!: Bucket;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: BatchStampTotalsDto }) totals!: BatchStampTotalsDto;
  @ApiProperty({ type: [ScanBucketDto] }) series!: ScanBucketDto[];
}

export class StampRangeDto {
  @ApiProperty({ enum: ['issued', 'activated', 'revoked'] }) state!: string;
  @ApiProperty() fromSeq!: number;
  @ApiProperty() toSeq!: number;
  @ApiProperty() count!: number;
}

export class StampRangesDto {
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty({ type: BatchStampTotalsDto }) totals!: BatchStampTotalsDto;
  @ApiProperty({ type: [StampRangeDto], description: 'Runs of consecutive sequence numbers in the same state, in seq order' })
  items!: StampRangeDto[];
  @ApiProperty({ description: 'More runs exist than were listed' }) truncated!: boolean;
}

export class WarningStampDto {
  @ApiProperty() serial!: string;
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty() lotCode!: string;
  @ApiProperty() state!: string;
  @ApiProperty() scanCount!: number;
  @ApiProperty({ description: 'Distinct clients (per-day hashes) that scanned it' }) distinctClients!: number;
  @ApiProperty() distinctPlaces!: number;
  @ApiProperty({ nullable: true, type: Date }) lastScannedAt!: Date | null;
}

export class SuspiciousScanDto {
  @ApiProperty({ description: 'The stamp serial, or the unknown serial presented' }) serial!: string;
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty() lotCode!: string;
  @ApiProperty() scannedAt!: Date;
  @ApiProperty({ nullable: true, type: String, description: 'Coarse place: region:<name> or net:<hash>' }) place!: string | null;
}

export class AnomaliesDto {
  @ApiProperty({ type: [WarningStampDto], description: 'Stamps scanned too often or in too many places (most recent first, max 100)' })
  warningStamps!: WarningStampDto[];
  @ApiProperty({ type: [SuspiciousScanDto], description: 'Scans of revoked stamps' }) revokedScans!: SuspiciousScanDto[];
  @ApiProperty({ type: [SuspiciousScanDto], description: 'Unknown serials presented with one of the enterprise’s GTIN + lot' })
  unknownScans!: SuspiciousScanDto[];
}
