import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  AuditTrail,
  Clock,
  JobQueue,
  NotFoundError,
  PageCache,
  ValidationFailedError,
  sanitizeRichText,
  richTextToPlain,
  returnedRows,
  type FieldError,
  type ResolvedConfig,
} from '@tradefloor/core';
import { LegalAcceptanceGate, type LegalChannel, type LegalVersionRef, type PendingLegalVersion } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { legalSettings, type LegalSettings } from './legal-config';
import { ACCEPTED_AT_REGISTRATION, ACCEPTED_AT_SIGN_IN, LEGAL_DOCUMENTS, isLegalDocument, legalVersionPath, type LegalDocument } from './legal-documents';
import type { LegalVersionDto, LegalVersionSummaryDto, LegalVersionWithDiffDto, PublishLegalVersionDto } from './legal.dto';
import { diffBodies } from './legal-text';

export const LEGAL_NOTIFY_QUEUE = 'legal.notify';
export const LEGAL_EFFECT_QUEUE = 'legal.took-effect';
/** Every cached storefront page carries this tag: its banner and footer come from here. */
export const LEGAL_PAGE_TAG = 'legal';

const DAY_MS = 86_400_000;

interface VersionRow {
  id: string;
  document: LegalDocument;
  number: number;
  title: string;
  body: string;
  summary: string;
  material: boolean;
  effective_at: Date;
  published_at: Date;
  published_by: string | null;
}

/** A version published and not yet in force: the storefront shows a banner for it. */
export interface LegalNotice {
  document: LegalDocument;
  number: number;
  title: string;
  effectiveAt: Date;
  url: string;
}

const COLUMNS = `id, document, number, title, body, summary, material, effective_at, published_at, published_by`;

/**
 * The versioned legal documents: reading (current, all versions, one with its diff), publishing
 * with notice, and the acceptances sign-up and sign-in ask for (registered with identity's gate).
 */
