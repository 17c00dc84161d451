import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  AuditTrail,
  Clock,
  ConflictError,
  derivedKey,
  DomainError,
  DomainEvents,
  InvalidStateError,
  NotFoundError,
  PageCache,
  RateLimiter,
  TooManyRequestsError,
  type ResolvedConfig,
} from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import { UsersService, type Principal } from '@tradefloor/identity';
import { BuyerOrders, ReviewLinks } from '@tradefloor/orders';
import { ProductRatings } from '@tradefloor/search';
import { ScreeningTerms } from '@tradefloor/trust-safety';
import { reviewPhotoUrl, type ReviewPhotoStatus } from './photos/review-photos.service';
import { createHmac } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReviewStatus } from './entities';
import type {
  CreateReviewDto,
  LinkReviewDto,
  ReviewLinkLines,
  ModerationQueryDto,
  RatingSummaryDto,
  ReplyReviewDto,
  ReportReviewDto,
  ReviewDto,
  ReviewPageDto,
  ReviewScreeningMatchDto,
  StaffReviewDto,
  StaffReviewPageDto,
} from './reviews.dto';
import type { PageQueryDto } from '@tradefloor/core';

/** This many reports (from different people) hide a published review until staff look again. */
export const REVIEW_REPORTS_TO_HIDE = 3;
/** Reports per reporter (user, or client address for guests) per hour — like complaints. */
const REPORTS_PER_HOUR = 10;
const NOT_FOUND = () => new NotFoundError('Đánh giá', 'REVIEW_NOT_FOUND');

interface ReviewRow {
  id: string;
  sub_order_code: string;
  product_id: string;
  enterprise_id: string;
  author_user_id: string | null;
  author_name: string;
  product_stars: number;
  seller_stars: number;
  text: string;
  status: ReviewStatus;
  screening: ReviewScreeningMatchDto[];
  reply_text: string | null;
  replied_at: Date | null;
  report_count: number;
  photo_status: ReviewPhotoStatus | null;
  created_at: Date;
}

/** Whether clean reviews are published at once (`REVIEWS_PUBLISH_CLEAN=true`) or wait for staff (default). */
export function publishCleanReviews(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.REVIEWS_PUBLISH_CLEAN === 'true';
}

/**
 * Reviews after delivery: a buyer of a completed sub-order reviews each product of it once; the text
 * is screened against the trust-safety keyword lists; staff moderate; the seller replies once;
 * anyone reports; the per-product aggregate is kept with every publish/hide (libs/reviews/README.md).
 */
