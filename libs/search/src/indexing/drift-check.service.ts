import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews } from '@tradefloor/catalog';
import { APP_CONFIG, HealthChecks, JobQueue, LOGGER, type ComponentHealth, type ResolvedConfig } from '@tradefloor/core';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { toEnterpriseDocument } from '../documents/enterprise-document';
import { SEARCH_ENGINE, SearchUnavailableError, type IndexKind, type SearchEngine } from '../engine/search-engine';
import { SearchState } from '../engine/search-state';
import { SearchIndexer } from './search-indexer.service';

/** Most recently indexed documents compared per check (jobs completed since the last one). */
const SAMPLE_JOBS = 1000;
/** Products of one re-indexed enterprise that join the sample (its fan-out touched them all). */
const SAMPLE_PER_ENTERPRISE = 50;
/** The sample window starts this long before the previous check did (clock skew between app and database). */
const SAMPLE_OVERLAP_MS = 2_000;

export interface DriftCheckCounts {
  database: number;
  index: number;
}

/** What one sampled drift check saw and healed (stored in search_state, shown by /health/ready). */
export interface DriftCheckReport {
  engine: string;
  checkedAt: string;
  durationMs: number;
  products: DriftCheckCounts;
  enterprises: DriftCheckCounts;
  /** Index jobs not finished when the counts were taken (a count difference may be theirs). */
  backlog: number;
  /** Recently indexed documents compared with the database, and how many differed. */
  sampled: number;
  sampleStale: number;
  /** Documents missing from / extra in the index, found by comparing ids after a count difference. */
  missing: number;
  extra: number;
  /** Documents re-synced by this check. */
  healed: number;
}

/**
 * Defence in depth behind the per-document write order (issue 12 §1): a cheap check every
 * SEARCH_DRIFT_CHECK_SECONDS (default 2 min) instead of only the daily full comparison.
 * - counts: visible products / public enterprises in the database vs documents in the index;
 *   when they differ, the id sets are compared (ids only) and the differences re-synced;
 * - sample: the documents whose index jobs completed since the previous check (plus some products
 *   of each re-indexed enterprise) are compared by content hash with what the database says now;
 *   a difference is re-synced at once.
 * So a lost update heals within minutes. The last report is kept in search_state and shown as the
 * `search-index` component of /health/ready (never critical: search still answers).
 */
