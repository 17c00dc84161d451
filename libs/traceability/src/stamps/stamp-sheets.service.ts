import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, FileStorage, LOGGER, PRIVATE_PREFIX, type AppConfig } from '@tradefloor/core';
import { ProductViews } from '@tradefloor/catalog';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import type { BatchEntity } from '../batches/batch.entity';
import { stampUrl } from '../codes/digital-link';
import { PageGraphicsPool } from './render/page-graphics-pool';
import { QR_MASK_PATTERN } from './render/qr-matrix';
import { SHEET, renderStampSheet, type SheetStamp } from './render/stamp-sheet';

/** Bump when the sheet's look changes, so that cached files are rendered again. */
const LAYOUT_VERSION = 2;
/** Keyset page size when reading stamps: a few sheets. */
const PAGE = SHEET.perPage * 20;

export interface SheetFile {
  stream: Readable;
  size: number;
}

interface SheetRange {
  from: number;
  to: number;
}

/**
 * Printable PDF sheets of a batch's stamps. Rendering a large batch takes seconds of CPU, so:
 * - one render per batch at a time — concurrent requests wait for the running render (in this
 *   process, and across processes through a PostgreSQL advisory lock) and then share its file;
 * - the rendered file is kept in the FileStorage (under `private/`, never served by /media) until
 *   the batch changes: the version covers the stamps in the range, the product name, the URLs'
 *   base and the layout, so a request after an issue, or a rename, renders again.
 * Page graphics (QR codes) are built by a pool of worker threads while the main thread writes the PDF.
 */
@Injectable()
export class StampSheets implements OnModuleDestroy {
  private readonly pool = new PageGraphicsPool();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly storage: FileStorage,
    private readonly products: ProductViews,
    private readonly clock: Clock,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }

  /** The batch's sheet for seqs fromSeq…toSeq (default: all issued), from the cache or rendered once. */
  async sheet(batch: BatchEntity, range: { fromSeq?: number; toSeq?: number }): Promise<SheetFile> {
    const [{ issued_count: issued }] = await this.dataSource.query(`SELECT issued_count FROM trace_batches WHERE id = $1`, [batch.id]);
    const r: SheetRange = { from: range.fromSeq ?? 1, to: Math.min(range.toSeq ?? issued, issued) };
    const version = await this.version(batch, Number(issued));
    for (;;) {
      const hit = await this.cached(batch.id, r, version);
      if (hit) return hit;
      const busy = this.running.get(batch.id);
      if (busy) {
        // Someone renders this batch: wait, then look again (it may have been this very range).
        await busy.catch(() => undefined);
        continue;
      }
      const job = this.renderOnce(batch, r, version);
      this.running.set(batch.id, job);
      try {
        await job;
      } finally {
        if (this.running.get(batch.id) === job) this.running.delete(batch.id);
      }
    }
  }

  /** Streams a freshly rendered sheet, no cache (the benchmark measures the renderer with it). */
  render(batch: BatchEntity, productName: string, r: SheetRange): Readable {
    const urlOf = (serial: string) => stampUrl(this.config.publicBaseUrl, serial, batch.gtin14, batch.lotCode);
    const rows = this.rows(batch.id, r);
    async function* stamps(): AsyncGenerator<SheetStamp[]> {
      for await (const page of rows) yield page.map((row) => ({ serial: row.serial, url: urlOf(row.serial) }));
    }
    return renderStampSheet(stamps(), { productName, title: `Tem truy xuất — lô ${batch.lotCode}` }, this.pool.run);
  }

  /** Renders and stores the sheet unless another process did meanwhile (advisory lock per batch). */
  private async renderOnce(batch: BatchEntity, r: SheetRange, version: string): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const lockKey = `trace-sheet:${batch.id}`;
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [lockKey]);
      try {
        const done = await this.cached(batch.id, r, version);
        if (done) {
          // Another process rendered it while we waited for the lock.
          done.stream.destroy();
          return;
        }
        const started = Date.now();
        const data = await this.renderPdf(batch, r);
        const key = `${PRIVATE_PREFIX}stamp-sheets/${batch.id}/${r.from}-${r.to}-${version}.pdf`;
        await this.storage.put(key, data);
        // The batch changed since older sheets were rendered: drop them (rows before files, so none is served without its file).
        const [stale] = await this.dataSource.query(`DELETE FROM trace_stamp_sheets WHERE batch_id = $1 AND version <> $2 RETURNING storage_key`, [
          batch.id,
          version,
        ]);
        for (const old of stale as Array<{ storage_key: string }>) await this.storage.delete(old.storage_key);
        await this.dataSource.query(
          `INSERT INTO trace_stamp_sheets (batch_id, from_seq, to_seq, version, storage_key, size, rendered_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (batch_id, from_seq, to_seq) DO UPDATE
           SET version = EXCLUDED.version, storage_key = EXCLUDED.storage_key, size = EXCLUDED.size, rendered_at = EXCLUDED.rendered_at`,
          [batch.id, r.from, r.to, version, key, data.length, this.clock.now()],
        );
        this.logger.info({ batchId: batch.id, from: r.from, to: r.to, bytes: data.length, ms: Date.now() - started }, 'stamp sheet rendered');
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lockKey]);
      }
    } finally {
      await runner.release();
    }
  }

  /** The whole PDF in memory, to store it (public so that tests can count renders). */
  async renderPdf(batch: BatchEntity, r: SheetRange): Promise<Buffer> {
    const product = await this.products.get(batch.productId);
    const chunks: Buffer[] = [];
    for await (const chunk of this.render(batch, product?.name ?? '', r)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** The stored sheet of this range and version; null if there is none (or its file went missing). */
  private async cached(batchId: string, r: SheetRange, version: string): Promise<SheetFile | null> {
    const [row] = await this.dataSource.query(
      `SELECT storage_key FROM trace_stamp_sheets WHERE batch_id = $1 AND from_seq = $2 AND to_seq = $3 AND version = $4`,
      [batchId, r.from, r.to, version],
    );
    if (!row) return null;
    // Asked without a validator, the store never answers "not modified".
    const file = await this.storage.stream(row.storage_key);
    return file && !('notModified' in file) ? file : null;
  }

  /**
   * The batch's version: what any of its sheets shows — the stamps issued (seqs are contiguous and
   * never reused), the product name, the URLs' base and the layout. Any change makes every stored
   * sheet of the batch stale.
   */
  private async version(batch: BatchEntity, issued: number): Promise<string> {
    const product = await this.products.get(batch.productId);
    const what = [LAYOUT_VERSION, QR_MASK_PATTERN, this.config.publicBaseUrl, batch.gtin14, batch.lotCode, product?.name ?? '', issued];
    return createHash('sha256').update(JSON.stringify(what)).digest('hex').slice(0, 20);
  }

  /** Stamps in seq order, PAGE at a time (keyset pagination: each query starts after the last seq). */
  private async *rows(batchId: string, r: SheetRange): AsyncGenerator<Array<{ seq: number; serial: string }>> {
    let after = r.from - 1;
    for (;;) {
      const page: Array<{ seq: number; serial: string }> = await this.dataSource.query(
        `SELECT seq, serial FROM trace_stamps WHERE batch_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4`,
        [batchId, after, r.to, PAGE],
      );
      if (!page.length) return;
      yield page;
      after = page[page.length - 1].seq;
      if (page.length < PAGE) return;
    }
  }
}