@Injectable()
export class Reviews {
  private readonly reporterKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: ResolvedConfig,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditTrail,
    private readonly events: DomainEvents,
    private readonly buyerOrders: BuyerOrders,
    private readonly reviewLinks: ReviewLinks,
    private readonly users: UsersService,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly screeningTerms: ScreeningTerms,
    searchRatings: ProductRatings,
    private readonly pageCache: PageCache,
  ) {
    this.reporterKey = derivedKey(config.encryptionKey, 'tradefloor/reviews/reporters');
    // The search indexer reads published ratings through this lib (sort=rating); search cannot import reviews.
    searchRatings.provide((ids) => this.ratingsOf(ids));
  }

  async create(principal: Principal, dto: CreateReviewDto): Promise<StaffReviewDto> {
    const orderCode = dto.subOrderCode.replace(/-[0-9]+$/, '');
    // Only the buyer who placed the order sees it (404 otherwise, whether or not it exists).
    const order = await this.buyerOrders.get(orderCode, principal, undefined).catch((e: unknown) => {
      if (e instanceof NotFoundError) throw new NotFoundError('Đơn hàng', 'ORDER_NOT_FOUND');
      throw e;
    });
    const sub = order.subOrders.find((s) => s.code === dto.subOrderCode);
    if (!sub) throw new NotFoundError('Đơn hàng', 'ORDER_NOT_FOUND');
    return this.write(sub, dto, { id: principal.id, name: principal.displayName });
  }

  /**
   * A review through the signed link of the sub-order's "completed" mail (guests included): the
   * same one-per-line rule, screening and moderation as `create`. The author is the account that
   * placed the order, when there is one; a guest's review carries the given name only (the last
   * word of the name given at checkout) — the full name is not published.
   */
  async createByLink(token: string, dto: LinkReviewDto): Promise<StaffReviewDto> {
    const { order, subOrder, buyerUserId } = await this.openLink(token);
    const name = buyerUserId ? await this.authorName(buyerUserId, order.buyerName) : guestName(order.buyerName);
    return this.write(subOrder, { ...dto, subOrderCode: subOrder.code }, { id: buyerUserId, name });
  }

  /** The lines a review link opens, each with whether it is already reviewed (the review page's read). */
  async linkLines(token: string): Promise<ReviewLinkLines> {
    const { order, subOrder } = await this.openLink(token);
    const done: Array<{ product_id: string; photo_status: 'pending' | 'approved' | null }> = await this.dataSource.query(
      `SELECT product_id, photo_status FROM reviews WHERE sub_order_code = $1`,
      [subOrder.code],
    );
    const reviewed = new Map(done.map((r) => [r.product_id, r.photo_status]));
    return {
      orderCode: order.orderCode,
      subOrderCode: subOrder.code,
      enterpriseId: subOrder.enterpriseId,
      enterpriseName: subOrder.enterpriseName,
      lines: subOrder.items.map((i) => ({
        productId: i.productId,
        productName: i.name,
        reviewed: reviewed.has(i.productId),
        photoStatus: reviewed.get(i.productId) ?? null,
      })),
    };
  }

  private async write(
    sub: { code: string; status: string; enterpriseId: string; items: Array<{ productId: string }> },
    dto: CreateReviewDto,
    author: { id: string | null; name: string },
  ): Promise<StaffReviewDto> {
    if (!sub.items.some((i) => i.productId === dto.productId)) {
      throw new DomainError('VALIDATION_FAILED', 'Sản phẩm không có trong đơn (product not in this sub-order)', 400, [
        { field: 'productId', message: 'Sản phẩm không có trong đơn con này (not in this sub-order)' },
      ]);
    }
    if (sub.status !== 'completed') {
      throw new InvalidStateError('Chỉ đánh giá được đơn đã hoàn tất (only a completed sub-order can be reviewed)', 'SUB_ORDER_NOT_COMPLETED');
    }
    const { matcher } = await this.screeningTerms.matcher();
    const screening = matcher.match(dto.text).map((m) => ({ term: m.term, severity: m.severity, field: 'text', text: m.text }));
    this.refuseProhibited(screening);
    const status: ReviewStatus = screening.length === 0 && publishCleanReviews() ? 'published' : 'pending';
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (m) => {
      const rows: Array<{ id: string }> = await m.query(
        `INSERT INTO reviews (sub_order_code, product_id, enterprise_id, author_user_id, author_name, product_stars, seller_stars, text,
                              status, screening, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11)
         ON CONFLICT ON CONSTRAINT reviews_one_per_line DO NOTHING RETURNING id`,
        [
          dto.subOrderCode,
          dto.productId,
          sub.enterpriseId,
          author.id,
          author.name,
          dto.productStars,
          dto.sellerStars,
          dto.text,
          status,
          JSON.stringify(screening),
          now,
        ],
      );
      if (!rows[0]) throw new ConflictError('Bạn đã đánh giá sản phẩm này trong đơn này (already reviewed)', 'REVIEW_EXISTS');
      if (status === 'published') await this.refreshRating(m, dto.productId, sub.enterpriseId);
      return rows[0].id;
    });
    return this.staffDto(await this.row(id));
  }

  private async openLink(token: string) {
    const link = await this.reviewLinks.open(token);
    const order = await this.buyerOrders.load(link.orderCode, false);
    const subOrder = order.subOrders.find((s) => s.code === link.subOrderCode);
    if (!subOrder) throw new NotFoundError('Liên kết đánh giá', 'REVIEW_LINK_NOT_FOUND');
    return { order, subOrder, buyerUserId: link.buyerUserId };
  }

  private async authorName(userId: string, fallback: string): Promise<string> {
    return (await this.users.contactsOf([userId])).get(userId)?.displayName ?? guestName(fallback);
  }

  async moderationQueue(q: ModerationQueryDto): Promise<StaffReviewPageDto> {
    const status = q.status ?? 'pending';
    const rows: ReviewRow[] = await this.dataSource.query(`SELECT * FROM reviews WHERE status = $1 ORDER BY report_count DESC, created_at LIMIT $2 OFFSET $3`, [
      status,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    ]);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM reviews WHERE status = $1`, [status]);
    return { items: rows.map((r) => this.staffDto(r)), page: q.page, pageSize: q.pageSize, total: n };
  }

  /** Staff: publish, reject or hide; audited and the product's rating refreshed in the same transaction. */
  async moderate(id: string, to: 'published' | 'rejected' | 'hidden', note: string | undefined): Promise<StaffReviewDto> {
    const allowed: Record<typeof to, ReviewStatus[]> = {
      published: ['pending', 'hidden', 'rejected'],
      rejected: ['pending'],
      hidden: ['published', 'pending'],
    };
    await this.dataSource.transaction(async (m) => {
      const [row]: ReviewRow[] = await m.query(`SELECT * FROM reviews WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw NOT_FOUND();
      if (!allowed[to].includes(row.status)) {
        throw new InvalidStateError(`Không thể chuyển đánh giá từ ${row.status} sang ${to} (illegal transition)`, 'ILLEGAL_TRANSITION');
      }
      if (to === 'published' && row.screening.some((s) => s.severity === 'prohibited')) {
        throw new InvalidStateError('Đánh giá chứa từ cấm (prohibited term)', 'SCREENING_PROHIBITED');
      }
      const now = this.clock.now();
      await m.query(
        `UPDATE reviews SET status = $2, moderated_at = $3, updated_at = $3, report_count = CASE WHEN $2 = 'published' THEN 0 ELSE report_count END WHERE id = $1`,
        [id, to, now],
      );
      if (row.status === 'published' || to === 'published') await this.refreshRating(m, row.product_id, row.enterprise_id);
      const verb = { published: 'publish', rejected: 'reject', hidden: 'hide' }[to];
      await this.audit.record(m, {
        action: `review.${verb}`,
        subject: { type: 'review', id },
        before: { status: row.status },
        after: { status: to, note: note ?? null },
      });
    });
    return this.staffDto(await this.row(id));
  }

  /** The seller's one public reply (members of the review's enterprise; screened like the review). */
  async reply(principal: Principal, enterpriseId: string, id: string, dto: ReplyReviewDto): Promise<StaffReviewDto> {
    await this.enterpriseAccess.assertCanManage(principal, enterpriseId);
    const { matcher } = await this.screeningTerms.matcher();
    const screening = matcher.match(dto.text).map((m) => ({ term: m.term, severity: m.severity, field: 'reply', text: m.text }));
    this.refuseProhibited(screening);
    await this.dataSource.transaction(async (m) => {
      const [row]: ReviewRow[] = await m.query(`SELECT * FROM reviews WHERE id = $1 AND enterprise_id = $2 FOR UPDATE`, [id, enterpriseId]);
      if (!row || row.status === 'rejected') throw NOT_FOUND();
      if (row.reply_text !== null) throw new ConflictError('Đã trả lời đánh giá này (already replied)', 'REVIEW_ALREADY_REPLIED');
      const now = this.clock.now();
      // A flagged reply sends a published review back to staff.
      const status = screening.length > 0 && row.status === 'published' ? 'pending' : row.status;
      await m.query(`UPDATE reviews SET reply_text = $2, replied_at = $3, updated_at = $3, status = $4, screening = screening || $5::jsonb WHERE id = $1`, [
        id,
        dto.text,
        now,
        status,
        JSON.stringify(screening),
      ]);
      if (status !== row.status) await this.refreshRating(m, row.product_id, row.enterprise_id);
      // The rating did not move but the published review on the product page did: drop the cached page.
      else if (status === 'published') await this.pageCache.invalidateSubjects(m, [{ type: 'product', id: row.product_id }]);
    });
    return this.staffDto(await this.row(id));
  }

  /** Anyone reports a review; once per reporter; REVIEW_REPORTS_TO_HIDE reports hide it pending staff review. */
  async report(id: string, principal: Principal | undefined, clientIp: string, dto: ReportReviewDto): Promise<{ reported: true }> {
    const reporter = this.keyed(principal ? `user:${principal.id}` : `ip:${clientIp}`);
    const limit = await this.limiter.hit(`review-report:${reporter}`, REPORTS_PER_HOUR, 3600);
    if (!limit.allowed) throw new TooManyRequestsError(limit.retryAfterSeconds);
    await this.dataSource.transaction(async (m) => {
      const [row]: ReviewRow[] = await m.query(`SELECT * FROM reviews WHERE id = $1 AND status = 'published' FOR UPDATE`, [id]);
      if (!row) throw NOT_FOUND();
      const inserted: unknown[] = await m.query(
        `INSERT INTO review_reports (review_id, reporter_user_id, reporter_hash, reason, created_at) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT ON CONSTRAINT review_reports_once DO NOTHING RETURNING id`,
        [id, principal?.id ?? null, reporter, dto.reason, this.clock.now()],
      );
      if (inserted.length === 0) return;
      const [{ report_count }] = await m.query(
        `WITH u AS (UPDATE reviews SET report_count = report_count + 1 WHERE id = $1 RETURNING report_count) SELECT report_count FROM u`,
        [id],
      );
      if (report_count >= REVIEW_REPORTS_TO_HIDE) {
        await m.query(`UPDATE reviews SET status = 'hidden', updated_at = $2 WHERE id = $1`, [id, this.clock.now()]);
        await this.refreshRating(m, row.product_id, row.enterprise_id);
        await this.audit.record(m, {
          actor: { id: null, role: 'system' },
          action: 'review.hide',
          subject: { type: 'review', id },
          before: { status: 'published' },
          after: { status: 'hidden', reports: report_count },
        });
      }
    });
    return { reported: true };
  }

  /** Published-rating aggregates of these products (absent = no published review): what a search indexer or a product card reads. */
  async ratingsOf(productIds: string[]): Promise<Map<string, { average: number; count: number }>> {
    const rows: Array<{ product_id: string; average: number; review_count: number }> = productIds.length
      ? await this.dataSource.query(
          `SELECT product_id, average::float8 AS average, review_count FROM product_ratings WHERE product_id = ANY($1) AND review_count > 0`,
          [productIds],
        )
      : [];
    return new Map(rows.map((r) => [r.product_id, { average: r.average, count: r.review_count }]));
  }

  productReviews(productId: string, q: PageQueryDto): Promise<ReviewPageDto> {
    return this.publicPage('product_id', productId, q);
  }

  enterpriseReviews(enterpriseId: string, q: PageQueryDto): Promise<ReviewPageDto> {
    return this.publicPage('enterprise_id', enterpriseId, q);
  }

  private async publicPage(column: 'product_id' | 'enterprise_id', id: string, q: PageQueryDto): Promise<ReviewPageDto> {
    const rows: ReviewRow[] = await this.dataSource.query(
      `SELECT * FROM reviews WHERE ${column} = $1 AND status = 'published' ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [id, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const stats: Array<{ stars: number; n: number }> = await this.dataSource.query(
      `SELECT ${column === 'product_id' ? 'product_stars' : 'seller_stars'} AS stars, count(*)::int AS n
       FROM reviews WHERE ${column} = $1 AND status = 'published' GROUP BY 1`,
      [id],
    );
    const rating = summarise(stats);
    return { items: rows.map((r) => this.publicDto(r)), page: q.page, pageSize: q.pageSize, total: rating.count, rating };
  }

  /** Recomputes the product's published aggregate (row-locked by the caller's review lock; one product at a time). */
  private async refreshRating(m: EntityManager, productId: string, enterpriseId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('product_ratings:' || $1))`, [productId]);
    const stats: Array<{ stars: number; n: number }> = await m.query(
      `SELECT product_stars AS stars, count(*)::int AS n FROM reviews WHERE product_id = $1 AND status = 'published' GROUP BY 1`,
      [productId],
    );
    const r = summarise(stats);
    const sum = stats.reduce((s, x) => s + x.stars * x.n, 0);
    await m.query(
      `INSERT INTO product_ratings (product_id, enterprise_id, review_count, stars_sum, average, distribution, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (product_id) DO UPDATE SET review_count = $3, stars_sum = $4, average = $5, distribution = $6, updated_at = $7`,
      [productId, enterpriseId, r.count, sum, r.average, r.distribution, this.clock.now()],
    );
    // Search (sort=rating, through ratingsOf), partner listings and the cached pages re-read the product.
    await this.events.publish(m, 'product.changed', { productId });
  }

  private refuseProhibited(screening: ReviewScreeningMatchDto[]): void {
    const prohibited = screening.filter((s) => s.severity === 'prohibited');
    if (prohibited.length === 0) return;
    throw new DomainError(
      'SCREENING_PROHIBITED',
      'Nội dung chứa từ bị cấm (prohibited term)',
      400,
      prohibited.map((p) => ({ field: p.field, message: `Từ bị cấm (prohibited): ${p.term}` })),
    );
  }

  private async row(id: string): Promise<ReviewRow> {
    const [row] = await this.dataSource.query(`SELECT * FROM reviews WHERE id = $1`, [id]);
    if (!row) throw NOT_FOUND();
    return row;
  }

  private publicDto(r: ReviewRow): ReviewDto {
    return {
      id: r.id,
      productId: r.product_id,
      enterpriseId: r.enterprise_id,
      authorName: r.author_name,
      productStars: r.product_stars,
      sellerStars: r.seller_stars,
      text: r.text,
      status: r.status,
      replyText: r.reply_text,
      repliedAt: r.replied_at,
      photoUrl: r.photo_status === 'approved' ? reviewPhotoUrl(r.id) : null,
      createdAt: r.created_at,
    };
  }

  private staffDto(r: ReviewRow): StaffReviewDto {
    return {
      ...this.publicDto(r),
      subOrderCode: r.sub_order_code,
      authorUserId: r.author_user_id,
      reportCount: r.report_count,
      screening: r.screening,
      photoStatus: r.photo_status ?? null,
      // Staff see a photo that waits for them (the route lets staff and the author through).
      photoUrl: r.photo_status ? reviewPhotoUrl(r.id) : null,
    };
  }

  private keyed(value: string): string {
    return createHmac('sha256', this.reporterKey).update(value).digest('hex').slice(0, 32);
  }
}

/** A guest's public name: the given name (the last word of the name given at checkout). */
function guestName(full: string): string {
  const words = full.trim().split(/\s+/);
  return words[words.length - 1] || 'Khách hàng';
}

/** Average (2 decimals), count and distribution (index 0 = 1 star) of star counts. */
export function summarise(stats: Array<{ stars: number; n: number }>): RatingSummaryDto {
  const distribution = [0, 0, 0, 0, 0];
  for (const s of stats) distribution[s.stars - 1] += s.n;
  const count = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0);
  return { average: count === 0 ? 0 : Math.round((sum / count) * 100) / 100, count, distribution };
}
