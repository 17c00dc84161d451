import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RetentionSchedule } from '@tradefloor/core';

/**
 * Shipments keep the recipient's name, phone and address (`request`). The caller that owns the
 * sale purges a shipment with its record (`Shipping.forget`: libs/orders does it when it purges a
 * sub-order — 3 years after it closed, 1 year for household sellers). This rule is the upper bound
 * for the rest, aligned with orders: a shipment in a final status (delivered, returned, cancelled,
 * lost) not changed for `RETENTION_DAYS_SHIPMENTS` (1095) days is deleted with its history.
 */
@Injectable()
export class ShipmentsRetention implements OnModuleInit {
  constructor(private readonly retention: RetentionSchedule) {}

  onModuleInit(): void {
    this.retention.register({
      kind: 'shipments',
      description: 'Vận đơn (người nhận, số điện thoại, địa chỉ giao) đã kết thúc, tính từ lần cập nhật cuối — hoặc cùng lúc với đơn hàng',
      defaultDays: 3 * 365,
      purge: async (olderThan, m) =>
        (
          (await m.query(`DELETE FROM shipments WHERE updated_at < $1 AND status IN ('delivered','returned','cancelled','lost')`, [olderThan])) as [
            unknown,
            number,
          ]
        )[1],
    });
  }
}
