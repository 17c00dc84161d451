import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

const ZONE = 'Asia/Ho_Chi_Minh';

/** Province-wide scan figures for staff statistics (no enterprise's data is singled out). */
@Injectable()
export class ScanStatistics {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Recorded verifications of stamps per Vietnam calendar day in [from, to] (YYYY-MM-DD), unknown
   * serials included (someone checked a code); repeated reads within one visit were never recorded.
   * Days without scans are left out.
   */
  async perDay(from: string, to: string): Promise<Array<{ day: string; count: number }>> {
    return this.dataSource.query(
      `SELECT to_char(scanned_at AT TIME ZONE '${ZONE}', 'YYYY-MM-DD') AS day, count(*)::int AS count
       FROM trace_stamp_scans
       WHERE scanned_at >= ($1::date::timestamp AT TIME ZONE '${ZONE}') AND scanned_at < (($2::date + 1)::timestamp AT TIME ZONE '${ZONE}')
       GROUP BY 1 ORDER BY 1`,
      [from, to],
    );
  }
}
