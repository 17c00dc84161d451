import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { FEED_PAGE_DEFAULT, FEED_PAGE_MAX } from './open-feed.service';

/** `?updatedSince=&cursor=&limit=&format=` of every open feed. */
export class OpenFeedQueryDto {
  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page. Takes precedence over updatedSince.' })
  @IsOptional()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be the nextCursor received, unchanged' })
  cursor?: string;

  @ApiPropertyOptional({
    description: 'ISO 8601 instant: only elements changed at or after it (first request of an incremental sync).',
    example: '2026-12-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  updatedSince?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: FEED_PAGE_MAX, default: FEED_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(FEED_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: the CSV flavour (same as the `.csv` path)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class FeedElementDto {
  @ApiProperty({ name: '@type', example: 'DataFeedItem' }) type!: string;
  @ApiProperty({ description: 'Id of the subject on the publishing floor (UUID), stable for its lifetime' }) identifier!: string;
  @ApiProperty({ description: 'Position of this change in the feed (ISO 8601, microseconds)' }) dateModified!: string;
  @ApiProperty({ enum: ['live', 'deleted'], description: 'deleted = tombstone: remove your copy' }) status!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'schema.org JSON-LD: Product (with Offer, seller Organization, Certification), Organization, NewsArticle or Event; absent on tombstones',
  })
  item?: Record<string, unknown>;
}

export class FeedPageDto {
  @ApiProperty({ name: '@context', example: 'https://schema.org' }) context!: string;
  @ApiProperty({ name: '@type', example: 'DataFeed' }) type!: string;
  @ApiProperty({ example: '1' }) version!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) provider!: Record<string, unknown>;
  @ApiProperty({ type: [FeedElementDto] }) dataFeedElement!: FeedElementDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` to continue; keep it to poll for later changes' }) nextCursor!: string | null;
  @ApiProperty({ description: 'More elements follow now (ask again at once with nextCursor)' }) hasMore!: boolean;
}
