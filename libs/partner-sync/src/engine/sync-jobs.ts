import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews } from '@tradefloor/catalog';
import { APP_CONFIG, DomainEvents, JobQueue, JobRegistry, type JobRecord, type ResolvedConfig } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { ConnectionStore } from './connection-store';
import { LISTING_QUEUE } from './listing-row';
import { ListingScheduler } from './listing-scheduler';
import { ListingSyncHandler, type ListingJob } from './listing-sync.handler';
import { Reconciler } from './reconciler';

export const PRODUCT_EVENTS_QUEUE = 'partner-sync.product';
export const ENTERPRISE_EVENTS_QUEUE = 'partner-sync.enterprise';
export const RECONCILE_QUEUE = 'partner-sync.reconcile';
export const RECONCILE_CONNECTION_QUEUE = 'partner-sync.reconcile-connection';
export const PUSH_QUEUE = 'partner-sync.push';
export const PURGE_AUTH_STATES_QUEUE = 'partner-sync.purge-auth-states';

/** A verified webhook of a channel, reduced to what to look at again (WebhookHint). */
export interface PushHint {
  channel: string;
  shopId: string;
  itemId?: string;
  deauthorized?: boolean;
}

/** Wires partner sync into the durable queue: event subscriptions, handlers, reconciliation schedule. */
@Injectable()
export class SyncJobs implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
    private readonly events: DomainEvents,
    private readonly jobs: JobQueue,
    private readonly views: ProductViews,
    private readonly scheduler: ListingScheduler,
    private readonly listingSync: ListingSyncHandler,
    private readonly reconciler: Reconciler,
    private readonly connections: ConnectionStore,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  onModuleInit(): void {
    const cfg = this.config.partnerSync;
    this.events.subscribe('product.changed', PRODUCT_EVENTS_QUEUE);
    this.events.subscribe('enterprise.changed', ENTERPRISE_EVENTS_QUEUE);
    // Product changes come in bursts (seeding, imports) and most products have no listing: one
    // review of up to 100 products costs one listings query, not one query and one job round trip each.
    this.registry.registerBatch<{ productId: string }>(
      PRODUCT_EVENTS_QUEUE,
      async (jobs) => void (await this.scheduler.reviewProducts([...new Set(jobs.map((j) => j.payload.productId))])),
      { concurrency: 2, batchSize: 100 },
    );
    // Suspension hides every product of the enterprise (delist); reinstatement shows them again (relist).
    this.registry.register<{ enterpriseId: string }>(
      ENTERPRISE_EVENTS_QUEUE,
      async (job) => {
        await this.scheduler.reviewProducts(await this.views.idsOfEnterprise(job.payload.enterpriseId));
      },
      { concurrency: 1 },
    );
    this.registry.register<ListingJob>(LISTING_QUEUE, (job: JobRecord<ListingJob>) => this.listingSync.handle(job), {
      concurrency: cfg.concurrency,
      maxAttempts: cfg.maxAttempts,
      backoffBaseMs: cfg.backoffBaseMs,
      backoffMaxMs: cfg.backoffMaxMs,
    });
    this.registry.register(RECONCILE_QUEUE, async () => {
      const ids = await this.reconciler.activeConnectionIds();
      await this.dataSource.transaction(async (m) => {
        for (const connectionId of ids) await this.jobs.enqueue(m, RECONCILE_CONNECTION_QUEUE, { connectionId }, { dedupeKey: connectionId });
      });
    });
    this.registry.register<{ connectionId: string }>(
      RECONCILE_CONNECTION_QUEUE,
      async (job) => void (await this.reconciler.reconcile(job.payload.connectionId)),
      {
        concurrency: 1,
        backoffBaseMs: cfg.backoffBaseMs,
      },
    );
    this.registry.register<PushHint>(PUSH_QUEUE, (job) => this.onPush(job.payload), { concurrency: 2 });
    this.registry.every('partner-sync.reconcile', cfg.reconcileIntervalSeconds * 1000, RECONCILE_QUEUE);
    // Authorisation states live 10 minutes; used or expired ones are kept a day for support, then go.
    this.registry.register(PURGE_AUTH_STATES_QUEUE, async () => {
      await this.dataSource.query(`DELETE FROM channel_auth_states WHERE expires_at < now() - interval '1 day'`);
    });
    this.registry.every('partner-sync.purge-auth-states', 3600_000, PURGE_AUTH_STATES_QUEUE);
  }

  /**
   * A webhook is a hint: re-fetch the item (or reconcile the shop when we do not know the item).
   * A seller who revoked our access must reconnect: nothing can be pushed until then.
   */
  private async onPush(hint: PushHint): Promise<void> {
    if (!hint.channel) return; // a hint queued before hints named their channel: reconciliation catches up
    const [conn] = await this.dataSource.query(`SELECT id, enterprise_id FROM channel_connections WHERE channel = $1 AND shop_id = $2 AND status = 'active'`, [
      hint.channel,
      hint.shopId,
    ]);
    if (!conn) return;
    if (hint.deauthorized) {
      await this.connections.markNeedsReauth(
        conn.id,
        'Người bán đã thu hồi quyền truy cập trên sàn — cần kết nối lại (the seller revoked our access; reconnect)',
      );
      return;
    }
    const listings: Array<{ id: string }> = hint.itemId
      ? await this.dataSource.query(`SELECT id FROM listings WHERE enterprise_id = $1 AND channel = $2 AND external_id = $3`, [
          conn.enterprise_id,
          hint.channel,
          hint.itemId,
        ])
      : [];
    await this.dataSource.transaction(async (m) => {
      if (listings.length) {
        await m.query(`UPDATE listings SET needs_verify = true WHERE id = ANY($1::uuid[])`, [listings.map((l) => l.id)]);
        await this.scheduler.enqueue(
          m,
          listings.map((l) => l.id),
          { verify: true, markQueued: false },
        );
      } else {
        await this.jobs.enqueue(m, RECONCILE_CONNECTION_QUEUE, { connectionId: conn.id }, { dedupeKey: conn.id });
      }
    });
  }
}
