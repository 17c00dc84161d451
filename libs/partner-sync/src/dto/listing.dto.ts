import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ListingAttemptDto {
  @ApiProperty() action!: string;
  @ApiProperty({ enum: ['ok', 'error'] }) outcome!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) errorClass!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) message!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ListingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() selected!: boolean;
  @ApiProperty({ enum: ['queued', 'syncing', 'listed', 'rejected', 'failed', 'delisting', 'delisted'] }) state!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) externalId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) externalUrl!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Content hash last pushed' }) pushedHash!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) pushedPriceVnd!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) pushedStock!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) errorClass!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The partner's or our reason, readable" }) lastError!: string | null;
  @ApiProperty({ description: 'Dead-lettered: waits for a person (fix, then retry)' }) deadLettered!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastSyncedAt!: string | null;
  @ApiProperty({ type: [ListingAttemptDto], description: 'Most recent first (up to 20)' }) attempts!: ListingAttemptDto[];
}

export class ListingListDto {
  @ApiProperty({ type: [ListingDto] }) items!: ListingDto[];
}

export class SyncCountDto {
  @ApiProperty() channel!: string;
  @ApiProperty() state!: string;
  @ApiProperty() count!: number;
}

export class DeadLetterDto {
  @ApiProperty({ format: 'uuid' }) listingId!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() state!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) errorClass!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ConnectionProblemDto {
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) pausedUntil!: string | null;
}

export class SyncOverviewDto {
  @ApiProperty({ type: [SyncCountDto] }) counts!: SyncCountDto[];
  @ApiProperty({ type: [DeadLetterDto], description: 'Most recent 100' }) deadLetters!: DeadLetterDto[];
  @ApiProperty() deadLetterTotal!: number;
  @ApiProperty({ type: [ConnectionProblemDto] }) connectionProblems!: ConnectionProblemDto[];
}
