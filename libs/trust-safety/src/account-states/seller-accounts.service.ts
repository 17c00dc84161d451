import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AuditTrail, Clock, InvalidStateError, isUuid, JobRegistry, NotFoundError, requestContext, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseVerification, EnterpriseViews, type EnterpriseStatus } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { SellerNotices, vietnamTime } from '../notices/seller-notices';
import type { AccountEventDto, AccountState, AccountStateDto, SuspendAccountDto } from './account-state.dto';

export const SELLER_SUSPENSIONS_QUEUE = 'trust-safety.seller-suspensions';
const CHECK_INTERVAL_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

interface AccountRow {
  enterprise_id: string;
  state: AccountState;
  reason: string | null;
  suspension_due_at: Date | null;
  suspension_reason: string | null;
  previous_status: EnterpriseStatus | null;
}

type Action = 'warn' | 'schedule-suspension' | 'suspend' | 'close' | 'reinstate';

const STATE_LABEL: Record<AccountState, string> = {
  active: 'hoạt động (active)',
  warned: 'bị cảnh cáo (warned)',
  suspended: 'bị đình chỉ (suspended)',
  closed: 'bị đóng (closed)',
};

/**
 * A seller's account state: active → warned → suspended → closed, and back to active by
 * reinstatement (a closed account stays closed). A suspension is scheduled with notice
 * (`SELLER_SUSPENSION_NOTICE_DAYS`, default 5) unless an authority asked for it, and a recurring
 * job carries it out when due by the injected Clock. Suspending takes the enterprise off every
 * public surface the way a takedown does (`EnterpriseVerification.withhold`, which search,
 * feeds and partner sync follow through `enterprise.changed`); reinstating restores the status it
 * had. Every transition is an audit event and mailed to the enterprise's owners.
 */
