import { ApiProperty } from '@nestjs/swagger';

/** A published product as shown on its enterprise's public profile (supplied by the catalog). */
export interface PublicProductSummary {
  id: string;
  slug: string;
  name: string;
  priceVnd: number;
  unit: string;
  thumbnailUrl: string | null;
  ocopStars: number | null;
}

export class PublicProductSummaryDto implements PublicProductSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'buoi-da-xanh-hung-hoa' }) slug!: string;
  @ApiProperty({ example: 'Bưởi da xanh' }) name!: string;
  @ApiProperty({ example: 45000, description: 'VND' }) priceVnd!: number;
  @ApiProperty({ example: 'kg' }) unit!: string;
  @ApiProperty({ type: String, nullable: true }) thumbnailUrl!: string | null;
  @ApiProperty({ type: Number, nullable: true, enum: [3, 4, 5] }) ocopStars!: number | null;
}
