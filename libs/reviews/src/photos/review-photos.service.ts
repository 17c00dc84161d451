import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { processProductImage } from '@tradefloor/catalog';
import {
  AuditTrail,
  Clock,
  FileStorage,
  InvalidStateError,
  isUuid,
  JobQueue,
  JobRegistry,
  LOGGER,
  NotFoundError,
  PageCache,
  PRIVATE_PREFIX,
  type JobRecord,
  type NotModified,
  type StoredFile,
} from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import { ReviewLinks } from '@tradefloor/orders';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';

export const REVIEW_PHOTO_FILES_QUEUE = 'reviews.delete-photo-files';
export type ReviewPhotoStatus = 'pending' | 'approved' | 'rejected';

const NOT_FOUND = () => new NotFoundError('Ảnh đánh giá', 'REVIEW_PHOTO_NOT_FOUND');

interface PhotoRow {
  id: string;
  product_id: string;
  status: string;
  author_user_id: string | null;
  photo_key: string | null;
  photo_thumb_key: string | null;
  photo_status: ReviewPhotoStatus | null;
}

/**
 * A review whose photo someone wants to change, as they may name it: its signed-in author by its
 * id, or whoever holds the signed review link of its sub-order by the reviewed product (a guest
 * who bought without an account, issue 17).
 */
type OwnReview = { principal: Principal; reviewId: string } | { subOrderCode: string; productId: string };

/** Where a review's photo is served (the route checks who may see it). */
export const reviewPhotoUrl = (reviewId: string, size: 'full' | 'thumb' = 'full'): string =>
  `/api/v1/reviews/${reviewId}/photo${size === 'thumb' ? '?size=thumb' : ''}`;

/**
 * One optional photo per review, through the catalog's image pipeline (real type checked, EXIF and
 * GPS dropped, re-encoded as WebP, thumbnail). Stored under `private/` so /media never serves it:
 * the public sees it only while the review is published and staff have approved the photo; its
 * author and staff see it before. Replaced, removed or rejected files are deleted by a durable job
 * enqueued in the transaction that let go of them, so a file is never deleted while still referenced.
 */
