import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews } from '@tradefloor/catalog';
import {
  APP_CONFIG,
  AuditTrail,
  Clock,
  InvalidStateError,
  isUuid,
  LOGGER,
  NotFoundError,
  RateLimiter,
  TooManyRequestsError,
  ValidationFailedError,
  vietnamDate,
  type ResolvedConfig,
  derivedKey,
} from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseViews } from '@tradefloor/enterprise-profile';
import { UsersService, type Principal } from '@tradefloor/identity';
import { BulletinQueryService } from '@tradefloor/news-bulletin';
import { BuyerOrders } from '@tradefloor/orders';
import { createHash, createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { Takedowns } from '../takedowns/takedowns.service';
import type { TakedownSubject } from '../takedowns/takedown.dto';
import { complaintKinds } from './complaint-kinds';
import { ComplaintMail } from './complaint-mail.job';
import { ACTIVE_STATUSES, isActive, toComplaintDto, toSellerDto, toStatusDto, type ComplaintRow, type ReplyRow } from './complaint-row';
import type {
  ComplaintDto,
  ComplaintKindDto,
  ComplaintListDto,
  ComplaintListQueryDto,
  ComplaintReceiptDto,
  ComplaintStatusDto,
  ComplaintTakedownDto,
  FileComplaintDto,
  ResolveComplaintDto,
  SellerComplaintListDto,
} from './complaint.dto';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The same person sending the same complaint again within this window gets the first one's code. */
const DUPLICATE_WINDOW_MS = 60 * 60 * 1000;
const NOT_FOUND = () => new NotFoundError('Khiếu nại', 'COMPLAINT_NOT_FOUND');

/**
 * Complaints: anyone files one and follows it by code and email; staff work a queue ordered by
 * each kind's published deadline (assign, reply, escalate, resolve or reject, open a takedown);
 * the seller concerned sees complaints about it without the complainant's contact details.
 * Spam defences, cheapest first: a honeypot (silently accepted, nothing stored), per-client and
 * per-email rate limits (keyed hashes), duplicate suppression.
 */
@Injectable()
export class Complaints {
  private readonly clientKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditTrail,
    private readonly products: ProductViews,
    private readonly enterprises: EnterpriseViews,
    private readonly enterpriseAccess: EnterpriseAccess,
    private readonly bulletins: BulletinQueryService,
    private readonly orders: BuyerOrders,
    private readonly users: UsersService,
    private readonly takedowns: Takedowns,
    private readonly mail: ComplaintMail,
  ) {
    this.clientKey = derivedKey(config.encryptionKey, 'tradefloor/trust-safety/complaints');
  }

  kinds(): ComplaintKindDto[] {
    return complaintKinds(this.config.env);
  }

  async file(dto: FileComplaintDto, clientIp: string, principal?: Principal): Promise<ComplaintReceiptDto> {
    const now = this.clock.now();
    const deadlineDays = this.kinds().find((k) => k.kind === dto.kind)!.deadlineDays;
    const dueAt = new Date(now.getTime() + deadlineDays * DAY_MS);
    if (dto.website?.trim()) {
      // A bot learns nothing: an ordinary-looking receipt, nothing stored.
      this.logger.info('complaint honeypot filled: dropped');
      return { code: `KN-${vietnamDate(now).slice(0, 4)}-${String(Math.floor(Math.random() * 900_000) + 100_000)}`, dueAt };
    }
    const clientHash = this.keyed(clientIp);
    const emailHash = this.keyed(`email:${dto.email}`);
    const max = this.config.env.int('COMPLAINT_MAX_PER_CLIENT', 5, 1, 10_000);
    const byClient = await this.limiter.hit(`complaint:client:${clientHash}`, max, 3600);
    const byEmail = await this.limiter.hit(`complaint:email:${emailHash}`, max, 3600);
    const blocked = [byClient, byEmail].filter((r) => !r.allowed);
    if (blocked.length) throw new TooManyRequestsError(Math.max(...blocked.map((r) => r.retryAfterSeconds)));

    const subjectEnterpriseId = dto.subjectType ? await this.enterpriseOf(dto.subjectType, dto.subjectId!) : null;
    const order = dto.orderCode ? await this.orderOf(dto.orderCode, principal, dto.orderPhone) : null;
    if (order && subjectEnterpriseId && order.enterpriseId !== subjectEnterpriseId) {
      throw ValidationFailedError.field('orderCode', 'Đơn hàng này không phải của người bán bị khiếu nại (the order is not with this seller)');
    }
    const enterpriseId = order?.enterpriseId ?? subjectEnterpriseId;
    return this.dataSource.transaction(async (m) => {
      const dedupe = createHash('sha256').update(`${dto.email}\n${dto.message}`).digest();
      await m.query('SELECT pg_advisory_xact_lock($1)', [dedupe.readBigInt64BE(0).toString()]);
      const [existing] = await m.query(`SELECT code, due_at FROM complaints WHERE email = $1 AND message = $2 AND created_at > $3 LIMIT 1`, [
        dto.email,
        dto.message,
        new Date(now.getTime() - DUPLICATE_WINDOW_MS),
      ]);
      if (existing) return { code: existing.code as string, dueAt: existing.due_at as Date };
      const year = Number(vietnamDate(now).slice(0, 4));
      const [counter] = await m.query(
        `INSERT INTO complaint_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = complaint_counters.last + 1 RETURNING last`,
        [year],
      );
      const code = `KN-${year}-${String(counter.last).padStart(6, '0')}`;
      const [inserted] = await m.query(
        `INSERT INTO complaints (code, kind, subject_type, subject_id, enterprise_id, name, email, phone, message, due_at, client_hash, created_at, updated_at, order_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id`,
        [
          code,
          dto.kind,
          dto.subjectType ?? null,
          dto.subjectId ?? null,
          enterpriseId,
          dto.name,
          dto.email,
          dto.phone ?? null,
          dto.message,
          dueAt,
          clientHash,
          now,
          order?.code ?? null,
        ],
      );
      // The receipt with the code (a duplicate above gets none: its first filing had one).
      await this.mail.enqueue(m, inserted.id, 'receipt');
      return { code, dueAt };
    });
  }

  /** The complainant's view: the code and the email it was filed with; a wrong email is a 404 like a wrong code. */
  async lookup(code: string, email: string): Promise<ComplaintStatusDto> {
    const [row] = await this.dataSource.query(`SELECT * FROM complaints WHERE code = $1 AND email = $2`, [code.trim().toUpperCase(), email]);
    if (!row) throw NOT_FOUND();
    return toStatusDto(row, await this.replies(this.dataSource.manager, row.id));
  }

  async list(q: ComplaintListQueryDto, staff: Principal): Promise<ComplaintListDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    const now = this.clock.now();
    if (q.status === 'active') where.push(`status = ANY($${params.push(ACTIVE_STATUSES)})`);
    else if (q.status === 'overdue') where.push(`status = ANY($${params.push(ACTIVE_STATUSES)}) AND due_at < $${params.push(now)}`);
    else if (q.status) where.push(`status = $${params.push(q.status)}`);
    if (q.assignedTo) where.push(`assigned_to = $${params.push(q.assignedTo === 'me' ? staff.id : q.assignedTo)}`);
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM complaints ${sql}`, params);
    const rows: ComplaintRow[] = await this.dataSource.query(
      `SELECT * FROM complaints ${sql}
       ORDER BY (status IN ('open','in_progress','escalated')) DESC, due_at, created_at DESC
       LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return { items: rows.map((r) => toComplaintDto(r, [], now)), total, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string): Promise<ComplaintDto> {
    const row = await this.row(this.dataSource.manager, id);
    return toComplaintDto(row, await this.replies(this.dataSource.manager, id), this.clock.now());
  }

  /** Complaints about an enterprise or its products, for its members: no complainant's name, email or phone. */
  async forEnterprise(principal: Principal, enterpriseId: string, q: ComplaintListQueryDto): Promise<SellerComplaintListDto> {
    await this.enterpriseAccess.assertCanManage(principal, enterpriseId);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM complaints WHERE enterprise_id = $1`, [enterpriseId]);
    const rows: ComplaintRow[] = await this.dataSource.query(
      `SELECT * FROM complaints WHERE enterprise_id = $1 ORDER BY created_at DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      [enterpriseId],
    );
    return { items: rows.map(toSellerDto), total, page: q.page, pageSize: q.pageSize };
  }

  async assign(staff: Principal, id: string, userId = staff.id): Promise<ComplaintDto> {
    const assignee = userId === staff.id ? staff : await this.users.get(userId);
    if (!assignee || (assignee.role !== 'admin' && assignee.role !== 'editor')) {
      throw ValidationFailedError.field('userId', 'Chỉ giao cho cán bộ quản trị hoặc biên tập (staff only)');
    }
    return this.change(id, 'complaint.assign', async (m, row) => {
      await m.query(
        `UPDATE complaints SET assigned_to = $2, status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END, updated_at = $3 WHERE id = $1`,
        [id, userId, this.clock.now()],
      );
      return { before: { assignedTo: row.assigned_to, status: row.status }, after: { assignedTo: userId } };
    });
  }

  async reply(staff: Principal, id: string, message: string): Promise<ComplaintDto> {
    return this.change(id, 'complaint.reply', async (m, row) => {
      const now = this.clock.now();
      await m.query(`INSERT INTO complaint_replies (complaint_id, author, author_id, body, created_at) VALUES ($1, 'staff', $2, $3, $4)`, [
        id,
        staff.id,
        message,
        now,
      ]);
      await m.query(`UPDATE complaints SET status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END, updated_at = $2 WHERE id = $1`, [id, now]);
      await this.mail.enqueue(m, id, 'reply');
      return { before: { status: row.status }, after: { reply: message } };
    });
  }

  async escalate(id: string, note: string): Promise<ComplaintDto> {
    return this.change(id, 'complaint.escalate', async (m, row) => {
      await m.query(`UPDATE complaints SET status = 'escalated', updated_at = $2 WHERE id = $1`, [id, this.clock.now()]);
      return { before: { status: row.status }, after: { status: 'escalated', note } };
    });
  }

  async resolve(staff: Principal, id: string, dto: ResolveComplaintDto): Promise<ComplaintDto> {
    return this.change(id, `complaint.${dto.outcome === 'resolved' ? 'resolve' : 'reject'}`, async (m, row) => {
      const now = this.clock.now();
      await m.query(`UPDATE complaints SET status = $2, resolution = $3, resolved_at = $4, resolved_by = $5, updated_at = $4 WHERE id = $1`, [
        id,
        dto.outcome,
        dto.resolution,
        now,
        staff.id,
      ]);
      await this.mail.enqueue(m, id, 'resolution');
      return { before: { status: row.status }, after: { status: dto.outcome, resolution: dto.resolution } };
    });
  }

  /**
   * Takes the complaint's subject down (source `complaint`) in the same transaction that links it.
   * The takedown's public notice names the complaint's code, never the complainant.
   */
  async openTakedown(staff: Principal, id: string, dto: ComplaintTakedownDto): Promise<ComplaintDto> {
    return this.change(id, 'complaint.takedown', async (m, row) => {
      if (!row.subject_type || !row.subject_id)
        throw new InvalidStateError('Khiếu nại không gắn với đối tượng nào (no subject to take down)', 'COMPLAINT_NO_SUBJECT');
      if (row.takedown_id) throw new InvalidStateError('Đã mở yêu cầu gỡ bỏ cho khiếu nại này (takedown already opened)', 'COMPLAINT_TAKEDOWN_EXISTS');
      const now = this.clock.now();
      const takedown = await this.takedowns.createIn(
        m,
        staff,
        {
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          source: 'complaint',
          requester: `Khiếu nại ${row.code} (complaint)`,
          reference: row.code,
          legalBasis: dto.legalBasis,
          receivedAt: row.created_at.toISOString(),
          reason: dto.reason,
        },
        row.created_at,
      );
      await m.query(
        `UPDATE complaints SET takedown_id = $2, status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END, updated_at = $3 WHERE id = $1`,
        [id, takedown.id, now],
      );
      return { before: { status: row.status }, after: { takedownId: takedown.id, legalBasis: dto.legalBasis, reason: dto.reason } };
    });
  }

  /** One staff action on an active complaint: locked, changed, audited, in one transaction. */
  private async change(
    id: string,
    action: string,
    apply: (m: EntityManager, row: ComplaintRow) => Promise<{ before: Record<string, unknown>; after: Record<string, unknown> }>,
  ): Promise<ComplaintDto> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.row(m, id, true);
      if (!isActive(row.status)) throw new InvalidStateError('Khiếu nại đã được kết luận (already closed)', 'COMPLAINT_CLOSED');
      const { before, after } = await apply(m, row);
      await this.audit.record(m, { action, subject: { type: 'complaint', id }, before, after: { code: row.code, ...after } });
    });
    return this.get(id);
  }

  private async enterpriseOf(type: TakedownSubject, id: string): Promise<string | null> {
    const missing = () => ValidationFailedError.field('subjectId', 'Không tìm thấy đối tượng (subject not found)');
    if (type === 'product') {
      const product = await this.products.get(id);
      if (!product) throw missing();
      return product.enterpriseId;
    }
    if (type === 'enterprise') {
      const [enterprise] = await this.enterprises.load([id]);
      if (!enterprise) throw missing();
      return enterprise.id;
    }
    try {
      await this.bulletins.getAny(id);
    } catch (err) {
      if (err instanceof NotFoundError) throw missing();
      throw err;
    }
    return null;
  }

  /**
   * The sub-order a complaint is about, proven like an order look-up (the signed-in buyer, or the
   * phone given at checkout). A wrong phone reads exactly like an unknown code.
   */
  private async orderOf(code: string, principal: Principal | undefined, phone: string | undefined): Promise<{ code: string; enterpriseId: string }> {
    try {
      return await this.orders.ownSubOrder(code, principal, phone || undefined);
    } catch (err) {
      if (err instanceof NotFoundError) {
        throw ValidationFailedError.field('orderCode', 'Không tìm thấy đơn hàng với mã và số điện thoại này (no order with this code and phone)');
      }
      throw err;
    }
  }

  /** What the complaint keeps of a client or an email for limits: a keyed hash, never the value. */
  private keyed(value: string): string {
    return createHmac('sha256', this.clientKey).update(value).digest('hex').slice(0, 32);
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<ComplaintRow> {
    if (!isUuid(id)) throw NOT_FOUND();
    const [row] = await m.query(`SELECT * FROM complaints WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw NOT_FOUND();
    return row;
  }

  private replies(m: EntityManager, id: string): Promise<ReplyRow[]> {
    return m.query(`SELECT author, body, created_at FROM complaint_replies WHERE complaint_id = $1 ORDER BY created_at, id`, [id]);
  }
}
