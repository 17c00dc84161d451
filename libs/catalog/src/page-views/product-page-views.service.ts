import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, LOGGER, vietnamDate, WriteBehindBuffer, type ResolvedConfig } from '@tradefloor/core';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/** Above this many buffered (product, day) keys a flush starts at once. */
const MAX_BUFFERED = 50_000;

interface DayCount {
  productId: string;
  day: string;
  views: number;
}

/**
 * Product page views per Vietnam calendar day, for the statistics dashboard. A view is counted in
 * memory (no database access on the request path) and the counts are added to product_view_days in
 * one statement every VIEW_FLUSH_INTERVAL_MS, and on shutdown. These are page loads, not distinct
 * visitors (bulletin views de-duplicate visitors; product pages are far more numerous).
 */
@Injectable()
export class ProductPageViews implements OnModuleInit, BeforeApplicationShutdown {
  private readonly buffer: WriteBehindBuffer<DayCount>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: ResolvedConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.buffer = new WriteBehindBuffer<DayCount>({
      name: 'product page views',
      intervalMs: config.viewFlushIntervalMs,
      maxEntries: MAX_BUFFERED,
      merge: (buffered, incoming) => (buffered ? { ...buffered, views: buffered.views + incoming.views } : incoming),
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

  record(productId: string): void {
    const day = vietnamDate(this.clock.now());
    this.buffer.add(`${productId}|${day}`, { productId, day, views: 1 });
  }

  pending(): number {
    return this.buffer.size();
  }

  /** Writes the buffered counts; resolves with the number of views written. */
  flush(): Promise<number> {
    return this.buffer.flush();
  }

  /** Views of all product pages per day in [from, to] (YYYY-MM-DD); days without views are left out. */
  async perDay(from: string, to: string): Promise<Array<{ day: string; count: number }>> {
    return this.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(views)::int AS count FROM product_view_days
       WHERE day BETWEEN $1::date AND $2::date GROUP BY day ORDER BY day`,
      [from, to],
    );
  }

  private async write(batch: DayCount[]): Promise<number> {
    // Joined with products so a product deleted meanwhile drops its counts instead of failing the batch.
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `WITH input AS (
         SELECT i.product_id, i.day, i.views
         FROM unnest($1::uuid[], $2::date[], $3::int[]) AS i(product_id, day, views) JOIN products p ON p.id = i.product_id
       ), written AS (
         INSERT INTO product_view_days (product_id, day, views) SELECT product_id, day, views FROM input
         ON CONFLICT (product_id, day) DO UPDATE SET views = product_view_days.views + EXCLUDED.views
       )
       SELECT coalesce(sum(views), 0)::bigint AS n FROM input`,
      [batch.map((v) => v.productId), batch.map((v) => v.day), batch.map((v) => v.views)],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
