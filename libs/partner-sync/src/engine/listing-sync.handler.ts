import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews } from '@tradefloor/catalog';
import { APP_CONFIG, Clock, LOGGER, PermanentJobError, RetryJobLaterError, returnedRows, type JobRecord, type ResolvedConfig } from '@tradefloor/core';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { SyncError, type OutboundItem, type PushChannel } from '../channels/channel.types';
import { pushChannel } from '../channels/registry';
import { ConnectionStore, ReauthRequiredError, type ConnectionRow } from './connection-store';
import type { ListingRow } from './listing-row';
import { ListingScheduler } from './listing-scheduler';
import { buildOutbound, contentHash } from './outbound';
import { SyncContextFactory, type AuthedCaller } from './sync-context';

export interface ListingJob {
  listingId: string;
  /** Re-fetch the remote item first (push hint, reconciliation). */
  verify?: boolean;
}

/** Passes one job makes for changes arriving while it runs, before handing on to a new job (fairness). */
const MAX_PASSES = 3;

type Remote = <T>(name: string, fn: (c: AuthedCaller) => Promise<T>) => Promise<T>;

/** Next 00:00 in UTC+8, when Shopee-style daily quotas reset. */
export function nextQuotaReset(now: Date): Date {
  const shifted = new Date(now.getTime() + 8 * 3600_000);
  const midnight = Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate() + 1);
  return new Date(midnight - 8 * 3600_000);
}

/**
 * Brings one listing to its desired state. Always reads the current product (never a payload
 * snapshot), so coalesced jobs push the latest values; holds a lease on the listing so there is
 * at most one in-flight write per listing; records progress after every partner call, so a
 * crash between calls loses nothing and a lost create is found again by SKU.
 */
