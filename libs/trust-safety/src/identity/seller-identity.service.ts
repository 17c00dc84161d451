import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  AuditTrail,
  Clock,
  ConflictError,
  derivedKey,
  InvalidStateError,
  isUuid,
  JobQueue,
  JobRegistry,
  NotFoundError,
  PageCache,
  RetryJobLaterError,
  ValidationFailedError,
  vietnamDate,
  type JobRecord,
  type ResolvedConfig,
} from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseVerification, EnterpriseViews, type EnterpriseStatus } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import { createHmac } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { normalizeNumber, NUMBER_RULES } from './document-rules';
import { ElectronicIdentityProvider, IdentityServiceUnavailableError } from './electronic-identity.provider';
import { FOREIGN_PASSPORT_MIN_MONTHS, identitySettings, type IdentitySettings } from './identity-config';
import type { IdentityProofProvider, ProvenDocument } from './identity-provider';
import { effectiveState, toRequestDto, type IdentityRequestRow, type SellerIdentityRow } from './identity-row';
import type {
  DecideIdentityDto,
  DocumentKind,
  ElectronicStartedDto,
  IdentityClaimDto,
  IdentityQueueQueryDto,
  IdentityRequestDto,
  IdentityRequestListDto,
  IdentityStatusDto,
  StartElectronicDto,
  SubmitIdentityProofDto,
} from './identity.dto';
import { StaffReviewProvider } from './staff-review.provider';

export const IDENTITY_CHECK_QUEUE = 'trust-safety.identity-check';
/** The web page sellers prove their identity on (the electronic service sends them back there). */
export const IDENTITY_PAGE_PATH = '/quan-ly/danh-tinh';
export const IDENTITY_CALLBACK_PATH = '/api/v1/identity/electronic/notifications';
const POLL_MS = 10_000;
const DAY_MS = 86_400_000;

const REQUEST_COLUMNS = `id, enterprise_id, method, status, document_kind, document_hash, document_expires_on::text AS document_expires_on, holder_name,
  external_ref, redirect_url, checks, decision_reason, decided_at, created_at`;
const NOT_FOUND = () => new NotFoundError('Yêu cầu xác thực danh tính', 'IDENTITY_REQUEST_NOT_FOUND');

/**
 * Seller identity (Decree 320/2026): each enterprise proves who stands behind it, by staff review
 * or through an electronic identity service, and holds an identity state. Only a keyed hash of a
 * document number is kept, with its kind and expiry; the holder's name goes when the request is
 * decided. Decisions are audited; approval lifts the hiding the deadline policy put on a seller.
 */
