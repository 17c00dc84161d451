import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returnedRows } from '../database/query-rows';
import { RateLimiter } from '../database/rate-limiter.service';
import { JobRegistry } from './job-registry';

export const PURGE_JOBS_QUEUE = 'core.purge-jobs';
/** Hourly: rate-limit buckets whose window has passed (issue 18 §8: they only grew). */
export const PURGE_RATE_LIMITS_QUEUE = 'core.purge-rate-limits';
/** Completed jobs are kept this long for inspection, then deleted; dead jobs are kept until retried or removed by hand. */
export const COMPLETED_JOB_RETENTION_DAYS = 7;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const PURGE_BATCH = 10_000;

/** Keeps the jobs table small: an hourly recurring job deletes old completed jobs in batches. */
@Injectable()
export class JobMaintenance implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
    private readonly limiter: RateLimiter,
  ) {}

  onModuleInit(): void {
    this.registry.register(PURGE_JOBS_QUEUE, () => this.purgeCompleted().then(() => undefined), { concurrency: 1, maxAttempts: 3 });
    this.registry.every(PURGE_JOBS_QUEUE, PURGE_INTERVAL_MS, PURGE_JOBS_QUEUE);
    this.registry.register(PURGE_RATE_LIMITS_QUEUE, () => this.limiter.purgeExpired().then(() => undefined), { concurrency: 1, maxAttempts: 3 });
    this.registry.every(PURGE_RATE_LIMITS_QUEUE, PURGE_INTERVAL_MS, PURGE_RATE_LIMITS_QUEUE);
  }

  /** Deletes completed jobs older than the retention period; returns how many. */
  async purgeCompleted(retentionDays = COMPLETED_JOB_RETENTION_DAYS): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = returnedRows(
        await this.dataSource.query(
          `DELETE FROM jobs WHERE id IN (
           SELECT id FROM jobs WHERE status = 'completed' AND completed_at < now() - make_interval(days => $1)
           LIMIT $2)
         RETURNING id`,
          [retentionDays, PURGE_BATCH],
        ),
      );
      total += rows.length;
      if (rows.length < PURGE_BATCH) return total;
    }
  }
}
