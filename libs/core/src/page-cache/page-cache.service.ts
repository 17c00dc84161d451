import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import { HealthChecks } from '../health/health-checks';
import { DomainEvents } from '../jobs/domain-events';
import { JobQueue } from '../jobs/job-queue.service';
import { LOGGER } from '../logging/logger';
import type { ResolvedConfig } from '../runtime/infrastructure';
import { NotificationListener } from './notification-listener';
import { PageStore, type CachedPage } from './page-store';
import { PAGE_CACHE_CHANNEL, chunkTags, eventSubject, subjectTags, type PageSubject, type PageSubjectType } from './page-subjects';

/** Extra tags for subjects that only the composing layer can work out (e.g. a product's enterprise list). */
export type TagResolver = (manager: EntityManager, ids: string[]) => Promise<string[]>;

const PENDING = Symbol('pageCacheTags');
type RunnerData = Record<string | symbol, unknown> & { [PENDING]?: Set<string> };

/**
 * The cache of rendered anonymous pages and its invalidation.
 *
 * A write invalidates with `invalidateSubjects(manager, subjects)` inside its transaction: a NOTIFY
 * on PAGE_CACHE_CHANNEL that PostgreSQL delivers to every API process only if the transaction
 * commits, and a local drop right after the commit (before the write's response is sent). Each
 * API process LISTENs on a dedicated connection; while it is not listening (start-up, a lost
 * connection) the cache is bypassed, and everything is dropped when listening resumes, since
 * notifications may have been missed.
 */
