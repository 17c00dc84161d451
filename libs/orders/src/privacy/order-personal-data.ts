import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry, type PersonalDataContributor, type PersonalDataRow, type PersonalDataSubject } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

/**
 * orders' part of "my data": every sub-order of the account's orders, with the buyer and delivery
 * details and the lines. On deletion the account's cart goes, and its orders keep the seller's
 * record (accounting, returns, complaints) with the buyer's name, phone and email replaced by the
 * pseudonym; recipients of orders no longer open are pseudonymised too. Retention purges them
 * later like every order.
 */
@Injectable()
export class OrderPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'orders';
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  export(subject: PersonalDataSubject, m: EntityManager): Promise<PersonalDataRow[]> {
    return m.query(
      `SELECT o.code AS "orderCode", s.code AS "subOrderCode", o.buyer_name AS "buyerName", o.buyer_phone AS "buyerPhone",
              o.buyer_email AS "buyerEmail", s.enterprise_id AS "enterpriseId", s.status, s.payment_method AS "paymentMethod",
              s.payment_state AS "paymentState", s.province_code AS "provinceCode", s.commune_code AS "communeCode", s.street,
              s.recipient_name AS "recipientName", s.recipient_phone AS "recipientPhone", s.note, s.shipping_carrier AS "shippingCarrier",
              s.shipping_fee_vnd::float8 AS "shippingFeeVnd", s.total_vnd::float8 AS "totalVnd", s.cancel_reason AS "cancelReason",
              s.return_reason AS "returnReason", s.placed_at AS "placedAt", s.closed_at AS "closedAt",
              (SELECT json_agg(json_build_object('productId', i.product_id, 'name', i.product_name, 'sku', i.sku, 'unit', i.unit,
                                                 'unitPriceVnd', i.unit_price_vnd, 'quantity', i.quantity) ORDER BY i.position)
               FROM sub_order_items i WHERE i.sub_order_id = s.id) AS items
       FROM orders o JOIN sub_orders s ON s.order_id = o.id
       WHERE o.buyer_user_id = $1 ORDER BY o.created_at, s.code`,
      [subject.userId],
    );
  }

  async erase(subject: PersonalDataSubject, m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM carts WHERE user_id = $1`, [subject.userId]);
    await m.query(
      `UPDATE sub_orders s SET recipient_name = $2, recipient_phone = '', street = '', note = NULL
       FROM orders o WHERE o.id = s.order_id AND o.buyer_user_id = $1 AND s.closed_at IS NOT NULL`,
      [subject.userId, subject.pseudonym],
    );
    await m.query(`UPDATE orders SET buyer_name = $2, buyer_phone = '', buyer_email = NULL WHERE buyer_user_id = $1`, [subject.userId, subject.pseudonym]);
  }
}
