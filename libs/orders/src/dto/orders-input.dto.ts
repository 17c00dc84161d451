import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsVietnameseMobile, PageQueryDto } from '@tradefloor/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PAYMENT_METHOD_CODES, type PaymentMethodCode } from '../payment/payment-gateway';
import { SUB_ORDER_STATUSES, type SubOrderStatus } from '../sub-orders/sub-order-states';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Plain text: line breaks normalised, other control characters removed. */
const plainText = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .replace(/\r\n?/g, '\n')
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, '')
        .trim()
    : value;

export const MAX_LINE_QUANTITY = 100_000;
const QUANTITY_INT = { message: 'Số lượng phải là số nguyên (quantity must be a whole number)' };

export class AddCartItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Mã sản phẩm không hợp lệ (invalid product id)' })
  productId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QUANTITY, example: 2, description: 'Added to what is already in the cart' })
  @IsInt(QUANTITY_INT)
  @Min(1, { message: 'Số lượng phải lớn hơn 0 (quantity must be greater than 0)' })
  @Max(MAX_LINE_QUANTITY, { message: 'Số lượng quá lớn (quantity too large)' })
  quantity!: number;
}

export class CartLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Mã sản phẩm không hợp lệ (invalid product id)' })
  productId!: string;

  @ApiProperty({ minimum: 0, maximum: MAX_LINE_QUANTITY, description: '0 removes the line' })
  @IsInt(QUANTITY_INT)
  @Min(0, { message: 'Số lượng không được âm (quantity must not be negative)' })
  @Max(MAX_LINE_QUANTITY, { message: 'Số lượng quá lớn (quantity too large)' })
  quantity!: number;
}

export class UpdateCartDto {
  @ApiProperty({ type: [CartLineDto], description: 'Sets these lines’ quantities (0 removes); other lines stay' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CartLineDto)
  items!: CartLineDto[];
}

export class DeliveryAddressDto {
  @ApiProperty({ example: '86', description: 'Province code (post-2025 map)' })
  @IsString()
  @Matches(/^\d{2}$/, { message: 'Mã tỉnh gồm 2 chữ số (province code: 2 digits)' })
  provinceCode!: string;

  @ApiProperty({ example: '29242', description: 'Commune/ward code (post-2025 map), in that province' })
  @IsString()
  @Matches(/^\d{5}$/, { message: 'Mã xã/phường gồm 5 chữ số (commune code: 5 digits)' })
  communeCode!: string;

  @ApiProperty({ example: '12 Nguyễn Thị Minh Khai, khóm 3', maxLength: 200 })
  @Transform(trim)
  @IsString({ message: 'Cần địa chỉ (street required)' })
  @MinLength(3, { message: 'Địa chỉ quá ngắn (street too short)' })
  @MaxLength(200, { message: 'Địa chỉ tối đa 200 ký tự (street too long)' })
  street!: string;

  @ApiProperty({ example: 'Nguyễn Văn An', maxLength: 100 })
  @Transform(trim)
  @IsString({ message: 'Cần tên người nhận (recipient name required)' })
  @MinLength(2, { message: 'Tên người nhận tối thiểu 2 ký tự (recipient name too short)' })
  @MaxLength(100, { message: 'Tên người nhận tối đa 100 ký tự (recipient name too long)' })
  recipientName!: string;

  @ApiProperty({ example: '0912345678' })
  @IsVietnameseMobile()
  recipientPhone!: string;
}

export const CHECKOUT_CARRIERS = ['seller', 'ghn', 'ghtk'] as const;

export class ShippingChoiceDto {
  @ApiProperty({
    enum: CHECKOUT_CARRIERS,
    description: '`seller`: the seller delivers, on its sales terms; `ghn`/`ghtk`: a carrier the seller set up (one of the cart’s shipping options)',
  })
  @IsIn(CHECKOUT_CARRIERS as unknown as string[], { message: 'Cách giao hàng không hợp lệ (unknown carrier: seller, ghn or ghtk)' })
  carrier!: (typeof CHECKOUT_CARRIERS)[number];

