import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RetentionSchedule } from '@tradefloor/core';
import type { EntityManager } from 'typeorm';

const deleted = async (m: EntityManager, sql: string, olderThan: Date): Promise<number> => ((await m.query(sql, [olderThan])) as [unknown, number])[1];

/**
 * Retention of what reviews keep that is never public: rejected reviews (1 year after the
 * decision, long enough for the author's complaint about it) and reports (1 year). Published and
 * hidden reviews are the product's public rating and stay with the product.
 */
@Injectable()
export class ReviewsRetention implements OnModuleInit {
  constructor(private readonly retention: RetentionSchedule) {}

  onModuleInit(): void {
    this.retention.register({
      kind: 'reviews-rejected',
      description: 'Đánh giá bị từ chối, tính từ khi quyết định',
      defaultDays: 365,
      purge: (olderThan, m) => deleted(m, `DELETE FROM reviews WHERE status = 'rejected' AND moderated_at < $1`, olderThan),
    });
    this.retention.register({
      kind: 'review-reports',
      description: 'Báo cáo đánh giá, tính từ khi gửi',
      defaultDays: 365,
      purge: (olderThan, m) => deleted(m, `DELETE FROM review_reports WHERE created_at < $1`, olderThan),
    });
  }
}