@Injectable()
export class SearchDriftCheck implements OnModuleInit {
  private readonly state: SearchState;

  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    private readonly indexer: SearchIndexer,
    private readonly views: ProductViews,
    private readonly enterprises: EnterpriseViews,
    private readonly jobs: JobQueue,
    private readonly health: HealthChecks,
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.state = new SearchState(dataSource);
  }

  onModuleInit(): void {
    this.health.register('search-index', () => this.componentHealth());
  }

  /** Checks every engine kept in step; one that cannot be reached is skipped until the next run. */
  async runAll(): Promise<void> {
    for (const engine of this.indexer.engines()) {
      try {
        await this.run(engine);
      } catch (err) {
        if (!(err instanceof SearchUnavailableError)) throw err;
        this.logger.warn({ engine: engine.kind, error: err.message }, 'drift check skipped: search engine unavailable');
      }
    }
  }

  async run(engine: SearchEngine = this.engine): Promise<DriftCheckReport> {
    const started = Date.now();
    const previous = await this.lastReport(engine);
    const windowStart = previous
      ? new Date(Date.parse(previous.checkedAt) - SAMPLE_OVERLAP_MS)
      : new Date(started - this.config.search.driftCheckSeconds * 1000 - SAMPLE_OVERLAP_MS);

    const queues = this.indexer.queuesOf(engine);
    const sample = await this.sample(queues, windowStart);
    const staleProducts = await this.staleProducts(engine, sample.products);
    const staleEnterprises = await this.staleEnterprises(engine, sample.enterprises);
    await this.indexer.syncProducts(staleProducts, engine);
    await this.indexer.syncEnterpriseDocuments(staleEnterprises, engine);

    const backlog = await this.jobs.backlog(queues);
    const products = { database: await this.views.countVisible(), index: await engine.count('products') };
    const enterprises = { database: await this.enterprises.countPublic(), index: await engine.count('enterprises') };
    let missing = 0;
    let extra = 0;
    for (const [kind, counts] of [
      ['products', products],
      ['enterprises', enterprises],
    ] as const) {
      if (counts.database === counts.index) continue;
      const diff = await this.idDifference(engine, kind);
      missing += diff.missing.length;
      extra += diff.extra.length;
      const ids = [...diff.missing, ...diff.extra];
      if (kind === 'products') await this.indexer.syncProducts(ids, engine);
      else await this.indexer.syncEnterpriseDocuments(ids, engine);
    }

    const report: DriftCheckReport = {
      engine: engine.kind,
      checkedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      products,
      enterprises,
      backlog: backlog.jobs,
      sampled: sample.products.length + sample.enterprises.length,
      sampleStale: staleProducts.length + staleEnterprises.length,
      missing,
      extra,
      healed: staleProducts.length + staleEnterprises.length + missing + extra,
    };
    await this.state.set(this.reportKey(engine), JSON.stringify(report));
    if (report.healed) this.logger.warn({ driftCheck: report }, 'search drift check re-synced documents');
    return report;
  }

  async lastReport(engine: SearchEngine = this.engine): Promise<DriftCheckReport | null> {
    const raw = await this.state.get(this.reportKey(engine));
    return raw ? (JSON.parse(raw) as DriftCheckReport) : null;
  }

  /** The active engine's last report as figures (and the failover engine's under `failover`). */
  private async componentHealth(): Promise<ComponentHealth> {
    const [primary, ...others] = await Promise.all(this.indexer.engines().map((e) => this.engineHealth(e)));
    const failover = others[0];
    const worst = [primary, failover].find((h) => h && h.status !== 'up') ?? primary;
    return { ...worst, figures: { ...primary.figures, ...(failover ? { failover: failover.figures ?? { detail: failover.detail } } : {}) } };
  }

  private async engineHealth(engine: SearchEngine): Promise<ComponentHealth> {
    const report = await this.lastReport(engine);
    if (!report) return { status: 'degraded', detail: `${engine.kind}: drift check has not run yet` };
    const ageSeconds = Math.round((Date.now() - Date.parse(report.checkedAt)) / 1000);
    const figures = { ...report, ageSeconds };
    if (ageSeconds > 3 * this.config.search.driftCheckSeconds + 60) {
      return { status: 'degraded', detail: `${engine.kind}: no drift check for ${ageSeconds} s`, figures };
    }
    // In-flight writes (backlog) explain a difference; a heal with nothing in flight was real drift.
    if (report.healed && !report.backlog) return { status: 'degraded', detail: `${engine.kind}: last check re-synced ${report.healed} documents`, figures };
    return { status: 'up', figures };
  }

  /** Products and enterprises indexed by jobs completed since `since`. */
  private async sample(queues: string[], since: Date): Promise<{ products: string[]; enterprises: string[] }> {
    const recent = await this.jobs.recentlyCompleted(queues, since, SAMPLE_JOBS);
    const products = new Set<string>();
    const enterprises = new Set<string>();
    for (const job of recent) {
      const payload = job.payload as { productId?: string; enterpriseId?: string };
      if (payload.productId) products.add(payload.productId);
      if (payload.enterpriseId) enterprises.add(payload.enterpriseId);
    }
    for (const id of enterprises) {
      for (const p of (await this.views.idsOfEnterprise(id)).slice(0, SAMPLE_PER_ENTERPRISE)) products.add(p);
    }
    return { products: [...products], enterprises: [...enterprises] };
  }

  private async staleProducts(engine: SearchEngine, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const docs = await this.indexer.documentsOf((await this.views.load(ids)).filter((v) => v.visible));
    const expected = new Map(docs.map((d) => [d.id, d.hash]));
    return differing(ids, expected, await engine.hashesOf('products', ids));
  }

  private async staleEnterprises(engine: SearchEngine, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const expected = new Map((await this.enterprises.load(ids)).filter((e) => e.public).map((e) => [e.id, toEnterpriseDocument(e).hash]));
    return differing(ids, expected, await engine.hashesOf('enterprises', ids));
  }

  private async idDifference(engine: SearchEngine, kind: IndexKind): Promise<{ missing: string[]; extra: string[] }> {
    const indexed = await engine.indexedIds(kind);
    const missing: string[] = [];
    const source = kind === 'products' ? this.views.visibleIds() : this.enterprises.publicIds();
    for await (const batch of source) {
      for (const id of batch) if (!indexed.delete(id)) missing.push(id);
    }
    return { missing, extra: [...indexed] };
  }

  private reportKey(engine: SearchEngine): string {
    return `drift-check:${engine.kind}:${this.config.meiliIndexPrefix}`;
  }
}

function differing(ids: string[], expected: Map<string, string>, indexed: Map<string, string>): string[] {
  return ids.filter((id) => expected.get(id) !== indexed.get(id));
}