@Injectable()
export class SellerAccounts implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly enterprises: EnterpriseVerification,
    private readonly access: EnterpriseAccess,
    private readonly views: EnterpriseViews,
    private readonly notices: SellerNotices,
    private readonly registry: JobRegistry,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(
      SELLER_SUSPENSIONS_QUEUE,
      async () => {
        await this.suspendDue();
      },
      { concurrency: 1 },
    );
    this.registry.every(SELLER_SUSPENSIONS_QUEUE, CHECK_INTERVAL_MS, SELLER_SUSPENSIONS_QUEUE);
  }

  /** The seller's back-office page of its account state. */
  private accountPage(enterpriseId: string): string {
    return `${this.config.publicBaseUrl}/quan-ly/doanh-nghiep/${enterpriseId}/tai-khoan`;
  }

  /** Days of notice before a scheduled suspension takes effect. */
  noticeDays(): number {
    return this.config.env.int('SELLER_SUSPENSION_NOTICE_DAYS', 5, 0, 90);
  }

  async get(enterpriseId: string): Promise<AccountStateDto> {
    await this.exists(enterpriseId);
    return this.view(this.dataSource.manager, enterpriseId);
  }

  /** The seller's own view (members of the enterprise and admins). */
  async forSeller(principal: Principal, enterpriseId: string): Promise<AccountStateDto> {
    await this.access.assertCanManage(principal, enterpriseId);
    return this.view(this.dataSource.manager, enterpriseId);
  }

  warn(enterpriseId: string, reason: string): Promise<AccountStateDto> {
    return this.act(enterpriseId, async (m, row) => {
      this.assertFrom(row, 'warn', ['active', 'warned']);
      await this.save(m, enterpriseId, { ...row, state: 'warned', reason });
      await this.record(m, row, 'warned', 'warn', reason, 'staff', null, this.clock.now());
      await this.notices.notify(m, enterpriseId, 'Cảnh cáo tài khoản người bán (warning on your seller account)', [
        'Tài khoản người bán của bạn trên sàn vừa nhận một cảnh cáo.',
        `- Lý do: ${reason}`,
        `Nếu vi phạm tiếp diễn, tài khoản có thể bị đình chỉ. Xem chi tiết trong trang quản lý: ${this.accountPage(enterpriseId)}`,
        '',
        `(Your seller account was warned: ${reason}. Repeated violations may lead to suspension.)`,
      ]);
    });
  }

  /** From staff or a complaint: scheduled after the notice period; from an authority: at once. */
  suspend(enterpriseId: string, dto: SuspendAccountDto): Promise<AccountStateDto> {
    return this.act(enterpriseId, async (m, row) => {
      if (dto.source === 'authority') return this.suspendNow(m, row, dto.reason, 'authority', dto.reference ?? null);
      this.assertFrom(row, 'schedule-suspension', ['active', 'warned']);
      if (row.suspension_due_at) throw new InvalidStateError('Đã có lịch đình chỉ (a suspension is already scheduled)', 'SUSPENSION_ALREADY_SCHEDULED');
      const due = new Date(this.clock.now().getTime() + this.noticeDays() * DAY_MS);
      await this.save(m, enterpriseId, { ...row, state: 'warned', reason: dto.reason, suspension_due_at: due, suspension_reason: dto.reason });
      await this.record(m, row, 'warned', 'schedule-suspension', dto.reason, dto.source, dto.reference ?? null, due);
      await this.notices.notify(m, enterpriseId, `Thông báo đình chỉ tài khoản người bán từ ${vietnamTime(due)} (suspension notice)`, [
        `Tài khoản người bán của bạn sẽ bị đình chỉ từ ${vietnamTime(due)}.`,
        `- Lý do: ${dto.reason}`,
        ...(dto.reference ? [`- Số văn bản / mã: ${dto.reference}`] : []),
        'Khi bị đình chỉ, hồ sơ và mọi sản phẩm của bạn sẽ bị ẩn khỏi sàn, tìm kiếm và các kênh bán liên kết.',
        `Trước thời điểm đó bạn có thể liên hệ ban quản lý sàn để giải trình: ${this.config.publicBaseUrl}/lien-he`,
        `Tình trạng tài khoản: ${this.accountPage(enterpriseId)}`,
        '',
        `(Your seller account will be suspended on ${due.toISOString()}: ${dto.reason}. Contact the floor's operator before then to respond.)`,
      ]);
    });
  }

  close(enterpriseId: string, reason: string): Promise<AccountStateDto> {
    return this.act(enterpriseId, async (m, row) => {
      this.assertFrom(row, 'close', ['active', 'warned', 'suspended']);
      const previous =
        row.state === 'suspended' ? row.previous_status : (await this.enterprises.withhold(m, enterpriseId, `Tài khoản bị đóng: ${reason}`)).previousStatus;
      await this.save(m, enterpriseId, { ...row, state: 'closed', reason, suspension_due_at: null, previous_status: previous });
      await this.record(m, row, 'closed', 'close', reason, 'staff', null, this.clock.now());
      await this.notices.notify(m, enterpriseId, 'Tài khoản người bán đã bị đóng (seller account closed)', [
        'Tài khoản người bán của bạn trên sàn đã bị đóng; hồ sơ và sản phẩm không còn hiển thị.',
        `- Lý do: ${reason}`,
        `Liên hệ ban quản lý sàn nếu bạn cho rằng có nhầm lẫn: ${this.config.publicBaseUrl}/lien-he`,
        '',
        `(Your seller account was closed: ${reason}.)`,
      ]);
    });
  }

  /** Back to active: a scheduled suspension is cancelled, a suspended enterprise gets back the status it had. */
  reinstate(enterpriseId: string, reason: string): Promise<AccountStateDto> {
    return this.act(enterpriseId, async (m, row) => {
      this.assertFrom(row, 'reinstate', ['warned', 'suspended']);
      await this.save(m, enterpriseId, { ...row, state: 'active', reason, suspension_due_at: null, suspension_reason: null, previous_status: null });
      // Lifts only this hold: a takedown or identity hide still in force keeps the enterprise suspended.
      if (row.state === 'suspended' && row.previous_status) await this.enterprises.restore(m, enterpriseId, row.previous_status);
      await this.record(m, row, 'active', 'reinstate', reason, 'staff', null, this.clock.now());
      await this.notices.notify(m, enterpriseId, 'Tài khoản người bán hoạt động trở lại (seller account reinstated)', [
        'Tài khoản người bán của bạn đã hoạt động trở lại; hồ sơ và sản phẩm hiển thị như trước.',
        `- Ghi chú: ${reason}`,
        '',
        `(Your seller account is active again: ${reason}.)`,
      ]);
    });
  }

  /** The recurring job: carries out every scheduled suspension that is due by the Clock (each in its own transaction). */
  async suspendDue(): Promise<number> {
    const due: Array<{ enterprise_id: string }> = await this.dataSource.query(
      `SELECT enterprise_id FROM seller_accounts WHERE suspension_due_at <= $1 AND state IN ('active','warned') ORDER BY suspension_due_at LIMIT 500`,
      [this.clock.now()],
    );
    for (const { enterprise_id } of due) {
      await this.dataSource.transaction(async (m) => {
        const row = await this.row(m, enterprise_id);
        // Re-checked under the lock: a reinstatement in between cancelled it.
        if (!row.suspension_due_at || row.suspension_due_at > this.clock.now() || (row.state !== 'active' && row.state !== 'warned')) return;
        await this.suspendNow(m, row, row.suspension_reason ?? row.reason ?? '', 'system', null);
      });
    }
    return due.length;
  }

  private async suspendNow(m: EntityManager, row: AccountRow, reason: string, source: string, reference: string | null): Promise<void> {
    this.assertFrom(row, 'suspend', ['active', 'warned']);
    const { previousStatus } = await this.enterprises.withhold(m, row.enterprise_id, `Tài khoản bị đình chỉ: ${reason}`);
    await this.save(m, row.enterprise_id, {
      ...row,
      state: 'suspended',
      reason,
      suspension_due_at: null,
      suspension_reason: reason,
      previous_status: previousStatus,
    });
    await this.record(m, row, 'suspended', 'suspend', reason, source, reference, this.clock.now());
    await this.notices.notify(m, row.enterprise_id, 'Tài khoản người bán đã bị đình chỉ (seller account suspended)', [
      'Tài khoản người bán của bạn đã bị đình chỉ: hồ sơ và mọi sản phẩm đã được ẩn khỏi sàn, tìm kiếm và các kênh bán liên kết.',
      `- Lý do: ${reason}`,
      ...(reference ? [`- Số văn bản: ${reference}`] : []),
      `Liên hệ ban quản lý sàn để giải trình: ${this.config.publicBaseUrl}/lien-he`,
      '',
      `(Your seller account is suspended: ${reason}.)`,
    ]);
  }

  private async act(enterpriseId: string, work: (m: EntityManager, row: AccountRow) => Promise<void>): Promise<AccountStateDto> {
    await this.exists(enterpriseId);
    return this.dataSource.transaction(async (m) => {
      await work(m, await this.row(m, enterpriseId));
      return this.view(m, enterpriseId);
    });
  }

  private assertFrom(row: AccountRow, action: Action, from: AccountState[]): void {
    if (!from.includes(row.state)) {
      throw new InvalidStateError(
        `Không thể thực hiện "${action}" khi tài khoản đang ${STATE_LABEL[row.state]} (cannot ${action} an account that is ${row.state})`,
        'INVALID_ACCOUNT_STATE',
      );
    }
  }

  /** The account row, locked; created as `active` on first use (concurrent first uses meet on the primary key). */
  private async row(m: EntityManager, enterpriseId: string): Promise<AccountRow> {
    await m.query(`INSERT INTO seller_accounts (enterprise_id, state, updated_at) VALUES ($1, 'active', $2) ON CONFLICT DO NOTHING`, [
      enterpriseId,
      this.clock.now(),
    ]);
    const [row] = await m.query(`SELECT * FROM seller_accounts WHERE enterprise_id = $1 FOR UPDATE`, [enterpriseId]);
    return row;
  }

  private async save(m: EntityManager, enterpriseId: string, r: AccountRow): Promise<void> {
    await m.query(
      `UPDATE seller_accounts SET state = $2, reason = $3, suspension_due_at = $4, suspension_reason = $5, previous_status = $6, updated_at = $7 WHERE enterprise_id = $1`,
      [enterpriseId, r.state, r.reason, r.suspension_due_at, r.suspension_reason, r.previous_status, this.clock.now()],
    );
  }

  private async record(
    m: EntityManager,
    before: AccountRow,
    to: AccountState,
    action: Action,
    reason: string,
    source: string,
    reference: string | null,
    effectiveAt: Date,
  ): Promise<void> {
    const actorId = requestContext.current()?.actor?.id ?? null;
    await m.query(
      `INSERT INTO seller_account_events (enterprise_id, action, from_state, to_state, reason, source, reference, effective_at, actor_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [before.enterprise_id, action, before.state, to, reason, source, reference, effectiveAt, actorId, this.clock.now()],
    );
    await this.audit.record(m, {
      action: `seller-account.${action}`,
      subject: { type: 'enterprise', id: before.enterprise_id },
      before: { state: before.state, suspensionDueAt: before.suspension_due_at },
      after: { state: to, reason, source, reference, effectiveAt },
    });
  }

  private async view(m: EntityManager, enterpriseId: string): Promise<AccountStateDto> {
    const [row]: AccountRow[] = await m.query(`SELECT * FROM seller_accounts WHERE enterprise_id = $1`, [enterpriseId]);
    const events: Array<Record<string, unknown>> = await m.query(`SELECT * FROM seller_account_events WHERE enterprise_id = $1 ORDER BY seq`, [enterpriseId]);
    return {
      enterpriseId,
      state: row?.state ?? 'active',
      reason: row?.reason ?? null,
      suspensionDueAt: row?.suspension_due_at ?? null,
      suspensionReason: row?.suspension_reason ?? null,
      history: events.map((e): AccountEventDto => ({
        action: e.action as string,
        fromState: e.from_state as AccountState,
        toState: e.to_state as AccountState,
        reason: e.reason as string,
        source: e.source as string,
        reference: (e.reference as string | null) ?? null,
        effectiveAt: e.effective_at as Date,
        createdAt: e.created_at as Date,
      })),
    };
  }

  private async exists(enterpriseId: string): Promise<void> {
    if (!isUuid(enterpriseId) || !(await this.views.load([enterpriseId])).length) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
  }
}
