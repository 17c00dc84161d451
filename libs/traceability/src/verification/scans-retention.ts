import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RetentionSchedule } from '@tradefloor/core';

/** Retention of stamp scans (time, place, keyed hashes of the client): deleted `RETENTION_DAYS_TRACE_SCANS` after the scan. */
@Injectable()
export class ScansRetention implements OnModuleInit {
  constructor(private readonly retention: RetentionSchedule) {}

  onModuleInit(): void {
    this.retention.register({
      kind: 'trace-scans',
      description: 'Lượt quét tem truy xuất (thời điểm, nơi quét, mã băm thiết bị), tính từ khi quét',
      defaultDays: 365,
      purge: async (olderThan, m) => (await m.query(`DELETE FROM trace_stamp_scans WHERE scanned_at < $1`, [olderThan]))[1] as number,
    });
  }
}
