import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, JobQueue, JobRegistry, LOGGER, returnedRows, type JobRecord, type ResolvedConfig } from '@tradefloor/core';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { federationConfig, type FederationConfig } from '../federation-config';
import { boundedGet, PeerFetchError } from './bounded-get';
import { parsePeerPage } from './peer-page';
import { PeerProducts } from './peer-products.store';

export const PULL_QUEUE = 'federation.pull-peer';
export const PULL_DUE_QUEUE = 'federation.pull-due';
/** Longest wait between attempts of a failing peer. */
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/**
 * How often due peers are looked for: a fifth of the pull interval (at least 1 s, at most 60 s),
 * so a peer is pulled at most interval + interval/5 after its previous pull.
 */
export function dueCheckSeconds(intervalSeconds: number): number {
  return Math.max(1, Math.min(Math.ceil(intervalSeconds / 5), 60));
}

export interface PullReport {
  pages: number;
  items: number;
  rejected: number;
  error?: string;
}

/**
 * Pulls peer floors' product feeds. Every `FEDERATION_PULL_INTERVAL_SECONDS` the due peers get a
 * job each (one per peer at a time: dedupe key). A pull reads pages from the peer's saved cursor,
 * each bounded in time and bytes, at most `FEDERATION_MAX_PAGES_PER_RUN`; a cursor seen twice in
 * a run is a loop and stops it. Each page is stored with the cursor after it in one transaction,
 * so a crash resumes where it stopped. A failure is recorded on the peer (health) and its next
 * pull waits twice as long each time (up to 6 hours); our own data is never touched.
 */
@Injectable()
export class PeerPuller implements OnModuleInit {
  private readonly settings: FederationConfig;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
    private readonly jobs: JobQueue,
    private readonly store: PeerProducts,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.settings = federationConfig(config);
  }

  onModuleInit(): void {
    this.registry.register(PULL_QUEUE, async (job: JobRecord<{ peerId: string }>) => void (await this.pull(job.payload.peerId)), {
      concurrency: 2,
      maxAttempts: 3,
    });
    this.registry.register(PULL_DUE_QUEUE, () => this.enqueueDue(), { concurrency: 1 });
    this.registry.every(PULL_DUE_QUEUE, dueCheckSeconds(this.settings.pullIntervalSeconds) * 1000, PULL_DUE_QUEUE);
  }

  /** One job per peer whose next pull is due. */
  async enqueueDue(): Promise<void> {
    const due: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM federation_peers WHERE next_pull_at <= $1`, [this.clock.now()]);
    for (const { id } of due) await this.jobs.enqueueNow(PULL_QUEUE, { peerId: id }, { dedupeKey: `peer:${id}` });
  }

  async pull(peerId: string): Promise<PullReport> {
    // One pull per peer at a time, across workers: a lease long enough for the longest run.
    const leaseSeconds = Math.ceil((this.settings.maxPagesPerRun * this.settings.httpTimeoutMs) / 1000) + 60;
    const [peer] = returnedRows<{ feed_url: string; cursor: string | null; failures: number }>(
      await this.dataSource.query(
        `UPDATE federation_peers SET last_attempt_at = $2, pull_lease_until = now() + make_interval(secs => $3)
         WHERE id = $1 AND (pull_lease_until IS NULL OR pull_lease_until < now()) RETURNING feed_url, cursor, failures`,
        [peerId, this.clock.now(), leaseSeconds],
      ),
    );
    const report: PullReport = { pages: 0, items: 0, rejected: 0 };
    if (!peer) return report;
    let cursor = peer.cursor;
    const seen = new Set<string>(cursor ? [cursor] : []);
    try {
      for (let more = true; more && report.pages < this.settings.maxPagesPerRun;) {
        const page = parsePeerPage(await this.fetchPage(peer.feed_url, cursor));
        if (page.nextCursor && page.elements.length && seen.has(page.nextCursor)) throw new PeerFetchError('con trỏ lặp lại (cursor loop)');
        if (page.nextCursor) seen.add(page.nextCursor);
        await this.dataSource.transaction(async (m) => {
          await this.store.apply(m, peerId, page.elements);
          await m.query(`UPDATE federation_peers SET cursor = $2 WHERE id = $1`, [peerId, page.nextCursor ?? cursor]);
        });
        report.pages++;
        report.items += page.elements.length;
        report.rejected += page.rejected;
        cursor = page.nextCursor ?? cursor;
        // An empty page that says "more" would spin: the peer is then caught up as far as we can tell.
        more = page.hasMore && page.elements.length + page.rejected > 0;
      }
    } catch (err) {
      report.error = err instanceof PeerFetchError ? err.message : `lỗi không xác định (unexpected: ${(err as Error).message})`.slice(0, 500);
      if (!(err instanceof PeerFetchError)) this.logger.warn({ err, peerId }, 'federation: peer pull failed');
    }
    await this.record(peerId, peer.failures, report);
    return report;
  }

  private async fetchPage(feedUrl: string, cursor: string | null): Promise<string> {
    const url = new URL(feedUrl);
    if (cursor) url.searchParams.set('cursor', cursor);
    const res = await boundedGet(url.href, {
      timeoutMs: this.settings.httpTimeoutMs,
      maxBytes: this.settings.maxPageBytes,
      allowPrivate: this.settings.allowPrivatePeers,
    });
    if (res.status !== 200) throw new PeerFetchError(`HTTP ${res.status}`);
    return res.body;
  }

  private async record(peerId: string, failures: number, report: PullReport): Promise<void> {
    const now = this.clock.now();
    const interval = this.settings.pullIntervalSeconds * 1000;
    if (report.error) {
      const wait = Math.min(interval * 2 ** failures, MAX_BACKOFF_MS);
      await this.dataSource.query(
        `UPDATE federation_peers SET failures = failures + 1, last_error = $2, last_error_at = $3, next_pull_at = $4, last_rejected = $5, pull_lease_until = NULL
         WHERE id = $1`,
        [peerId, report.error, now, new Date(now.getTime() + wait), report.rejected],
      );
    } else {
      await this.dataSource.query(
        `UPDATE federation_peers SET failures = 0, last_success_at = $2, next_pull_at = $3, last_rejected = $4, pull_lease_until = NULL WHERE id = $1`,
        [peerId, now, new Date(now.getTime() + interval), report.rejected],
      );
    }
  }
}
