import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RetentionSchedule } from '@tradefloor/core';

/** Retention of the view de-duplication rows (a keyed visitor hash per hour); the daily counts stay. */
@Injectable()
export class ViewsRetention implements OnModuleInit {
  constructor(private readonly retention: RetentionSchedule) {}

  onModuleInit(): void {
    this.retention.register({
      kind: 'view-dedup',
      description: 'Dòng chống đếm trùng lượt xem bản tin (mã băm người xem theo giờ); số lượt xem theo ngày vẫn giữ',
      defaultDays: 2,
      purge: async (olderThan, m) => (await m.query(`DELETE FROM bulletin_views WHERE hour < $1`, [olderThan]))[1] as number,
    });
  }
}
