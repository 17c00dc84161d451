import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, ValidationFailedError, vietnamDate, type AppConfig } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { BatchAccess } from '../batches/batch-access.service';
import { overThresholdsSql } from '../verification/verdict';
import type { AnomaliesDto, BatchStampTotalsDto, ScanSeriesDto, ScanSeriesQueryDto, StampRangesDto } from './dashboard.dto';

const ZONE = 'Asia/Ho_Chi_Minh';
const DAY_MS = 86_400_000;
const MAX_DAYS = 366;
/** Runs listed per batch: a roll revoked here and there stays readable; beyond that the totals tell. */
const MAX_RANGES = 200;

/** Owner dashboard data: scans of a batch over time, and an enterprise's anomalies. */
@Injectable()
export class TraceabilityDashboard {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly batches: BatchAccess,
    private readonly enterprises: EnterpriseAccess,
    private readonly clock: Clock,
  ) {}

  async scanSeries(principal: Principal, batchId: string, query: ScanSeriesQueryDto): Promise<ScanSeriesDto> {
    const { batch } = await this.batches.assertCanManage(principal, batchId);
    const bucket = query.bucket ?? 'day';
    const to = query.to ?? vietnamDate(this.clock.now());
    const from = query.from ?? vietnamDate(new Date(new Date(`${to}T00:00:00Z`).getTime() - 29 * DAY_MS));
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
    if (!(days >= 0)) throw ValidationFailedError.field('to', 'to phải sau from (to must not precede from)');
    if (days > MAX_DAYS) throw ValidationFailedError.field('from', `Tối đa ${MAX_DAYS} ngày (at most ${MAX_DAYS} days)`);

    const series = await this.dataSource.query(
      `SELECT date_trunc($2, scanned_at AT TIME ZONE '${ZONE}') AT TIME ZONE '${ZONE}' AS start,
              count(*)::int AS scans,
              count(*) FILTER (WHERE outcome = 'genuine')::int AS genuine,
              count(*) FILTER (WHERE outcome = 'warning')::int AS warning,
              count(*) FILTER (WHERE outcome = 'revoked')::int AS revoked,
              count(*) FILTER (WHERE outcome = 'unknown')::int AS unknown,
              count(DISTINCT client_hash)::int AS clients
       FROM trace_stamp_scans
       WHERE batch_id = $1 AND scanned_at >= ($3::date::timestamp AT TIME ZONE '${ZONE}')
         AND scanned_at < (($4::date + 1)::timestamp AT TIME ZONE '${ZONE}')
       GROUP BY 1 ORDER BY 1`,
      [batch.id, bucket, from, to],
    );
    return { batchId: batch.id, bucket, from, to, totals: await this.totals(batch.id), series };
  }

  /**
   * The batch's stamps as runs of consecutive seqs in one state ("1–500 activated, 501 revoked, …"):
   * the printed rolls an owner activates or revokes. A run starts where the state differs from the
   * previous seq's; `lag() OVER (ORDER BY seq)` reads the (batch_id, seq) index in order, so even a
   * million stamps need no sort. Seqs are contiguous (1…n), so a run ends where the next one starts.
   */
  async stampRanges(principal: Principal, batchId: string): Promise<StampRangesDto> {
    const { batch } = await this.batches.assertCanManage(principal, batchId);
    const rows: Array<{ state: string; fromSeq: number; toSeq: number }> = await this.dataSource.query(
      `SELECT state, seq AS "fromSeq",
              COALESCE(lead(seq) OVER (ORDER BY seq) - 1, (SELECT max(seq) FROM trace_stamps WHERE batch_id = $1)) AS "toSeq"
       FROM (SELECT seq, state, lag(state) OVER (ORDER BY seq) AS previous FROM trace_stamps WHERE batch_id = $1) s
       WHERE previous IS DISTINCT FROM state
       ORDER BY seq LIMIT $2`,
      [batch.id, MAX_RANGES + 1],
    );
    const items = rows.slice(0, MAX_RANGES).map((r) => ({ ...r, count: r.toSeq - r.fromSeq + 1 }));
    return { batchId: batch.id, totals: await this.totals(batch.id), items, truncated: rows.length > MAX_RANGES };
  }

  async anomalies(principal: Principal, enterpriseId: string): Promise<AnomaliesDto> {
    const enterprise = await this.enterprises.assertCanManage(principal, enterpriseId);
    const warningStamps = await this.dataSource.query(
      `SELECT s.serial, s.batch_id AS "batchId", b.lot_code AS "lotCode", s.state, s.scan_count AS "scanCount",
              s.distinct_clients AS "distinctClients", s.distinct_places AS "distinctPlaces", s.last_scanned_at AS "lastScannedAt"
       FROM trace_stamps s JOIN trace_batches b ON b.id = s.batch_id
       WHERE b.enterprise_id = $1 AND s.scan_count > 1 AND s.state <> 'revoked' AND ${overThresholdsSql('$2', '$3')}
       ORDER BY s.last_scanned_at DESC NULLS LAST LIMIT 100`,
      [enterprise.id, this.config.stampWarnScans, this.config.stampWarnPlaces],
    );
    const scans = (outcome: 'revoked' | 'unknown') =>
      this.dataSource.query(
        `SELECT COALESCE(sc.serial, sc.claimed_serial) AS serial, sc.batch_id AS "batchId", b.lot_code AS "lotCode",
                sc.scanned_at AS "scannedAt", sc.place
         FROM trace_stamp_scans sc JOIN trace_batches b ON b.id = sc.batch_id
         WHERE b.enterprise_id = $1 AND sc.outcome = $2
         ORDER BY sc.scanned_at DESC LIMIT 100`,
        [enterprise.id, outcome],
      );
    return { warningStamps, revokedScans: await scans('revoked'), unknownScans: await scans('unknown') };
  }

  private async totals(batchId: string): Promise<BatchStampTotalsDto> {
    const [totals] = await this.dataSource.query(
      `SELECT count(*)::int AS issued,
              count(*) FILTER (WHERE state = 'activated')::int AS activated,
              count(*) FILTER (WHERE state = 'revoked')::int AS revoked,
              count(*) FILTER (WHERE scan_count > 0)::int AS scanned,
              count(*) FILTER (WHERE state <> 'revoked' AND ${overThresholdsSql('$2', '$3')})::int AS warning
       FROM trace_stamps s WHERE batch_id = $1`,
      [batchId, this.config.stampWarnScans, this.config.stampWarnPlaces],
    );
    return totals;
  }
}
