import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { ProductViews, type ProductView } from '@tradefloor/catalog';
import { Clock, DomainEvents, JobRegistry, LOGGER, PageCache, RetryJobLaterError, vietnamDate, type JobRecord } from '@tradefloor/core';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { toEnterpriseDocument } from '../documents/enterprise-document';
import { toProductDocument, type ProductDocument } from '../documents/product-document';
import { SEARCH_ENGINE, SEARCH_FAILOVER_ENGINE, SearchUnavailableError, type FailoverEngine, type SearchEngine, type Settle } from '../engine/search-engine';
import { DocumentLocks } from './document-locks';
import { ProductRatings } from './product-ratings';
import { Vocabulary } from './vocabulary';

export const QUEUES = {
  product: 'search.product',
  enterprise: 'search.enterprise',
  category: 'search.category',
  maintenance: 'search.maintenance',
} as const;

/**
 * The failover engine (SEARCH_FAILOVER=postgres) has queues of its own, fed by the same events:
 * a lagging or failing engine never holds up the other, and each retries its own writes.
 */
export const FAILOVER_QUEUES = {
  product: 'search.failover.product',
  enterprise: 'search.failover.enterprise',
  category: 'search.failover.category',
} as const;

/** The queues whose jobs write to the index (their backlog is the index's lag). */
export const INDEX_QUEUES = [QUEUES.product, QUEUES.enterprise, QUEUES.category];
export const FAILOVER_INDEX_QUEUES = [FAILOVER_QUEUES.product, FAILOVER_QUEUES.enterprise, FAILOVER_QUEUES.category];

const BATCH = 500;

/**
 * Keeps the active engine in step with the catalog. Every write publishes a domain event in its
 * own transaction; the event becomes one durable job per queue below, and the handlers load the
 * current state and upsert visible documents / delete invisible ones — idempotent, so at-least-
 * once delivery and replays are harmless. Jobs run concurrently (several per queue, several
 * workers); each holds its documents' locks from reading their state until the engine has
 * ordered the write (document-locks.ts), so a job that read an older state never writes last.
 *
 * While the backend is unreachable, handlers ask to run again later without spending an attempt
 * (RetryJobLaterError), with a short capped backoff: nothing dead-letters during an outage and
 * the index catches up within seconds of the backend coming back.
 */
