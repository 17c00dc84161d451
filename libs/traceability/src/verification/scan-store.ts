import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Certification } from '@tradefloor/catalog';
import type { DataSource } from 'typeorm';
import type { ScanFingerprint } from './scan-fingerprint';

export type StampState = 'issued' | 'activated' | 'revoked';
export type Verdict = 'genuine' | 'warning' | 'unknown' | 'revoked';

export interface StampForScan {
  serial: string;
  state: StampState;
  activatedAt: Date | null;
  revokedAt: Date | null;
  scanCount: number;
  distinctPlaces: number;
  firstScannedAt: Date | null;
  batchId: string;
  productId: string;
  enterpriseId: string;
  lotCode: string;
  gtin14: string | null;
  producedAt: string;
  expiresAt: string | null;
  unit: string;
  originCommuneCode: string | null;
  certifications: Certification[];
}

export interface CountedScan {
  scanCount: number;
  distinctPlaces: number;
  firstScannedAt: Date | null;
  counted: boolean;
}

export interface Thresholds {
  warnScans: number;
  warnPlaces: number;
}

/** One visit may reload the page or open it from app and browser: repeated reads within this window count once. */
export const SAME_VISIT_MS = 10 * 60_000;

export function verdictOf(state: StampState, scanCount: number, distinctPlaces: number, t: Thresholds): Verdict {
  if (state === 'revoked') return 'revoked';
  if (scanCount > t.warnScans || distinctPlaces > t.warnPlaces) return 'warning';
  return 'genuine';
}

/** Database side of public verification: the one stamp lookup, and recording scans. */
@Injectable()
export class ScanStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findStamp(serial: string): Promise<StampForScan | null> {
    const [r] = await this.dataSource.query(
      `SELECT s.serial, s.state, s.activated_at, s.revoked_at, s.scan_count, s.distinct_places, s.first_scanned_at,
              b.id AS batch_id, b.product_id, b.enterprise_id, b.lot_code, b.gtin14, to_char(b.produced_at, 'YYYY-MM-DD') AS produced_at,
              to_char(b.expires_at, 'YYYY-MM-DD') AS expires_at, b.unit, b.origin_commune_code, b.certifications
       FROM trace_stamps s JOIN trace_batches b ON b.id = s.batch_id WHERE s.serial = $1`,
      [serial],
    );
    if (!r) return null;
    return {
      serial: r.serial,
      state: r.state,
      activatedAt: r.activated_at,
      revokedAt: r.revoked_at,
      scanCount: r.scan_count,
      distinctPlaces: r.distinct_places,
      firstScannedAt: r.first_scanned_at,
      batchId: r.batch_id,
      productId: r.product_id,
      enterpriseId: r.enterprise_id,
      lotCode: r.lot_code,
      gtin14: r.gtin14,
      producedAt: r.produced_at,
      expiresAt: r.expires_at,
      unit: r.unit,
      originCommuneCode: r.origin_commune_code,
      certifications: r.certifications,
    };
  }

  /**
   * Counts a scan of a known stamp unless the same client already read it within SAME_VISIT_MS.
   * The stamp row is locked so concurrent scans of one stamp count and place-check one at a time.
   */
  async recordStampScan(
    stamp: StampForScan,
    fp: ScanFingerprint,
    channel: 'html' | 'api',
    now: Date,
    thresholds: Thresholds,
  ): Promise<CountedScan & { verdict: Verdict }> {
    return this.dataSource.transaction(async (m) => {
      const [locked] = await m.query(`SELECT state, scan_count, distinct_places, first_scanned_at FROM trace_stamps WHERE serial = $1 FOR UPDATE`, [
        stamp.serial,
      ]);
      const [recent] = await m.query(
        `SELECT 1 FROM trace_stamp_scans WHERE serial = $1 AND client_hash = $2 AND ua_hash IS NOT DISTINCT FROM $3 AND scanned_at > $4 LIMIT 1`,
        [stamp.serial, fp.clientHash, fp.uaHash, new Date(now.getTime() - SAME_VISIT_MS)],
      );
      if (recent) {
        return {
          scanCount: locked.scan_count,
          distinctPlaces: locked.distinct_places,
          firstScannedAt: locked.first_scanned_at,
          counted: false,
          verdict: verdictOf(locked.state, locked.scan_count, locked.distinct_places, thresholds),
        };
      }
      let newPlace = false;
      if (fp.place) {
        const [seen] = await m.query(`SELECT 1 FROM trace_stamp_scans WHERE serial = $1 AND place = $2 LIMIT 1`, [stamp.serial, fp.place]);
        newPlace = !seen;
      }
      // UPDATE … RETURNING answers [rows, affected] through TypeORM.
      const [[updated]] = await m.query(
        `UPDATE trace_stamps SET scan_count = scan_count + 1, distinct_places = distinct_places + $2,
                first_scanned_at = COALESCE(first_scanned_at, $3), last_scanned_at = $3
         WHERE serial = $1 RETURNING scan_count, distinct_places, first_scanned_at`,
        [stamp.serial, newPlace ? 1 : 0, now],
      );
      const verdict = verdictOf(locked.state, updated.scan_count, updated.distinct_places, thresholds);
      await m.query(
        `INSERT INTO trace_stamp_scans (serial, batch_id, outcome, channel, scanned_at, place, ua_hash, client_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [stamp.serial, stamp.batchId, verdict, channel, now, fp.place, fp.uaHash, fp.clientHash],
      );
      return {
        scanCount: updated.scan_count,
        distinctPlaces: updated.distinct_places,
        firstScannedAt: updated.first_scanned_at,
        counted: true,
        verdict,
      };
    });
  }

  /** Records a well-formed serial that matches no stamp (or not the GTIN/lot it was presented with). */
  async recordUnknownScan(serial: string, claimedBatchId: string | null, fp: ScanFingerprint, channel: 'html' | 'api', now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO trace_stamp_scans (claimed_serial, batch_id, outcome, channel, scanned_at, place, ua_hash, client_hash)
       SELECT $1, $2, 'unknown', $3, $4, $5, $6, $7
       WHERE NOT EXISTS (SELECT 1 FROM trace_stamp_scans WHERE claimed_serial = $1 AND client_hash = $7 AND scanned_at > $8)`,
      [serial, claimedBatchId, channel, now, fp.place, fp.uaHash, fp.clientHash, new Date(now.getTime() - SAME_VISIT_MS)],
    );
  }

  /** The batch a Digital Link names by GTIN and lot (to attribute a fake serial to the brand it imitates). */
  async batchIdByGtinLot(gtin14: string, lotCode: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT id FROM trace_batches WHERE gtin14 = $1 AND lot_code = $2 LIMIT 1`, [gtin14, lotCode]);
    return row?.id ?? null;
  }
}
