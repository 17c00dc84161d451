import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Certification } from '@tradefloor/catalog';
import type { DataSource } from 'typeorm';
import type { ScanFingerprint } from './scan-fingerprint';
import { verdictOf, type IssuerStanding, type ScanCounters, type StampState, type Thresholds, type Verdict } from './verdict';

export interface StampForScan extends ScanCounters {
  serial: string;
  state: StampState;
  activatedAt: Date | null;
  revokedAt: Date | null;
  scanCount: number;
  firstScannedAt: Date | null;
  batchId: string;
  productId: string;
  enterpriseId: string;
  lotCode: string;
  gtin14: string | null;
  /** Whether the batch's enterprise holds the confirmed claim on its GTIN (false without a GTIN). */
  gtinConfirmed: boolean;
  /** Whether the scanning client already read this stamp within SAME_VISIT_MS (its scan will not count again). */
  seenThisVisit: boolean;
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

function countersOf(r: { distinct_clients: number; distinct_places: number; warn_base_clients: number; warn_base_places: number }): ScanCounters {
  return {
    distinctClients: r.distinct_clients,
    distinctPlaces: r.distinct_places,
    warnBaseClients: r.warn_base_clients,
    warnBasePlaces: r.warn_base_places,
  };
}

/** Database side of public verification: the one stamp lookup, and recording scans. */
@Injectable()
export class ScanStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The stamp, its batch and whether the client (under any of its `visitClientHashes`) read it since
   * `visitSince`, in one round trip: a reload (the usual repeat) is then answered without a transaction.
   */
  async findStamp(serial: string, fp: Pick<ScanFingerprint, 'visitClientHashes' | 'visitSince'>): Promise<StampForScan | null> {
    const [r] = await this.dataSource.query(
      `SELECT s.serial, s.state, s.activated_at, s.revoked_at, s.scan_count, s.distinct_places, s.first_scanned_at,
              s.distinct_clients, s.warn_base_clients, s.warn_base_places,
              EXISTS (SELECT 1 FROM trace_gtin_claims c WHERE c.gtin14 = b.gtin14 AND c.enterprise_id = b.enterprise_id AND c.status = 'confirmed')
                AS gtin_confirmed,
              EXISTS (SELECT 1 FROM trace_stamp_scans r WHERE r.serial = s.serial AND r.client_hash = ANY($2) AND r.scanned_at > $3) AS seen_this_visit,
              b.id AS batch_id, b.product_id, b.enterprise_id, b.lot_code, b.gtin14, to_char(b.produced_at, 'YYYY-MM-DD') AS produced_at,
              to_char(b.expires_at, 'YYYY-MM-DD') AS expires_at, b.unit, b.origin_commune_code, b.certifications
       FROM trace_stamps s JOIN trace_batches b ON b.id = s.batch_id WHERE s.serial = $1`,
      [serial, fp.visitClientHashes, fp.visitSince],
    );
    if (!r) return null;
    return {
      serial: r.serial,
      state: r.state,
      activatedAt: r.activated_at,
      revokedAt: r.revoked_at,
      scanCount: r.scan_count,
      ...countersOf(r),
      firstScannedAt: r.first_scanned_at,
      gtinConfirmed: r.gtin_confirmed,
      seenThisVisit: r.seen_this_visit,
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
   * Counts a scan of a known stamp unless the same client (whatever its user agent) already read it
   * within SAME_VISIT_MS. A client or place not seen before for this stamp raises its distinct
   * counters, which the warning weighs. The stamp row is locked so concurrent scans of one stamp
   * count one at a time.
   */
  async recordStampScan(
    stamp: StampForScan,
    fp: ScanFingerprint,
    channel: 'html' | 'api',
    now: Date,
    thresholds: Thresholds,
    standing: IssuerStanding,
  ): Promise<CountedScan & { verdict: Verdict }> {
    return this.dataSource.transaction(async (m) => {
      const [locked] = await m.query(
        `SELECT state, scan_count, distinct_places, distinct_clients, warn_base_clients, warn_base_places, first_scanned_at
         FROM trace_stamps WHERE serial = $1 FOR UPDATE`,
        [stamp.serial],
      );
      // Checked again under the row lock: the same client's concurrent first scans count once.
      const [seen] = await m.query(
        `SELECT EXISTS (SELECT 1 FROM trace_stamp_scans WHERE serial = $1 AND client_hash = ANY($5) AND scanned_at > $3) AS recent,
                EXISTS (SELECT 1 FROM trace_stamp_scans WHERE serial = $1 AND client_hash = $2) AS client,
                $4::text IS NOT NULL AND EXISTS (SELECT 1 FROM trace_stamp_scans WHERE serial = $1 AND place = $4) AS place`,
        [stamp.serial, fp.clientHash, fp.visitSince, fp.place, fp.visitClientHashes],
      );
      if (seen.recent) {
        return {
          scanCount: locked.scan_count,
          distinctPlaces: locked.distinct_places,
          firstScannedAt: locked.first_scanned_at,
          counted: false,
          verdict: verdictOf(locked.state, countersOf(locked), thresholds, standing),
        };
      }
      const seenClient = seen.client as boolean;
      const newPlace = fp.place !== null && !seen.place;
      // UPDATE … RETURNING answers [rows, affected] through TypeORM.
      const [[updated]] = await m.query(
        `UPDATE trace_stamps SET scan_count = scan_count + 1, distinct_places = distinct_places + $2, distinct_clients = distinct_clients + $4,
                first_scanned_at = COALESCE(first_scanned_at, $3), last_scanned_at = $3
         WHERE serial = $1
         RETURNING scan_count, distinct_places, distinct_clients, warn_base_clients, warn_base_places, first_scanned_at`,
        [stamp.serial, newPlace ? 1 : 0, now, seenClient ? 0 : 1],
      );
      const verdict = verdictOf(locked.state, countersOf(updated), thresholds, standing);
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
       WHERE NOT EXISTS (SELECT 1 FROM trace_stamp_scans WHERE claimed_serial = $1 AND client_hash = ANY($9) AND scanned_at > $8)`,
      [serial, claimedBatchId, channel, now, fp.place, fp.uaHash, fp.clientHash, fp.visitSince, fp.visitClientHashes],
    );
  }

  /**
   * The batch a Digital Link names by GTIN and lot, to attribute a fake serial to the brand it
   * imitates: only a batch of the enterprise holding the confirmed claim on that GTIN, so that a
   * seller who copied someone's GTIN never sees (nor is blamed for) the rightful owner's fakes.
   */
  async batchIdByGtinLot(gtin14: string, lotCode: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT b.id FROM trace_batches b
       JOIN trace_gtin_claims c ON c.gtin14 = b.gtin14 AND c.enterprise_id = b.enterprise_id AND c.status = 'confirmed'
       WHERE b.gtin14 = $1 AND b.lot_code = $2 LIMIT 1`,
      [gtin14, lotCode],
    );
    return row?.id ?? null;
  }
}