@Injectable()
export class SearchIndexer implements OnModuleInit {
  private readonly consecutiveOutages = new Map<string, number>();
  private readonly failover: SearchEngine | null;
  private readonly locks: DocumentLocks;
  readonly vocabulary: Vocabulary;

  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    @Inject(SEARCH_FAILOVER_ENGINE) failoverEngine: FailoverEngine,
    private readonly views: ProductViews,
    private readonly enterprises: EnterpriseViews,
    private readonly events: DomainEvents,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly pageCache: PageCache,
    private readonly ratings: ProductRatings,
  ) {
    this.failover = failoverEngine.engine;
    this.locks = new DocumentLocks(dataSource);
    this.vocabulary = new Vocabulary(dataSource);
  }

  onModuleInit(): void {
    this.registerQueues(this.engine, QUEUES);
    if (this.failover) this.registerQueues(this.failover, FAILOVER_QUEUES);
  }

  /** Every engine kept in step: the active one, and the failover engine when configured. */
  engines(): SearchEngine[] {
    return this.failover ? [this.engine, this.failover] : [this.engine];
  }

  /** The index queues feeding `engine`. */
  queuesOf(engine: SearchEngine): string[] {
    return engine === this.engine ? INDEX_QUEUES : FAILOVER_INDEX_QUEUES;
  }

  private registerQueues(engine: SearchEngine, queues: { product: string; enterprise: string; category: string }): void {
    this.events.subscribe('product.changed', queues.product);
    this.events.subscribe('enterprise.changed', queues.enterprise);
    this.events.subscribe('category.changed', queues.category);
    const options = { concurrency: 4, backoffBaseMs: 500, backoffMaxMs: 5000 };
    // Product changes come in bursts (imports, seeding, an enterprise's catalogue): one bulk index
    // write per batch instead of one Meilisearch task per product.
    this.registry.registerBatch(
      queues.product,
      (jobs: Array<JobRecord<{ productId: string }>>) =>
        this.guard(engine, () => this.syncProducts([...new Set(jobs.map((j) => j.payload.productId))], engine)),
      { ...options, batchSize: 100 },
    );
    this.registry.register(
      queues.enterprise,
      (job: JobRecord<{ enterpriseId: string }>) => this.guard(engine, () => this.syncEnterprise(job.payload.enterpriseId, engine)),
      options,
    );
    this.registry.register(
      queues.category,
      (job: JobRecord<{ categoryId: string }>) => this.guard(engine, () => this.syncCategory(job.payload.categoryId, engine)),
      options,
    );
  }

  /** The documents of these (visible) products, with their published ratings (libs/reviews). */
  async documentsOf(views: ProductView[]): Promise<ProductDocument[]> {
    const ratings = await this.ratings.of(views.map((v) => v.id));
    return views.map((v) => toProductDocument(v, ratings.get(v.id)));
  }

  /**
   * Re-reads products and makes the index agree: visible → upsert, otherwise → delete. Each chunk
   * is read and handed to the engine under its documents' locks; the engine's work is awaited
   * once all chunks are ordered.
   */
  async syncProducts(ids: string[], engine: SearchEngine = this.engine): Promise<void> {
    const pending: Settle[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      const docs = await this.locks.run(`${engine.kind}:products`, chunk, async (tx) => {
        const visible = (await this.views.load(chunk, tx)).filter((v) => v.visible);
        const visibleIds = new Set(visible.map((v) => v.id));
        const upsert = await this.documentsOf(visible);
        pending.push(await engine.applyProducts({ upsert, remove: chunk.filter((id) => !visibleIds.has(id)) }, tx));
        // OCOP lapses are tracked once, by the active engine's jobs; the sweep re-indexes both.
        if (engine !== this.engine) return upsert;
        await this.trackOcopExpiry(
          chunk,
          visible.filter((v) => v.ocopStars && v.ocopValidUntil).map((v) => ({ id: v.id, validUntil: v.ocopValidUntil! })),
          tx,
        );
        return upsert;
      });
      await this.vocabulary.addProducts(docs);
    }
    for (const settle of pending) await settle();
    // Pages built from search results (home, search) were rendered from the index before it changed.
    if (ids.length) await this.pageCache.invalidateSubjects(this.dataSource.manager, [{ type: 'search-index', id: 'products' }]);
  }

  /** The enterprise document and all its products (their visibility follows its status). */
  async syncEnterprise(enterpriseId: string, engine: SearchEngine = this.engine): Promise<void> {
    await this.syncEnterpriseDocuments([enterpriseId], engine);
    await this.syncProducts(await this.views.idsOfEnterprise(enterpriseId), engine);
  }

  /** Enterprise documents only (not their products): public → upsert, otherwise → delete. */
  async syncEnterpriseDocuments(ids: string[], engine: SearchEngine = this.engine): Promise<void> {
    const pending: Settle[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      const docs = await this.locks.run(`${engine.kind}:enterprises`, chunk, async (tx) => {
        const visible = (await this.enterprises.load(chunk, tx)).filter((e) => e.public);
        const visibleIds = new Set(visible.map((e) => e.id));
        const upsert = visible.map(toEnterpriseDocument);
        pending.push(await engine.applyEnterprises({ upsert, remove: chunk.filter((id) => !visibleIds.has(id)) }, tx));
        return upsert;
      });
      await this.vocabulary.addEnterprises(docs);
    }
    for (const settle of pending) await settle();
  }

  async syncCategory(categoryId: string, engine: SearchEngine = this.engine): Promise<void> {
    await this.syncProducts(await this.views.idsInCategory(categoryId), engine);
  }

  /** Products whose best OCOP certificate has lapsed since they were indexed (no write marks that). */
  async sweepOcopExpiry(): Promise<number> {
    const rows: Array<{ product_id: string }> = await this.dataSource.query(`SELECT product_id FROM search_ocop_expiry WHERE valid_until < $1::date`, [
      vietnamDate(this.clock.now()),
    ]);
    for (const engine of this.engines())
      await this.syncProducts(
        rows.map((r) => r.product_id),
        engine,
      );
    return rows.length;
  }

  async trackOcopExpiry(ids: string[], rated: Array<{ id: string; validUntil: string }>, db: DataSource | EntityManager = this.dataSource): Promise<void> {
    await db.query(`DELETE FROM search_ocop_expiry WHERE product_id = ANY($1::uuid[])`, [ids]);
    if (!rated.length) return;
    await db.query(
      `INSERT INTO search_ocop_expiry (product_id, valid_until) SELECT * FROM unnest($1::uuid[], $2::date[])
       ON CONFLICT (product_id) DO UPDATE SET valid_until = EXCLUDED.valid_until`,
      [rated.map((r) => r.id), rated.map((r) => r.validUntil)],
    );
  }

  /** Outage → retry soon without spending an attempt; other failures retry with normal backoff. */
  async guard(engine: SearchEngine, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
      this.consecutiveOutages.set(engine.kind, 0);
    } catch (err) {
      if (!(err instanceof SearchUnavailableError)) throw err;
      const outages = this.consecutiveOutages.get(engine.kind) ?? 0;
      this.consecutiveOutages.set(engine.kind, outages + 1);
      const delay = Math.min(1000, 250 * 2 ** Math.min(outages, 2));
      this.logger.warn({ engine: engine.kind, delayMs: delay, error: err.message }, 'search backend unavailable, index job postponed');
      throw new RetryJobLaterError(delay, err.message);
    }
  }
}
