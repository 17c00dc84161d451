import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductLifecycle, type ProductStatus } from '@tradefloor/catalog';
import {
  APP_CONFIG,
  AuditTrail,
  Clock,
  ConflictError,
  ForbiddenError,
  InvalidStateError,
  isUuid,
  JobQueue,
  JobRegistry,
  NotFoundError,
  requestContext,
  returnedRows,
  RetryJobLaterError,
  ValidationFailedError,
  type ResolvedConfig,
} from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseVerification, type EnterpriseStatus } from '@tradefloor/enterprise-profile';
import { ACCOUNT_MAIL_QUEUE, type AccountMailPayload, type Principal } from '@tradefloor/identity';
import { BulletinQueryService, BulletinWorkflowService, type BulletinStatus } from '@tradefloor/news-bulletin';
import { ListingsService } from '@tradefloor/partner-sync';
import { SearchMaintenance } from '@tradefloor/search';
import type { DataSource, EntityManager } from 'typeorm';
import { SellerNotices, vietnamTime } from '../notices/seller-notices';
import { initialSurfaces, toTakedownDto, type TakedownRow } from './takedown-row';
import type { AppealTakedownDto, CreateTakedownDto, DecideTakedownDto, TakedownDto, TakedownListDto, TakedownListQueryDto } from './takedown.dto';

export interface TakedownNotice {
  reason: string;
  requester: string;
  reference: string;
  at: Date;
}

export const TAKEDOWN_CONFIRM_QUEUE = 'trust-safety.confirm-takedown';
/** Decree 248/2026: content an authority asks to remove must be gone within 24 hours of the request. */
export const TAKEDOWN_DEADLINE_MS = 24 * 60 * 60 * 1000;
const RECHECK_MS = [500, 1000, 2000, 4000, 8000, 15000, 30000];

/**
 * Takedowns: in one transaction the subject leaves every public surface (it becomes `withheld`, or
 * its enterprise `suspended`) and a durable job starts confirming the surfaces that follow by jobs
 * (search on every engine, partner marketplaces); the takedown is `completed` when all confirm.
 * The seller sees it and can appeal; staff decide; reinstating restores the status it had and the
 * same events bring search and marketplace listings back.
 */
