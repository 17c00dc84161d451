import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobQueue, JobRegistry, PageCache, type JobRecord } from '@tradefloor/core';
import type { DataSource, EntityManager } from 'typeorm';
import { peerDocumentId, toPeerProductDocument, type PeerProductSource } from '../documents/peer-product-document';
import { SEARCH_ENGINE, SEARCH_FAILOVER_ENGINE, type FailoverEngine, type SearchEngine } from '../engine/search-engine';
import { DocumentLocks } from './document-locks';
import { SearchIndexer } from './search-indexer.service';

export const PEER_QUEUE = 'search.peer-products';
export const FAILOVER_PEER_QUEUE = 'search.failover.peer-products';

/** Items per job: a peer page holds at most 1,000; one job per chunk keeps a job's locks few. */
const CHUNK = 500;

interface PeerJob {
  peerId: string;
  /** Items that changed (upserted or tombstoned) at the peer. */
  remoteIds?: string[];
  /** The whole peer is gone (an admin removed it): every document of it leaves the index. */
  removePeer?: boolean;
}

/**
 * Keeps the peer products' index (a separate index in each engine) in step with the federation
 * context's table, through the same durable job pattern as our own products: the pull calls
 * `enqueue(m, …)` inside the transaction that stores a peer page, so the index jobs commit or roll
 * back with it. Handlers re-read the items' current rows from the registered `PeerProductSource`
 * under per-document locks (document-locks.ts) and upsert what exists / delete what is gone:
 * idempotent under at-least-once delivery. Each engine has its own queue (failover engine too).
 */
@Injectable()
export class PeerSearchIndex implements OnModuleInit {
  private source: PeerProductSource | null = null;
  private readonly failover: SearchEngine | null;
  private readonly locks: DocumentLocks;

  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    @Inject(SEARCH_FAILOVER_ENGINE) failoverEngine: FailoverEngine,
    private readonly jobs: JobQueue,
    private readonly registry: JobRegistry,
    private readonly indexer: SearchIndexer,
    private readonly pageCache: PageCache,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.failover = failoverEngine.engine;
    this.locks = new DocumentLocks(dataSource);
  }

  onModuleInit(): void {
    const options = { concurrency: 2, backoffBaseMs: 500, backoffMaxMs: 5000 };
    this.registry.register(PEER_QUEUE, (job: JobRecord<PeerJob>) => this.indexer.guard(this.engine, () => this.sync(job.payload, this.engine)), options);
    const failover = this.failover;
    if (failover)
      this.registry.register(FAILOVER_PEER_QUEUE, (job: JobRecord<PeerJob>) => this.indexer.guard(failover, () => this.sync(job.payload, failover)), options);
  }

  /** The federation context registers where peer products are read from. */
  register(source: PeerProductSource): void {
    this.source = source;
  }

  /** In the caller's transaction: re-index these items of a peer (changed or tombstoned). */
  async enqueue(m: EntityManager, peerId: string, remoteIds: string[]): Promise<void> {
    const unique = [...new Set(remoteIds)];
    for (let i = 0; i < unique.length; i += CHUNK) await this.toEveryEngine(m, { peerId, remoteIds: unique.slice(i, i + CHUNK) });
  }

  /** In the caller's transaction: every document of this peer leaves the index. */
  async enqueueRemovePeer(m: EntityManager, peerId: string): Promise<void> {
    await this.toEveryEngine(m, { peerId, removePeer: true });
  }

  private async toEveryEngine(m: EntityManager, job: PeerJob): Promise<void> {
    await this.jobs.enqueue(m, PEER_QUEUE, job);
    if (this.failover) await this.jobs.enqueue(m, FAILOVER_PEER_QUEUE, job);
  }

  async sync(job: PeerJob, engine: SearchEngine): Promise<void> {
    let settle: () => Promise<void>;
    if (job.removePeer) {
      settle = await this.dataSource.transaction((tx) => engine.applyPeerProducts({ upsert: [], remove: [], removePeers: [job.peerId] }, tx));
    } else {
      const keys = (job.remoteIds ?? []).map((remoteId) => ({ peerId: job.peerId, remoteId }));
      const ids = keys.map((k) => peerDocumentId(k.peerId, k.remoteId));
      settle = await this.locks.run(`${engine.kind}:peer-products`, ids, async (tx) => {
        const rows = this.source && keys.length ? await this.source.load(keys, tx) : [];
        const upsert = rows.map(toPeerProductDocument);
        const present = new Set(upsert.map((d) => d.id));
        return engine.applyPeerProducts({ upsert, remove: ids.filter((id) => !present.has(id)), removePeers: [] }, tx);
      });
    }
    await settle();
    // Search pages rendered before the change (the storefront's "Các tỉnh khác") are dropped.
    await this.pageCache.invalidateSubjects(this.dataSource.manager, [{ type: 'search-index', id: 'products' }]);
  }
}
