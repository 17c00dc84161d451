import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, ConflictError, DomainError, ValidationFailedError, vietnamDate, type AppConfig } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { BatchAccess } from '../batches/batch-access.service';
import { stampUrl } from '../codes/digital-link';
import { GtinClaims } from '../trust/gtin-claims.service';
import { assertMayStamp, stampRefused } from '../trust/issuer-gate';
import type { IssuedStampsDto } from './stamp.dto';
import { SerialGenerator } from './serial-generator';

/** Rows per INSERT: large enough to amortise round trips, small enough to keep parameters modest. */
const CHUNK = 20_000;
/** A collision needs two equal 65-bit serials; if retries keep failing something else is wrong. */
const MAX_ATTEMPTS = 5;

@Injectable()
export class StampIssuer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: BatchAccess,
    private readonly serials: SerialGenerator,
    private readonly gtins: GtinClaims,
    private readonly clock: Clock,
  ) {}

  /**
   * Issues `count` stamps with consecutive sequence numbers in one transaction. The batch row is
   * locked first, so concurrent requests for the same batch get disjoint ranges; an advisory lock
   * per enterprise makes the daily quota exact under concurrent requests for different batches.
   * Only a verified enterprise may issue, for a published product whose GTIN (if any) it holds.
   */
  async issue(principal: Principal, batchId: string, count: number): Promise<IssuedStampsDto> {
    if (count > this.config.stampMaxPerRequest) {
      throw ValidationFailedError.field(
        'count',
        `Tối đa ${this.config.stampMaxPerRequest} tem mỗi lần (at most ${this.config.stampMaxPerRequest} stamps per request)`,
      );
    }
    const pre = await this.access.assertCanManage(principal, batchId);
    assertMayStamp(pre.enterprise, pre.product);
    if (pre.batch.gtin14) {
      const claim = await this.gtins.claim(pre.batch.gtin14, pre.enterprise.id);
      if (claim !== 'confirmed') {
        throw stampRefused(
          'GTIN_NOT_CONFIRMED',
          claim === 'pending_review'
            ? 'Mã GTIN của lô đang chờ sàn xác nhận thuộc về doanh nghiệp (GTIN ownership under review by the floor)'
            : 'Sàn không xác nhận mã GTIN này thuộc về doanh nghiệp (the floor did not confirm this GTIN as the enterprise’s)',
          'count',
        );
      }
    }
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('trace-quota:' || $1))`, [pre.enterprise.id]);
      // Checked again under the lock: a suspension committed meanwhile stops this request too.
      const { batch, enterprise, product } = await this.access.assertCanManage(principal, batchId, m);
      assertMayStamp(enterprise, product);
      await this.checkQuota(m, enterprise.id, count);
      const [locked] = await m.query(`SELECT issued_count FROM trace_batches WHERE id = $1 FOR UPDATE`, [batch.id]);
      const base = Number(locked.issued_count);
      if (base + count > this.config.stampMaxPerBatch) {
        throw ValidationFailedError.field(
          'count',
          `Lô này chỉ còn được phát hành ${Math.max(0, this.config.stampMaxPerBatch - base)} tem (batch stamp limit ${this.config.stampMaxPerBatch})`,
        );
      }
      await this.insertAll(m, batch.id, base + 1, count);
      const lastSeq = base + count;
      const ends: Array<{ seq: number; serial: string }> = await m.query(`SELECT seq, serial FROM trace_stamps WHERE batch_id = $1 AND seq IN ($2, $3)`, [
        batch.id,
        base + 1,
        lastSeq,
      ]);
      const first = ends.find((r) => r.seq === base + 1)!.serial;
      const last = ends.find((r) => r.seq === lastSeq)!;
      await m.query(`UPDATE trace_batches SET issued_count = $2, updated_at = now() WHERE id = $1`, [batch.id, lastSeq]);
      await m.query(`INSERT INTO trace_stamp_issues (enterprise_id, batch_id, count, issued_by, issued_at) VALUES ($1, $2, $3, $4, $5)`, [
        enterprise.id,
        batch.id,
        count,
        principal.id,
        this.clock.now(),
      ]);
      const range = `fromSeq=${base + 1}&toSeq=${lastSeq}`;
      return {
        batchId: batch.id,
        issued: count,
        firstSeq: base + 1,
        lastSeq,
        firstSerial: first,
        lastSerial: last.serial,
        firstUrl: stampUrl(this.config.publicBaseUrl, first, batch.gtin14, batch.lotCode),
        totalIssued: lastSeq,
        csvUrl: `/api/v1/batches/${batch.id}/stamps.csv?${range}`,
        pdfUrl: `/api/v1/batches/${batch.id}/stamps.pdf?${range}`,
      };
    });
  }

  /** STAMP_DAILY_QUOTA stamps per enterprise per Vietnam day, all batches together; beyond it 429 until midnight. */
  private async checkQuota(m: EntityManager, enterpriseId: string, count: number): Promise<void> {
    const now = this.clock.now();
    const dayStart = new Date(`${vietnamDate(now)}T00:00:00+07:00`);
    const [{ used }] = await m.query(`SELECT COALESCE(sum(count), 0)::int AS used FROM trace_stamp_issues WHERE enterprise_id = $1 AND issued_at >= $2`, [
      enterpriseId,
      dayStart,
    ]);
    const quota = this.config.stampDailyQuota;
    if (used + count <= quota) return;
    const retryAfter = Math.ceil((dayStart.getTime() + 86_400_000 - now.getTime()) / 1000);
    throw new DomainError(
      'STAMP_QUOTA_EXCEEDED',
      `Doanh nghiệp chỉ còn được phát hành ${Math.max(0, quota - used)} tem hôm nay (daily quota of ${quota} stamps per enterprise)`,
      429,
      [{ field: 'count', message: `Còn lại hôm nay: ${Math.max(0, quota - used)} (remaining today)` }],
      { 'Retry-After': String(Math.max(1, retryAfter)) },
    );
  }

  /** Inserts stamps with seqs firstSeq … firstSeq+count-1. */
  private async insertAll(m: EntityManager, batchId: string, firstSeq: number, count: number): Promise<void> {
    for (let offset = 0; offset < count; offset += CHUNK) {
      const size = Math.min(CHUNK, count - offset);
      let seqs = Array.from({ length: size }, (_, i) => firstSeq + offset + i);
      for (let attempt = 1; seqs.length; attempt++) {
        if (attempt > MAX_ATTEMPTS) throw new ConflictError('Không tạo được số sê-ri duy nhất (could not generate unique serials)', 'SERIAL_COLLISION');
        const serials = this.serials.generate(seqs.length);
        // A serial already taken (anywhere) is skipped by ON CONFLICT; its seq gets a fresh serial next round.
        const inserted: Array<{ seq: number }> = await m.query(
          `INSERT INTO trace_stamps (serial, batch_id, seq)
           SELECT s, $2, q FROM unnest($1::text[], $3::int[]) AS t(s, q)
           ON CONFLICT (serial) DO NOTHING RETURNING seq`,
          [serials, batchId, seqs],
        );
        if (inserted.length === seqs.length) break;
        const done = new Set(inserted.map((r) => r.seq));
        seqs = seqs.filter((s) => !done.has(s));
      }
    }
  }
}