@Injectable()
export class ReviewPhotos implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly storage: FileStorage,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly pageCache: PageCache,
    private readonly links: ReviewLinks,
  ) {}

  onModuleInit(): void {
    this.registry.register<{ keys: string[] }>(REVIEW_PHOTO_FILES_QUEUE, (job) => this.deleteFiles(job), { concurrency: 1, maxAttempts: 10 });
  }

  /** The author adds or replaces the photo; it waits for staff before anyone else sees it. */
  attach(principal: Principal, reviewId: string, bytes: Buffer): Promise<{ photoStatus: ReviewPhotoStatus }> {
    return this.attachTo({ principal, reviewId }, bytes);
  }

  /** The same through the review link: the review of `productId` in the link's sub-order. */
  async attachByLink(token: string, productId: string, bytes: Buffer): Promise<{ photoStatus: ReviewPhotoStatus }> {
    const { subOrderCode } = await this.links.open(token);
    return this.attachTo({ subOrderCode, productId }, bytes);
  }

  /** The author takes the photo down. */
  remove(principal: Principal, reviewId: string): Promise<void> {
    return this.removeFrom({ principal, reviewId });
  }

  /** The link holder takes the photo down. */
  async removeByLink(token: string, productId: string): Promise<void> {
    const { subOrderCode } = await this.links.open(token);
    await this.removeFrom({ subOrderCode, productId });
  }

  private async attachTo(review: OwnReview, bytes: Buffer): Promise<{ photoStatus: ReviewPhotoStatus }> {
    const row = await this.own(this.dataSource.manager, review);
    if (row.status === 'rejected') throw new InvalidStateError('Đánh giá đã bị từ chối (review rejected)', 'REVIEW_REJECTED');
    const processed = await processProductImage(bytes);
    const name = randomUUID();
    const keys = { full: `${PRIVATE_PREFIX}reviews/${row.id}/${name}.webp`, thumb: `${PRIVATE_PREFIX}reviews/${row.id}/${name}-thumb.webp` };
    await this.storage.put(keys.full, processed.image);
    await this.storage.put(keys.thumb, processed.thumbnail);
    try {
      await this.dataSource.transaction(async (m) => {
        const locked = await this.own(m, review, true);
        await m.query(`UPDATE reviews SET photo_key = $2, photo_thumb_key = $3, photo_status = 'pending', photo_at = $4 WHERE id = $1`, [
          locked.id,
          keys.full,
          keys.thumb,
          this.clock.now(),
        ]);
        await this.releaseAll(m, [locked]);
        if (locked.photo_status === 'approved') await this.shown(m, locked);
      });
    } catch (err) {
      await this.forget([keys.full, keys.thumb]);
      throw err;
    }
    return { photoStatus: 'pending' };
  }

  private async removeFrom(review: OwnReview): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.own(m, review, true);
      if (!row.photo_key) throw NOT_FOUND();
      await this.clear(m, row);
    });
  }

  /** Staff approve (shown with the published review) or reject (deleted) a photo; audited. */
  async moderate(reviewId: string, decision: 'approved' | 'rejected'): Promise<{ photoStatus: ReviewPhotoStatus | null }> {
    if (!isUuid(reviewId)) throw NOT_FOUND();
    await this.dataSource.transaction(async (m) => {
      const [row]: PhotoRow[] = await m.query(`SELECT * FROM reviews WHERE id = $1 FOR UPDATE`, [reviewId]);
      if (!row?.photo_key) throw NOT_FOUND();
      if (decision === 'approved') await m.query(`UPDATE reviews SET photo_status = 'approved' WHERE id = $1`, [reviewId]);
      else await this.clear(m, row);
      await this.shown(m, row);
      await this.audit.record(m, {
        action: `reviews.photo.${decision === 'approved' ? 'approve' : 'reject'}`,
        subject: { type: 'review', id: reviewId },
        before: { photoStatus: row.photo_status },
        after: { photoStatus: decision === 'approved' ? 'approved' : null },
      });
    });
    return { photoStatus: decision === 'approved' ? 'approved' : null };
  }

  /**
   * The photo's bytes for whoever may see it: anyone while the review is published and the photo
   * approved; its author and staff at any time. Anything else is 404, like a review without one.
   */
  async open(
    reviewId: string,
    size: 'full' | 'thumb',
    viewer: Principal | undefined,
    ifNoneMatch?: string,
  ): Promise<{ file: StoredFile | NotModified; isPublic: boolean }> {
    if (!isUuid(reviewId)) throw NOT_FOUND();
    const [row]: PhotoRow[] = await this.dataSource.query(`SELECT * FROM reviews WHERE id = $1`, [reviewId]);
    if (!row?.photo_key) throw NOT_FOUND();
    const isPublic = row.status === 'published' && row.photo_status === 'approved';
    const privileged = viewer && (viewer.role === 'admin' || viewer.role === 'editor' || viewer.id === row.author_user_id);
    if (!isPublic && !privileged) throw NOT_FOUND();
    const file = await this.storage.stream(size === 'thumb' ? row.photo_thumb_key! : row.photo_key, ifNoneMatch);
    if (!file) throw NOT_FOUND();
    return { file, isPublic };
  }

  /** Clears the photo of the rows and deletes their files after commit (account deletion, retention). */
  async releaseAll(m: EntityManager, rows: Array<{ photo_key: string | null; photo_thumb_key: string | null }>): Promise<void> {
    const keys = rows.flatMap((r) => [r.photo_key, r.photo_thumb_key]).filter((k): k is string => Boolean(k));
    if (keys.length) await this.jobs.enqueue(m, REVIEW_PHOTO_FILES_QUEUE, { keys });
  }

  private async clear(m: EntityManager, row: PhotoRow): Promise<void> {
    await m.query(`UPDATE reviews SET photo_key = NULL, photo_thumb_key = NULL, photo_status = NULL, photo_at = NULL WHERE id = $1`, [row.id]);
    await this.releaseAll(m, [row]);
    if (row.photo_status === 'approved') await this.shown(m, row);
  }

  /** The product page shows a published review's approved photo: a change there drops the cached page. */
  private async shown(m: EntityManager, row: PhotoRow): Promise<void> {
    if (row.status === 'published') await this.pageCache.invalidateSubjects(m, [{ type: 'product', id: row.product_id }]);
  }

  /** The review, if the one naming it may change it (anything else: 404, never saying whether it exists). */
  private async own(m: EntityManager, review: OwnReview, lock = false): Promise<PhotoRow> {
    const forUpdate = lock ? 'FOR UPDATE' : '';
    if ('principal' in review) {
      if (!isUuid(review.reviewId)) throw NOT_FOUND();
      const [row]: PhotoRow[] = await m.query(`SELECT * FROM reviews WHERE id = $1 ${forUpdate}`, [review.reviewId]);
      if (!row || row.author_user_id !== review.principal.id) throw NOT_FOUND();
      return row;
    }
    if (!isUuid(review.productId)) throw NOT_FOUND();
    const [row]: PhotoRow[] = await m.query(`SELECT * FROM reviews WHERE sub_order_code = $1 AND product_id = $2 ${forUpdate}`, [
      review.subOrderCode,
      review.productId,
    ]);
    if (!row) throw NOT_FOUND();
    return row;
  }

  private async deleteFiles(job: JobRecord<{ keys: string[] }>): Promise<void> {
    for (const key of job.payload.keys) await this.storage.delete(key);
  }

  private async forget(keys: string[]): Promise<void> {
    for (const key of keys) await this.storage.delete(key).catch((err: unknown) => this.logger.warn({ err, key }, 'could not delete a stored file'));
  }
}
