import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsVietnameseMobile } from '@tradefloor/core';
import { CARRIER_CODES, SHIPMENT_STATUSES } from '../statuses';

/** PUT /enterprises/:id/carriers/:carrier. GHN: token + shopId; GHTK: token + clientSource; seller: feeVnd. */
export class CarrierAccountInputDto {
  @ApiPropertyOptional({ description: 'GHN/GHTK API token. Stored encrypted, never returned.' })
  @IsOptional()
  @IsString()
  @Length(8, 200, { message: 'token: 8-200 ký tự (8-200 characters)' })
  @Matches(/^[\x21-\x7e]+$/, { message: 'token: chỉ ký tự in được, không dấu cách (printable characters only)' })
  token?: string;

  @ApiPropertyOptional({ description: 'GHN: shop id (ShopId header). Stored encrypted with the token.' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,12}$/, { message: 'shopId: chỉ gồm chữ số (digits only)' })
  shopId?: string;

  @ApiPropertyOptional({ description: 'GHTK: X-Client-Source (shop or partner code). Stored encrypted with the token.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'clientSource: 1-64 ký tự A-Z 0-9 _ . - (1-64 characters)' })
  clientSource?: string;

  @ApiPropertyOptional({ description: 'GHN/GHTK: the pickup contact name (default: the enterprise name).' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  pickupName?: string;

  @ApiPropertyOptional({ description: 'GHN/GHTK: the pickup contact phone (required by GHTK).' })
  @IsOptional()
  @IsVietnameseMobile()
  pickupPhone?: string;

  @ApiPropertyOptional({ description: 'seller: the delivery fee the seller charges (VND).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  feeVnd?: number;

  @ApiPropertyOptional({ description: 'seller: usual delivery time in days.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  etaDays?: number;
}

export class CarrierAccountDto {
  @ApiProperty({ enum: [...CARRIER_CODES] }) carrier!: string;
  @ApiProperty({ description: 'Credentials are stored (never returned).' }) configured!: boolean;
  @ApiPropertyOptional() pickupName?: string;
  @ApiPropertyOptional() pickupPhone?: string;
  @ApiPropertyOptional() feeVnd?: number;
  @ApiPropertyOptional() etaDays?: number;
  @ApiPropertyOptional({ description: 'GHN/GHTK: the URL to register in the carrier portal for status webhooks.' }) webhookUrl?: string;
  @ApiProperty() updatedAt!: string;
}

export class CarrierAccountListDto {
  @ApiProperty({ type: [CarrierAccountDto] }) items!: CarrierAccountDto[];
}

export class AddressDto {
  @ApiProperty({ example: '86' }) @IsString() @Matches(/^\d{2}$/, { message: 'provinceCode: 2 chữ số (2 digits)' }) provinceCode!: string;
  @ApiProperty({ example: '29242' }) @IsString() @Matches(/^\d{5}$/, { message: 'communeCode: 5 chữ số (5 digits)' }) communeCode!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 300) street?: string;
}

export class QuoteInputDto {
  @ApiProperty({ type: AddressDto }) @ValidateNested() @Type(() => AddressDto) from!: AddressDto;
  @ApiProperty({ type: AddressDto }) @ValidateNested() @Type(() => AddressDto) to!: AddressDto;
  @ApiProperty() @IsInt() @Min(1) @Max(50_000) weightGrams!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(50_000_000) codAmountVnd!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(1_000_000_000) declaredValueVnd!: number;
}

export class ShippingQuoteDto {
  @ApiProperty({ enum: [...CARRIER_CODES] }) carrier!: string;
  @ApiProperty() service!: string;
  @ApiProperty() feeVnd!: number;
  @ApiPropertyOptional() etaDays?: number;
}

export class ShippingQuoteListDto {
  @ApiProperty({ type: [ShippingQuoteDto] }) items!: ShippingQuoteDto[];
}

export class ShipmentEventDto {
  @ApiProperty({ enum: [...SHIPMENT_STATUSES] }) status!: string;
  @ApiPropertyOptional({ nullable: true }) carrierStatus!: string | null;
  @ApiProperty({ description: 'requested | carrier | webhook | poll | seller | cancel' }) source!: string;
  @ApiProperty() at!: string;
}

export class ShipmentDto {
  @ApiProperty() reference!: string;
  @ApiProperty() enterpriseId!: string;
  @ApiProperty({ enum: [...CARRIER_CODES] }) carrier!: string;
  @ApiProperty({ enum: [...SHIPMENT_STATUSES] }) status!: string;
  @ApiPropertyOptional({ nullable: true }) carrierStatus!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'GHN order_code / GHTK label' }) carrierCode!: string | null;
  @ApiPropertyOptional({ nullable: true }) feeVnd!: number | null;
  @ApiProperty() cancelRequested!: boolean;
  @ApiPropertyOptional({ nullable: true }) lastError!: string | null;
  @ApiProperty({ type: [ShipmentEventDto] }) history!: ShipmentEventDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class SellerStatusDto {
  @ApiProperty({ enum: [...SHIPMENT_STATUSES] }) @IsIn(SHIPMENT_STATUSES) status!: string;
}

export class WebhookAckDto {
  @ApiProperty() ok!: boolean;
}
