import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RetentionSchedule } from '@tradefloor/core';
import { Shipping } from '@tradefloor/shipping';
import type { EntityManager } from 'typeorm';

/** Sub-orders closed before `olderThan` of household sellers (or of the others) with their shipments, then orders left without any. */
async function purgeOrders(m: EntityManager, shipping: Shipping, olderThan: Date, household: boolean): Promise<number> {
  const [rows, deleted] = (await m.query(`DELETE FROM sub_orders WHERE closed_at < $1 AND (seller_kind = 'household') = $2 RETURNING code`, [
    olderThan,
    household,
  ])) as [Array<{ code: string }>, number];
  await shipping.forget(
    m,
    rows.map((r) => r.code),
  );
  await m.query(`DELETE FROM orders o WHERE o.created_at < $1 AND NOT EXISTS (SELECT 1 FROM sub_orders s WHERE s.order_id = o.id)`, [olderThan]);
  return deleted;
}

/**
 * Retention of orders (buyer's name, phone, email and delivery address with the lines): kept
 * 3 years after the sub-order closed (completed, cancelled, expired, returned or refused), 1 year
 * when the seller is a household business (`seller_kind`, the enterprise's kind when the order was
 * placed); then deleted with their lines, history and carrier shipment (libs/shipping's `forget`). Guest and abandoned carts go after 90 days
 * without a change.
 */
@Injectable()
export class OrdersRetention implements OnModuleInit {
  constructor(
    private readonly retention: RetentionSchedule,
    private readonly shipping: Shipping,
  ) {}

  onModuleInit(): void {
    this.retention.register({
      kind: 'orders',
      description: 'Đơn hàng (người mua, địa chỉ giao, sản phẩm), tính từ khi đơn kết thúc — người bán không phải hộ kinh doanh',
      defaultDays: 3 * 365,
      purge: (olderThan, m) => purgeOrders(m, this.shipping, olderThan, false),
    });
    this.retention.register({
      kind: 'orders-household',
      description: 'Đơn hàng của người bán là hộ kinh doanh, tính từ khi đơn kết thúc',
      defaultDays: 365,
      purge: (olderThan, m) => purgeOrders(m, this.shipping, olderThan, true),
    });
    this.retention.register({
      kind: 'carts',
      description: 'Giỏ hàng (khách và người mua), tính từ lần thay đổi cuối',
      defaultDays: 90,
      purge: async (olderThan, m) => ((await m.query(`DELETE FROM carts WHERE updated_at < $1`, [olderThan])) as [unknown, number])[1],
    });
  }
}
