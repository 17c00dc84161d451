import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductAccess, ProductViews } from '@tradefloor/catalog';
import { InvalidStateError, isUuid, NotFoundError } from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseViews } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { channelByName, pushChannel } from '../channels/registry';
import type { ListingRow } from '../engine/listing-row';
import { ListingScheduler } from '../engine/listing-scheduler';
import type { EnterpriseListingDto, EnterpriseListingPageDto, ListingDto, ListingFilter, SyncOverviewDto } from '../dto/listing.dto';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** What a person may retry: dead letters, and listings the partner rejected or that failed. */
const isRetryable = (r: Pick<ListingRow, 'dead_lettered_at' | 'state'>) => r.dead_lettered_at !== null || r.state === 'rejected' || r.state === 'failed';

/** Listing reads for owners and admins, manual retry, and the admin overview. */
@Injectable()
export class ListingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductAccess,
    private readonly enterprises: EnterpriseAccess,
    private readonly views: ProductViews,
    private readonly scheduler: ListingScheduler,
    private readonly enterpriseViews: EnterpriseViews,
  ) {}

  /**
   * How many of these products' items are still live on a marketplace (created there and not
   * confirmed unlisted) — a takedown is complete on the partner side when this is 0.
   */
  async liveOnMarketplaces(productIds: string[]): Promise<number> {
    if (!productIds.length) return 0;
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM listings
       WHERE product_id = ANY($1::uuid[]) AND (external_id IS NOT NULL OR create_started_at IS NOT NULL) AND coalesce(remote_status, 'active') NOT IN ('unlisted', 'deleted')`,
      [productIds],
    );
    return n;
  }

  async forProduct(principal: Principal, productId: string): Promise<ListingDto[]> {
    await this.products.assertCanManage(principal, productId);
    const rows: ListingRow[] = await this.dataSource.query(`SELECT * FROM listings WHERE product_id = $1 ORDER BY channel`, [productId]);
    return Promise.all(rows.map((r) => this.toDto(r)));
  }

  /** An enterprise's listings, newest change first, optionally of one channel and one state (or `dead`). */
  async forEnterprise(
    principal: Principal,
    enterpriseId: string,
    q: { channel?: string; state?: ListingFilter; page: number; pageSize: number },
  ): Promise<EnterpriseListingPageDto> {
    await this.enterprises.assertCanManage(principal, enterpriseId);
    const where = ['enterprise_id = $1'];
    const params: unknown[] = [enterpriseId];
    if (q.channel) where.push(`channel = $${params.push(q.channel)}`);
    if (q.state === 'dead') where.push('dead_lettered_at IS NOT NULL');
    else if (q.state) where.push(`state = $${params.push(q.state)}`);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM listings WHERE ${where.join(' AND ')}`, params);
    const rows: ListingRow[] = await this.dataSource.query(
      `SELECT * FROM listings WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { total, page: q.page, pageSize: q.pageSize, items: await this.tableRows(rows) };
  }

  /**
   * Items a disconnect could not take off the marketplace (still live there, no longer managed by
   * us), so the seller can remove them by hand; at most `limit`, most recent first.
   */
  async leftOnMarketplace(principal: Principal, enterpriseId: string, channel: string, limit = 100): Promise<EnterpriseListingDto[]> {
    await this.enterprises.assertCanManage(principal, enterpriseId);
    const rows: ListingRow[] = await this.dataSource.query(
      `SELECT * FROM listings WHERE enterprise_id = $1 AND channel = $2 AND unlist_failed_at IS NOT NULL ORDER BY unlist_failed_at DESC, id LIMIT $3`,
      [enterpriseId, channel, limit],
    );
    return this.tableRows(rows);
  }

  private async tableRows(rows: ListingRow[]): Promise<EnterpriseListingDto[]> {
    const products = new Map((await this.views.load(rows.map((r) => r.product_id))).map((v) => [v.id, v]));
    return rows.map((r) => ({
      id: r.id,
      productId: r.product_id,
      productName: products.get(r.product_id)?.name ?? '',
      productSku: products.get(r.product_id)?.sku ?? '',
      channel: r.channel,
      selected: r.selected,
      state: r.state,
      externalUrl: r.external_url,
      errorClass: r.error_class,
      lastError: r.last_error,
      deadLettered: r.dead_lettered_at !== null,
      retryable: isRetryable(r),
      lastSyncedAt: iso(r.last_synced_at),
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  /** Where buyers can also find the product: live listings with a public URL, for its storefront page. */
  async publicLinks(productId: string): Promise<Array<{ channel: string; displayName: string; url: string }>> {
    if (!isUuid(productId)) return [];
    const rows: Array<{ channel: string; external_url: string }> = await this.dataSource.query(
      `SELECT channel, external_url FROM listings
       WHERE product_id = $1 AND selected AND state = 'listed' AND external_url LIKE 'https://%' ORDER BY channel`,
      [productId],
    );
    return rows.map((r) => ({ channel: r.channel, displayName: channelByName(r.channel)?.displayName ?? r.channel, url: r.external_url }));
  }

  /** Each marketplace where the floor's products are live, with how many (the home page's "also sold on"). */
  async marketplaceReach(): Promise<Array<{ channel: string; displayName: string; products: number }>> {
    const rows: Array<{ channel: string; products: number }> = await this.dataSource.query(
      `SELECT channel, count(DISTINCT product_id)::int AS products FROM listings
       WHERE selected AND state = 'listed' GROUP BY channel ORDER BY products DESC, channel`,
    );
    return rows.map((r) => ({ channel: r.channel, displayName: channelByName(r.channel)?.displayName ?? r.channel, products: r.products }));
  }

  async retry(principal: Principal, listingId: string): Promise<ListingDto> {
    if (!isUuid(listingId)) throw new NotFoundError('Tin đăng', 'LISTING_NOT_FOUND');
    const [row]: ListingRow[] = await this.dataSource.query(`SELECT * FROM listings WHERE id = $1`, [listingId]);
    if (!row) throw new NotFoundError('Tin đăng', 'LISTING_NOT_FOUND');
    await this.products.assertCanManage(principal, row.product_id);
    if (!isRetryable(row)) {
      throw new InvalidStateError('Chỉ thử lại được tin đăng bị từ chối hoặc lỗi (only rejected or failed listings can be retried)', 'LISTING_NOT_RETRYABLE');
    }
    await this.dataSource.transaction((m) => this.scheduler.enqueue(m, [row.id]));
    const [fresh]: ListingRow[] = await this.dataSource.query(`SELECT * FROM listings WHERE id = $1`, [listingId]);
    return this.toDto(fresh);
  }

  /** Admins: every dead letter of a channel goes back to the queue (after a partner outage or a fixed configuration). */
  async retryDeadLetters(channel: string): Promise<number> {
    if (!pushChannel(channel)) throw new NotFoundError('Kênh', 'CHANNEL_NOT_FOUND');
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM listings WHERE channel = $1 AND dead_lettered_at IS NOT NULL`, [channel]);
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await this.dataSource.transaction((m) => this.scheduler.enqueue(m, chunk));
    }
    return ids.length;
  }

  async overview(): Promise<SyncOverviewDto> {
    const counts: Array<{ channel: string; state: string; count: number }> = await this.dataSource.query(
      `SELECT channel, state, count(*)::int AS count FROM listings GROUP BY channel, state ORDER BY channel, state`,
    );
    const dead: Array<ListingRow> = await this.dataSource.query(
      `SELECT * FROM listings WHERE dead_lettered_at IS NOT NULL ORDER BY dead_lettered_at DESC LIMIT 100`,
    );
    const deadByChannel: Array<{ channel: string; count: number }> = await this.dataSource.query(
      `SELECT channel, count(*)::int AS count FROM listings WHERE dead_lettered_at IS NOT NULL GROUP BY channel ORDER BY channel`,
    );
    const problems: Array<{
      enterprise_id: string;
      channel: string;
      status: string;
      last_error: string | null;
      paused_until: Date | null;
    }> = await this.dataSource.query(
      `SELECT c.enterprise_id, c.channel, c.status, c.last_error, c.paused_until
         FROM channel_connections c
         WHERE c.status = 'needs_reauth' OR (c.status = 'active' AND (c.last_error IS NOT NULL OR c.paused_until > now())) ORDER BY c.updated_at DESC LIMIT 100`,
    );
    const products = new Map((await this.views.load([...new Set(dead.map((d) => d.product_id))])).map((v) => [v.id, v]));
    // Enterprise names from enterprise-profile's read model: one batched read, however many problems.
    const names = new Map((await this.enterpriseViews.load([...new Set(problems.map((p) => p.enterprise_id))])).map((e) => [e.id, e.displayName]));
    return {
      counts,
      deadLetterTotal: deadByChannel.reduce((sum, c) => sum + c.count, 0),
      deadByChannel,
      deadLetters: dead.map((d) => ({
        listingId: d.id,
        productId: d.product_id,
        productName: products.get(d.product_id)?.name ?? '',
        enterpriseId: d.enterprise_id,
        enterpriseName: products.get(d.product_id)?.enterpriseName ?? '',
        channel: d.channel,
        state: d.state,
        errorClass: d.error_class,
        reason: d.last_error,
        at: new Date(d.dead_lettered_at!).toISOString(),
      })),
      connectionProblems: problems.map((p) => ({
        enterpriseId: p.enterprise_id,
        enterpriseName: names.get(p.enterprise_id) ?? '',
        channel: p.channel,
        status: p.status,
        lastError: p.last_error,
        pausedUntil: iso(p.paused_until),
      })),
    };
  }

  private async toDto(r: ListingRow): Promise<ListingDto> {
    const attempts: Array<{ action: string; outcome: string; error_class: string | null; message: string | null; created_at: Date }> =
      await this.dataSource.query(
        `SELECT action, outcome, error_class, message, created_at FROM listing_attempts WHERE listing_id = $1 ORDER BY id DESC LIMIT 20`,
        [r.id],
      );
    return {
      id: r.id,
      productId: r.product_id,
      enterpriseId: r.enterprise_id,
      channel: r.channel,
      selected: r.selected,
      state: r.state,
      externalId: r.external_id,
      externalUrl: r.external_url,
      pushedHash: r.pushed_hash,
      pushedPriceVnd: r.pushed_price === null ? null : Number(r.pushed_price),
      pushedStock: r.pushed_stock,
      errorClass: r.error_class,
      lastError: r.last_error,
      deadLettered: r.dead_lettered_at !== null,
      lastSyncedAt: iso(r.last_synced_at),
      attempts: attempts.map((a) => ({
        action: a.action,
        outcome: a.outcome,
        errorClass: a.error_class,
        message: a.message,
        at: new Date(a.created_at).toISOString(),
      })),
    };
  }
}
