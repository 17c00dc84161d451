import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ProductViews } from '@tradefloor/catalog';
import { DomainEvents, JobRegistry, type JobRecord } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { BulletinQueryService } from '@tradefloor/news-bulletin';
import { FeedLog } from './feed-log';

export const FEED_QUEUES = {
  product: 'federation.feed-product',
  enterprise: 'federation.feed-enterprise',
  bulletin: 'federation.feed-bulletin',
  seed: 'federation.feed-seed',
} as const;

/**
 * Keeps the open feed's change log in step with the domain events: a product, enterprise or
 * bulletin that changed moves to the head of its feed. An enterprise's status decides whether
 * its products are public, so its change moves its products too (a suspension reaches the feed
 * as their tombstones). The page itself is rendered from the owners' read models when served, so
 * a subject withdrawn a moment ago is already a tombstone before this job has run.
 */
@Injectable()
export class FeedEventsJob implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly registry: JobRegistry,
    private readonly log: FeedLog,
    private readonly products: ProductViews,
    private readonly enterprises: EnterpriseViews,
    private readonly bulletins: BulletinQueryService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('product.changed', FEED_QUEUES.product);
    this.events.subscribe('enterprise.changed', FEED_QUEUES.enterprise);
    this.events.subscribe('bulletin.changed', FEED_QUEUES.bulletin);
    const options = { concurrency: 1, backoffBaseMs: 500, backoffMaxMs: 10_000 };
    this.registry.registerBatch(
      FEED_QUEUES.product,
      (jobs: Array<JobRecord<{ productId: string }>>) => this.touchProducts(jobs.map((j) => j.payload.productId)),
      { ...options, batchSize: 200 },
    );
    this.registry.registerBatch(
      FEED_QUEUES.enterprise,
      async (jobs: Array<JobRecord<{ enterpriseId: string }>>) => {
        const ids = [...new Set(jobs.map((j) => j.payload.enterpriseId))];
        const views = await this.enterprises.load(ids);
        await this.log.touch('enterprise', ...split(ids, new Set(views.filter((e) => e.public).map((e) => e.id))));
        for (const id of ids) await this.touchProducts(await this.products.idsOfEnterprise(id));
      },
      { ...options, batchSize: 50 },
    );
    this.registry.registerBatch(
      FEED_QUEUES.bulletin,
      async (jobs: Array<JobRecord<{ bulletinId: string }>>) => {
        const ids = [...new Set(jobs.map((j) => j.payload.bulletinId))];
        const published = (await this.bulletins.loadMany(ids)).filter((b) => b.status === 'published');
        await this.log.touch('bulletin', ...split(ids, new Set(published.map((b) => b.id))));
      },
      { ...options, batchSize: 200 },
    );
    this.registry.register(FEED_QUEUES.seed, () => this.seed(), { concurrency: 1 });
    // Daily, and at the first start: public subjects missing from the log (an installation that
    // existed before the feed, or an event lost to a restore) are added; existing rows stay put.
    this.registry.every(FEED_QUEUES.seed, 24 * 60 * 60_000, FEED_QUEUES.seed);
  }

  private async touchProducts(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = [...new Set(ids.slice(i, i + 500))];
      const visible = (await this.products.load(chunk)).filter((v) => v.visible);
      await this.log.touch('product', ...split(chunk, new Set(visible.map((v) => v.id))));
    }
  }

  async seed(): Promise<void> {
    for await (const ids of this.products.visibleIds(5000)) await this.log.seed('product', ids);
    for await (const ids of this.enterprises.publicIds(5000)) await this.log.seed('enterprise', ids);
    await this.log.seed('bulletin', await this.bulletins.publishedIds());
  }
}

/** [public now, not public now]: the first are added to the feed, the second only move if it showed them. */
function split(ids: string[], present: Set<string>): [string[], string[]] {
  return [ids.filter((id) => present.has(id)), ids.filter((id) => !present.has(id))];
}
