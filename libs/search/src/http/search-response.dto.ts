import { ApiProperty } from '@nestjs/swagger';

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class HighlightDto {
  @ApiProperty({ description: 'Name, HTML-escaped, matched words wrapped in <mark>', example: '<mark>Bưởi</mark> da xanh' })
  name!: string;
}

export class HitRatingDto {
  @ApiProperty({ description: 'Average product stars of the published reviews, 2 decimals' }) average!: number;
  @ApiProperty({ description: 'Published reviews' }) count!: number;
}

export class ProductHitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'VND' }) priceVnd!: number;
  @ApiProperty({ example: 'kg' }) unit!: string;
  @ApiProperty({ type: Number, nullable: true, enum: [3, 4, 5] }) ocopStars!: number | null;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty({ example: '29242' }) communeCode!: string;
  @ApiProperty({ type: String, nullable: true }) thumbnailUrl!: string | null;
  @ApiProperty({ type: HitRatingDto, nullable: true, description: 'Published buyer rating (libs/reviews); null without a published review' })
  rating!: HitRatingDto | null;
  @ApiProperty({ type: HighlightDto }) highlight!: HighlightDto;
}

export class FacetsDto {
  @ApiProperty({ ...COUNTS, description: 'category id → count (parents count their sub-categories)' }) category!: Record<string, number>;
  @ApiProperty({ ...COUNTS, description: 'commune code → count' }) commune!: Record<string, number>;
  @ApiProperty({ ...COUNTS, description: 'stars (3, 4, 5) → count' }) ocopStars!: Record<string, number>;
  @ApiProperty({ ...COUNTS, description: 'certification type → count' }) certification!: Record<string, number>;
  @ApiProperty({ ...COUNTS, description: 'enterprise kind → count' }) enterpriseKind!: Record<string, number>;
}

export class PeerHitDto {
  @ApiProperty({ description: 'Index id of the peer item (not a product id of this floor)' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The source floor (peer) id' }) peerId!: string;
  @ApiProperty({ description: 'The source floor, shown on the card ("Nguồn: …")' }) source!: string;
  @ApiProperty({ description: "The item identifier in the peer's feed" }) remoteId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) sellerName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '92' }) provinceCode!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'VND, as the peer states it' }) priceVnd!: number | null;
  @ApiProperty({ type: Number, nullable: true, enum: [3, 4, 5], description: 'OCOP stars as the peer states them (not checked by this floor)' })
  ocopStars!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'OCOP certificate number as the peer states it' }) ocopCertificate!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'OCOP certificate expiry as the peer states it (YYYY-MM-DD)' }) ocopValidUntil!: string | null;
  @ApiProperty({ type: String, nullable: true }) imageUrl!: string | null;
  @ApiProperty({ description: 'The product page on the peer floor (http/https): link out, rel="noopener nofollow ugc"' }) pageUrl!: string;
  @ApiProperty({ type: HighlightDto }) highlight!: HighlightDto;
}

export class ScopeCountsDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Matches on this floor (null when not counted)' }) 'this-province'!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Matches among peer products (counted only when that scope is asked for)' })
  'other-provinces'!: number | null;
}

export class RelaxedQueryDto {
  @ApiProperty({ description: 'The words whose results are shown', example: 'bưởi da' }) query!: string;
  @ApiProperty({ type: [String], description: 'Words left out of the query as typed', example: ['qwzx'] }) droppedWords!: string[];
}

