import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { ProductViews } from '@tradefloor/catalog';
import { APP_CONFIG, ConflictError, JobQueue, JobRegistry, LOGGER, type JobRecord, type ResolvedConfig } from '@tradefloor/core';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { toEnterpriseDocument, type EnterpriseDocument } from '../documents/enterprise-document';
import type { ProductDocument } from '../documents/product-document';
import { SEARCH_ENGINE, type IndexKind, type RebuildProgress, type SearchEngine } from '../engine/search-engine';
import { SearchState } from '../engine/search-state';
import { SearchDriftCheck } from './drift-check.service';
import { QUEUES, SearchIndexer } from './search-indexer.service';

/**
 * Version of the document shape (ProductDocument / EnterpriseDocument derivation). Bump it when
 * indexed content changes meaning: the next start enqueues a full rebuild.
 * search-3: the vocabulary (search_terms) is kept for both engines; the rebuild fills it for
 * Meilisearch installations, whose queries now use it too (typo and relaxed fallbacks).
 * search-4: products carry their published rating (`ratingAverage`, `ratingCount`) for `sort=rating`.
 */
export const DOCUMENT_VERSION = '2026-12-search-4';

/** One advisory lock for rebuilds, so the CLI, the admin endpoint and jobs never overlap. */
const REBUILD_LOCK_ID = 741_852_964;
const SAMPLE = 20;

export interface DriftSide {
  database: number;
  index: number;
  missing: number;
  extra: number;
  stale: number;
  sample: { missing: string[]; extra: string[]; stale: string[] };
}

export interface DriftReport {
  engine: string;
  products: DriftSide;
  enterprises: DriftSide;
  inSync: boolean;
  repaired: boolean;
}

export interface RebuildReport {
  engine: string;
  products: number;
  enterprises: number;
  durationMs: number;
  /** Writes that happened during the build, applied after the swap. */
  repairedAfterSwap: number;
}

type Maintenance = { action: 'prepare' | 'reindex' | 'drift-repair' | 'drift-check' | 'ocop-expiry'; engine?: SearchEngine['kind'] };

