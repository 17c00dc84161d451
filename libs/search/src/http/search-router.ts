import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, HealthChecks, JobQueue, LOGGER, type ComponentHealth, type ResolvedConfig } from '@tradefloor/core';
import type { Logger } from 'pino';
import { SEARCH_ENGINE, SEARCH_FAILOVER_ENGINE, SearchUnavailableError, type FailoverEngine, type SearchEngine } from '../engine/search-engine';
import { INDEX_QUEUES } from '../indexing/search-indexer.service';
import { MeiliEngine } from '../meili/meili-engine';

export type EngineKind = SearchEngine['kind'];

/**
 * Chooses the engine that answers a search (issue 20). Without a failover engine, always the
 * active one. With SEARCH_FAILOVER=postgres, a circuit breaker:
 * - closed: Meilisearch answers, each call bounded by SEARCH_FAILOVER_TIMEOUT_MS; a call that
 *   fails or runs over is answered by PostgreSQL at once (the buyer sees no error) and opens the
 *   breaker;
 * - open: PostgreSQL answers; every SEARCH_FAILOVER_PROBE_MS a probe (half-open) asks Meilisearch's
 *   /health and whether its index queues have caught up (no job older than one probe interval
 *   left), and closes the breaker when both hold.
 * Each process decides for itself (API replicas probe independently); the state is on /health/ready
 * as the `search-failover` component.
 */
@Injectable()
export class SearchRouter implements OnModuleInit, OnModuleDestroy {
  private open = false;
  private openedAt = 0;
  private switches = 0;
  private lastError?: string;
  private probeTimer?: NodeJS.Timeout;
  private probing = false;
  private readonly failover: SearchEngine | null;

  constructor(
    @Inject(SEARCH_ENGINE) private readonly primary: SearchEngine,
    @Inject(SEARCH_FAILOVER_ENGINE) failoverEngine: FailoverEngine,
    private readonly jobs: JobQueue,
    private readonly health: HealthChecks,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.failover = failoverEngine.engine;
    if (this.failover && primary instanceof MeiliEngine) primary.searchTimeoutMs = config.search.failoverTimeoutMs;
  }

  onModuleInit(): void {
    if (this.failover) this.health.register('search-failover', async () => this.componentHealth());
  }

  onModuleDestroy(): void {
    clearTimeout(this.probeTimer);
  }

  /** Runs a read on the engine that should answer now; says which one did. */
  async run<T>(read: (engine: SearchEngine) => Promise<T>): Promise<{ value: T; engine: EngineKind }> {
    if (!this.failover) return { value: await read(this.primary), engine: this.primary.kind };
    if (!this.open) {
      try {
        return { value: await read(this.primary), engine: this.primary.kind };
      } catch (err) {
        if (!(err instanceof SearchUnavailableError)) throw err;
        this.trip(err);
      }
    }
    return { value: await read(this.failover), engine: this.failover.kind };
  }

  private trip(err: SearchUnavailableError): void {
    this.lastError = err.message;
    if (this.open) return;
    this.open = true;
    this.openedAt = Date.now();
    this.switches++;
    this.logger.warn({ error: err.message, failover: this.failover?.kind }, 'search failover: Meilisearch unavailable, answering from PostgreSQL');
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => void this.probe(), this.config.search.failoverProbeMs);
    this.probeTimer.unref();
  }

  /** Half-open: Meilisearch healthy and caught up closes the breaker; anything else keeps it open. */
  private async probe(): Promise<void> {
    if (!this.open || this.probing) return;
    this.probing = true;
    try {
      const res = await fetch(`${this.config.meiliHost}/health`, { signal: AbortSignal.timeout(this.config.search.failoverTimeoutMs) });
      if (!res.ok) throw new Error(`Meilisearch /health answered ${res.status}`);
      const backlog = await this.jobs.backlog(INDEX_QUEUES);
      if (backlog.jobs && backlog.oldestMs >= this.config.search.failoverProbeMs) {
        throw new Error(`Meilisearch is back but ${backlog.jobs} index jobs are not done yet (oldest ${backlog.oldestMs} ms)`);
      }
      this.open = false;
      this.switches++;
      this.logger.info({ outageMs: Date.now() - this.openedAt }, 'search failover: Meilisearch answers again and has caught up');
    } catch (err) {
      this.lastError = (err as Error).message;
      this.scheduleProbe();
    } finally {
      this.probing = false;
    }
  }

  private componentHealth(): ComponentHealth {
    const figures = {
      answering: this.open ? this.failover?.kind : this.primary.kind,
      breaker: this.open ? 'open' : 'closed',
      switches: this.switches,
      since: this.open ? new Date(this.openedAt).toISOString() : null,
      lastError: this.lastError ?? null,
      timeoutMs: this.config.search.failoverTimeoutMs,
      probeMs: this.config.search.failoverProbeMs,
    };
    return this.open
      ? { status: 'degraded', detail: `searches answered by ${this.failover?.kind} (Meilisearch unavailable)`, figures }
      : { status: 'up', figures };
  }
}
