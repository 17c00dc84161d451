import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { SyncError, type OutboundItem, type PushChannel } from '../channels/channel.types';
import type { ListingRow } from './listing-row';
import { ListingStore } from './listing-store';
import { contentHash } from './outbound';
import type { AuthedCaller } from './sync-context';

/** Runs one named partner call (renewing the lease, recording the attempt). */
export type Remote = <T>(name: string, fn: (c: AuthedCaller) => Promise<T>) => Promise<T>;

/**
 * The partner calls that bring a listing to its wanted state, each followed by writing what it
 * confirmed: a crash between calls redoes nothing confirmed, and a create whose answer was lost is
 * found again by SKU (and carries the same idempotency key) instead of being made twice.
 */
@Injectable()
export class PushSteps {
  constructor(private readonly store: ListingStore) {}

  /** A create whose answer was lost may have made the item after all: found by SKU, it is unlisted too. */
  async withLostCreate(listing: ListingRow, sku: string | undefined, remote: Remote, channel: PushChannel): Promise<ListingRow> {
    if (listing.external_id || !listing.create_started_at || !sku) return listing;
    const found = await remote('lookup_sku', (c) => c.run((ctx) => channel.findBySku(ctx, sku)));
    if (!found) return listing;
    await this.store.set(listing.id, { external_id: found.externalId, create_started_at: null });
    return { ...listing, external_id: found.externalId, remote_status: found.status === 'unlisted' ? 'unlisted' : 'active' };
  }

  async delist(listing: ListingRow, remote: Remote, channel: PushChannel): Promise<void> {
    if (listing.external_id && listing.remote_status !== 'unlisted') {
      await this.store.set(listing.id, { state: 'delisting' });
      const [r] = await remote('unlist', (c) => c.run((ctx) => channel.setListed(ctx, [listing.external_id!], false)));
      if (!r.ok && r.error?.errorClass !== 'not_found') throw r.error ?? new SyncError('transient', 'unlist failed');
    }
    await this.store.set(listing.id, {
      state: 'delisted',
      remote_status: listing.external_id ? 'unlisted' : null,
      unlist_failed_at: null,
      last_error: null,
      error_class: null,
      dead_lettered_at: null,
      last_synced_at: this.store.now(),
    });
  }

  /** Create (or adopt), re-fetch when asked, then content, price, absolute stock and visibility, each only when it differs. */
  async push(listing: ListingRow, item: OutboundItem, remote: Remote, channel: PushChannel, verify: boolean): Promise<void> {
    const hash = contentHash(item);
    let cur = await this.adoptLostCreate({ ...listing }, item, remote, channel);
    if (!cur.external_id) cur = await this.create(cur, item, hash, remote, channel);
    const externalId = cur.external_id!;
    if (cur.needs_verify || verify) {
      const seen = await remote('refetch', (c) => c.run((ctx) => channel.getItem(ctx, externalId)));
      if (!seen || seen.status === 'deleted')
        throw new SyncError('not_found', `${channel.displayName}: sản phẩm không còn trên sàn (item ${externalId} no longer exists)`);
      cur = {
        ...cur,
        remote_status: seen.status,
        pushed_price: seen.priceVnd === undefined ? cur.pushed_price : String(seen.priceVnd),
        pushed_stock: seen.stock ?? cur.pushed_stock,
      };
      await this.store.set(listing.id, {
        needs_verify: false,
        remote_status: cur.remote_status,
        pushed_price: cur.pushed_price,
        pushed_stock: cur.pushed_stock,
      });
    }
    if (cur.pushed_hash !== hash) {
      await remote('update', (c) => c.run((ctx) => channel.update(ctx, externalId, item)));
      await this.store.set(listing.id, { pushed_hash: hash });
    }
    if (cur.pushed_price === null || Number(cur.pushed_price) !== item.priceVnd) {
      await remote('update_price', (c) => c.run((ctx) => channel.updatePrice(ctx, externalId, item.priceVnd)));
      await this.store.set(listing.id, { pushed_price: item.priceVnd });
    }
    if (cur.pushed_stock !== item.stock) {
      const [r] = await remote('update_stock', (c) => c.run((ctx) => channel.updateStock(ctx, [{ externalId, stock: item.stock }])));
      if (!r.ok) throw r.error ?? new SyncError('transient', 'stock update failed');
      await this.store.set(listing.id, { pushed_stock: item.stock });
    }
    if (cur.remote_status === 'unlisted') {
      const [r] = await remote('relist', (c) => c.run((ctx) => channel.setListed(ctx, [externalId], true)));
      if (!r.ok) throw r.error ?? new SyncError('transient', 'relist failed');
      await this.store.set(listing.id, { remote_status: 'active' });
    }
  }

  /** An earlier create may have been applied with its answer lost: look it up by SKU first. */
  private async adoptLostCreate(cur: ListingRow, item: OutboundItem, remote: Remote, channel: PushChannel): Promise<ListingRow> {
    if (cur.external_id || !cur.create_started_at) return cur;
    const found = await remote('lookup_sku', (c) => c.run((ctx) => channel.findBySku(ctx, item.sku)));
    if (!found) return cur;
    const adopted: ListingRow = {
      ...cur,
      external_id: found.externalId,
      remote_status: found.status === 'unlisted' ? 'unlisted' : 'active',
      pushed_hash: cur.create_hash,
      pushed_price: found.priceVnd === undefined ? null : String(found.priceVnd),
      pushed_stock: found.stock ?? null,
      create_started_at: null,
    };
    await this.store.set(cur.id, {
      external_id: adopted.external_id,
      remote_status: adopted.remote_status,
      pushed_hash: adopted.pushed_hash,
      pushed_price: adopted.pushed_price,
      pushed_stock: adopted.pushed_stock,
      create_started_at: null,
    });
    await this.store.attempt(cur.id, 'adopt', 'ok', null, `Đã tìm thấy sản phẩm theo SKU (found by SKU): ${found.externalId}`);
    return adopted;
  }

  /**
   * Records the intent before the call, then creates. The intent keeps the (database) time of the
   * first attempt, so every retry of one create sends the same idempotency key, and a later
   * create of the same listing (after the item was deleted remotely) a new one.
   */
  private async create(cur: ListingRow, item: OutboundItem, hash: string, remote: Remote, channel: PushChannel): Promise<ListingRow> {
    const startedAt = await this.store.startCreate(cur.id, hash);
    const idempotencyKey = createHash('sha256').update(`${cur.id}:${startedAt.toISOString()}`).digest('hex').slice(0, 32);
    const created = await remote('create', (c) => c.run((ctx) => channel.create(ctx, item, { idempotencyKey })));
    await this.store.set(cur.id, {
      external_id: created.externalId,
      external_url: created.externalUrl,
      remote_status: 'active',
      pushed_hash: hash,
      pushed_price: item.priceVnd,
      pushed_stock: item.stock,
      create_started_at: null,
    });
    return {
      ...cur,
      external_id: created.externalId,
      remote_status: 'active',
      pushed_hash: hash,
      pushed_price: String(item.priceVnd),
      pushed_stock: item.stock,
      create_started_at: null,
    };
  }
}