@Injectable()
export class SearchMaintenance implements OnModuleInit, OnApplicationBootstrap {
  private readonly state: SearchState;

  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    private readonly indexer: SearchIndexer,
    private readonly driftCheck: SearchDriftCheck,
    private readonly views: ProductViews,
    private readonly enterprises: EnterpriseViews,
    private readonly registry: JobRegistry,
    private readonly jobs: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.state = new SearchState(dataSource);
  }

  onModuleInit(): void {
    this.registry.register(QUEUES.maintenance, (job: JobRecord<Maintenance>) => this.indexer.guard(this.engine, () => this.runMaintenance(job.payload)), {
      concurrency: 1,
      backoffBaseMs: 1000,
      backoffMaxMs: 10_000,
    });
    this.registry.every('search.ocop-expiry', 60 * 60_000, QUEUES.maintenance, { action: 'ocop-expiry' });
    this.registry.every('search.drift-repair', 24 * 60 * 60_000, QUEUES.maintenance, { action: 'drift-repair' });
    this.registry.every('search.drift-check', this.config.search.driftCheckSeconds * 1000, QUEUES.maintenance, { action: 'drift-check' });
  }

  /**
   * Applies the settings versioned in code and backfills when the document version changed (or
   * the index was never built). Never blocks start-up on the backend: if it is down, a durable
   * job does the work once it is back.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.engine.prepare();
    } catch (err) {
      this.logger.warn({ err }, 'search engine not ready at start; preparing in the background');
      await this.jobs.enqueueNow(QUEUES.maintenance, { action: 'prepare' }, { dedupeKey: 'prepare' });
    }
    // Each engine kept in step (the failover engine too) is rebuilt when its documents are stale.
    for (const engine of this.indexer.engines()) {
      if ((await this.state.get(this.versionKey(engine))) === DOCUMENT_VERSION) continue;
      // Every product belongs to an enterprise: no enterprise means nothing to index yet.
      if (!(await this.enterprises.any())) await this.state.set(this.versionKey(engine), DOCUMENT_VERSION);
      else await this.jobs.enqueueNow(QUEUES.maintenance, { action: 'reindex', engine: engine.kind }, { dedupeKey: `reindex:${engine.kind}` });
    }
  }

  private async runMaintenance(p: Maintenance): Promise<void> {
    const engine = this.indexer.engines().find((e) => e.kind === p.engine) ?? this.engine;
    if (p.action === 'prepare') await this.engine.prepare();
    // Enqueued at start when the document version changed; another start or the CLI may have done it since.
    else if (p.action === 'reindex') {
      if ((await this.state.get(this.versionKey(engine))) !== DOCUMENT_VERSION) await this.rebuild(undefined, engine);
    } else if (p.action === 'drift-repair') {
      for (const e of this.indexer.engines()) await this.drift(true, e);
    } else if (p.action === 'drift-check') await this.driftCheck.runAll();
    else if (p.action === 'ocop-expiry') await this.indexer.sweepOcopExpiry();
  }

  /** Fresh indexes built from the database and swapped in; then writes made meanwhile are replayed. */
  async rebuild(progress: RebuildProgress = () => undefined, engine: SearchEngine = this.engine): Promise<RebuildReport> {
    return this.exclusively(async () => {
      const started = Date.now();
      await engine.prepare();
      const counts = await engine.rebuild(
        {
          products: () => this.visibleProducts(),
          enterprises: () => this.visibleEnterprises(),
        },
        progress,
      );
      // Jobs that ran during the build wrote to the old index; the drift repair carries them over.
      const drift = await this.drift(true, engine);
      await this.state.set(this.versionKey(engine), DOCUMENT_VERSION);
      return {
        engine: engine.kind,
        ...counts,
        durationMs: Date.now() - started,
        repairedAfterSwap:
          drift.products.missing + drift.products.extra + drift.products.stale + drift.enterprises.missing + drift.enterprises.extra + drift.enterprises.stale,
      };
    });
  }

  /** Compares database and index (counts and per-document hashes); with `repair`, fixes them. */
  async drift(repair: boolean, engine: SearchEngine = this.engine): Promise<DriftReport> {
    const products = await this.compare(engine, 'products', this.visibleProducts());
    const enterprises = await this.compare(engine, 'enterprises', this.visibleEnterprises());
    if (repair) {
      await this.indexer.syncProducts([...products.missing, ...products.stale, ...products.extra], engine);
      await this.indexer.syncEnterpriseDocuments([...enterprises.missing, ...enterprises.stale, ...enterprises.extra], engine);
    }
    const report: DriftReport = {
      engine: engine.kind,
      products: products.side,
      enterprises: enterprises.side,
      inSync: [products, enterprises].every((s) => s.side.missing + s.side.extra + s.side.stale === 0),
      repaired: repair,
    };
    if (!report.inSync) this.logger.warn({ drift: report }, 'search index drift found');
    return report;
  }

  private async compare(engine: SearchEngine, kind: IndexKind, docs: AsyncIterable<Array<{ id: string; hash: string }>>) {
    const indexed = await engine.indexedHashes(kind);
    const missing: string[] = [];
    const stale: string[] = [];
    let database = 0;
    const seen = new Set<string>();
    for await (const batch of docs) {
      for (const d of batch) {
        database++;
        seen.add(d.id);
        const h = indexed.get(d.id);
        if (h === undefined) missing.push(d.id);
        else if (h !== d.hash) stale.push(d.id);
      }
    }
    const extra = [...indexed.keys()].filter((id) => !seen.has(id));
    return {
      missing,
      stale,
      extra,
      side: {
        database,
        index: indexed.size,
        missing: missing.length,
        extra: extra.length,
        stale: stale.length,
        sample: { missing: missing.slice(0, SAMPLE), extra: extra.slice(0, SAMPLE), stale: stale.slice(0, SAMPLE) },
      },
    };
  }

  private async *visibleProducts(): AsyncGenerator<ProductDocument[]> {
    for await (const views of this.views.stream(1000, true)) {
      const visible = views.filter((v) => v.visible);
      await this.indexer.trackOcopExpiry(
        visible.map((v) => v.id),
        visible.filter((v) => v.ocopStars && v.ocopValidUntil).map((v) => ({ id: v.id, validUntil: v.ocopValidUntil! })),
      );
      const docs = await this.indexer.documentsOf(visible);
      await this.indexer.vocabulary.addProducts(docs);
      yield docs;
    }
  }

  private async *visibleEnterprises(): AsyncGenerator<EnterpriseDocument[]> {
    for await (const records of this.enterprises.stream(1000)) {
      const docs = records.filter((r) => r.public).map(toEnterpriseDocument);
      await this.indexer.vocabulary.addEnterprises(docs);
      yield docs;
    }
  }

  private versionKey(engine: SearchEngine): string {
    return `${engine.kind}:${this.config.meiliIndexPrefix}:documents`;
  }

  /** The engines kept in step: the active one and, with SEARCH_FAILOVER=postgres, the failover engine. */
  engines(): SearchEngine[] {
    return this.indexer.engines();
  }

  /**
   * Which of these documents some engine still holds (takedowns wait for none): `engine:id` pairs.
   * An engine that cannot answer counts as holding them all — a takedown is never confirmed blind.
   */
  async stillIndexed(kind: IndexKind, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const found: string[] = [];
    for (const engine of this.indexer.engines()) {
      try {
        for (const id of (await engine.hashesOf(kind, ids)).keys()) found.push(`${engine.kind}:${id}`);
      } catch {
        found.push(...ids.map((id) => `${engine.kind}:${id}`));
      }
    }
    return found;
  }

  private async exclusively<T>(fn: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [REBUILD_LOCK_ID]);
      if (!locked) throw new ConflictError('Đang tái lập chỉ mục tìm kiếm (a search reindex is already running)', 'REINDEX_RUNNING');
      try {
        return await fn();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [REBUILD_LOCK_ID]);
      }
    } finally {
      await runner.release();
    }
  }
}
