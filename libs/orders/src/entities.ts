import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { SubOrderStatus } from './sub-orders/sub-order-states';

/** bigint columns come back from pg as strings; VND amounts fit in a JS number. */
const money = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

export const PAYMENT_STATES = ['awaiting', 'paid_confirmed_by_seller', 'cod_on_delivery', 'cod_collected'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** A guest's cart (by the SHA-256 of its cookie token) or a signed-in buyer's (by user id). */
@Entity('carts')
export class CartEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', name: 'token_hash', nullable: true }) tokenHash!: string | null;
  @Column({ type: 'uuid', name: 'user_id', nullable: true }) userId!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}

@Entity('cart_items')
export class CartItemEntity {
  @PrimaryColumn({ type: 'uuid', name: 'cart_id' }) cartId!: string;
  @PrimaryColumn({ type: 'uuid', name: 'product_id' }) productId!: string;
  @Column({ type: 'int' }) quantity!: number;
  @Column({ type: 'timestamptz', name: 'added_at' }) addedAt!: Date;
}

/** What the buyer placed at checkout: one per checkout, split into a sub-order per enterprise. */
@Entity('orders')
export class OrderEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'uuid', name: 'buyer_user_id', nullable: true }) buyerUserId!: string | null;
  @Column({ type: 'text', name: 'buyer_name' }) buyerName!: string;
  @Column({ type: 'text', name: 'buyer_phone' }) buyerPhone!: string;
  @Column({ type: 'text', name: 'buyer_email', nullable: true }) buyerEmail!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}

/** One enterprise's part of an order: its own status, payment, delivery and history. */
@Entity('sub_orders')
export class SubOrderEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'order_id' }) orderId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'uuid', name: 'enterprise_id' }) enterpriseId!: string;
  /** The enterprise's kind when the order was placed (household businesses' orders are kept 1 year, others 3). */
  @Column({ type: 'text', name: 'seller_kind' }) sellerKind!: string;
  @Column({ type: 'text' }) status!: SubOrderStatus;
  @Column({ type: 'text', name: 'payment_method' }) paymentMethod!: 'cod' | 'vietqr';
  @Column({ type: 'text', name: 'payment_state' }) paymentState!: PaymentState;
  @Column({ type: 'text', name: 'province_code' }) provinceCode!: string;
  @Column({ type: 'text', name: 'commune_code' }) communeCode!: string;
  @Column({ type: 'text' }) street!: string;
  @Column({ type: 'text', name: 'recipient_name' }) recipientName!: string;
  @Column({ type: 'text', name: 'recipient_phone' }) recipientPhone!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'text', name: 'shipping_carrier' }) shippingCarrier!: string;
  @Column({ type: 'text', name: 'shipping_service' }) shippingService!: string;
  @Column({ type: 'bigint', name: 'shipping_fee_vnd', transformer: money }) shippingFeeVnd!: number;
  @Column({ type: 'bigint', name: 'items_subtotal_vnd', transformer: money }) itemsSubtotalVnd!: number;
  @Column({ type: 'bigint', name: 'total_vnd', transformer: money }) totalVnd!: number;
  @Column({ type: 'boolean', name: 'prices_include_vat' }) pricesIncludeVat!: boolean;
  @Column({ type: 'text', name: 'cancel_reason', nullable: true }) cancelReason!: string | null;
  @Column({ type: 'text', name: 'cancelled_by', nullable: true }) cancelledBy!: 'buyer' | 'seller' | 'system' | null;
  @Column({ type: 'text', name: 'return_reason', nullable: true }) returnReason!: string | null;
  @Column({ type: 'text', name: 'return_refusal_reason', nullable: true }) returnRefusalReason!: string | null;
  @Column({ type: 'timestamptz', name: 'placed_at' }) placedAt!: Date;
  @Column({ type: 'timestamptz', name: 'confirmed_at', nullable: true }) confirmedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'packed_at', nullable: true }) packedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'shipped_at', nullable: true }) shippedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true }) deliveredAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true }) cancelledAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'expired_at', nullable: true }) expiredAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'return_requested_at', nullable: true }) returnRequestedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'returned_at', nullable: true }) returnedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'return_refused_at', nullable: true }) returnRefusedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'paid_at', nullable: true }) paidAt!: Date | null;
  /** An unconfirmed sub-order expires then (the seller's confirmation window). */
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt!: Date;
  /** Set once, when the reserved stock went back (cancelled or expired). */
  @Column({ type: 'timestamptz', name: 'stock_released_at', nullable: true }) stockReleasedAt!: Date | null;
  /** When it reached a closed state (retention counts from here). */
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}

/** A line of a sub-order: the product's name, SKU, unit and price as they were when ordered. */
@Entity('sub_order_items')
export class SubOrderItemEntity {
  @PrimaryColumn({ type: 'uuid', name: 'sub_order_id' }) subOrderId!: string;
  @PrimaryColumn({ type: 'int' }) position!: number;
  @Column({ type: 'uuid', name: 'product_id' }) productId!: string;
  @Column({ type: 'text', name: 'product_name' }) productName!: string;
  @Column({ type: 'text' }) sku!: string;
  @Column({ type: 'text' }) unit!: string;
  @Column({ type: 'bigint', name: 'unit_price_vnd', transformer: money }) unitPriceVnd!: number;
  @Column({ type: 'int' }) quantity!: number;
  @Column({ type: 'bigint', name: 'line_total_vnd', transformer: money }) lineTotalVnd!: number;
}

/** History of a sub-order: every state change (and payment confirmation), who did it, and whether both sides were mailed. */
@Entity('sub_order_events')
export class SubOrderEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'sub_order_id' }) subOrderId!: string;
  @Column({ type: 'text', name: 'from_status', nullable: true }) fromStatus!: SubOrderStatus | null;
  @Column({ type: 'text', name: 'to_status' }) toStatus!: SubOrderStatus;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text', name: 'actor_role' }) actorRole!: string;
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'timestamptz', name: 'buyer_notified_at', nullable: true }) buyerNotifiedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'seller_notified_at', nullable: true }) sellerNotifiedAt!: Date | null;
}

/** A seller's sales terms, shown to buyers in the cart before they order. */
@Entity('seller_sales_terms')
export class SalesTermsEntity {
  @PrimaryColumn({ type: 'uuid', name: 'enterprise_id' }) enterpriseId!: string;
  @Column({ type: 'text', name: 'delivery_policy' }) deliveryPolicy!: string;
  @Column({ type: 'text', name: 'returns_policy' }) returnsPolicy!: string;
  @Column({ type: 'boolean', name: 'prices_include_vat' }) pricesIncludeVat!: boolean;
  @Column({ type: 'bigint', name: 'seller_delivery_fee_vnd', transformer: money }) sellerDeliveryFeeVnd!: number;
  @Column({ type: 'text', array: true, name: 'delivery_province_codes' }) deliveryProvinceCodes!: string[];
  @Column({ type: 'text', array: true, name: 'delivery_commune_codes' }) deliveryCommuneCodes!: string[];
  @Column({ type: 'int', name: 'confirm_within_hours' }) confirmWithinHours!: number;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
}

export const ORDER_ENTITIES = [CartEntity, CartItemEntity, OrderEntity, SubOrderEntity, SubOrderItemEntity, SubOrderEventEntity, SalesTermsEntity];
