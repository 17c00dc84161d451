import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, LOGGER, PageCache, returnedRows, WriteBehindBuffer, type ResolvedConfig } from '@tradefloor/core';
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
 * view_count and to the Vietnam day's row of bulletin_view_days, so de-duplication holds across API
 * replicas and a crash loses one interval at most. bulletin_views is purged after a few hours;
 * bulletin_view_days keeps the history (statistics).
 */
@Injectable()
export class ViewCounter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly buffer: WriteBehindBuffer<PendingView>;
  private readonly secret: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: ResolvedConfig,
    @Inject(LOGGER) logger: Logger,
    private readonly pageCache: PageCache,
  ) {
    // A key of its own, derived from the server secret: visitor hashes cannot be reversed by guessing IPs.
    this.secret = createHash('sha256').update(`tradefloor:bulletin-views:${config.jwtSecret}`).digest();
    this.buffer = new WriteBehindBuffer<PendingView>({
      name: 'bulletin views',
      intervalMs: config.viewFlushIntervalMs,
      maxEntries: MAX_BUFFERED,
      merge: (buffered, incoming) => buffered ?? incoming,
      write: (batch) => this.write(batch),
      logger,
    });
  }

  onModuleInit(): void {
    this.buffer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.buffer.stop();
  }

  /** Records a view in memory (no database access). */
  record(bulletinId: string, ip: string, userAgent: string | undefined): void {
    const visitorHash = createHmac('sha256', this.secret)
      .update(`${ip}\n${userAgent ?? ''}`)
      .digest('base64url');
    const now = this.clock.now().getTime();
    const hour = new Date(now - (now % HOUR_MS));
    this.buffer.add(`${bulletinId}|${visitorHash}|${hour.getTime()}`, { bulletinId, visitorHash, hour });
  }

  pending(): number {
    return this.buffer.size();
  }

  /** Writes buffered views; resolves with the number of views that counted. Flushes run one at a time. */
  flush(): Promise<number> {
    return this.buffer.flush();
  }

  /** Deletes de-duplication rows older than the hour window that can still matter. */
  async purgeOlderThan(hours: number): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - hours * HOUR_MS);
    return returnedRows(await this.dataSource.query(`DELETE FROM bulletin_views WHERE hour < $1 RETURNING 1`, [cutoff])).length;
  }

  /** Counted views of all bulletins per Vietnam calendar day in [from, to] (YYYY-MM-DD); days without views are left out. */
  async perDay(from: string, to: string): Promise<Array<{ day: string; count: number }>> {
    return this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(views)::int AS count FROM bulletin_view_days
       WHERE day BETWEEN $1::date AND $2::date GROUP BY day ORDER BY day`,
      [from, to],
    );
  }

  private async write(batch: PendingView[]): Promise<number> {
    // Vietnam has no daylight saving and a whole-hour offset, so each UTC hour lies within one Vietnam day.
    const rows: Array<{ n: string; ids: string[] | null }> = await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS t(bulletin_id, visitor_hash, hour)
       ), inserted AS (
         INSERT INTO bulletin_views (bulletin_id, visitor_hash, hour)
         SELECT i.bulletin_id, i.visitor_hash, i.hour FROM input i JOIN bulletins b ON b.id = i.bulletin_id
         ON CONFLICT DO NOTHING
         RETURNING bulletin_id, hour
       ), counted AS (
         UPDATE bulletins b SET view_count = b.view_count + c.n
         FROM (SELECT bulletin_id, count(*) AS n FROM inserted GROUP BY bulletin_id) c
         WHERE b.id = c.bulletin_id
         RETURNING b.id, c.n
       ), days AS (
         INSERT INTO bulletin_view_days (bulletin_id, day, views)
         SELECT bulletin_id, (hour AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, count(*) FROM inserted GROUP BY 1, 2
         ON CONFLICT (bulletin_id, day) DO UPDATE SET views = bulletin_view_days.views + EXCLUDED.views
       )
       SELECT coalesce(sum(n), 0)::bigint AS n, array_agg(id) AS ids FROM counted`,
      [batch.map((v) => v.bulletinId), batch.map((v) => v.visitorHash), batch.map((v) => v.hour)],
    );
    // The bulletin page shows its count: cached copies are re-rendered at most once per flush.
    const ids = rows[0]?.ids ?? [];
    if (ids.length)
      await this.pageCache.invalidateTags(
        this.dataSource.manager,
        ids.map((id) => `bulletin:${id}`),
      );
    return Number(rows[0]?.n ?? 0);
  }
}