@Injectable()
export class PageCache implements OnApplicationShutdown {
  private readonly store: PageStore;
  private readonly resolvers = new Map<PageSubjectType, TagResolver[]>();
  private readonly followers = new Map<string, Array<() => void>>();
  private listener: NotificationListener | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    health: HealthChecks,
    events: DomainEvents,
    private readonly jobs: JobQueue,
  ) {
    this.store = new PageStore({ maxBytes: config.pageCache.maxBytes, ttlMs: config.pageCache.ttlSeconds * 1000 });
    this.dataSource.subscribers.push(this.commitSubscriber());
    // The one place writes reach the cache: every domain event drops the pages of its subject.
    events.onPublish(async (manager, event, payloads) => {
      const subjects = payloads.map((p) => eventSubject(event, p as Record<string, string>)).filter((s) => s !== undefined);
      if (subjects.length) await this.invalidateSubjects(manager, subjects);
    });
    health.register('page-cache', async () => this.health());
  }

  /** True while pages may be read from and written to the cache (enabled, and hearing invalidations). */
  get active(): boolean {
    return this.config.pageCache.enabled && this.listener?.listening === true;
  }

  /** Starts listening for invalidations (HTTP processes only; workers just send them). */
  async start(): Promise<void> {
    if (!this.config.pageCache.enabled || this.listener) return;
    this.listener = new NotificationListener({
      connectionString: this.config.databaseUrl,
      channel: PAGE_CACHE_CHANNEL,
      logger: this.logger,
      onNotification: (payload) => this.onNotification(payload),
      onListening: () => this.clear(),
      onLost: () => this.clear(),
    });
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  /**
   * `fn` runs whenever `tag` is invalidated in this process (or everything is dropped), for other
   * in-process caches the pages are rendered from (e.g. the category list), so a re-render on
   * another replica does not read them stale.
   */
  onInvalidated(tag: string, fn: () => void): void {
    this.followers.set(tag, [...(this.followers.get(tag) ?? []), fn]);
  }

  /** Lets the composing layer add tags for a kind of subject (resolved in the writing transaction). */
  addTagResolver(type: PageSubjectType, resolver: TagResolver): void {
    const list = this.resolvers.get(type) ?? [];
    list.push(resolver);
    this.resolvers.set(type, list);
  }

  /**
   * Drops the pages showing these subjects on every API process once `manager`'s transaction
   * commits (at once when `manager` is not in a transaction). Call it inside the write's transaction,
   * e.g. a takedown: `await pageCache.invalidateSubjects(m, [{ type: 'product', id }])`.
   */
  async invalidateSubjects(manager: EntityManager, subjects: PageSubject[]): Promise<void> {
    if (!subjects.length) return;
    const tags = new Set(subjects.flatMap(subjectTags));
    const byType = new Map<PageSubjectType, string[]>();
    for (const s of subjects) byType.set(s.type, [...(byType.get(s.type) ?? []), s.id]);
    for (const [type, ids] of byType) {
      for (const resolve of this.resolvers.get(type) ?? []) for (const tag of await resolve(manager, ids)) tags.add(tag);
    }
    await this.invalidateTags(manager, [...tags]);
  }

  /** Same as invalidateSubjects, with the page tags already worked out. */
  async invalidateTags(manager: EntityManager, tags: string[]): Promise<void> {
    for (const chunk of chunkTags(tags)) {
      // Inside a job batch (checkout) the notification goes out with the batch's jobs.
      if (!this.jobs.notifyWithBatch(manager, PAGE_CACHE_CHANNEL, chunk)) await manager.query('SELECT pg_notify($1, $2)', [PAGE_CACHE_CHANNEL, chunk]);
    }
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      const data = runner.data as RunnerData;
      const pending = (data[PENDING] ??= new Set());
      for (const tag of tags) pending.add(tag);
    } else {
      this.invalidateLocal(tags);
    }
  }

  /** A token to pass to `put()` for a page about to be rendered. */
  begin(): number {
    return this.store.begin();
  }

  get(key: string): CachedPage | undefined {
    return this.active ? this.store.get(key) : undefined;
  }

  put(key: string, page: CachedPage, token: number): boolean {
    return this.active ? this.store.set(key, page, token) : false;
  }

  stats() {
    const s = this.store.stats();
    const lookups = s.hits + s.misses;
    return { ...s, hitRatio: lookups ? Math.round((s.hits / lookups) * 1000) / 1000 : 0, listening: this.listener?.listening ?? false };
  }

  /** For tests: drop the listening connection as a network failure would (reconnecting after `holdMs` at the soonest). */
  async interruptListener(holdMs = 0): Promise<void> {
    await this.listener?.interrupt(holdMs);
  }

  private onNotification(payload: string): void {
    try {
      const tags: unknown = JSON.parse(payload);
      if (Array.isArray(tags)) this.invalidateLocal(tags.filter((t): t is string => typeof t === 'string'));
    } catch {
      this.clear();
    }
  }

  private invalidateLocal(tags: Iterable<string>): void {
    const list = [...tags];
    // Followers first: a page re-rendered after the drop must not read their stale copies.
    for (const tag of list) for (const fn of this.followers.get(tag) ?? []) fn();
    this.store.invalidate(list);
  }

  private clear(): void {
    for (const fns of this.followers.values()) for (const fn of fns) fn();
    this.store.clear();
  }

  private async health() {
    if (!this.config.pageCache.enabled) return { status: 'up' as const, detail: 'disabled (PAGE_CACHE_ENABLED=false)' };
    const figures = this.stats();
    // Not listening means not caching (every page is rendered): slower, never stale.
    if (this.listener && !figures.listening) return { status: 'degraded' as const, detail: 'not listening for invalidations; cache bypassed', figures };
    return { status: 'up' as const, figures };
  }

  /** Local invalidation right after the writing transaction commits (before its response is sent). */
  private commitSubscriber(): EntitySubscriberInterface {
    const take = (runner: QueryRunner): Set<string> | undefined => {
      if (runner.isTransactionActive) return undefined; // a savepoint, not the transaction
      const data = runner.data as RunnerData;
      const pending = data[PENDING];
      delete data[PENDING];
      return pending;
    };
    return {
      afterTransactionCommit: (event: TransactionCommitEvent) => {
        const pending = take(event.queryRunner);
        if (pending) this.invalidateLocal(pending);
      },
      afterTransactionRollback: (event: TransactionRollbackEvent) => {
        take(event.queryRunner);
      },
    };
  }
}