  @ApiPropertyOptional({ example: 'seller-delivers', description: 'The option’s service (default: the carrier’s cheapest); the fee is always quoted again' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  service?: string;
}

export class SellerCheckoutDto {
  @ApiProperty({ format: 'uuid', description: 'The enterprise whose cart lines this sub-order takes' })
  @IsUUID('all', { message: 'Mã doanh nghiệp không hợp lệ (invalid enterprise id)' })
  enterpriseId!: string;

  @ApiProperty({ enum: PAYMENT_METHOD_CODES })
  @IsIn(PAYMENT_METHOD_CODES as unknown as string[], { message: 'Phương thức thanh toán không hợp lệ (unknown payment method)' })
  paymentMethod!: PaymentMethodCode;

  @ApiProperty({ type: ShippingChoiceDto })
  @IsDefined({ message: 'Cần chọn cách giao hàng (shipping required)' })
  @IsObject({ message: 'Cần chọn cách giao hàng (shipping required)' })
  @ValidateNested()
  @Type(() => ShippingChoiceDto)
  shipping!: ShippingChoiceDto;

  @ApiProperty({ type: DeliveryAddressDto })
  @IsDefined({ message: 'Cần địa chỉ giao hàng (delivery address required)' })
  @IsObject({ message: 'Cần địa chỉ giao hàng (delivery address required)' })
  @ValidateNested()
  @Type(() => DeliveryAddressDto)
  address!: DeliveryAddressDto;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Note to the seller (plain text)' })
  @IsOptional()
  @Transform(plainText)
  @IsString()
  @MaxLength(1000, { message: 'Ghi chú tối đa 1000 ký tự (note too long)' })
  note?: string;
}

export class CheckoutDto {
  @ApiPropertyOptional({ example: 'Nguyễn Văn An', description: 'Required when not signed in (default: the account name)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2, { message: 'Họ tên tối thiểu 2 ký tự (name must be at least 2 characters)' })
  @MaxLength(100, { message: 'Họ tên tối đa 100 ký tự (name too long)' })
  buyerName?: string;

  @ApiProperty({ example: '0912345678', description: 'Vietnamese mobile; a guest follows the order with it' })
  @IsVietnameseMobile()
  buyerPhone!: string;

  @ApiPropertyOptional({ example: 'an@example.vn', description: 'Where order mails go (signed-in buyers: the account address)' })
  @IsOptional()
  @IsEmail({}, { message: 'Email không hợp lệ (invalid email)' })
  @MaxLength(200)
  buyerEmail?: string;

  @ApiProperty({ type: [SellerCheckoutDto], description: 'One entry per enterprise in the cart' })
  @IsArray()
  @ArrayMinSize(1, { message: 'Cần ít nhất một người bán (at least one seller)' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SellerCheckoutDto)
  subOrders!: SellerCheckoutDto[];
}

export class OrderLookupQueryDto {
  @ApiPropertyOptional({ example: '0912345678', description: 'Guests: the phone given at checkout' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}

export class BuyerCancelDto {
  @ApiPropertyOptional({ type: [String], description: 'Sub-orders to cancel (default: every one not yet confirmed)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  subOrderCodes?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(plainText)
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ description: 'Guests: the phone given at checkout' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}

export class ReturnRequestDto {
  @ApiProperty({ example: 'TV-7K3M9Q-1' })
  @IsString()
  @MaxLength(40)
  subOrderCode!: string;

  @ApiProperty({ maxLength: 1000 })
  @Transform(plainText)
  @IsString({ message: 'Cần lý do (reason required)' })
  @MinLength(3, { message: 'Cần lý do (reason required)' })
  @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({ description: 'Guests: the phone given at checkout' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}

/** A seller's reason for cancelling a sub-order or refusing a return (named apart from the enterprise review's ReasonDto: the OpenAPI schema is keyed by class name). */
export class SellerReasonDto {
  @ApiProperty({ maxLength: 1000, example: 'Hết hàng tại kho (out of stock at the warehouse)' })
  @Transform(plainText)
  @IsString({ message: 'Cần lý do (reason required)' })
  @MinLength(3, { message: 'Cần lý do (reason required)' })
  @MaxLength(1000)
  reason!: string;
}

export class OptionalNoteDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(plainText)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** `GET /api/v1/cart?provinceCode=&communeCode=`: with a delivery address the carriers' quotes are included. */
export class CartQueryDto {
  @ApiPropertyOptional({ example: '86', description: 'Delivery province code (with communeCode: carriers quote for it)' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  provinceCode?: string;

  @ApiPropertyOptional({ example: '29239', description: 'Delivery commune code' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  communeCode?: string;

  @ApiPropertyOptional({ description: 'Street (optional, helps the carriers quote)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  street?: string;
}

export class SubOrderListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SUB_ORDER_STATUSES })
  @IsOptional()
  @IsIn(SUB_ORDER_STATUSES as unknown as string[], { message: 'Trạng thái không hợp lệ (unknown status)' })
  status?: SubOrderStatus;

  @ApiPropertyOptional({ description: 'Code, buyer or recipient name or phone' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class SalesTermsInputDto {
  @ApiProperty({ maxLength: 4000, description: 'Delivery policy shown to buyers before they order (plain text)' })
  @Transform(plainText)
  @IsString({ message: 'Cần chính sách giao hàng (delivery policy required)' })
  @MinLength(10, { message: 'Chính sách giao hàng tối thiểu 10 ký tự (delivery policy too short)' })
  @MaxLength(4000)
  deliveryPolicy!: string;

  @ApiProperty({ maxLength: 4000, description: 'Returns policy (plain text)' })
  @Transform(plainText)
  @IsString({ message: 'Cần chính sách đổi trả (returns policy required)' })
  @MinLength(10, { message: 'Chính sách đổi trả tối thiểu 10 ký tự (returns policy too short)' })
  @MaxLength(4000)
  returnsPolicy!: string;

  @ApiProperty({ description: 'Whether listed prices include VAT' })
  @IsBoolean({ message: 'Giá đã gồm VAT: true/false (pricesIncludeVat must be a boolean)' })
  pricesIncludeVat!: boolean;

  @ApiProperty({ minimum: 0, maximum: 5_000_000, example: 25000, description: 'Fee when the seller delivers (VND)' })
  @IsInt({ message: 'Phí giao hàng là số nguyên VND (fee: whole VND)' })
  @Min(0, { message: 'Phí giao hàng không được âm (fee must not be negative)' })
  @Max(5_000_000)
  sellerDeliveryFeeVnd!: number;

  @ApiProperty({ type: [String], example: ['86'], description: 'Whole provinces the seller delivers to' })
  @IsArray()
  @ArrayMaxSize(34)
  @Matches(/^\d{2}$/, { each: true, message: 'Mã tỉnh gồm 2 chữ số (province code: 2 digits)' })
  deliveryProvinceCodes!: string[];

  @ApiProperty({ type: [String], example: ['29242'], description: 'Further single communes the seller delivers to' })
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(/^\d{5}$/, { each: true, message: 'Mã xã/phường gồm 5 chữ số (commune code: 5 digits)' })
  deliveryCommuneCodes!: string[];

  @ApiProperty({ minimum: 1, maximum: 336, example: 48, description: 'Unconfirmed orders expire after this many hours' })
  @IsInt()
  @Min(1)
  @Max(336)
  confirmWithinHours!: number;
}