export class ProductSearchResponseDto {
  @ApiProperty({ type: [ProductHitDto] }) hits!: ProductHitDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: FacetsDto }) facets!: FacetsDto;
  @ApiProperty({
    description:
      'True when the search stopped counting early (PostgreSQL engine, more than 1000 matches): total is an estimate and facet counts cover only the first 1000 matches counted. Always false with Meilisearch.',
  })
  approximate!: boolean;
  @ApiProperty({
    type: RelaxedQueryDto,
    nullable: true,
    description:
      'Set when nothing matched every word (even after typo correction) and the hits are those of a looser query: words no product contains are dropped first, then words from the end. Null otherwise.',
  })
  relaxed!: RelaxedQueryDto | null;
  @ApiProperty({
    enum: ['meilisearch', 'postgres'],
    description: 'The engine that answered (also in the x-search-engine header): postgres while Meilisearch is failed over (SEARCH_FAILOVER)',
  })
  engine!: 'meilisearch' | 'postgres';
  @ApiProperty({ description: 'Server time spent on the search' }) processingTimeMs!: number;
  @ApiProperty({ enum: ['this-province', 'other-provinces'], description: 'The scope searched (Tỉnh này / Các tỉnh khác)' })
  scope!: 'this-province' | 'other-provinces';
  @ApiProperty({ type: ScopeCountsDto, description: 'The scope facet' }) scopes!: ScopeCountsDto;
  @ApiProperty({ type: [PeerHitDto], description: "scope=other-provinces: peer floors' products (hits is then empty)" }) peerHits!: PeerHitDto[];
  @ApiProperty({ ...COUNTS, description: 'scope=other-provinces: province code → count (the province facet); empty otherwise' })
  provinces!: Record<string, number>;
}

export class SuggestProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: HighlightDto }) highlight!: HighlightDto;
}

export class SuggestCategoryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
}

export class SuggestEnterpriseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
}

export class SuggestResponseDto {
  @ApiProperty({ type: [SuggestProductDto], description: 'Up to 10 product names' }) products!: SuggestProductDto[];
  @ApiProperty({ type: [SuggestCategoryDto] }) categories!: SuggestCategoryDto[];
  @ApiProperty({ type: [SuggestEnterpriseDto] }) enterprises!: SuggestEnterpriseDto[];
  @ApiProperty({ enum: ['meilisearch', 'postgres'], nullable: true, description: 'The engine that answered; null for an empty query' })
  engine!: 'meilisearch' | 'postgres' | null;
  @ApiProperty() processingTimeMs!: number;
}

export class EnterpriseHitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'cooperative' }) kind!: string;
  @ApiProperty({ example: '29242' }) communeCode!: string;
  @ApiProperty({ type: HighlightDto }) highlight!: HighlightDto;
}

export class EnterpriseSearchResponseDto {
  @ApiProperty({ type: [EnterpriseHitDto] }) hits!: EnterpriseHitDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({
    enum: ['meilisearch', 'postgres'],
    description: 'The engine that answered (also in the x-search-engine header): postgres while Meilisearch is failed over (SEARCH_FAILOVER)',
  })
  engine!: 'meilisearch' | 'postgres';
  @ApiProperty() processingTimeMs!: number;
}

export class RebuildReportDto {
  @ApiProperty({ enum: ['meilisearch', 'postgres'] }) engine!: string;
  @ApiProperty() products!: number;
  @ApiProperty() enterprises!: number;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ description: 'Documents corrected after the swap (writes made during the build)' }) repairedAfterSwap!: number;
}

export class DriftSampleDto {
  @ApiProperty({ type: [String] }) missing!: string[];
  @ApiProperty({ type: [String] }) extra!: string[];
  @ApiProperty({ type: [String] }) stale!: string[];
}

export class DriftSideDto {
  @ApiProperty({ description: 'Visible documents according to the database' }) database!: number;
  @ApiProperty({ description: 'Documents in the index' }) index!: number;
  @ApiProperty({ description: 'In the database, not in the index' }) missing!: number;
  @ApiProperty({ description: 'In the index, not (or no longer visible) in the database' }) extra!: number;
  @ApiProperty({ description: 'In both, with a different content hash' }) stale!: number;
  @ApiProperty({ type: DriftSampleDto }) sample!: DriftSampleDto;
}

export class DriftReportDto {
  @ApiProperty({ enum: ['meilisearch', 'postgres'] }) engine!: string;
  @ApiProperty({ type: DriftSideDto }) products!: DriftSideDto;
  @ApiProperty({ type: DriftSideDto }) enterprises!: DriftSideDto;
  @ApiProperty() inSync!: boolean;
  @ApiProperty() repaired!: boolean;
}
