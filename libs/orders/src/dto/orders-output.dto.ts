import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PAYMENT_STATES, type PaymentState } from '../entities';
import { PAYMENT_METHOD_CODES, type PaymentMethodCode } from '../payment/payment-gateway';
import { SUB_ORDER_STATUSES, type SubOrderStatus } from '../sub-orders/sub-order-states';

export class SalesTermsDto {
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ description: 'False: the seller has not published terms yet (defaults shown)' }) published!: boolean;
  @ApiProperty() deliveryPolicy!: string;
  @ApiProperty() returnsPolicy!: string;
  @ApiProperty() pricesIncludeVat!: boolean;
  @ApiProperty({ example: 25000 }) sellerDeliveryFeeVnd!: number;
  @ApiProperty({ type: [String] }) deliveryProvinceCodes!: string[];
  @ApiProperty({ type: [String] }) deliveryCommuneCodes!: string[];
  @ApiProperty({ example: 48 }) confirmWithinHours!: number;
  @ApiPropertyOptional({ type: Date, nullable: true }) updatedAt!: Date | null;
}

export class ShippingOptionDto {
  @ApiProperty({ example: 'seller' }) carrier!: string;
  @ApiProperty({ example: 'seller-delivers' }) service!: string;
  @ApiProperty({ example: 25000 }) feeVnd!: number;
  @ApiProperty({ description: 'Shipping is added to the item prices' }) included!: boolean;
  @ApiProperty() description!: string;
}

export const CART_LINE_PROBLEMS = ['unavailable', 'insufficient_stock', 'below_minimum'] as const;

export class CartItemViewDto {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() unit!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) thumbnailUrl!: string | null;
  @ApiProperty() unitPriceVnd!: number;
  @ApiProperty() quantity!: number;
  @ApiProperty() lineTotalVnd!: number;
  @ApiProperty() stockQuantity!: number;
  @ApiProperty() minOrderQuantity!: number;
  @ApiProperty({ enum: CART_LINE_PROBLEMS, isArray: true }) problems!: string[];
}

export class CartSellerDto {
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() enterpriseSlug!: string;
  @ApiProperty({ type: [CartItemViewDto] }) items!: CartItemViewDto[];
  @ApiProperty() itemsSubtotalVnd!: number;
  @ApiProperty({ type: SalesTermsDto, description: 'Delivery and returns policies, VAT, shown before ordering' }) salesTerms!: SalesTermsDto;
  @ApiProperty({ type: [ShippingOptionDto] }) shippingOptions!: ShippingOptionDto[];
  @ApiProperty({ enum: PAYMENT_METHOD_CODES, isArray: true }) paymentMethods!: PaymentMethodCode[];
}

export class CartDto {
  @ApiProperty({ type: [CartSellerDto], description: 'Lines grouped by seller: each becomes one sub-order' }) sellers!: CartSellerDto[];
  @ApiProperty() itemCount!: number;
  @ApiProperty() itemsTotalVnd!: number;
  @ApiProperty({ description: 'No line has a problem' }) checkoutReady!: boolean;
}

export class PaymentVietQrDto {
  @ApiProperty() payload!: string;
  @ApiProperty() bankBin!: string;
  @ApiProperty() bankName!: string;
  @ApiProperty() accountNumber!: string;
  @ApiProperty() accountHolder!: string;
  @ApiProperty() purpose!: string;
}

export class PaymentInstructionsDto {
  @ApiProperty({ enum: PAYMENT_METHOD_CODES }) method!: PaymentMethodCode;
  @ApiProperty() text!: string;
  @ApiPropertyOptional({ type: PaymentVietQrDto }) vietqr?: PaymentVietQrDto;
}

export class SubOrderItemDto {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() unit!: string;
  @ApiProperty() unitPriceVnd!: number;
  @ApiProperty() quantity!: number;
  @ApiProperty() lineTotalVnd!: number;
}

export class DeliveryAddressViewDto {
  @ApiProperty() provinceCode!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty() street!: string;
  @ApiProperty() recipientName!: string;
  @ApiProperty() recipientPhone!: string;
}

export class SubOrderEventDto {
  @ApiPropertyOptional({ enum: SUB_ORDER_STATUSES, nullable: true }) fromStatus!: SubOrderStatus | null;
  @ApiProperty({ enum: SUB_ORDER_STATUSES }) toStatus!: SubOrderStatus;
  @ApiProperty() action!: string;
  @ApiProperty({ example: 'seller' }) actorRole!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) note!: string | null;
  @ApiProperty() at!: Date;
}

export class SubOrderDto {
  @ApiProperty({ example: 'TV-7K3M9Q-1' }) code!: string;
  @ApiProperty({ example: 'TV-7K3M9Q' }) orderCode!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty({ enum: SUB_ORDER_STATUSES }) status!: SubOrderStatus;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ enum: PAYMENT_METHOD_CODES }) paymentMethod!: PaymentMethodCode;
  @ApiProperty({ enum: PAYMENT_STATES }) paymentState!: PaymentState;
  @ApiProperty({ type: DeliveryAddressViewDto }) address!: DeliveryAddressViewDto;
  @ApiPropertyOptional({ type: String, nullable: true }) note!: string | null;
  @ApiProperty() shippingCarrier!: string;
  @ApiProperty() shippingService!: string;
  @ApiProperty() shippingFeeVnd!: number;
  @ApiProperty() itemsSubtotalVnd!: number;
  @ApiProperty() totalVnd!: number;
  @ApiProperty() pricesIncludeVat!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) cancelledBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) returnReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) returnRefusalReason!: string | null;
  @ApiProperty() placedAt!: Date;
  @ApiProperty({ description: 'Unconfirmed by then, it expires and its stock goes back' }) expiresAt!: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) confirmedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) packedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) shippedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) deliveredAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) completedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) cancelledAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) paidAt!: Date | null;
  @ApiProperty({ type: [SubOrderItemDto] }) items!: SubOrderItemDto[];
  @ApiProperty({ type: [SubOrderEventDto] }) events!: SubOrderEventDto[];
  @ApiPropertyOptional({ type: PaymentInstructionsDto }) payment?: PaymentInstructionsDto;
}

export class OrderDto {
  @ApiProperty({ example: 'TV-7K3M9Q' }) orderCode!: string;
  @ApiProperty() buyerName!: string;
  @ApiProperty() buyerPhone!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) buyerEmail!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() totalVnd!: number;
  @ApiProperty({ type: [SubOrderDto] }) subOrders!: SubOrderDto[];
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] }) items!: OrderDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class SellerSubOrderDto extends SubOrderDto {
  @ApiProperty() buyerName!: string;
  @ApiProperty() buyerPhone!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) buyerEmail!: string | null;
}

export class StatusCountsDto {
  @ApiProperty() status!: string;
  @ApiProperty() count!: number;
}

export class SellerSubOrderPageDto {
  @ApiProperty({ type: [SellerSubOrderDto] }) items!: SellerSubOrderDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [StatusCountsDto], description: 'Every status with its count (filters other than status applied)' }) counts!: StatusCountsDto[];
}
