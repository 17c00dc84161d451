import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews, type ProductView } from '@tradefloor/catalog';
import { APP_CONFIG, JobQueue, returnedRows, type ResolvedConfig } from '@tradefloor/core';
import type { DataSource, EntityManager } from 'typeorm';
import { pushChannel } from '../channels/registry';
import type { ChannelSettings } from '../channels/channel.types';
import { LISTING_QUEUE, type ListingRow } from './listing-row';
import { buildOutbound, contentHash } from './outbound';

/**
 * Decides which listings need a job and enqueues ONE per listing (dedupe key = listing id, so
 * queued updates coalesce and the handler pushes whatever is current when it runs); a listing
 * whose job is running is flagged for that job to sync again instead (one job chain per listing).
 */
@Injectable()
export class ListingScheduler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly views: ProductViews,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** Enqueue unconditionally (selection changes, retries, reconnects). */
  async enqueue(manager: EntityManager, listingIds: string[], options: { verify?: boolean; markQueued?: boolean } = {}): Promise<void> {
    if (!listingIds.length) return;
    if (options.markQueued !== false) {
      await manager.query(
        `UPDATE listings SET state = CASE WHEN state = 'syncing' THEN state ELSE 'queued' END, dead_lettered_at = NULL, updated_at = now() WHERE id = ANY($1::uuid[])`,
        [listingIds],
      );
    }
    // A listing whose job is running (live lease) gets no second job: the flag makes that job sync
    // again, with the then-current product, in the UPDATE that releases the lease (ListingSyncHandler).
    const busy = new Set(
      returnedRows<{ id: string }>(
        await manager.query(`UPDATE listings SET resync_requested = true WHERE id = ANY($1::uuid[]) AND lease_until > clock_timestamp() RETURNING id`, [
          listingIds,
        ]),
      ).map((r) => r.id),
    );
    for (const id of listingIds) {
      if (busy.has(id)) continue;
      await this.jobs.enqueue(
        manager,
        LISTING_QUEUE,
        { listingId: id, ...(options.verify ? { verify: true } : {}) },
        { dedupeKey: id, maxAttempts: this.config.partnerSync.maxAttempts },
      );
    }
  }

  /** Compares each listing of these products with the current product state; enqueues those out of date. */
  async reviewProducts(productIds: string[]): Promise<number> {
    if (!productIds.length) return 0;
    const listings: Array<ListingRow & { settings: ChannelSettings | null; conn_status: string | null }> = await this.dataSource.query(
      `SELECT l.*, c.settings, c.status AS conn_status FROM listings l
       LEFT JOIN channel_connections c ON c.enterprise_id = l.enterprise_id AND c.channel = l.channel
       WHERE l.product_id = ANY($1::uuid[])`,
      [productIds],
    );
    if (!listings.length) return 0;
    const views = new Map((await this.views.load([...new Set(listings.map((l) => l.product_id))])).map((v) => [v.id, v]));
    const stale = listings.filter((l) => this.outOfDate(l, views.get(l.product_id), l.settings ?? {}, l.conn_status)).map((l) => l.id);
    for (let i = 0; i < stale.length; i += 500) {
      const chunk = stale.slice(i, i + 500);
      await this.dataSource.transaction((m) => this.enqueue(m, chunk));
    }
    return stale.length;
  }

  private outOfDate(l: ListingRow, view: ProductView | undefined, settings: ChannelSettings, connStatus: string | null): boolean {
    const channel = pushChannel(l.channel);
    if (!channel || connStatus !== 'active') return false;
    const wantListed = l.selected && !!view?.visible;
    if (!wantListed) return l.state !== 'delisted' || (l.external_id !== null && l.remote_status !== 'unlisted');
    if (l.state !== 'listed') return true; // includes rejected: an edit may have fixed the problem
    const built = buildOutbound(view!, settings, channel, this.config.publicBaseUrl);
    if (!built.ok) return true;
    return (
      l.pushed_hash !== contentHash(built.item) ||
      Number(l.pushed_price) !== built.item.priceVnd ||
      l.pushed_stock !== built.item.stock ||
      l.remote_status === 'unlisted'
    );
  }
}
