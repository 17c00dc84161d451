import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { CHANNEL_NAMES, CHANNELS } from '../channels/registry';

/** Which fields each credential channel takes, for the API documentation (from the registry). */
const CREDENTIALS_BY_CHANNEL = CHANNELS.flatMap((c) =>
  c.kind === 'push' && c.auth.kind === 'credentials' ? [`${c.name} {${c.auth.fields.map((f) => f.name).join(', ')}}`] : [],
).join('; ');

export class ConnectChannelDto {
  @ApiProperty({ enum: CHANNEL_NAMES, example: CHANNEL_NAMES[0] })
  @IsIn(CHANNEL_NAMES)
  channel!: string;

  @ApiPropertyOptional({
    description: `Thông tin đăng nhập của kênh (credentials): ${CREDENTIALS_BY_CHANNEL}. Never returned.`,
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, string>;

  @ApiPropertyOptional({
    description:
      'Marketplace channels: the owner consents here to share the listed product data with the partner (recorded in the consent ledger with the destination country). Required unless already given (GET /api/v1/me/consents); 409 PARTNER_CONSENT_REQUIRED without it.',
  })
  @IsOptional()
  @IsBoolean({ message: 'shareConsent phải là true hoặc false (shareConsent must be a boolean)' })
  shareConsent?: boolean;

  @ApiPropertyOptional({ description: 'feed: protect the feed URLs with a token (default true)' })
  @IsOptional()
  @IsBoolean()
  feedToken?: boolean;
}

export class FeedUrlsDto {
  @ApiProperty() csvUrl!: string;
  @ApiProperty() jsonUrl!: string;
  @ApiProperty({ description: 'true when the URLs carry a token (shown only once, at connect)' }) tokenProtected!: boolean;
}

export class ConnectResultDto {
  @ApiProperty() channel!: string;
  @ApiProperty({ enum: ['pending', 'active', 'needs_reauth', 'disconnecting', 'disconnected'] }) status!: string;
  @ApiPropertyOptional({
    description:
      'Channels with an authorisation flow: send the seller here to authorise the shop. The response also sets the browser-binding cookie the return must bring back.',
  })
  authorizationUrl?: string;
  @ApiPropertyOptional({ type: FeedUrlsDto }) feed?: FeedUrlsDto;
}

export class ChannelSettingsDto {
  @ApiPropertyOptional({
    description: 'Our category id → the partner category id',
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { '0b7f…': '100629' },
  })
  @IsOptional()
  @IsObject()
  categoryMap?: Record<string, string>;

  @ApiPropertyOptional({
    example: '50018',
    nullable: true,
    type: String,
    description: 'Omitted: unchanged; null: cleared (refused where the channel requires it)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, {
    message: 'Mã đơn vị vận chuyển chỉ gồm chữ, số, _ và -, tối đa 40 ký tự (logistics channel id: letters, digits, _ and -, max 40)',
  })
  logisticsChannelId?: string | null;

  @ApiPropertyOptional({ example: 500, nullable: true, type: Number, description: 'Omitted: unchanged; null: cleared' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Khối lượng phải là số nguyên gam từ 1 đến 1.000.000 (weight must be whole grams, 1–1,000,000)' })
  @Min(1, { message: 'Khối lượng phải là số nguyên gam từ 1 đến 1.000.000 (weight must be whole grams, 1–1,000,000)' })
  @Max(1_000_000, { message: 'Khối lượng phải là số nguyên gam từ 1 đến 1.000.000 (weight must be whole grams, 1–1,000,000)' })
  defaultWeightGrams?: number | null;
}

export class ListingCountDto {
  @ApiProperty() state!: string;
  @ApiProperty() count!: number;
}

export class ChannelConnectionDto {
  @ApiProperty() channel!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['pending', 'active', 'needs_reauth', 'disconnecting', 'disconnected'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) shopId!: string | null;
  @ApiProperty({ type: ChannelSettingsDto }) settings!: ChannelSettingsDto;
  @ApiProperty() settingsVersion!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) pausedUntil!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastReconciledAt!: string | null;
  @ApiProperty({ type: [ListingCountDto] }) listings!: ListingCountDto[];
  @ApiProperty({ format: 'date-time' }) connectedAt!: string;
  @ApiPropertyOptional({ type: FeedUrlsDto, description: 'feed: its URLs, without the token (shown only once, at connect)' }) feed?: FeedUrlsDto;
}

export class ChannelConnectionListDto {
  @ApiProperty({ type: [ChannelConnectionDto] }) items!: ChannelConnectionDto[];
}

export class ChooseProductsDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @ArrayMinSize(1, { message: 'Chọn ít nhất một sản phẩm (choose at least one product)' })
  @ArrayMaxSize(1000, { message: 'Tối đa 1000 sản phẩm mỗi lần (at most 1000 products at a time)' })
  @IsUUID('all', { each: true, message: 'Mã sản phẩm không hợp lệ (invalid product id)' })
  productIds!: string[];

  @ApiProperty({ enum: ['add', 'remove'] })
  @IsIn(['add', 'remove'], { message: 'Thao tác phải là add hoặc remove (mode must be add or remove)' })
  mode!: 'add' | 'remove';
}

export class CandidateProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() sku!: string;
}

export class CandidateProductListDto {
  @ApiProperty({ type: [CandidateProductDto] }) items!: CandidateProductDto[];
  @ApiProperty({ description: 'All published products not yet on the channel (items holds the first ones, by name)' }) total!: number;
}

export class ChooseProductsResultDto {
  @ApiProperty() channel!: string;
  @ApiProperty({ description: 'Listings added to or removed from the channel' }) changed!: number;
}

export class ChannelCallbackResultDto {
  @ApiProperty() channel!: string;
  @ApiProperty() status!: string;
  @ApiProperty() shopId!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
}

export class ChannelParamDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
  @ApiProperty({ enum: CHANNEL_NAMES }) @IsIn(CHANNEL_NAMES) channel!: string;
}

export class MessageDto {
  @ApiProperty() message!: string;
}
