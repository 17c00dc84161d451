import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, NotFoundError, ValidationFailedError, type AppConfig } from '@tradefloor/core';
import { ProductViews } from '@tradefloor/catalog';
import type { Principal } from '@tradefloor/identity';
import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { BatchAccess } from '../batches/batch-access.service';
import type { BatchEntity } from '../batches/batch.entity';
import { stampUrl } from '../codes/digital-link';
import { parseSerial } from '../codes/serial-code';
import { qrPng, qrSvg } from './render/qr-matrix';
import { SHEET } from './render/stamp-sheet';
import { StampSheets } from './stamp-sheets.service';
import type { SeqRangeDto } from './stamp.dto';

interface StampRow {
  seq: number;
  serial: string;
  state: string;
}

export interface ExportFile {
  stream: Readable;
  filename: string;
  /** Known for stored files (PDF sheets). */
  size?: number;
}

/** Keyset page size for exports: a few sheets of the PDF, a few hundred KB of CSV. */
const PAGE = SHEET.perPage * 20;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV, PDF sheet and single QR images of a batch's stamps; everything streamed from the database. */
@Injectable()
export class StampExports {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: BatchAccess,
    private readonly products: ProductViews,
    private readonly sheets: StampSheets,
  ) {}

  async csv(principal: Principal, batchId: string, range: SeqRangeDto): Promise<ExportFile> {
    const batch = await this.batchFor(principal, batchId, range);
    const rows = this.rows(batch.id, range);
    const urlOf = (serial: string) => stampUrl(this.config.publicBaseUrl, serial, batch.gtin14, batch.lotCode);
    async function* lines(): AsyncGenerator<string> {
      yield 'seq,serial,url,state\n';
      for await (const page of rows) {
        yield page.map((r) => `${r.seq},${r.serial},${csvField(urlOf(r.serial))},${r.state}\n`).join('');
      }
    }
    return { stream: Readable.from(lines()), filename: `stamps-${this.fileSafe(batch.lotCode)}.csv` };
  }

  /** The sheet of the range, rendered once per batch version and then served from storage (StampSheets). */
  async pdf(principal: Principal, batchId: string, range: SeqRangeDto): Promise<ExportFile> {
    const batch = await this.batchFor(principal, batchId, range);
    const file = await this.sheets.sheet(batch, range);
    return { stream: file.stream, size: file.size, filename: `stamps-${this.fileSafe(batch.lotCode)}.pdf` };
  }

  /** The PDF of a batch rendered afresh, without an access check or cache (the benchmark drives it directly). */
  async pdfStream(batch: BatchEntity, range: SeqRangeDto = {}): Promise<Readable> {
    const product = await this.products.get(batch.productId);
    return this.sheets.render(batch, product?.name ?? '', { from: range.fromSeq ?? 1, to: range.toSeq ?? 2_147_483_647 });
  }

  async qr(principal: Principal, rawSerial: string, format: 'svg' | 'png'): Promise<string | Buffer> {
    const serial = parseSerial(rawSerial);
    if (!serial) throw new NotFoundError('Tem', 'STAMP_NOT_FOUND');
    const [row] = await this.dataSource.query(`SELECT batch_id FROM trace_stamps WHERE serial = $1`, [serial]);
    if (!row) throw new NotFoundError('Tem', 'STAMP_NOT_FOUND');
    const { batch } = await this.access.assertCanManage(principal, row.batch_id);
    const url = stampUrl(this.config.publicBaseUrl, serial, batch.gtin14, batch.lotCode);
    return format === 'svg' ? qrSvg(url) : qrPng(url);
  }

  private async batchFor(principal: Principal, batchId: string, range: SeqRangeDto): Promise<BatchEntity> {
    if (range.fromSeq !== undefined && range.toSeq !== undefined && range.fromSeq > range.toSeq) {
      throw ValidationFailedError.field('toSeq', 'toSeq phải ≥ fromSeq (toSeq must not be below fromSeq)');
    }
    return (await this.access.assertCanManage(principal, batchId)).batch;
  }

  /** Stamps in seq order, PAGE at a time (keyset pagination: each query starts after the last seq). */
  private async *rows(batchId: string, range: SeqRangeDto): AsyncGenerator<StampRow[]> {
    let after = (range.fromSeq ?? 1) - 1;
    const last = range.toSeq ?? 2_147_483_647;
    for (;;) {
      const page: StampRow[] = await this.dataSource.query(
        `SELECT seq, serial, state FROM trace_stamps WHERE batch_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4`,
        [batchId, after, last, PAGE],
      );
      if (!page.length) return;
      yield page;
      after = page[page.length - 1].seq;
      if (page.length < PAGE) return;
    }
  }

  private fileSafe(lot: string): string {
    return lot.replace(/[^A-Za-z0-9._-]/g, '_');
  }
}
