import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@tradefloor/core';
import { IsIn, IsOptional } from 'class-validator';
import { CHANNEL_NAMES } from '../channels/registry';
import { LISTING_STATES } from '../engine/listing-row';

/** Listing filters: a state, or `dead` for listings waiting for a person (dead letters). */
export const LISTING_FILTERS = [...LISTING_STATES, 'dead'] as const;
export type ListingFilter = (typeof LISTING_FILTERS)[number];

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
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
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

export class EnterpriseListingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHANNEL_NAMES }) @IsOptional() @IsIn(CHANNEL_NAMES) channel?: string;
  @ApiPropertyOptional({ enum: LISTING_FILTERS, description: 'A listing state, or `dead` for dead letters' })
  @IsOptional()
  @IsIn(LISTING_FILTERS)
  state?: ListingFilter;
}

/** One row of an enterprise's listings table (no attempt history: that is per product). */
export class EnterpriseListingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty() productSku!: string;
  @ApiProperty() channel!: string;
  @ApiProperty({ description: 'Chosen for the channel (false: removed, delisted or being delisted)' }) selected!: boolean;
  @ApiProperty({ enum: LISTING_STATES }) state!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) externalUrl!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) errorClass!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The partner's or our reason, readable" }) lastError!: string | null;
  @ApiProperty() deadLettered!: boolean;
  @ApiProperty({ description: 'A person may retry it (dead letter, rejected or failed)' }) retryable!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastSyncedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class EnterpriseListingPageDto {
  @ApiProperty({ type: [EnterpriseListingDto] }) items!: EnterpriseListingDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SyncCountDto {
  @ApiProperty() channel!: string;
  @ApiProperty() state!: string;
  @ApiProperty() count!: number;
}

export class DeadLetterDto {
  @ApiProperty({ format: 'uuid' }) listingId!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() productName!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() state!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) errorClass!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ConnectionProblemDto {
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) pausedUntil!: string | null;
}

export class ListingCountByChannelDto {
  @ApiProperty() channel!: string;
  @ApiProperty() count!: number;
}

export class RetryDeadResultDto {
  @ApiProperty() channel!: string;
  @ApiProperty({ description: 'Dead letters queued again' }) requeued!: number;
}

export class SyncOverviewDto {
  @ApiProperty({ type: [SyncCountDto] }) counts!: SyncCountDto[];
  @ApiProperty({ type: [DeadLetterDto], description: 'Most recent 100' }) deadLetters!: DeadLetterDto[];
  @ApiProperty() deadLetterTotal!: number;
  @ApiProperty({ type: [ListingCountByChannelDto], description: 'Dead letters per channel' }) deadByChannel!: ListingCountByChannelDto[];
  @ApiProperty({ type: [ConnectionProblemDto] }) connectionProblems!: ConnectionProblemDto[];
}