@Injectable()
export class LegalDocuments implements OnModuleInit {
  readonly settings: LegalSettings;
  private upcomingCache: { at: number; rows: LegalNotice[] } | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: ResolvedConfig,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly audit: AuditTrail,
    private readonly pageCache: PageCache,
    private readonly gate: LegalAcceptanceGate,
  ) {
    this.settings = legalSettings(config.env);
  }

  onModuleInit(): void {
    this.gate.register({
      acceptAtRegistration: (m, userId, channel) => this.acceptAtRegistration(m, userId, channel),
      pending: (userId) => this.pending(userId),
      accept: (userId, versions, channel) => this.accept(userId, versions, channel),
    });
    this.pageCache.onInvalidated(LEGAL_PAGE_TAG, () => (this.upcomingCache = undefined));
  }

  documentOf(value: string): LegalDocument {
    if (!isLegalDocument(value)) throw new NotFoundError('Văn bản');
    return value;
  }

  /** The version in force now. */
  async current(document: LegalDocument): Promise<LegalVersionDto> {
    const [row]: VersionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM legal_versions WHERE document = $1 AND effective_at <= $2 ORDER BY number DESC LIMIT 1`,
      [document, this.clock.now()],
    );
    if (!row) throw new NotFoundError('Văn bản');
    return { ...this.summary(row, row.number), body: row.body };
  }

  /** Every version, newest first, upcoming ones included. */
  async versions(document: LegalDocument): Promise<LegalVersionSummaryDto[]> {
    const rows: VersionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM legal_versions WHERE document = $1 ORDER BY number DESC`, [document]);
    const inForce = this.inForceNumber(rows);
    return rows.map((r) => this.summary(r, inForce));
  }

  /** One version with the difference to the one before it. */
  async version(document: LegalDocument, number: number): Promise<LegalVersionWithDiffDto> {
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM legal_versions WHERE document = $1 AND number <= $2 ORDER BY number DESC LIMIT 2`,
      [document, number],
    );
    const [row, previous] = rows;
    if (!row || row.number !== number) throw new NotFoundError('Phiên bản');
    const [{ n }] = await this.dataSource.query(`SELECT max(number) AS n FROM legal_versions WHERE document = $1 AND effective_at <= $2`, [
      document,
      this.clock.now(),
    ]);
    return {
      ...this.summary(row, n === null ? 0 : Number(n)),
      body: row.body,
      previous: previous?.number ?? null,
      diff: diffBodies(previous?.body ?? '', row.body),
    };
  }

  /** Published versions not in force yet (the storefront banner), cached briefly; `now` decides. */
  async upcoming(): Promise<LegalNotice[]> {
    const now = this.clock.now();
    if (!this.upcomingCache || Date.now() - this.upcomingCache.at > 10_000) {
      const rows: VersionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM legal_versions WHERE effective_at > $1 ORDER BY effective_at, document`, [
        new Date(now.getTime() - DAY_MS),
      ]);
      this.upcomingCache = {
        at: Date.now(),
        rows: rows.map((r) => ({
          document: r.document,
          number: r.number,
          title: r.title,
          effectiveAt: r.effective_at,
          url: legalVersionPath(r.document, r.number),
        })),
      };
    }
    return this.upcomingCache.rows.filter((r) => r.effectiveAt.getTime() > now.getTime());
  }

  /**
   * Publishes the next version. A material one needs notice (LEGAL_NOTICE_DAYS, the fee schedule
   * LEGAL_FEE_NOTICE_DAYS) and mails every active verified account; the audit entry, the mail job
   * and the page-cache drop (the banner) commit with the version.
   */
  async publish(actor: { id: string; role: string }, document: LegalDocument, dto: PublishLegalVersionDto): Promise<LegalVersionDto> {
    const now = this.clock.now();
    const errors: FieldError[] = [];
    const effectiveAt = dto.effectiveAt ? new Date(dto.effectiveAt) : now;
    const year = effectiveAt.getUTCFullYear();
    if (Number.isNaN(effectiveAt.getTime()) || year < 2000 || year > 2200) {
      errors.push({ field: 'effectiveAt', message: 'Thời điểm không hợp lệ (invalid instant)' });
    } else if (dto.material) {
      const days = document === 'fee-schedule' ? this.settings.feeNoticeDays : this.settings.noticeDays;
      const earliest = new Date(now.getTime() + days * DAY_MS);
      if (effectiveAt.getTime() < earliest.getTime()) {
        errors.push({
          field: 'effectiveAt',
          message: `Thay đổi quan trọng cần thông báo trước ít nhất ${days} ngày: sớm nhất ${earliest.toISOString()} (a material change needs at least ${days} days' notice)`,
        });
      }
    } else if (effectiveAt.getTime() < now.getTime() - 60_000) {
      errors.push({ field: 'effectiveAt', message: 'Không thể cho hiệu lực từ quá khứ (cannot take effect in the past)' });
    }
    const body = sanitizeRichText(dto.body).trim();
    if (!richTextToPlain(body).trim()) errors.push({ field: 'body', message: 'Nội dung trống sau khi lọc HTML (body is empty after sanitising)' });
    if (errors.length) throw new ValidationFailedError(errors);

    const row = await this.dataSource.transaction(async (m) => {
      // One publisher at a time per document: numbers stay gap-free.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('legal:' || $1))`, [document]);
      const [{ next }] = await m.query(`SELECT coalesce(max(number), 0) + 1 AS next FROM legal_versions WHERE document = $1`, [document]);
      const [inserted] = returnedRows<VersionRow>(
        await m.query(
          `INSERT INTO legal_versions (document, number, title, body, summary, material, effective_at, published_at, published_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
          [document, next, dto.title, body, dto.summary, dto.material, effectiveAt, now, actor.id],
        ),
      );
      if (dto.material) await this.jobs.enqueue(m, LEGAL_NOTIFY_QUEUE, { versionId: inserted.id, after: null }, { dedupeKey: `${inserted.id}:start` });
      await this.pageCache.invalidateTags(m, [LEGAL_PAGE_TAG]);
      await this.audit.record(m, {
        actor,
        action: 'legal.version.publish',
        subject: { type: 'legal_version', id: inserted.id },
        after: { document, number: inserted.number, title: dto.title, material: dto.material, effectiveAt: effectiveAt.toISOString() },
      });
      return inserted;
    });
    this.upcomingCache = undefined;
    return { ...this.summary(row, 0), status: row.effective_at.getTime() <= now.getTime() ? 'in-force' : 'upcoming', body: row.body };
  }

  /** The version a mail job announces. */
  async versionById(id: string): Promise<(LegalNotice & { summary: string; material: boolean }) | undefined> {
    const [r]: VersionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM legal_versions WHERE id = $1`, [id]);
    return (
      r && {
        document: r.document,
        number: r.number,
        title: r.title,
        effectiveAt: r.effective_at,
        url: legalVersionPath(r.document, r.number),
        summary: r.summary,
        material: r.material,
      }
    );
  }

  /** Marks versions that took effect and drops cached pages once (their banner goes); the recurring sweep calls it. */
  async noticeEffects(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const changed = returnedRows<{ id: string; announced: boolean }>(
        await m.query(
          `UPDATE legal_versions SET effect_noticed_at = $1 WHERE effective_at <= $1 AND effect_noticed_at IS NULL
           RETURNING id, published_at < effective_at AS announced`,
          [this.clock.now()],
        ),
      );
      // Only a version published ahead of its date had a banner on cached pages; one in force from
      // its publication (the seeded first versions) was flushed when published, and flushing every
      // page again here would empty a fresh installation's cache at an arbitrary minute.
      if (changed.some((v) => v.announced)) await this.pageCache.invalidateTags(m, [LEGAL_PAGE_TAG]);
      return changed.length;
    });
  }

  // --- acceptances (through identity's LegalAcceptanceGate) ---

  private async inForce(documents: readonly LegalDocument[], manager: EntityManager = this.dataSource.manager): Promise<VersionRow[]> {
    return manager.query(
      `SELECT DISTINCT ON (document) ${COLUMNS} FROM legal_versions WHERE document = ANY($1) AND effective_at <= $2 ORDER BY document, number DESC`,
      [documents, this.clock.now()],
    );
  }

  async acceptAtRegistration(m: EntityManager, userId: string, channel: LegalChannel): Promise<void> {
    // The box names the terms and the privacy policy; the operating rules they point to are recorded too, so a later material change asks again.
    const rows = await this.inForce([...new Set([...ACCEPTED_AT_REGISTRATION, ...ACCEPTED_AT_SIGN_IN])], m);
    await this.insertAcceptances(m, userId, rows, channel);
  }

  /** Material versions in force the user has not accepted (or a later one of the same document). */
  async pending(userId: string): Promise<PendingLegalVersion[]> {
    const rows: Array<{ document: LegalDocument; number: number; title: string }> = await this.dataSource.query(
      `SELECT cur.document, cur.number, cur.title
         FROM (SELECT DISTINCT ON (document) document, number, title FROM legal_versions
                WHERE document = ANY($1) AND effective_at <= $2 ORDER BY document, number DESC) cur
        WHERE EXISTS (
          SELECT 1 FROM legal_versions mat
           WHERE mat.document = cur.document AND mat.material AND mat.effective_at <= $2
             AND NOT EXISTS (SELECT 1 FROM legal_acceptances a WHERE a.user_id = $3 AND a.document = mat.document AND a.version >= mat.number))
        ORDER BY cur.document`,
      [ACCEPTED_AT_SIGN_IN, this.clock.now(), userId],
    );
    return rows.map((r) => ({ document: r.document, version: r.number, title: r.title }));
  }

  /** Records acceptances of the versions in force; anything else (unknown, stale, upcoming) is a 400 and nothing is written. */
  async accept(userId: string, versions: LegalVersionRef[], channel: LegalChannel): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const current = new Map((await this.inForce(LEGAL_DOCUMENTS, m)).map((r) => [r.document, r]));
      const errors: FieldError[] = [];
      const rows: VersionRow[] = [];
      versions.forEach((v, i) => {
        const row = isLegalDocument(v.document) ? current.get(v.document) : undefined;
        if (!row) errors.push({ field: `accept.${i}.document`, message: 'Văn bản không tồn tại (unknown document)' });
        else if (row.number !== v.version)
          errors.push({ field: `accept.${i}.version`, message: `Phiên bản đang có hiệu lực là ${row.number} (the version in force is ${row.number})` });
        else rows.push(row);
      });
      if (errors.length) throw new ValidationFailedError(errors);
      await this.insertAcceptances(m, userId, rows, channel);
    });
  }

  private async insertAcceptances(m: EntityManager, userId: string, rows: VersionRow[], channel: LegalChannel): Promise<void> {
    if (!rows.length) return;
    const inserted = returnedRows<{ document: string; version: number }>(
      await m.query(
        `INSERT INTO legal_acceptances (user_id, document, version, channel, accepted_at)
         SELECT $1, d, v, $4, $5 FROM unnest($2::text[], $3::int[]) AS t(d, v)
         ON CONFLICT (user_id, document, version) DO NOTHING RETURNING document, version`,
        [userId, rows.map((r) => r.document), rows.map((r) => r.number), channel, this.clock.now()],
      ),
    );
    if (!inserted.length) return;
    await this.audit.record(m, {
      actor: { id: userId, role: 'user' },
      action: 'legal.acceptance.record',
      subject: { type: 'user', id: userId },
      after: { channel, versions: inserted },
    });
  }

  private inForceNumber(rows: VersionRow[]): number {
    const now = this.clock.now().getTime();
    return rows.filter((r) => r.effective_at.getTime() <= now).reduce((n, r) => Math.max(n, r.number), 0);
  }

  private summary(r: VersionRow, inForce: number): LegalVersionSummaryDto {
    return {
      document: r.document,
      number: r.number,
      title: r.title,
      summary: r.summary,
      material: r.material,
      effectiveAt: r.effective_at.toISOString(),
      publishedAt: r.published_at.toISOString(),
      publishedBy: r.published_by,
      status: r.number === inForce ? 'in-force' : r.number < inForce ? 'superseded' : 'upcoming',
      url: legalVersionPath(r.document, r.number),
    };
  }
}
