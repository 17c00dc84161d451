import { Inject, Injectable } from '@nestjs/common';
import { ProductViews } from '@tradefloor/catalog';
import { APP_CONFIG, PermanentJobError, RetryJobLaterError, type JobRecord, type ResolvedConfig } from '@tradefloor/core';
import { SyncError } from '../channels/channel.types';
import { pushChannel } from '../channels/registry';
import { ConnectionStore } from './connection-store';
import { SyncErrorPolicy, type FailedStep } from './error-policy';
import { ListingLease } from './listing-lease';
import type { ListingRow } from './listing-row';
import { ListingStore } from './listing-store';
import { buildOutbound } from './outbound';
import { PushSteps, type Remote } from './push-steps';
import { SyncContextFactory, type AuthedCaller } from './sync-context';

export interface ListingJob {
  listingId: string;
  /** Re-fetch the remote item first (push hint, reconciliation). */
  verify?: boolean;
}

/** Passes one job makes for changes arriving while it runs, before handing on to a new job (fairness). */
const MAX_PASSES = 3;

/**
 * Brings one listing to its wanted state. Always reads the current product (never a payload
 * snapshot), so coalesced jobs push the latest values; holds the listing's lease (ListingLease),
 * runs the partner calls (PushSteps) and lets SyncErrorPolicy decide what a failure does.
 */
@Injectable()
export class ListingSyncHandler {
  constructor(
    private readonly views: ProductViews,
    private readonly connections: ConnectionStore,
    private readonly contexts: SyncContextFactory,
    private readonly lease: ListingLease,
    private readonly steps: PushSteps,
    private readonly policy: SyncErrorPolicy,
    private readonly store: ListingStore,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  async handle(job: JobRecord<ListingJob>): Promise<void> {
    const owner = `job:${job.id}:${job.attempts}`;
    let listing = await this.lease.take(job.payload.listingId, owner, String(job.id));
    for (let pass = 1; listing; pass++) {
      try {
        await this.sync(job, listing, owner);
      } catch (err) {
        await this.lease.release(listing.id, owner, !this.willRetry(job, err));
        throw err;
      }
      if (pass >= MAX_PASSES) return this.lease.release(listing.id, owner, true);
      listing = await this.lease.passAgain(listing.id, owner);
    }
  }

  /** A failed job that the worker will run again reads the latest state then, so the flag can wait for it. */
  private willRetry(job: JobRecord<ListingJob>, err: unknown): boolean {
    return err instanceof RetryJobLaterError || (!(err instanceof PermanentJobError) && job.attempts < job.maxAttempts);
  }

  private async sync(job: JobRecord<ListingJob>, listing: ListingRow, owner: string): Promise<void> {
    const channel = pushChannel(listing.channel);
    if (!channel) return;
    const conn = await this.connections.find(listing.enterprise_id, listing.channel);
    if (!conn || conn.status === 'disconnected' || conn.status === 'pending') {
      await this.store.set(listing.id, { state: 'delisted', last_error: 'Kênh chưa được kết nối (channel not connected)' });
      return;
    }
    if (conn.status === 'needs_reauth') {
      await this.store.deadLetter(listing.id, 'failed', 'auth', conn.last_error ?? `${channel.displayName}: cần kết nối lại (reconnect required)`);
      return;
    }
    const now = this.store.now();
    if (conn.paused_until && new Date(conn.paused_until) > now) {
      throw new RetryJobLaterError(new Date(conn.paused_until).getTime() - now.getTime() + 1000, 'partner quota exhausted: paused until reset');
    }

    const view = await this.views.get(listing.product_id);
    const wantListed = listing.selected && !!view?.visible;
    const failed: FailedStep = { job, listing, conn, channel, action: 'prepare' };
    let caller: AuthedCaller | undefined;
    const remote: Remote = async (name, fn) => {
      failed.action = name;
      caller ??= await this.contexts.open(channel, conn, () => this.lease.renew(listing.id, owner));
      const out = await fn(caller);
      await this.store.attempt(listing.id, name, 'ok', null, null);
      return out;
    };

    if (conn.status === 'disconnecting') {
      try {
        await this.steps.delist(await this.steps.withLostCreate(listing, view?.sku, remote, channel), remote, channel);
        await this.connections.finishDisconnect(conn.id);
      } catch (err) {
        await this.policy.onUnlistError(failed, err);
      }
      return;
    }
    try {
      if (!wantListed) return await this.steps.delist(listing, remote, channel);
      const built = buildOutbound(view!, conn.settings ?? {}, channel, this.config.publicBaseUrl);
      if (!built.ok) throw new SyncError('validation', built.problems.join('; '));
      await this.store.set(listing.id, { state: 'syncing' });
      await this.steps.push(listing, built.item, remote, channel, !!job.payload.verify);
      await this.store.set(listing.id, {
        state: 'listed',
        last_error: null,
        error_class: null,
        dead_lettered_at: null,
        unlist_failed_at: null,
        throttle_streak: 0,
        last_synced_at: this.store.now(),
      });
    } catch (err) {
      await this.policy.onSyncError(failed, err);
    }
  }
}
