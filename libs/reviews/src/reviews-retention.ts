import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RetentionSchedule, returnedRows } from '@tradefloor/core';
import { ReviewPhotos } from './photos/review-photos.service';
import type { EntityManager } from 'typeorm';

const deleted = async (m: EntityManager, sql: string, olderThan: Date): Promise<number> => ((await m.query(sql, [olderThan])) as [unknown, number])[1];

/**
 * Retention of what reviews keep that is never public: rejected reviews (1 year after the
 * decision, long enough for the author's complaint about it) and reports (1 year). Published and
 * hidden reviews are the product's public rating and stay with the product.
 */
@Injectable()
export class ReviewsRetention implements OnModuleInit {
  constructor(
    private readonly retention: RetentionSchedule,
    private readonly photos: ReviewPhotos,
  ) {}

  onModuleInit(): void {
    this.retention.register({
      kind: 'reviews-rejected',
      description: 'Đánh giá bị từ chối, tính từ khi quyết định',
      defaultDays: 365,
      purge: async (olderThan, m) => {
        const gone = returnedRows<{ photo_key: string | null; photo_thumb_key: string | null }>(
          await m.query(`DELETE FROM reviews WHERE status = 'rejected' AND moderated_at < $1 RETURNING photo_key, photo_thumb_key`, [olderThan]),
        );
        await this.photos.releaseAll(m, gone);
        return gone.length;
      },
    });
    this.retention.register({
      kind: 'review-reports',
      description: 'Báo cáo đánh giá, tính từ khi gửi',
      defaultDays: 365,
      purge: (olderThan, m) => deleted(m, `DELETE FROM review_reports WHERE created_at < $1`, olderThan),
    });
  }
}
