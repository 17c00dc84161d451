import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Clock, NotFoundError } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { BatchAccess } from '../batches/batch-access.service';
import { parseSerial } from '../codes/serial-code';

export interface WarningReview {
  serial: string;
  reviewedBy: string;
  reviewedAt: Date;
  note: string | null;
  scanCount: number;
  distinctClients: number;
  distinctPlaces: number;
}

/**
 * The owner's review of a "may be copied" warning: after checking (e.g. the scans were their own
 * staff or a trade fair), they clear it, and the thresholds count clients and places from there.
 * Every review is recorded (who, when, the counters at that moment) by `record()`: in
 * `trace_warning_reviews` for the owner's history, and in the floor's audit log, in the same transaction.
 */
@Injectable()
export class WarningReviews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: BatchAccess,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async clear(principal: Principal, rawSerial: string, note: string | undefined): Promise<WarningReview> {
    const serial = parseSerial(rawSerial);
    if (!serial) throw new NotFoundError('Tem', 'STAMP_NOT_FOUND');
    const [row] = await this.dataSource.query(`SELECT batch_id FROM trace_stamps WHERE serial = $1`, [serial]);
    if (!row) throw new NotFoundError('Tem', 'STAMP_NOT_FOUND');
    await this.access.assertCanManage(principal, row.batch_id);
    return this.dataSource.transaction(async (m) => {
      const [[s]] = await m.query(
        `UPDATE trace_stamps SET warn_base_clients = distinct_clients, warn_base_places = distinct_places
         WHERE serial = $1 RETURNING scan_count, distinct_clients, distinct_places`,
        [serial],
      );
      return this.record(m, {
        serial,
        reviewedBy: principal.id,
        reviewedAt: this.clock.now(),
        note: note?.trim() || null,
        scanCount: s.scan_count,
        distinctClients: s.distinct_clients,
        distinctPlaces: s.distinct_places,
      });
    });
  }

  async history(principal: Principal, rawSerial: string): Promise<WarningReview[]> {
    const serial = parseSerial(rawSerial);
    if (!serial) throw new NotFoundError('Tem', 'STAMP_NOT_FOUND');
    const [row] = await this.dataSource.query(`SELECT batch_id FROM trace_stamps WHERE serial = $1`, [serial]);
    if (!row) throw new NotFoundError('Tem', 'STAMP_NOT_FOUND');
    await this.access.assertCanManage(principal, row.batch_id);
    return this.dataSource.query(
      `SELECT serial, reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", note, scan_count AS "scanCount",
              distinct_clients AS "distinctClients", distinct_places AS "distinctPlaces"
       FROM trace_warning_reviews WHERE serial = $1 ORDER BY reviewed_at DESC, id DESC LIMIT 100`,
      [serial],
    );
  }

  /** The one write of a review record (its history row and the audit log entry). */
  private async record(m: EntityManager, review: WarningReview): Promise<WarningReview> {
    await this.audit.record(m, {
      action: 'traceability.stamp-warning-clear',
      subject: { type: 'stamp', id: review.serial },
      after: { note: review.note, scanCount: review.scanCount, distinctClients: review.distinctClients, distinctPlaces: review.distinctPlaces },
    });
    await m.query(
      `INSERT INTO trace_warning_reviews (serial, reviewed_by, reviewed_at, note, scan_count, distinct_clients, distinct_places)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [review.serial, review.reviewedBy, review.reviewedAt, review.note, review.scanCount, review.distinctClients, review.distinctPlaces],
    );
    return review;
  }
}