@Injectable()
export class SellerIdentity implements OnModuleInit {
  readonly settings: IdentitySettings;
  private readonly documentKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly access: EnterpriseAccess,
    private readonly enterprises: EnterpriseViews,
    private readonly verification: EnterpriseVerification,
    private readonly staffReview: StaffReviewProvider,
    private readonly electronic: ElectronicIdentityProvider,
    private readonly pageCache: PageCache,
  ) {
    this.settings = identitySettings(config.env);
    this.documentKey = derivedKey(config.encryptionKey, 'tradefloor/trust-safety/identity-document');
  }

  onModuleInit(): void {
    this.registry.register<{ requestId: string }>(IDENTITY_CHECK_QUEUE, (job) => this.checkJob(job), { concurrency: 2, maxAttempts: 20 });
  }

  // ---- the seller ----

  async status(principal: Principal, enterpriseId: string): Promise<IdentityStatusDto> {
    await this.access.assertCanManage(principal, enterpriseId);
    return this.statusOf(enterpriseId);
  }

  /** Staff see any enterprise's state. */
  async statusOf(enterpriseId: string): Promise<IdentityStatusDto> {
    if (!isUuid(enterpriseId) || !(await this.enterprises.load([enterpriseId])).length) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
    const [row]: SellerIdentityRow[] = await this.dataSource.query(`SELECT * FROM seller_identities WHERE enterprise_id = $1`, [enterpriseId]);
    const [pending]: IdentityRequestRow[] = await this.dataSource.query(
      `SELECT ${REQUEST_COLUMNS} FROM identity_requests WHERE enterprise_id = $1 AND status = 'pending'`,
      [enterpriseId],
    );
    return {
      enterpriseId,
      state: effectiveState(row, Boolean(pending), this.clock.now()),
      method: row?.method ?? null,
      documentKind: row?.document_kind ?? null,
      verifiedAt: row?.verified_at ?? null,
      expiresAt: row?.expires_at ?? null,
      reason: row?.reason ?? null,
      pending: pending ? toRequestDto({ ...pending, holder_name: null }, null, 0) : null,
      hidden: Boolean(row?.hidden_status),
      deadline: this.settings.deadline,
      electronicAvailable: this.electronic.available,
    };
  }

  /** The public claim: true only while verified and unexpired. */
  async claim(enterpriseId: string): Promise<IdentityClaimDto> {
    const [enterprise] = isUuid(enterpriseId) ? await this.enterprises.load([enterpriseId]) : [];
    if (!enterprise?.public) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
    const [row]: SellerIdentityRow[] = await this.dataSource.query(`SELECT * FROM seller_identities WHERE enterprise_id = $1`, [enterpriseId]);
    const verified = effectiveState(row, false, this.clock.now()) === 'verified';
    return { verifiedIdentity: verified, verifiedAt: verified ? row!.verified_at : null, expiresAt: verified ? row!.expires_at : null };
  }

  /** Staff review: the seller sends the document's particulars; staff check the original and decide. */
  async submitProof(principal: Principal, enterpriseId: string, dto: SubmitIdentityProofDto): Promise<IdentityRequestDto> {
    await this.access.assertCanManage(principal, enterpriseId);
    const number = this.checkDocument(dto.documentKind, dto.documentNumber, dto.expiresOn ?? null);
    const id = await this.dataSource.transaction(async (m) => {
      await this.lockEnterprise(m, enterpriseId);
      await this.refuseIfPending(m, enterpriseId);
      const now = this.clock.now();
      const [row] = await m.query(
        `INSERT INTO identity_requests (enterprise_id, method, document_kind, document_hash, document_expires_on, holder_name, submitted_by, created_at, updated_at)
         VALUES ($1, 'staff_review', $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
        [enterpriseId, dto.documentKind, this.documentHash(dto.documentKind, number), dto.expiresOn ?? null, dto.holderName.trim(), principal.id, now],
      );
      await this.audit.record(m, {
        action: 'identity.submit',
        subject: { type: 'enterprise', id: enterpriseId },
        after: { requestId: row.id, method: 'staff_review', documentKind: dto.documentKind, expiresOn: dto.expiresOn ?? null },
      });
      return row.id as string;
    });
    return this.request(id);
  }

  /** Electronic identity: opens a session with the service and returns where to send the seller. */
  async startElectronic(principal: Principal, enterpriseId: string, dto: StartElectronicDto): Promise<ElectronicStartedDto> {
    await this.access.assertCanManage(principal, enterpriseId);
    if (!this.electronic.available)
      throw new InvalidStateError('Chưa cấu hình dịch vụ định danh điện tử (no electronic identity service configured)', 'IDENTITY_ELECTRONIC_UNAVAILABLE');
    const requestId = await this.dataSource.transaction(async (m) => {
      await this.lockEnterprise(m, enterpriseId);
      // An unfinished electronic session is replaced by the new one; a staff review waits for staff.
      await m.query(
        `UPDATE identity_requests SET status = 'failed', decision_reason = 'superseded', decided_at = $2, updated_at = $2
         WHERE enterprise_id = $1 AND status = 'pending' AND method = 'electronic'`,
        [enterpriseId, this.clock.now()],
      );
      await this.refuseIfPending(m, enterpriseId);
      const [row] = await m.query(
        `INSERT INTO identity_requests (enterprise_id, method, submitted_by, created_at, updated_at) VALUES ($1, 'electronic', $2, $3, $3) RETURNING id`,
        [enterpriseId, principal.id, this.clock.now()],
      );
      return row.id as string;
    });
    const base = this.config.publicBaseUrl;
    let session;
    try {
      session = await this.electronic.start({
        requestId,
        enterpriseId,
        returnUrl: `${base}${dto.returnPath ?? `${IDENTITY_PAGE_PATH}?dn=${enterpriseId}`}`,
        callbackUrl: `${base}${IDENTITY_CALLBACK_PATH}`,
      });
    } catch (err) {
      await this.dataSource.query(`UPDATE identity_requests SET status = 'failed', decision_reason = 'service unavailable', updated_at = $2 WHERE id = $1`, [
        requestId,
        this.clock.now(),
      ]);
      throw err;
    }
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE identity_requests SET external_ref = $2, redirect_url = $3 WHERE id = $1`, [requestId, session.externalRef, session.redirectUrl]);
      // The durable follow-up: polls until the service answers, whether or not its notification arrives.
      await this.jobs.enqueue(m, IDENTITY_CHECK_QUEUE, { requestId }, { dedupeKey: requestId, runAt: new Date(Date.now() + POLL_MS) });
    });
    return { requestId, redirectUrl: session.redirectUrl! };
  }

  /** The seller came back from the service: ask it now rather than wait for the poll. */
  async checkNow(principal: Principal, enterpriseId: string): Promise<IdentityStatusDto> {
    await this.access.assertCanManage(principal, enterpriseId);
    const [pending] = await this.dataSource.query(
      `SELECT id FROM identity_requests WHERE enterprise_id = $1 AND status = 'pending' AND method = 'electronic'`,
      [enterpriseId],
    );
    if (pending) await this.check(pending.id, false);
    return this.statusOf(enterpriseId);
  }

  /** A signed notification from the service: a hint that a session moved; the check job re-fetches. */
  async notification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<boolean> {
    const ref = this.electronic.readNotification(rawBody, headers);
    if (!ref) return false;
    const [row] = await this.dataSource.query(`SELECT id FROM identity_requests WHERE external_ref = $1 AND status = 'pending'`, [ref]);
    if (row) await this.jobs.enqueueNow(IDENTITY_CHECK_QUEUE, { requestId: row.id }, { dedupeKey: row.id });
    return true;
  }

  // ---- staff ----

  async queue(q: IdentityQueueQueryDto): Promise<IdentityRequestListDto> {
    const params: unknown[] = [q.status ?? 'pending'];
    let where = `status = $1`;
    if (q.method) where += ` AND method = $${params.push(q.method)}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM identity_requests WHERE ${where}`, params);
    const rows: IdentityRequestRow[] = await this.dataSource.query(
      `SELECT ${REQUEST_COLUMNS} FROM identity_requests WHERE ${where}
       ORDER BY ${(q.status ?? 'pending') === 'pending' ? 'created_at' : 'decided_at DESC NULLS LAST, created_at DESC'}
       LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return { items: await this.toDtos(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async request(id: string): Promise<IdentityRequestDto> {
    const row = await this.row(this.dataSource.manager, id);
    return (await this.toDtos([row]))[0];
  }

  /** Staff decide a reviewed proof, recording what they checked; the holder's name is dropped either way. */
  async decide(staff: Principal, id: string, dto: DecideIdentityDto): Promise<IdentityRequestDto> {
    if (dto.decision === 'reject' && !dto.reason?.trim()) throw ValidationFailedError.field('reason', 'Cần lý do từ chối (reason is required to reject)');
    await this.dataSource.transaction(async (m) => {
      const r = await this.row(m, id, true);
      if (r.status !== 'pending') throw new ConflictError('Yêu cầu này đã được quyết định (already decided)', 'IDENTITY_DECIDED');
      if (r.method !== 'staff_review')
        throw new InvalidStateError('Xác thực điện tử do dịch vụ quyết định (electronic proofs are decided by the service)', 'IDENTITY_NOT_REVIEWABLE');
      if (dto.decision === 'approve') {
        await this.approve(m, r, { kind: r.document_kind!, hash: r.document_hash!, expiresOn: r.document_expires_on }, dto.checks, staff.id);
      } else {
        await this.refuse(m, r, 'rejected', dto.reason!.trim(), dto.checks, staff.id);
      }
    });
    return this.request(id);
  }

  // ---- the electronic follow-up ----

  private async checkJob(job: JobRecord<{ requestId: string }>): Promise<void> {
    const settled = await this.check(job.payload.requestId, true);
    if (!settled) throw new RetryJobLaterError(POLL_MS, 'identity: session still pending');
  }

  /** Re-fetches a pending electronic session and settles it; false while the service says pending. */
  private async check(requestId: string, inJob: boolean): Promise<boolean> {
    const [r]: IdentityRequestRow[] = await this.dataSource.query(`SELECT ${REQUEST_COLUMNS} FROM identity_requests WHERE id = $1`, [requestId]);
    if (!r || r.status !== 'pending' || r.method !== 'electronic' || !r.external_ref) return true;
    let outcome;
    try {
      outcome = await this.electronic.outcome(r.external_ref);
    } catch (err) {
      // The seller's page shows the state it has; the job retries with backoff.
      if (!inJob && err instanceof IdentityServiceUnavailableError) return false;
      throw err;
    }
    const expired = this.clock.now().getTime() - r.created_at.getTime() > (this.settings.eid?.sessionMinutes ?? 30) * 60_000;
    if (outcome.status === 'pending' && !expired) return false;
    await this.dataSource.transaction(async (m) => {
      const locked = await this.row(m, requestId, true);
      if (locked.status !== 'pending') return;
      if (outcome.status === 'verified') {
        const problem = this.documentProblem(outcome.document);
        if (problem) return this.refuse(m, locked, 'failed', problem, [], null);
        return this.approve(m, locked, this.proven(outcome.document), [], null);
      }
      return this.refuse(m, locked, 'failed', outcome.status === 'failed' ? outcome.reason : 'timeout', [], null);
    });
    return true;
  }

  private proven(d: ProvenDocument): { kind: DocumentKind; hash: string; expiresOn: string | null } {
    return { kind: d.kind, hash: this.documentHash(d.kind, normalizeNumber(d.number)), expiresOn: d.expiresOn };
  }

  private documentProblem(d: ProvenDocument): string | null {
    try {
      this.checkDocument(d.kind, d.number, d.expiresOn);
    } catch (err) {
      return (err as Error).message;
    }
    return this.approvalProblem(d.kind, d.expiresOn)?.message ?? null;
  }

  /** What stops approval at decision time: an expired document, or a foreign passport with under six months left. */
  private approvalProblem(kind: DocumentKind, expiresOn: string | null): { code: string; message: string } | null {
    const now = this.clock.now();
    if (kind === 'foreign_passport') {
      const limit = new Date(now);
      limit.setUTCMonth(limit.getUTCMonth() + FOREIGN_PASSPORT_MIN_MONTHS);
      if (!expiresOn || expiresOn < vietnamDate(limit))
        return {
          code: 'IDENTITY_DOCUMENT_EXPIRING',
          message: `Hộ chiếu nước ngoài phải còn hạn ít nhất ${FOREIGN_PASSPORT_MIN_MONTHS} tháng (a foreign passport needs ${FOREIGN_PASSPORT_MIN_MONTHS} months of validity left)`,
        };
    }
    if (expiresOn && expiresOn <= vietnamDate(now)) return { code: 'IDENTITY_DOCUMENT_EXPIRED', message: 'Giấy tờ đã hết hạn (the document has expired)' };
    return null;
  }

  // ---- decisions ----

  private async approve(
    m: EntityManager,
    r: IdentityRequestRow,
    doc: { kind: DocumentKind; hash: string; expiresOn: string | null },
    checks: string[],
    staffId: string | null,
  ): Promise<void> {
    const now = this.clock.now();
    const problem = this.approvalProblem(doc.kind, doc.expiresOn);
    if (problem) throw new InvalidStateError(problem.message, problem.code);
    const expiresAt = doc.expiresOn ? new Date(`${doc.expiresOn}T00:00:00+07:00`) : new Date(now.getTime() + this.settings.validityDays * DAY_MS);
    await m.query(
      `UPDATE identity_requests SET status = 'approved', document_kind = $2, document_hash = $3, document_expires_on = $4, holder_name = NULL, image_key = NULL,
              checks = $5::jsonb, decided_by = $6, decided_at = $7, updated_at = $7 WHERE id = $1`,
      [r.id, doc.kind, doc.hash, doc.expiresOn, JSON.stringify(checks), staffId, now],
    );
    const [before] = await m.query(
      `INSERT INTO seller_identities (enterprise_id, updated_at) VALUES ($1, $2)
       ON CONFLICT (enterprise_id) DO UPDATE SET updated_at = EXCLUDED.updated_at RETURNING state, hidden_status`,
      [r.enterprise_id, now],
    );
    await m.query(
      `UPDATE seller_identities SET state = 'verified', method = $2, document_kind = $3, document_hash = $4, verified_at = $5, expires_at = $6, reason = NULL,
              updated_at = $5 WHERE enterprise_id = $1`,
      [r.enterprise_id, r.method, doc.kind, doc.hash, now, expiresAt],
    );
    await this.audit.record(m, {
      action: 'identity.approve',
      subject: { type: 'enterprise', id: r.enterprise_id },
      before: { state: before.state },
      after: { requestId: r.id, method: r.method, documentKind: doc.kind, expiresAt: expiresAt.toISOString(), checks },
    });
    if (before.hidden_status) await this.unhide(m, r.enterprise_id, before.hidden_status);
    // The storefront profile shows the claim: drop its cached pages when the transaction commits.
    await this.pageCache.invalidateSubjects(m, [{ type: 'enterprise', id: r.enterprise_id }]);
  }

  private async refuse(
    m: EntityManager,
    r: IdentityRequestRow,
    status: 'rejected' | 'failed',
    reason: string,
    checks: string[],
    staffId: string | null,
  ): Promise<void> {
    const now = this.clock.now();
    await m.query(
      `UPDATE identity_requests SET status = $2, decision_reason = $3, holder_name = NULL, image_key = NULL, checks = $4::jsonb, decided_by = $5,
              decided_at = $6, updated_at = $6 WHERE id = $1`,
      [r.id, status, reason, JSON.stringify(checks), staffId, now],
    );
    // A refused renewal leaves a valid earlier proof in place.
    await m.query(
      `INSERT INTO seller_identities (enterprise_id, state, reason, updated_at) VALUES ($1, 'rejected', $2, $3)
       ON CONFLICT (enterprise_id) DO UPDATE SET state = 'rejected', reason = $2, updated_at = $3
       WHERE NOT (seller_identities.state = 'verified' AND seller_identities.expires_at > $3)`,
      [r.enterprise_id, reason, now],
    );
    await this.audit.record(m, {
      action: status === 'rejected' ? 'identity.reject' : 'identity.fail',
      subject: { type: 'enterprise', id: r.enterprise_id },
      after: { requestId: r.id, method: r.method, reason, checks },
    });
  }

  // ---- hiding (the deadline policy) ----

  /**
   * Hides a public enterprise whose identity is not verified, the way a takedown does (it is
   * suspended, which takes it and its products off every public surface), remembering the status
   * it had. Idempotent.
   */
  async hide(enterpriseId: string): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      await m.query(`INSERT INTO seller_identities (enterprise_id, updated_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [enterpriseId, now]);
      const [row]: SellerIdentityRow[] = await m.query(`SELECT * FROM seller_identities WHERE enterprise_id = $1 FOR UPDATE`, [enterpriseId]);
      if (row.hidden_status || effectiveState(row, false, now) === 'verified') return false;
      const [enterprise] = await this.enterprises.load([enterpriseId], m);
      if (!enterprise?.public) return false;
      const { previousStatus } = await this.verification.withhold(
        m,
        enterpriseId,
        'Chưa xác thực danh tính người bán theo Nghị định 320/2026 (seller identity not verified)',
      );
      await m.query(`UPDATE seller_identities SET hidden_status = $2, hidden_at = $3, updated_at = $3 WHERE enterprise_id = $1`, [
        enterpriseId,
        previousStatus,
        now,
      ]);
      await this.audit.record(m, {
        action: 'identity.hide',
        subject: { type: 'enterprise', id: enterpriseId },
        before: { status: previousStatus },
        after: { status: 'suspended' },
      });
      return true;
    });
  }

  /** Lifts the policy's hiding (identity verified, or the policy switched off) unless a takedown still holds the enterprise. */
  async unhideIfPolicyOff(enterpriseId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [row] = await m.query(`SELECT hidden_status FROM seller_identities WHERE enterprise_id = $1 FOR UPDATE`, [enterpriseId]);
      if (row?.hidden_status) await this.unhide(m, enterpriseId, row.hidden_status);
    });
  }

  private async unhide(m: EntityManager, enterpriseId: string, hiddenStatus: string): Promise<void> {
    const [enterprise] = await this.enterprises.load([enterpriseId], m);
    await m.query(`UPDATE seller_identities SET hidden_status = NULL, hidden_at = NULL WHERE enterprise_id = $1`, [enterpriseId]);
    // Lifts only this hold: a takedown or account suspension still in force keeps the enterprise suspended.
    const restored = await this.verification.restore(m, enterpriseId, hiddenStatus as EnterpriseStatus);
    await this.audit.record(m, {
      action: 'identity.unhide',
      subject: { type: 'enterprise', id: enterpriseId },
      before: { status: enterprise?.status ?? null },
      after: { status: restored ? hiddenStatus : (enterprise?.status ?? null), heldByOtherDecision: !restored },
    });
  }

  // ---- helpers ----

  /** Validates a document's number and expiry; returns the normalised number. */
  private checkDocument(kind: DocumentKind, rawNumber: string, expiresOn: string | null): string {
    const number = normalizeNumber(rawNumber);
    const errors: Array<{ field: string; message: string }> = [];
    if (!NUMBER_RULES[kind](number)) errors.push({ field: 'documentNumber', message: 'Số giấy tờ không đúng định dạng của loại đã chọn (documentNumber)' });
    if (kind !== 'business_registration' && !expiresOn) errors.push({ field: 'expiresOn', message: 'Cần ngày hết hạn của giấy tờ (expiresOn)' });
    if (expiresOn) {
      const valid = !Number.isNaN(new Date(`${expiresOn}T00:00:00Z`).getTime()) && new Date(`${expiresOn}T00:00:00Z`).toISOString().startsWith(expiresOn);
      if (!valid) errors.push({ field: 'expiresOn', message: 'Ngày hết hạn không hợp lệ (expiresOn)' });
      else if (expiresOn <= vietnamDate(this.clock.now())) errors.push({ field: 'expiresOn', message: 'Giấy tờ đã hết hạn (the document has expired)' });
    }
    if (errors.length) throw new ValidationFailedError(errors);
    return number;
  }

  private documentHash(kind: DocumentKind, number: string): string {
    return createHmac('sha256', this.documentKey).update(`${kind}:${number}`).digest('hex');
  }

  private async lockEnterprise(m: EntityManager, enterpriseId: string): Promise<void> {
    await m.query(`INSERT INTO seller_identities (enterprise_id, updated_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [enterpriseId, this.clock.now()]);
    await m.query(`SELECT 1 FROM seller_identities WHERE enterprise_id = $1 FOR UPDATE`, [enterpriseId]);
  }

  private async refuseIfPending(m: EntityManager, enterpriseId: string): Promise<void> {
    const [pending] = await m.query(`SELECT id FROM identity_requests WHERE enterprise_id = $1 AND status = 'pending'`, [enterpriseId]);
    if (pending) throw new ConflictError('Đang có yêu cầu xác thực chờ xử lý (a proof is already pending)', 'IDENTITY_PENDING');
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<IdentityRequestRow> {
    if (!isUuid(id)) throw NOT_FOUND();
    const [row] = await m.query(`SELECT ${REQUEST_COLUMNS} FROM identity_requests WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw NOT_FOUND();
    return row;
  }

  private async toDtos(rows: IdentityRequestRow[]): Promise<IdentityRequestDto[]> {
    const names = new Map((await this.enterprises.load([...new Set(rows.map((r) => r.enterprise_id))])).map((e) => [e.id, e.displayName]));
    const hashes = [...new Set(rows.map((r) => r.document_hash).filter((h): h is string => Boolean(h)))];
    const shared: Array<{ document_hash: string; enterprise_id: string }> = hashes.length
      ? await this.dataSource.query(
          `SELECT DISTINCT document_hash, enterprise_id FROM identity_requests WHERE status = 'approved' AND document_hash = ANY($1)`,
          [hashes],
        )
      : [];
    return rows.map((r) =>
      toRequestDto(
        r,
        names.get(r.enterprise_id) ?? null,
        shared.filter((s) => s.document_hash === r.document_hash && s.enterprise_id !== r.enterprise_id).length,
      ),
    );
  }

  /** The providers this installation offers, for pages. */
  providers(): IdentityProofProvider[] {
    return [this.staffReview, this.electronic].filter((p) => p.available);
  }
}
