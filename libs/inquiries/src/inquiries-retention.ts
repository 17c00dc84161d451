import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RetentionSchedule } from '@tradefloor/core';

/** Retention of inquiries (the buyer's name, phone and message): deleted `RETENTION_DAYS_INQUIRIES` after they were sent. */
@Injectable()
export class InquiriesRetention implements OnModuleInit {
  constructor(private readonly retention: RetentionSchedule) {}

  onModuleInit(): void {
    this.retention.register({
      kind: 'inquiries',
      description: 'Yêu cầu hỏi mua (tên, số điện thoại, nội dung của người mua), tính từ khi gửi',
      defaultDays: 730,
      purge: async (olderThan, m) => (await m.query(`DELETE FROM inquiries WHERE created_at < $1`, [olderThan]))[1] as number,
    });
  }
}
