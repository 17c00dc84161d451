import type { DataSource, EntityManager } from 'typeorm';

/**
 * Per-document write order for an index (issue 12 §1).
 *
 * Index jobs re-read a document's current state and write it. Two jobs touching the same
 * document (a product job and its enterprise's fan-out, or two batches a few milliseconds apart)
 * used to run at once: the one that read the older state could write last, and that state stayed
 * until the daily drift repair. Now a job takes a transaction-scoped advisory lock per document
 * before it reads, and holds it until its write is *ordered* in the engine (PostgreSQL: written in
 * the same transaction; Meilisearch: its tasks enqueued, which Meilisearch applies in enqueue
 * order). Whoever reads later therefore writes later, so the last write carries the last
 * committed state: the job enqueued by the last write to commit reads after that commit.
 *
 * Locks are scoped per engine and index, so a lagging engine never holds up another. Keys are
 * taken in ascending order (no deadlock between batches that overlap) and released at commit.
 * The reads and writes made under the locks use the lock's own connection, so a handler holds
 * one pool connection however many run at once.
 */
export class DocumentLocks {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(scope: string, ids: readonly string[], fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    const keys = [...new Set(ids.map(documentKey))].sort((a, b) => a - b);
    return this.dataSource.transaction(async (tx) => {
      // unnest() yields the array in order, so the locks are taken in ascending key order.
      if (keys.length) await tx.query(`SELECT pg_advisory_xact_lock($1::int, k) FROM unnest($2::int[]) AS k`, [scopeKey(scope), keys]);
      return fn(tx);
    });
  }
}

/** 32-bit lock key of a document id (uuid): its first 8 hex digits; a rare collision only serialises two documents. */
export function documentKey(id: string): number {
  const n = Number.parseInt(id.slice(0, 8), 16);
  return Number.isNaN(n) ? fnv1a(id) : n | 0;
}

/** 32-bit key of a lock scope name ("meilisearch:products"), FNV-1a. */
export function scopeKey(scope: string): number {
  return fnv1a(`search:${scope}`);
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
