import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { FeedService } from './feed.service';

export class FeedQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) token?: string;
}

export class FeedItemDto {
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() priceVnd!: number;
  @ApiProperty() stock!: number;
  @ApiProperty() unit!: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) weightGrams!: number | null;
  @ApiProperty() category!: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) ocopStars!: number | null;
  @ApiProperty({ type: [String] }) imageUrls!: string[];
  @ApiProperty() url!: string;
}

export class FeedDto {
  @ApiProperty() enterprise!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: [FeedItemDto] }) items!: FeedItemDto[];
}

/** Stable feed URLs for floors without an API (published products only). */
@ApiTags('partner-sync')
@Controller('feeds/enterprises')
export class FeedController {
  constructor(private readonly feed: FeedService) {}

  @Get(':slug/products.json')
  @ApiOkResponse({ type: FeedDto })
  json(@Param('slug') slug: string, @Query() q: FeedQueryDto): Promise<FeedDto> {
    return this.feed.build(slug, q.token);
  }

  /** The CSV twin of the JSON feed (documented there). */
  @Get(':slug/products.csv')
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/csv; charset=utf-8')
  async csv(@Param('slug') slug: string, @Query() q: FeedQueryDto): Promise<string> {
    return this.feed.toCsv(await this.feed.build(slug, q.token));
  }
}
