import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  assertPlainAddress,
  AuditTrail,
  Clock,
  isPermanentMailError,
  JobQueue,
  JobRegistry,
  MailSender,
  PageCache,
  PermanentJobError,
  returnedRows,
  vietnamDate,
  type JobRecord,
  type ResolvedConfig,
} from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { UsersService } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { effectiveState, type SellerIdentityRow } from './identity-row';
import { IDENTITY_PAGE_PATH, SellerIdentity } from './seller-identity.service';

export const IDENTITY_SWEEP_QUEUE = 'trust-safety.identity-sweep';
export const IDENTITY_REMINDER_QUEUE = 'trust-safety.identity-reminder';

/**
 * The recurring sweep (every IDENTITY_SWEEP_SECONDS, once however many workers run): records
 * expiries, applies the deadline policy (hide unverified sellers once IDENTITY_HIDE_UNVERIFIED_AFTER
 * has passed, lift it when the policy is off), and queues at most one reminder per enterprise per
 * IDENTITY_REMINDER_INTERVAL_HOURS — the claim of the reminder slot and its job commit together.
 */
@Injectable()
export class IdentitySweep implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly registry: JobRegistry,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly mail: MailSender,
    private readonly enterprises: EnterpriseViews,
    private readonly users: UsersService,
    private readonly identity: SellerIdentity,
    private readonly pageCache: PageCache,
  ) {}

  onModuleInit(): void {
    this.registry.register(IDENTITY_SWEEP_QUEUE, () => this.sweep().then(() => undefined), { concurrency: 1, maxAttempts: 3 });
    this.registry.every(IDENTITY_SWEEP_QUEUE, this.identity.settings.sweepSeconds * 1000, IDENTITY_SWEEP_QUEUE);
    this.registry.register<{ enterpriseId: string }>(IDENTITY_REMINDER_QUEUE, (job) => this.remind(job), { concurrency: 2, maxAttempts: 10 });
  }

  async sweep(): Promise<{ expired: number; hidden: number; reminded: number }> {
    const now = this.clock.now();
    const settings = this.identity.settings;
    const expired = await this.dataSource.transaction(async (m) => {
      const rows = returnedRows<{ enterprise_id: string }>(
        await m.query(`UPDATE seller_identities SET state = 'expired', updated_at = $1 WHERE state = 'verified' AND expires_at <= $1 RETURNING enterprise_id`, [
          now,
        ]),
      );
      for (const r of rows)
        await this.audit.record(m, { action: 'identity.expire', subject: { type: 'enterprise', id: r.enterprise_id }, after: { state: 'expired' } });
      // Cached storefront profiles stop showing the claim (their TTL would bound it otherwise).
      await this.pageCache.invalidateSubjects(
        m,
        rows.map((r) => ({ type: 'enterprise' as const, id: r.enterprise_id })),
      );
      return rows.length;
    });

    const policyOn = settings.hideUnverifiedAfter !== null && now.getTime() >= settings.hideUnverifiedAfter.getTime();
    const hiddenIds: string[] = (await this.dataSource.query(`SELECT enterprise_id FROM seller_identities WHERE hidden_status IS NOT NULL`)).map(
      (r: { enterprise_id: string }) => r.enterprise_id,
    );
    if (!policyOn) for (const id of hiddenIds) await this.identity.unhideIfPolicyOff(id);

    let hidden = 0;
    let reminded = 0;
    const batches = async function* (this: IdentitySweep) {
      yield* this.enterprises.publicIds(1000);
      if (policyOn && hiddenIds.length) yield hiddenIds;
    }.call(this);
    for await (const ids of batches) {
      const rows: SellerIdentityRow[] = await this.dataSource.query(`SELECT * FROM seller_identities WHERE enterprise_id = ANY($1)`, [ids]);
      const pending = new Set<string>(
        (await this.dataSource.query(`SELECT enterprise_id FROM identity_requests WHERE status = 'pending' AND enterprise_id = ANY($1)`, [ids])).map(
          (r: { enterprise_id: string }) => r.enterprise_id,
        ),
      );
      const byId = new Map(rows.map((r) => [r.enterprise_id, r]));
      for (const id of ids) {
        const state = effectiveState(byId.get(id), pending.has(id), now);
        if (state === 'verified') continue;
        if (policyOn && (await this.identity.hide(id))) hidden++;
        if (state !== 'pending' && (await this.claimReminder(id, now))) reminded++;
      }
    }
    return { expired, hidden, reminded };
  }

  /** Takes this interval's reminder slot for an enterprise and queues the mail, in one transaction. */
  private claimReminder(enterpriseId: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO seller_identities (enterprise_id, updated_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [enterpriseId, now]);
      const claimed = returnedRows<{ enterprise_id: string }>(
        await m.query(
          `UPDATE seller_identities SET last_reminder_at = $2 WHERE enterprise_id = $1 AND (last_reminder_at IS NULL OR last_reminder_at <= $3) RETURNING enterprise_id`,
          [enterpriseId, now, new Date(now.getTime() - this.identity.settings.reminderIntervalHours * 3600_000)],
        ),
      );
      if (!claimed.length) return false;
      await this.jobs.enqueue(m, IDENTITY_REMINDER_QUEUE, { enterpriseId }, { dedupeKey: enterpriseId });
      return true;
    });
  }

  /** Mails the enterprise's address and its owners; nothing once the identity is verified. */
  async remind(job: JobRecord<{ enterpriseId: string }>): Promise<void> {
    const status = await this.identity.statusOf(job.payload.enterpriseId).catch(() => null);
    if (!status || status.state === 'verified') return;
    const [enterprise] = await this.enterprises.load([job.payload.enterpriseId]);
    const contacts = await this.enterprises.contacts(job.payload.enterpriseId);
    if (!enterprise || !contacts) return;
    const owners = await this.users.contactsOf(contacts.ownerIds);
    const recipients = [
      ...new Set([contacts.email, ...[...owners.values()].map((o) => o.email)].filter((e): e is string => Boolean(e)).map((e) => e.toLowerCase())),
    ]
      .filter((address) => {
        try {
          return Boolean(assertPlainAddress(address));
        } catch {
          return false;
        }
      })
      .sort();
    if (!recipients.length) return;
    const deadline = vietnamDate(this.identity.settings.deadline).split('-').reverse().join('/');
    try {
      await this.mail.send({
        to: recipients,
        subject: `Xác thực danh tính người bán trước ${deadline} (verify your seller identity)`,
        text: [
          `${enterprise.displayName} chưa xác thực danh tính người bán trên ${this.config.publicBaseUrl}.`,
          '',
          `Theo Nghị định 320/2026, người bán phải được định danh điện tử trước khi bán hàng; người bán đang hoạt động phải hoàn thành trước ${deadline}.`,
          status.hidden
            ? 'Các sản phẩm của bạn đang bị ẩn khỏi sàn cho đến khi danh tính được xác thực.'
            : 'Sau thời hạn này, sản phẩm của người bán chưa xác thực có thể bị ẩn khỏi sàn.',
          '',
          `Xác thực ngay: ${this.config.publicBaseUrl}${IDENTITY_PAGE_PATH}`,
          '',
          `(Your seller identity is not verified yet. Sellers must be identified electronically; existing sellers by ${deadline}.)`,
        ].join('\n'),
      });
    } catch (err) {
      if (isPermanentMailError(err)) throw new PermanentJobError((err as Error).message);
      throw err;
    }
  }
}
