import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreatePeerDto {
  @ApiProperty({ example: 'Sàn TMĐT tỉnh Cần Thơ', maxLength: 120 })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  @Matches(/^[^<>]*$/, { message: 'name must be plain text' })
  name!: string;

  @ApiProperty({ example: '92', description: 'Mã tỉnh (2-digit province code, post-2025 units)' })
  @IsString()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a 2-digit province code' })
  provinceCode!: string;

  @ApiProperty({ example: 'https://san.cantho.gov.vn/open/v1/products', description: "The peer's products feed (docs/open-feed.md v1)" })
  @IsString()
  @MaxLength(2000)
  feedUrl!: string;
}

export class PeerDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() provinceCode!: string;
  @ApiProperty() feedUrl!: string;
  @ApiProperty({ enum: ['ok', 'failing', 'never-pulled'] }) health!: string;
  @ApiProperty({ nullable: true, type: String }) lastSuccessAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Last fault (down, slow, malformed, oversized, cursor loop…)' }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastErrorAt!: string | null;
  @ApiProperty({ description: 'Failed pulls in a row (the next waits longer each time)' }) failures!: number;
  @ApiProperty({ description: 'Items refused by validation in the last pull' }) lastRejected!: number;
  @ApiProperty({ description: 'Products of this peer kept here' }) items!: number;
  @ApiProperty() nextPullAt!: string;
}

export class PeerListDto {
  @ApiProperty({ type: [PeerDto] }) items!: PeerDto[];
}

export class FederatedProductQueryDto {
  @ApiPropertyOptional({ description: 'Words to find (name, seller, description)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only this province (2-digit code)' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a 2-digit province code' })
  provinceCode?: string;

  @ApiPropertyOptional({ enum: [3, 4, 5] })
  @IsOptional()
  @Type(() => Number)
  @IsIn([3, 4, 5])
  ocopStars?: number;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  page: number = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  pageSize: number = 20;
}

export class FederatedProductDto {
  @ApiProperty({ description: 'Floor that publishes it (never editable here)' }) source!: string;
  @ApiProperty() peerId!: string;
  @ApiProperty() remoteId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true, type: Number }) priceVnd!: number | null;
  @ApiProperty({ nullable: true, type: String }) gtin!: string | null;
  @ApiProperty({ nullable: true, type: String }) availability!: string | null;
  @ApiProperty({ nullable: true, type: String }) sellerName!: string | null;
  @ApiProperty({ nullable: true, type: String }) sellerTaxCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) provinceCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) communeCode!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'As the peer states it' }) ocopStars!: number | null;
  @ApiProperty({ nullable: true, type: String }) ocopCertificate!: string | null;
  @ApiProperty({ nullable: true, type: String }) ocopValidUntil!: string | null;
  @ApiProperty({ type: [String] }) imageUrls!: string[];
  @ApiProperty({ description: "The product's page on the peer floor" }) pageUrl!: string;
  @ApiProperty({ nullable: true, type: String }) digitalLink!: string | null;
  @ApiProperty() modifiedAt!: string;
}

export class ProvinceFacetDto {
  @ApiProperty() provinceCode!: string;
  @ApiProperty() count!: number;
}

export class FederatedProductPageDto {
  @ApiProperty({ enum: ['other-provinces'], description: "These are peer floors' products (Các tỉnh khác); local products are in /api/v1/search/products" })
  scope!: string;
  @ApiProperty({ type: [FederatedProductDto] }) items!: FederatedProductDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [ProvinceFacetDto] }) provinces!: ProvinceFacetDto[];
}