@Injectable()
export class ListingSyncHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly views: ProductViews,
    private readonly connections: ConnectionStore,
    private readonly contexts: SyncContextFactory,
    private readonly scheduler: ListingScheduler,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(job: JobRecord<ListingJob>): Promise<void> {
    const owner = `job:${job.id}:${job.attempts}`;
    const lease = this.config.partnerSync.listingLeaseSeconds;
    // Taking the lease answers any earlier resync request: this run reads the current product.
    let [listing] = returnedRows<ListingRow>(
      await this.dataSource.query(
        `UPDATE listings SET lease_owner = $2, lease_until = now() + make_interval(secs => $3), resync_requested = false
         WHERE id = $1 AND (lease_until IS NULL OR lease_until < now()) RETURNING *`,
        [job.payload.listingId, owner, lease],
      ),
    );
    if (!listing) {
      // Another job holds the lease (this one was enqueued in the moment between that job's claim
      // and its lease): hand the request to it instead of waiting; it syncs again before releasing
      // (or, if its worker died, runs again itself). Never to an earlier attempt of this same job,
      // whose worker died: that attempt will not run again, so this one waits for the lease.
      const handedOn = returnedRows(
        await this.dataSource.query(
          `UPDATE listings SET resync_requested = true WHERE id = $1 AND lease_until > clock_timestamp() AND lease_owner NOT LIKE $2 RETURNING id`,
          [job.payload.listingId, `job:${job.id}:%`],
        ),
      );
      if (handedOn.length) return;
      const [busy] = await this.dataSource.query(`SELECT EXTRACT(EPOCH FROM lease_until - now()) AS s FROM listings WHERE id = $1`, [job.payload.listingId]);
      if (!busy) return; // listing deleted
      throw new RetryJobLaterError(Math.min(5000, Math.max(100, Number(busy.s) * 1000)), 'listing busy (another write in flight)');
    }
    for (let pass = 1; ; pass++) {
      try {
        await this.sync(job, listing, owner);
      } catch (err) {
        await this.release(listing.id, owner, !this.willRetry(job, err));
        throw err;
      }
      if (pass >= MAX_PASSES) return void (await this.release(listing.id, owner, true));
      // Release the lease, or keep it and go again if a change arrived meanwhile (ListingScheduler
      // set the flag instead of enqueueing a second job): one row lock decides, so none is lost.
      const [again] = returnedRows<ListingRow>(
        await this.dataSource.query(
          `UPDATE listings SET resync_requested = false,
             lease_owner = CASE WHEN resync_requested THEN lease_owner END,
             lease_until = CASE WHEN resync_requested THEN now() + make_interval(secs => $3) END
           WHERE id = $1 AND lease_owner = $2 RETURNING *`,
          [listing.id, owner, lease],
        ),
      );
      if (!again?.lease_owner) return;
      listing = again;
    }
  }

  /** A failed job that the worker will run again reads the latest state then, so the flag can wait for it. */
  private willRetry(job: JobRecord<ListingJob>, err: unknown): boolean {
    return err instanceof RetryJobLaterError || (!(err instanceof PermanentJobError) && job.attempts < job.maxAttempts);
  }

  /**
   * Releases the lease. With `followUp`, a pending resync request (this job will not run again)
   * becomes a job of its own, in the same transaction, so a change made meanwhile still reaches the partner.
   */
  private async release(listingId: string, owner: string, followUp: boolean): Promise<void> {
    if (!followUp) {
      await this.dataSource.query(`UPDATE listings SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2`, [listingId, owner]);
      return;
    }
    await this.dataSource.transaction(async (m) => {
      const [row] = returnedRows<{ requested: boolean }>(
        await m.query(
          `UPDATE listings SET lease_owner = NULL, lease_until = NULL, resync_requested = false WHERE id = $1 AND lease_owner = $2
           RETURNING old.resync_requested AS requested`,
          [listingId, owner],
        ),
      );
      if (row?.requested) await this.scheduler.enqueue(m, [listingId], { markQueued: false });
    });
  }

  private async sync(job: JobRecord<ListingJob>, listing: ListingRow, owner: string): Promise<void> {
    const channel = pushChannel(listing.channel);
    if (!channel) return;
    const conn = await this.connections.find(listing.enterprise_id, listing.channel);
    if (!conn || conn.status === 'disconnected' || conn.status === 'pending') {
      await this.set(listing.id, { state: 'delisted', last_error: 'Kênh chưa được kết nối (channel not connected)' });
      return;
    }
    if (conn.status === 'needs_reauth') {
      await this.deadLetter(listing.id, 'failed', 'auth', conn.last_error ?? `${channel.displayName}: cần kết nối lại (reconnect required)`);
      return;
    }
    const now = this.clock.now();
    if (conn.paused_until && new Date(conn.paused_until) > now) {
      throw new RetryJobLaterError(new Date(conn.paused_until).getTime() - now.getTime() + 1000, 'partner quota exhausted: paused until reset');
    }

    const view = await this.views.get(listing.product_id);
    const wantListed = listing.selected && !!view?.visible;
    let action = 'prepare';
    let caller: AuthedCaller | undefined;
    const renewLease = async () => {
      const rows = returnedRows(
        await this.dataSource.query(`UPDATE listings SET lease_until = now() + make_interval(secs => $3) WHERE id = $1 AND lease_owner = $2 RETURNING id`, [
          listing.id,
          owner,
          this.config.partnerSync.listingLeaseSeconds,
        ]),
      );
      if (!rows.length) throw new RetryJobLaterError(100, 'listing lease lost');
    };
    const remote = async <T>(name: string, fn: (c: AuthedCaller) => Promise<T>): Promise<T> => {
      action = name;
      caller ??= await this.contexts.open(channel, conn, renewLease);
      const out = await fn(caller);
      await this.attempt(listing.id, name, 'ok', null, null);
      return out;
    };

    try {
      if (conn.status === 'disconnecting') {
        await this.delist(await this.withLostCreate(listing, view?.sku, remote, channel), remote, channel);
        await this.connections.finishDisconnect(conn.id);
        return;
      }
      if (!wantListed) {
        await this.delist(listing, remote, channel);
        return;
      }
      const built = buildOutbound(view!, conn.settings ?? {}, channel, this.config.publicBaseUrl);
      if (!built.ok) throw new SyncError('validation', built.problems.join('; '));
      await this.set(listing.id, { state: 'syncing' });
      await this.push(job, listing, built.item, remote, channel);
      await this.set(listing.id, {
        state: 'listed',
        last_error: null,
        error_class: null,
        dead_lettered_at: null,
        unlist_failed_at: null,
        throttle_streak: 0,
        last_synced_at: new Date(),
      });
    } catch (err) {
      if (conn.status === 'disconnecting') await this.onUnlistError(job, listing, conn, channel, action, err);
      else await this.onError(job, listing, conn, channel, action, err);
    }
  }

  /** A create whose answer was lost may have made the item after all: found by SKU, it is unlisted too. */
  private async withLostCreate(listing: ListingRow, sku: string | undefined, remote: Remote, channel: PushChannel): Promise<ListingRow> {
    if (listing.external_id || !listing.create_started_at || !sku) return listing;
    const found = await remote('lookup_sku', (c) => c.run((ctx) => channel.findBySku(ctx, sku)));
    if (!found) return listing;
    await this.set(listing.id, { external_id: found.externalId, create_started_at: null });
    return { ...listing, external_id: found.externalId, remote_status: found.status === 'unlisted' ? 'unlisted' : 'active' };
  }

  /**
   * Unlisting for a disconnect. Throttling and quota wait as usual and transient failures retry
   * with backoff; after the last attempt, or at once for what retrying cannot fix (auth, signature,
   * a refused request), the item is recorded as left on the marketplace for the seller, and the
   * disconnect goes on without it. The listing stays `delisting` while it may still be retried.
   */
  private async onUnlistError(
    job: JobRecord<ListingJob>,
    listing: ListingRow,
    conn: ConnectionRow,
    channel: PushChannel,
    action: string,
    err: unknown,
  ): Promise<void> {
    if (err instanceof RetryJobLaterError) throw err;
    const cls = err instanceof SyncError ? err.errorClass : err instanceof ReauthRequiredError ? 'auth' : 'unknown';
    const message = err instanceof Error ? err.message : String(err);
    await this.attempt(listing.id, action, 'error', cls, message);
    if (cls === 'not_found') {
      await this.set(listing.id, { state: 'delisted', remote_status: null, last_error: null, error_class: null, last_synced_at: new Date() });
      await this.connections.finishDisconnect(conn.id);
      return;
    }
    if (cls === 'throttled') {
      await this.set(listing.id, { last_error: message });
      throw new RetryJobLaterError(Math.round(this.config.partnerSync.backoffBaseMs * (0.5 + Math.random())), message);
    }
    if (cls === 'quota') {
      const until = nextQuotaReset(this.clock.now());
      await this.connections.pauseUntil(conn.id, until, message);
      throw new RetryJobLaterError(until.getTime() - this.clock.now().getTime() + 1000, message);
    }
    const retryable = cls === 'transient' || cls === 'unknown_outcome' || cls === 'unknown';
    if (retryable && job.attempts < job.maxAttempts) {
      await this.set(listing.id, { last_error: message, error_class: cls });
      throw err;
    }
    const reason = `Không gỡ được sản phẩm khỏi ${channel.displayName} khi ngắt kết nối — hãy gỡ trực tiếp trên sàn (could not remove the item from the marketplace on disconnect; remove it there): ${message}`;
    await this.set(listing.id, { state: 'failed', error_class: cls, last_error: reason, dead_lettered_at: new Date(), unlist_failed_at: new Date() });
    await this.connections.finishDisconnect(conn.id);
    throw new PermanentJobError(reason);
  }

  private async delist(listing: ListingRow, remote: Remote, channel: PushChannel): Promise<void> {
    if (listing.external_id && listing.remote_status !== 'unlisted') {
      await this.set(listing.id, { state: 'delisting' });
      const [r] = await remote('unlist', (c) => c.run((ctx) => channel.setListed(ctx, [listing.external_id!], false)));
      if (!r.ok && r.error?.errorClass !== 'not_found') throw r.error ?? new SyncError('transient', 'unlist failed');
    }
    await this.set(listing.id, {
      state: 'delisted',
      remote_status: listing.external_id ? 'unlisted' : null,
      unlist_failed_at: null,
      last_error: null,
      error_class: null,
      dead_lettered_at: null,
      last_synced_at: new Date(),
    });
  }

  private async push(
    job: JobRecord<ListingJob>,
    listing: ListingRow,
    item: OutboundItem,
    remote: <T>(n: string, f: (c: AuthedCaller) => Promise<T>) => Promise<T>,
    channel: PushChannel,
  ): Promise<void> {
    const hash = contentHash(item);
    let cur = { ...listing };
    if (!cur.external_id && cur.create_started_at) {
      // An earlier create may have been applied with its answer lost: look it up by SKU first (rule 1).
      const found = await remote('lookup_sku', (c) => c.run((ctx) => channel.findBySku(ctx, item.sku)));
      if (found) {
        cur = {
          ...cur,
          external_id: found.externalId,
          remote_status: found.status === 'unlisted' ? 'unlisted' : 'active',
          pushed_hash: cur.create_hash,
          pushed_price: found.priceVnd === undefined ? null : String(found.priceVnd),
          pushed_stock: found.stock ?? null,
        };
        await this.set(listing.id, {
          external_id: cur.external_id,
          remote_status: cur.remote_status,
          pushed_hash: cur.pushed_hash,
          pushed_price: cur.pushed_price,
          pushed_stock: cur.pushed_stock,
          create_started_at: null,
        });
        await this.attempt(listing.id, 'adopt', 'ok', null, `Đã tìm thấy sản phẩm theo SKU (found by SKU): ${found.externalId}`);
      }
    }
    if (!cur.external_id) {
      await this.set(listing.id, { create_started_at: new Date(), create_hash: hash });
      const created = await remote('create', (c) => c.run((ctx) => channel.create(ctx, item)));
      cur = {
        ...cur,
        external_id: created.externalId,
        remote_status: 'active',
        pushed_hash: hash,
        pushed_price: String(item.priceVnd),
        pushed_stock: item.stock,
      };
      await this.set(listing.id, {
        external_id: created.externalId,
        external_url: created.externalUrl,
        remote_status: 'active',
        pushed_hash: hash,
        pushed_price: item.priceVnd,
        pushed_stock: item.stock,
        create_started_at: null,
      });
    }
    const externalId = cur.external_id!;
    if (cur.needs_verify || job.payload.verify) {
      const seen = await remote('refetch', (c) => c.run((ctx) => channel.getItem(ctx, externalId)));
      if (!seen || seen.status === 'deleted')
        throw new SyncError('not_found', `${channel.displayName}: sản phẩm không còn trên sàn (item ${externalId} no longer exists)`);
      cur = {
        ...cur,
        remote_status: seen.status,
        pushed_price: seen.priceVnd === undefined ? cur.pushed_price : String(seen.priceVnd),
        pushed_stock: seen.stock ?? cur.pushed_stock,
      };
      await this.set(listing.id, { needs_verify: false, remote_status: cur.remote_status, pushed_price: cur.pushed_price, pushed_stock: cur.pushed_stock });
    }
    if (cur.pushed_hash !== hash) {
      await remote('update', (c) => c.run((ctx) => channel.update(ctx, externalId, item)));
      await this.set(listing.id, { pushed_hash: hash });
    }
    if (cur.pushed_price === null || Number(cur.pushed_price) !== item.priceVnd) {
      await remote('update_price', (c) => c.run((ctx) => channel.updatePrice(ctx, externalId, item.priceVnd)));
      await this.set(listing.id, { pushed_price: item.priceVnd });
    }
    if (cur.pushed_stock !== item.stock) {
      const [r] = await remote('update_stock', (c) => c.run((ctx) => channel.updateStock(ctx, [{ externalId, stock: item.stock }])));
      if (!r.ok) throw r.error ?? new SyncError('transient', 'stock update failed');
      await this.set(listing.id, { pushed_stock: item.stock });
    }
    if (cur.remote_status === 'unlisted') {
      const [r] = await remote('relist', (c) => c.run((ctx) => channel.setListed(ctx, [externalId], true)));
      if (!r.ok) throw r.error ?? new SyncError('transient', 'relist failed');
      await this.set(listing.id, { remote_status: 'active' });
    }
  }

  private async onError(
    job: JobRecord<ListingJob>,
    listing: ListingRow,
    conn: ConnectionRow,
    channel: PushChannel,
    action: string,
    err: unknown,
  ): Promise<never> {
    if (err instanceof RetryJobLaterError) throw err;
    if (err instanceof ReauthRequiredError) {
      await this.attempt(listing.id, action, 'error', 'auth', err.message);
      await this.deadLetter(listing.id, 'failed', 'auth', err.message);
      throw new PermanentJobError(err.message);
    }
    if (!(err instanceof SyncError)) throw err;
    await this.attempt(listing.id, action, 'error', err.errorClass, err.message);
    switch (err.errorClass) {
      case 'throttled': {
        const streak = listing.throttle_streak + 1;
        const base = this.config.partnerSync.backoffBaseMs * 2 ** Math.min(streak - 1, 6);
        const delay = Math.min(this.config.partnerSync.backoffMaxMs, Math.round(base * (0.5 + Math.random())));
        await this.set(listing.id, { state: 'failed', throttle_streak: streak, error_class: 'throttled', last_error: err.message });
        throw new RetryJobLaterError(delay, err.message);
      }
      case 'quota': {
        const until = nextQuotaReset(this.clock.now());
        await this.connections.pauseUntil(conn.id, until, err.message);
        // Not a failure (rule 2): the listing waits in the queue until the quota resets.
        await this.set(listing.id, {
          state: 'queued',
          error_class: 'quota',
          last_error: `${err.message} (tạm dừng đến / paused until ${until.toISOString()})`,
        });
        throw new RetryJobLaterError(until.getTime() - this.clock.now().getTime() + 1000, err.message);
      }
      case 'signature': {
        const reason = `${err.message} — lỗi cấu hình hoặc đồng hồ hệ thống, không thử lại (signature/timestamp refused: config or clock problem)`;
        await this.connections.noteProblem(conn.id, reason);
        await this.deadLetter(listing.id, 'failed', 'signature', reason);
        throw new PermanentJobError(reason);
      }
      case 'validation': {
        await this.deadLetter(listing.id, 'rejected', 'validation', err.message);
        throw new PermanentJobError(err.message);
      }
      case 'auth': {
        await this.connections.markNeedsReauth(conn.id, err.message);
        await this.deadLetter(listing.id, 'failed', 'auth', err.message);
        throw new PermanentJobError(err.message);
      }
      case 'not_found': {
        // The remote item is gone: forget it and create it again on the next run.
        await this.set(listing.id, {
          external_id: null,
          external_url: null,
          remote_status: null,
          pushed_hash: null,
          pushed_price: null,
          pushed_stock: null,
          create_started_at: null,
          needs_verify: false,
          state: 'queued',
        });
        throw new RetryJobLaterError(50, err.message);
      }
      default: {
        const dead = job.attempts >= job.maxAttempts;
        if (dead) await this.deadLetter(listing.id, 'failed', err.errorClass, `${err.message} (hết số lần thử / attempts exhausted)`);
        else await this.set(listing.id, { state: 'failed', error_class: err.errorClass, last_error: err.message });
        this.logger.info({ listingId: listing.id, channel: channel.name, action, errorClass: err.errorClass, attempt: job.attempts }, 'listing sync failed');
        throw err;
      }
    }
  }

  private async deadLetter(id: string, state: 'failed' | 'rejected', errorClass: string, reason: string): Promise<void> {
    await this.set(id, { state, error_class: errorClass, last_error: reason, dead_lettered_at: new Date() });
  }

  private async attempt(listingId: string, action: string, outcome: 'ok' | 'error', errorClass: string | null, message: string | null): Promise<void> {
    await this.dataSource.query(`INSERT INTO listing_attempts (listing_id, action, outcome, error_class, message) VALUES ($1, $2, $3, $4, $5)`, [
      listingId,
      action,
      outcome,
      errorClass,
      message?.slice(0, 1000) ?? null,
    ]);
  }

  private async set(id: string, fields: Record<string, unknown>): Promise<void> {
    const keys = Object.keys(fields);
    const assignments = keys.map((k, i) => `${k} = $${i + 2}`).join(', ');
    await this.dataSource.query(`UPDATE listings SET ${assignments}, updated_at = now() WHERE id = $1`, [id, ...keys.map((k) => fields[k])]);
  }
}
