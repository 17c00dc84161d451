import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, LOGGER, returnedRows, type ResolvedConfig } from '@tradefloor/core';
import { createHash, createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

const HOUR_MS = 3_600_000;
/** Above this many buffered keys a flush starts at once instead of waiting for the timer. */
const MAX_BUFFERED = 50_000;

interface PendingView {
  bulletinId: string;
  visitorHash: string;
  hour: Date;
}

/**
 * "Lượt xem": a visitor (hashed IP + user agent, never stored raw) counts at most once per bulletin
 * per hour. Views are buffered in memory and flushed in one statement every VIEW_FLUSH_INTERVAL_MS:
 * rows go into bulletin_views ON CONFLICT DO NOTHING and only the inserted ones are added to
 * view_count, so de-duplication holds across API replicas and a crash loses one interval at most.
 */
@Injectable()
export class ViewCounter implements OnModuleInit, BeforeApplicationShutdown {
  private buffer = new Map<string, PendingView>();
  private timer?: NodeJS.Timeout;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly secret: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    // A key of its own, derived from the server secret: visitor hashes cannot be reversed by guessing IPs.
    this.secret = createHash('sha256').update(`tradefloor:bulletin-views:${config.jwtSecret}`).digest();
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.viewFlushIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Records a view in memory (no database access). */
  record(bulletinId: string, ip: string, userAgent: string | undefined): void {
    const visitorHash = createHmac('sha256', this.secret).update(`${ip}\n${userAgent ?? ''}`).digest('base64url');
    const now = this.clock.now().getTime();
    const hour = new Date(now - (now % HOUR_MS));
    const key = `${bulletinId}|${visitorHash}|${hour.getTime()}`;
    if (!this.buffer.has(key)) this.buffer.set(key, { bulletinId, visitorHash, hour });
    if (this.buffer.size >= MAX_BUFFERED) void this.flush();
  }

  pending(): number {
    return this.buffer.size;
  }

  /** Writes buffered views; resolves with the number of views that counted. Flushes run one at a time. */
  flush(): Promise<number> {
    const run = this.chain.then(() => this.flushOnce());
    this.chain = run.catch(() => 0);
    return run;
  }

  private async flushOnce(): Promise<number> {
    if (!this.buffer.size) return 0;
    const batch = [...this.buffer.values()];
    this.buffer = new Map();
    try {
      return await this.write(batch);
    } catch (err) {
      // The statement is atomic: nothing of this batch counted, so it goes back for the next flush.
      this.logger.warn({ err, views: batch.length }, 'view flush failed; will retry');
      for (const v of batch) {
        if (this.buffer.size >= MAX_BUFFERED * 2) break;
        this.buffer.set(`${v.bulletinId}|${v.visitorHash}|${v.hour.getTime()}`, v);
      }
      return 0;
    }
  }

  /** Deletes de-duplication rows older than the hour window that can still matter. */
  async purgeOlderThan(hours: number): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - hours * HOUR_MS);
    return returnedRows(await this.dataSource.query(`DELETE FROM bulletin_views WHERE hour < $1 RETURNING 1`, [cutoff])).length;
  }

  private async write(batch: PendingView[]): Promise<number> {
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS t(bulletin_id, visitor_hash, hour)
       ), inserted AS (
         INSERT INTO bulletin_views (bulletin_id, visitor_hash, hour)
         SELECT i.bulletin_id, i.visitor_hash, i.hour FROM input i JOIN bulletins b ON b.id = i.bulletin_id
         ON CONFLICT DO NOTHING
         RETURNING bulletin_id
       ), counted AS (
         UPDATE bulletins b SET view_count = b.view_count + c.n
         FROM (SELECT bulletin_id, count(*) AS n FROM inserted GROUP BY bulletin_id) c
         WHERE b.id = c.bulletin_id
         RETURNING c.n
       )
       SELECT coalesce(sum(n), 0)::bigint AS n FROM counted`,
      [batch.map((v) => v.bulletinId), batch.map((v) => v.visitorHash), batch.map((v) => v.hour)],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