@Injectable()
export class Takedowns implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductLifecycle,
    private readonly enterprises: EnterpriseVerification,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly bulletins: BulletinWorkflowService,
    private readonly bulletinQueries: BulletinQueryService,
    private readonly search: SearchMaintenance,
    private readonly listings: ListingsService,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly notices: SellerNotices,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register<{ takedownId: string; check?: number }>(
      TAKEDOWN_CONFIRM_QUEUE,
      (job) => this.confirm(job.payload.takedownId, job.payload.check ?? 0),
      {
        concurrency: 2,
      },
    );
  }

  async create(actor: Principal, dto: CreateTakedownDto): Promise<TakedownDto> {
    const receivedAt = new Date(dto.receivedAt);
    const now = this.clock.now();
    if (receivedAt.getTime() > now.getTime() + 5 * 60_000) {
      throw ValidationFailedError.field('receivedAt', 'Thời điểm nhận không thể ở tương lai (receivedAt is in the future)');
    }
    const row = await this.dataSource.transaction((m) => this.createIn(m, actor, dto, receivedAt));
    return toTakedownDto(row, this.clock.now());
  }

  /** Takes the subject down within the caller's transaction (a complaint links the takedown it opens). */
  async createIn(m: EntityManager, actor: Principal, dto: CreateTakedownDto, receivedAt = new Date(dto.receivedAt)): Promise<TakedownRow> {
    const now = this.clock.now();
    const open = await m.query(`SELECT id FROM takedowns WHERE subject_type = $1 AND subject_id = $2 AND status <> 'reinstated'`, [
      dto.subjectType,
      dto.subjectId,
    ]);
    if (open.length) throw new ConflictError(`Đối tượng này đã có yêu cầu gỡ bỏ ${open[0].id} (already taken down)`, 'TAKEDOWN_EXISTS');
    const { previousStatus, enterpriseId } = await this.withhold(m, dto.subjectType, dto.subjectId, dto.reason);
    const [inserted] = await m.query(
      `INSERT INTO takedowns (subject_type, subject_id, enterprise_id, source, requester, reference, legal_basis, reason, received_at, deadline_at,
                                previous_status, surfaces, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, clock_timestamp()) RETURNING *`,
      [
        dto.subjectType,
        dto.subjectId,
        enterpriseId,
        dto.source,
        dto.requester,
        dto.reference,
        dto.legalBasis,
        dto.reason,
        receivedAt,
        new Date(receivedAt.getTime() + TAKEDOWN_DEADLINE_MS),
        previousStatus,
        JSON.stringify(initialSurfaces(dto.subjectType, now)),
        actor.id,
      ],
    );
    await this.jobs.enqueue(m, TAKEDOWN_CONFIRM_QUEUE, { takedownId: inserted.id, check: 0 }, { dedupeKey: inserted.id });
    if (enterpriseId) await this.notifySeller(m, inserted as TakedownRow);
    else if (dto.subjectType === 'bulletin') await this.notifyAuthor(m, inserted as TakedownRow);
    await this.audit.record(m, {
      action: 'takedown.create',
      subject: { type: dto.subjectType, id: dto.subjectId },
      before: { status: previousStatus },
      after: {
        takedownId: inserted.id,
        source: dto.source,
        requester: dto.requester,
        reference: dto.reference,
        legalBasis: dto.legalBasis,
        reason: dto.reason,
      },
    });
    return inserted as TakedownRow;
  }

  /** The takedown notice mailed to the owners of the enterprise concerned: what, why, who asked, the deadline, how to appeal. */
  private async notifySeller(m: EntityManager, t: TakedownRow): Promise<void> {
    const base = this.config.publicBaseUrl;
    const what = {
      product: 'Sản phẩm (product)',
      enterprise: 'Hồ sơ doanh nghiệp và mọi sản phẩm (your enterprise and all its products)',
      bulletin: 'Bản tin (bulletin)',
    }[t.subject_type];
    await this.notices.notify(m, t.enterprise_id as string, `Thông báo gỡ bỏ nội dung – văn bản ${t.reference} (takedown notice)`, [
      `Theo yêu cầu của ${t.requester}, nội dung sau đã bị gỡ khỏi sàn và các kênh bán liên kết:`,
      `- Đối tượng: ${what}, mã ${t.subject_id}`,
      `- Lý do: ${t.reason}`,
      `- Số văn bản: ${t.reference}`,
      `- Căn cứ pháp lý: ${t.legal_basis}`,
      `- Thời hạn gỡ bỏ: ${vietnamTime(new Date(t.deadline_at))}`,
      '',
      'Cách khiếu nại (how to appeal): đăng nhập trang quản lý và gửi khiếu nại kèm giải trình, một lần cho mỗi yêu cầu,',
      `tại ${base}/quan-ly hoặc qua API: POST ${base}/api/v1/takedowns/${t.id}/appeal {"text": "…"}.`,
      `Danh sách yêu cầu gỡ bỏ của bạn: ${base}/api/v1/enterprises/${t.enterprise_id}/takedowns`,
      'Quản trị viên sẽ xem xét và khôi phục nội dung nếu khiếu nại được chấp nhận.',
      '',
      `(Your listing was taken down at the request of ${t.requester}, reference ${t.reference}: ${t.reason}. You may appeal once through the back office or the API above.)`,
    ]);
  }

  /** A bulletin belongs to no seller: its author is told (the account-mail job drops it if the account is gone). */
  private async notifyAuthor(m: EntityManager, t: TakedownRow): Promise<void> {
    const [bulletin] = await this.bulletinQueries.loadMany([t.subject_id]);
    if (!bulletin?.createdBy) return;
    const text = [
      `Theo yêu cầu của ${t.requester}, bản tin "${bulletin.title}" đã bị gỡ khỏi sàn.`,
      `- Lý do: ${t.reason}`,
      `- Số văn bản: ${t.reference}`,
      `- Căn cứ pháp lý: ${t.legal_basis}`,
      'Quản trị viên sẽ xem xét; liên hệ ban quản lý sàn nếu bạn cho rằng có nhầm lẫn.',
      '',
      `(Your bulletin "${bulletin.title}" was taken down at the request of ${t.requester}, reference ${t.reference}: ${t.reason}.)`,
    ].join('\n');
    await this.jobs.enqueue(m, ACCOUNT_MAIL_QUEUE, {
      kind: 'notice',
      userId: bulletin.createdBy,
      subject: `Bản tin đã bị gỡ – văn bản ${t.reference} (bulletin taken down)`,
      text,
    } satisfies AccountMailPayload);
  }

  async get(id: string): Promise<TakedownDto> {
    return toTakedownDto(await this.row(this.dataSource.manager, id), this.clock.now());
  }

  async list(q: TakedownListQueryDto, enterpriseId?: string): Promise<TakedownListDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (enterpriseId) where.push(`enterprise_id = $${params.push(enterpriseId)}`);
    if (q.status === 'open') where.push(`status = 'in_progress'`);
    else if (q.status === 'overdue') where.push(`status = 'in_progress' AND deadline_at < $${params.push(this.clock.now())}`);
    else if (q.status) where.push(`status = $${params.push(q.status)}`);
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM takedowns ${sql}`, params);
    const rows: TakedownRow[] = await this.dataSource.query(
      `SELECT * FROM takedowns ${sql} ORDER BY (status = 'in_progress') DESC, deadline_at, created_at DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    const now = this.clock.now();
    return { items: rows.map((r) => toTakedownDto(r, now)), total, page: q.page, pageSize: q.pageSize };
  }

  /** Takedowns of an enterprise's products or of the enterprise, for its members (the seller's notice). */
  async forEnterprise(principal: Principal, enterpriseId: string, q: TakedownListQueryDto): Promise<TakedownListDto> {
    await this.enterpriseAccess.assertCanManage(principal, enterpriseId);
    return this.list(q, enterpriseId);
  }

  async appeal(principal: Principal, id: string, dto: AppealTakedownDto): Promise<TakedownDto> {
    if (!isUuid(id)) throw new NotFoundError('Yêu cầu gỡ bỏ', 'TAKEDOWN_NOT_FOUND');
    const row = await this.dataSource.transaction(async (m) => {
      const t = await this.row(m, id, true);
      if (!t.enterprise_id) throw new ForbiddenError();
      // Members only; anyone else learns nothing about the takedown (not even that it exists).
      const member = await this.enterpriseAccess.isMember(principal.id, t.enterprise_id, m);
      if (!member) throw new NotFoundError('Yêu cầu gỡ bỏ', 'TAKEDOWN_NOT_FOUND');
      if (t.status === 'reinstated' || t.decision) throw new InvalidStateError('Yêu cầu này đã được quyết định (already decided)', 'TAKEDOWN_DECIDED');
      if (t.appealed_at) throw new InvalidStateError('Đã gửi khiếu nại (already appealed)', 'TAKEDOWN_ALREADY_APPEALED');
      const [updated] = returnedRows<TakedownRow>(
        await m.query(`UPDATE takedowns SET appeal_text = $2, appealed_at = $3, appealed_by = $4 WHERE id = $1 RETURNING *`, [
          id,
          dto.text,
          this.clock.now(),
          principal.id,
        ]),
      );
      await this.audit.record(m, { action: 'takedown.appeal', subject: { type: t.subject_type, id: t.subject_id }, after: { takedownId: id, text: dto.text } });
      return updated;
    });
    return toTakedownDto(row, this.clock.now());
  }

  async decide(id: string, dto: DecideTakedownDto): Promise<TakedownDto> {
    if (!isUuid(id)) throw new NotFoundError('Yêu cầu gỡ bỏ', 'TAKEDOWN_NOT_FOUND');
    const row = await this.dataSource.transaction(async (m) => {
      const t = await this.row(m, id, true);
      if (t.status === 'reinstated' || t.decision) throw new InvalidStateError('Yêu cầu này đã được quyết định (already decided)', 'TAKEDOWN_DECIDED');
      const actorId = requestContext.current()?.actor?.id ?? null;
      const [updated] = returnedRows<TakedownRow>(
        await m.query(
          `UPDATE takedowns SET decision = $2::text, decision_note = $3, decided_at = $4, decided_by = $5,
                status = CASE WHEN $2::text = 'reinstated' THEN 'reinstated' ELSE status END
         WHERE id = $1 RETURNING *`,
          [id, dto.decision, dto.note, this.clock.now(), actorId],
        ),
      );
      // After the takedown is marked reinstated, so an enterprise comes back only if no other hold remains.
      if (dto.decision === 'reinstated') await this.restore(m, t);
      await this.audit.record(m, {
        action: `takedown.${dto.decision === 'reinstated' ? 'reinstate' : 'uphold'}`,
        subject: { type: t.subject_type, id: t.subject_id },
        before: { takedownStatus: t.status },
        after: { takedownId: id, decision: dto.decision, note: dto.note },
      });
      return updated;
    });
    return toTakedownDto(row, this.clock.now());
  }

  /**
   * The public notice for a subject taken down (the storefront answers 451 with it), by the slug of
   * its page, or null. Slugs are read from the subjects' tables: a documented cross-context read.
   */
  async noticeForSlug(subjectType: TakedownRow['subject_type'], slug: string): Promise<TakedownNotice | null> {
    const subjectIdBySlug = {
      product: `SELECT id FROM products WHERE slug = $2`,
      enterprise: `SELECT id FROM enterprises WHERE slug = $2`,
      bulletin: `SELECT id FROM bulletins WHERE slug = $2`,
    }[subjectType];
    const [t] = await this.dataSource.query(
      `SELECT t.reason, t.requester, t.reference, t.created_at FROM takedowns t
       WHERE t.subject_type = $1 AND t.subject_id IN (${subjectIdBySlug}) AND t.status <> 'reinstated' LIMIT 1`,
      [subjectType, slug],
    );
    return t ? { reason: t.reason, requester: t.requester, reference: t.reference, at: t.created_at } : null;
  }

  /** The durable follow-up: re-checks the job-driven surfaces until every one confirms. */
  async confirm(id: string, check: number): Promise<void> {
    const t = await this.row(this.dataSource.manager, id);
    if (t.status !== 'in_progress') return;
    const productIds =
      t.subject_type === 'product'
        ? [t.subject_id]
        : t.subject_type === 'enterprise'
          ? await this.products.productIdsOf(this.dataSource.manager, t.subject_id)
          : [];
    const surfaces = { ...t.surfaces };
    const now = this.clock.now().toISOString();
    if (surfaces.search && !surfaces.search.confirmedAt) {
      const left = [
        ...(await this.search.stillIndexed('products', productIds)),
        ...(t.subject_type === 'enterprise' ? await this.search.stillIndexed('enterprises', [t.subject_id]) : []),
      ];
      surfaces.search = left.length ? { confirmedAt: null, pending: left.length } : { confirmedAt: now };
    }
    if (surfaces.partners && !surfaces.partners.confirmedAt) {
      const live = await this.listings.liveOnMarketplaces(productIds);
      surfaces.partners = live ? { confirmedAt: null, pending: live } : { confirmedAt: now };
    }
    const done = Object.values(surfaces).every((s) => s.confirmedAt);
    await this.dataSource.transaction(async (m) => {
      await m.query(
        // Wall-clock times (not the injectable Clock): the time to complete is a measurement.
        `UPDATE takedowns SET surfaces = $2, status = CASE WHEN $3 THEN 'completed' ELSE status END, completed_at = CASE WHEN $3 THEN clock_timestamp() ELSE NULL END
         WHERE id = $1 AND status = 'in_progress'`,
        [id, JSON.stringify(surfaces), done],
      );
      if (done)
        await this.audit.record(m, { action: 'takedown.complete', subject: { type: t.subject_type, id: t.subject_id }, after: { takedownId: id, surfaces } });
    });
    if (!done) throw new RetryJobLaterError(RECHECK_MS[Math.min(check, RECHECK_MS.length - 1)], 'takedown: surfaces still pending');
  }

  private async withhold(
    m: EntityManager,
    type: TakedownRow['subject_type'],
    id: string,
    reason: string,
  ): Promise<{ previousStatus: string; enterpriseId: string | null }> {
    try {
      if (type === 'product') return await this.products.withhold(m, id);
      if (type === 'enterprise') return { ...(await this.enterprises.withhold(m, id, `Gỡ theo yêu cầu: ${reason} (taken down on request)`)), enterpriseId: id };
      return { ...(await this.bulletins.withhold(m, id)), enterpriseId: null };
    } catch (err) {
      if (err instanceof NotFoundError) throw ValidationFailedError.field('subjectId', 'Không tìm thấy đối tượng (subject not found)');
      throw err;
    }
  }

  private async restore(m: EntityManager, t: TakedownRow): Promise<void> {
    if (t.subject_type === 'product') await this.products.restore(m, t.subject_id, t.previous_status as ProductStatus);
    else if (t.subject_type === 'enterprise') await this.enterprises.restore(m, t.subject_id, t.previous_status as EnterpriseStatus);
    else await this.bulletins.restore(m, t.subject_id, t.previous_status as BulletinStatus);
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<TakedownRow> {
    if (!isUuid(id)) throw new NotFoundError('Yêu cầu gỡ bỏ', 'TAKEDOWN_NOT_FOUND');
    const [row] = await m.query(`SELECT * FROM takedowns WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw new NotFoundError('Yêu cầu gỡ bỏ', 'TAKEDOWN_NOT_FOUND');
    return row;
  }
}
