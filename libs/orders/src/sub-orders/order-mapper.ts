import type { SellerSubOrderDto, SubOrderDto } from '../dto/orders-output.dto';
import { STATUS_LABELS } from './sub-order-states';

/**
 * One SELECT for sub-orders with their order's code and buyer, and each one's lines and history as
 * JSON (`items_json`, `events_json`; subqueries evaluated only for the rows a page returns). One
 * round trip where three were sent: each costs PostgreSQL more CPU to receive, plan and answer
 * than these indexed look-ups cost to run.
 */
export const SUB_ORDER_SELECT = `
  SELECT s.*, o.code AS order_code, o.buyer_user_id, o.buyer_name, o.buyer_phone, o.buyer_email, o.created_at AS order_created_at,
         (SELECT coalesce(json_agg(i ORDER BY i.position), '[]') FROM sub_order_items i WHERE i.sub_order_id = s.id) AS items_json,
         (SELECT coalesce(json_agg(json_build_object('sub_order_id', e.sub_order_id, 'from_status', e.from_status, 'to_status', e.to_status,
                                                     'action', e.action, 'actor_role', e.actor_role, 'note', e.note, 'at', e.at) ORDER BY e.id), '[]')
          FROM sub_order_events e WHERE e.sub_order_id = s.id) AS events_json
  FROM sub_orders s JOIN orders o ON o.id = s.order_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SubOrderRow = Record<string, any>;

/** `r`: a row of `SUB_ORDER_SELECT`, which carries its own lines and history. */
export function toSubOrderDto(r: SubOrderRow, enterpriseName: string): SubOrderDto {
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
    items: (r.items_json as SubOrderRow[]).map((i) => ({
      productId: i.product_id,
      name: i.product_name,
      sku: i.sku,
      unit: i.unit,
      unitPriceVnd: Number(i.unit_price_vnd),
      quantity: i.quantity,
      lineTotalVnd: Number(i.line_total_vnd),
    })),
    // JSON carries timestamps as text: back to the Date the column gives.
    events: (r.events_json as SubOrderRow[]).map((e) => ({
      fromStatus: e.from_status,
      toStatus: e.to_status,
      action: e.action,
      actorRole: e.actor_role,
      note: e.note,
      at: new Date(e.at),
    })),
  };
}

export function toSellerDto(r: SubOrderRow, enterpriseName: string): SellerSubOrderDto {
  return { ...toSubOrderDto(r, enterpriseName), buyerName: r.buyer_name, buyerPhone: r.buyer_phone, buyerEmail: r.buyer_email };
}
