import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductAccess } from '@tradefloor/catalog';
import { InvalidStateError, isUuid, NotFoundError } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { channelByName } from '../channels/registry';
import type { ListingRow } from '../engine/listing-row';
import { ListingScheduler } from '../engine/listing-scheduler';
import type { ListingDto, SyncOverviewDto } from '../dto/listing.dto';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Listing reads for owners and admins, manual retry, and the admin overview. */
@Injectable()
export class ListingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductAccess,
    private readonly scheduler: ListingScheduler,
  ) {}

  async forProduct(principal: Principal, productId: string): Promise<ListingDto[]> {
    await this.products.assertCanManage(principal, productId);
    const rows: ListingRow[] = await this.dataSource.query(`SELECT * FROM listings WHERE product_id = $1 ORDER BY channel`, [productId]);
    return Promise.all(rows.map((r) => this.toDto(r)));
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

  async retry(principal: Principal, listingId: string): Promise<ListingDto> {
    if (!isUuid(listingId)) throw new NotFoundError('Tin đăng', 'LISTING_NOT_FOUND');
    const [row]: ListingRow[] = await this.dataSource.query(`SELECT * FROM listings WHERE id = $1`, [listingId]);
    if (!row) throw new NotFoundError('Tin đăng', 'LISTING_NOT_FOUND');
    await this.products.assertCanManage(principal, row.product_id);
    if (!row.dead_lettered_at && row.state !== 'rejected' && row.state !== 'failed') {
      throw new InvalidStateError('Chỉ thử lại được tin đăng bị từ chối hoặc lỗi (only rejected or failed listings can be retried)', 'LISTING_NOT_RETRYABLE');
    }
    await this.dataSource.transaction((m) => this.scheduler.enqueue(m, [row.id]));
    const [fresh]: ListingRow[] = await this.dataSource.query(`SELECT * FROM listings WHERE id = $1`, [listingId]);
    return this.toDto(fresh);
  }

  async overview(): Promise<SyncOverviewDto> {
    const counts: Array<{ channel: string; state: string; count: number }> = await this.dataSource.query(
      `SELECT channel, state, count(*)::int AS count FROM listings GROUP BY channel, state ORDER BY channel, state`,
    );
    const dead: Array<ListingRow> = await this.dataSource.query(`SELECT * FROM listings WHERE dead_lettered_at IS NOT NULL ORDER BY dead_lettered_at DESC LIMIT 100`);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM listings WHERE dead_lettered_at IS NOT NULL`);
    const problems: Array<{ enterprise_id: string; channel: string; status: string; last_error: string | null; paused_until: Date | null }> = await this.dataSource.query(
      `SELECT enterprise_id, channel, status, last_error, paused_until FROM channel_connections
       WHERE status = 'needs_reauth' OR (status = 'active' AND (last_error IS NOT NULL OR paused_until > now())) ORDER BY updated_at DESC LIMIT 100`,
    );
    return {
      counts,
      deadLetterTotal: n,
      deadLetters: dead.map((d) => ({
        listingId: d.id,
        productId: d.product_id,
        enterpriseId: d.enterprise_id,
        channel: d.channel,
        state: d.state,
        errorClass: d.error_class,
        reason: d.last_error,
        at: new Date(d.dead_lettered_at!).toISOString(),
      })),
      connectionProblems: problems.map((p) => ({ enterpriseId: p.enterprise_id, channel: p.channel, status: p.status, lastError: p.last_error, pausedUntil: iso(p.paused_until) })),
    };
  }

  private async toDto(r: ListingRow): Promise<ListingDto> {
    const attempts: Array<{ action: string; outcome: string; error_class: string | null; message: string | null; created_at: Date }> = await this.dataSource.query(
      `SELECT action, outcome, error_class, message, created_at FROM listing_attempts WHERE listing_id = $1 ORDER BY id DESC LIMIT 20`,
      [r.id],
    );
    return {
      id: r.id,
      productId: r.product_id,
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
      attempts: attempts.map((a) => ({ action: a.action, outcome: a.outcome, errorClass: a.error_class, message: a.message, at: new Date(a.created_at).toISOString() })),
    };
  }
}
