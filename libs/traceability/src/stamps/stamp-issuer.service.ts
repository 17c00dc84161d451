import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, ConflictError, ValidationFailedError, type AppConfig } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { BatchAccess } from '../batches/batch-access.service';
import { stampUrl } from '../codes/digital-link';
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
  ) {}

  /**
   * Issues `count` stamps with consecutive sequence numbers in one transaction. The batch row is
   * locked first, so concurrent requests for the same batch get disjoint ranges.
   */
  async issue(principal: Principal, batchId: string, count: number): Promise<IssuedStampsDto> {
    return this.dataSource.transaction(async (m) => {
      const { batch } = await this.access.assertCanManage(principal, batchId, m);
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
