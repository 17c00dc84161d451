import type { SellerSubOrderDto, SubOrderDto } from '../dto/orders-output.dto';
import { STATUS_LABELS } from './sub-order-states';

/** One SELECT for sub-orders with their order's code and buyer; items and events are added by `toSubOrderDto`. */
export const SUB_ORDER_SELECT = `
  SELECT s.*, o.code AS order_code, o.buyer_user_id, o.buyer_name, o.buyer_phone, o.buyer_email, o.created_at AS order_created_at
  FROM sub_orders s JOIN orders o ON o.id = s.order_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SubOrderRow = Record<string, any>;

export function toSubOrderDto(r: SubOrderRow, items: SubOrderRow[], events: SubOrderRow[], enterpriseName: string): SubOrderDto {
  return {
    code: r.code,
    orderCode: r.order_code,
    enterpriseId: r.enterprise_id,
    enterpriseName,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status as keyof typeof STATUS_LABELS],
    paymentMethod: r.payment_method,
    paymentState: r.payment_state,
    address: {
      provinceCode: r.province_code,
      communeCode: r.commune_code,
      street: r.street,
      recipientName: r.recipient_name,
      recipientPhone: r.recipient_phone,
    },
    note: r.note,
    shippingCarrier: r.shipping_carrier,
    shippingService: r.shipping_service,
    shippingFeeVnd: Number(r.shipping_fee_vnd),
    itemsSubtotalVnd: Number(r.items_subtotal_vnd),
    totalVnd: Number(r.total_vnd),
    pricesIncludeVat: r.prices_include_vat,
    cancelReason: r.cancel_reason,
    cancelledBy: r.cancelled_by,
    returnReason: r.return_reason,
    returnRefusalReason: r.return_refusal_reason,
    placedAt: r.placed_at,
    expiresAt: r.expires_at,
    confirmedAt: r.confirmed_at,
    packedAt: r.packed_at,
    shippedAt: r.shipped_at,
    deliveredAt: r.delivered_at,
    completedAt: r.completed_at,
    cancelledAt: r.cancelled_at,
    paidAt: r.paid_at,
    items: items
      .filter((i) => i.sub_order_id === r.id)
      .map((i) => ({
        productId: i.product_id,
        name: i.product_name,
        sku: i.sku,
        unit: i.unit,
        unitPriceVnd: Number(i.unit_price_vnd),
        quantity: i.quantity,
        lineTotalVnd: Number(i.line_total_vnd),
      })),
    events: events
      .filter((e) => e.sub_order_id === r.id)
      .map((e) => ({ fromStatus: e.from_status, toStatus: e.to_status, action: e.action, actorRole: e.actor_role, note: e.note, at: e.at })),
  };
}

export function toSellerDto(r: SubOrderRow, items: SubOrderRow[], events: SubOrderRow[], enterpriseName: string): SellerSubOrderDto {
  return { ...toSubOrderDto(r, items, events, enterpriseName), buyerName: r.buyer_name, buyerPhone: r.buyer_phone, buyerEmail: r.buyer_email };
}
