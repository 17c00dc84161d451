import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RetentionSchedule } from '@tradefloor/core';

/** The carriers' webhooks as received are kept `RETENTION_DAYS_SHIPMENT_WEBHOOKS` (90) days: enough to investigate a dispute. */
@Injectable()
export class ShipmentWebhooksRetention implements OnModuleInit {
  constructor(private readonly retention: RetentionSchedule) {}

  onModuleInit(): void {
    this.retention.register({
      kind: 'shipment-webhooks',
      description: 'Thông báo trạng thái vận đơn từ hãng vận chuyển (mã vận đơn, trạng thái), tính từ khi nhận',
      defaultDays: 90,
      purge: async (olderThan, m) => (await m.query(`DELETE FROM shipment_webhooks WHERE received_at < $1`, [olderThan]))[1] as number,
    });
  }
}
