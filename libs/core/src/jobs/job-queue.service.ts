import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../database/query-rows';
import { prepared } from '../database/prepared-statements';
import { JobRegistry } from './job-registry';
import { JOBS_CHANNEL, type EnqueueOptions } from './job.types';

interface Notice {
  channel: string;
  payload: string;
}

interface Held {
  jobs: NewJob[];
  notices: Notice[];
}

/** One job for `JobQueue.enqueueMany`. */
export interface NewJob {
  queue: string;
  payload: object;
  options?: EnqueueOptions;
}

export interface QueueDepth {
  pending: number;
  running: number;
  dead: number;
}

/**
 * The transactional outbox: jobs are rows written with the caller's EntityManager, so they
 * commit or roll back together with the business write that caused them.
 */
@Injectable()
export class JobQueue {
  /** Jobs and notifications held back per transaction by `batch`. */
  private readonly batches = new WeakMap<EntityManager, Held>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
  ) {}

  /** Enqueue inside the caller's transaction (pass the transaction's EntityManager). */
  async enqueue(manager: EntityManager, queue: string, payload: object, options: EnqueueOptions = {}): Promise<void> {
    await this.enqueueMany(manager, [{ queue, payload, options }]);
  }

  /**
   * Runs `work` with every job it enqueues through `manager` (its own, a domain event's, …) and
   * every notification handed to `notifyWithBatch` held back and written in one statement when it
   * returns — the same rows and notifications as if each had been sent at once, a round trip fewer
   * for each. Only for work that does not read the jobs table itself (it would not see the held
   * jobs). Checkout uses it: its history's mails and expiry jobs, the stock's product events and
   * the page cache's invalidation go in together. Nested batches join the outer one. If `work`
   * throws, nothing is written (the caller's transaction rolls back anyway).
   */
  async batch<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    if (this.batches.has(manager)) return work();
    const held: Held = { jobs: [], notices: [] };
    this.batches.set(manager, held);
    try {
      const result = await work();
      await this.write(manager, held.jobs, held.notices);
      return result;
    } finally {
      this.batches.delete(manager);
    }
  }

  /**
   * A NOTIFY in `manager`'s transaction: held by its `batch` if there is one (true), else left to
   * the caller (false). PostgreSQL delivers it only if the transaction commits, either way.
   */
  notifyWithBatch(manager: EntityManager, channel: string, payload: string): boolean {
    const held = this.batches.get(manager);
    if (!held) return false;
    held.notices.push({ channel, payload });
    return true;
  }

  /**
   * Writes the jobs a `batch` on `manager` holds so far, at once (the batch goes on). For a
   * transaction about to take contended row locks: whatever it still has to write is better written
   * before them than while others wait (stock reservations do this). Without a batch, nothing to do.
   */
  async flush(manager: EntityManager): Promise<void> {
    const held = this.batches.get(manager);
    if (!held) return;
    await this.write(manager, held.jobs.splice(0), held.notices.splice(0));
  }

  /**
   * Several jobs in the caller's transaction in one statement (one round trip, with the workers'
   * wake-up): the same rows and coalescing as `enqueue` called for each in turn — two jobs of one
   * queue with one dedupe key become one (the later payload, the earlier run time).
   */
  async enqueueMany(manager: EntityManager, jobs: ReadonlyArray<NewJob>): Promise<void> {
    const held = this.batches.get(manager);
    if (held) held.jobs.push(...jobs);
    else await this.write(manager, jobs, []);
  }

  /** The jobs (coalesced as `enqueueMany` says) and notifications in one statement; nothing when there are none. */
  private async write(manager: EntityManager, jobs: ReadonlyArray<NewJob>, notices: ReadonlyArray<Notice>): Promise<void> {
    const rows = new Map<string, { queue: string; payload: string; runAt: Date | null; maxAttempts: number | null; dedupeKey: string | null }>();
    for (const [i, { queue, payload, options = {} }] of jobs.entries()) {
      const runAt = options.runAt ?? null;
      const key = options.dedupeKey ? `${queue}\u0000${options.dedupeKey}` : `#${i}`;
      const earlier = rows.get(key);
      if (earlier) {
        // As the upsert does: the latest payload, the earliest run time (none = now).
        earlier.payload = JSON.stringify(payload);
        const a = earlier.runAt?.getTime() ?? Date.now();
        const b = runAt?.getTime() ?? Date.now();
        earlier.runAt = b < a ? runAt : earlier.runAt;
        continue;
      }
      rows.set(key, {
        queue,
        payload: JSON.stringify(payload),
        runAt,
        maxAttempts: options.maxAttempts ?? this.registry.get(queue)?.maxAttempts ?? null,
        dedupeKey: options.dedupeKey ?? null,
      });
    }
    if (!rows.size && !notices.length) return;
    const all = [...rows.values()];
    // The workers' wake-up (one per queue written to) with the held notifications.
    const wakeUps = [...new Set(all.map((r) => r.queue))].map((queue) => ({ channel: JOBS_CHANNEL, payload: queue }));
    const sent = [...wakeUps, ...notices];
    // Rows without a dedupe key (NULL) never conflict. The notifications are delivered only if the
    // transaction commits: the wake-up rouses idle workers at once instead of at the next poll.
    await manager.query(
      prepared(`WITH added AS (
         INSERT INTO jobs (queue, payload, run_at, max_attempts, dedupe_key)
         SELECT q, p::jsonb, COALESCE(r, now()), COALESCE(a, 8), d
         FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::text[]) AS t(q, p, r, a, d)
         ON CONFLICT (queue, dedupe_key) WHERE status = 'pending'
         DO UPDATE SET payload = EXCLUDED.payload, run_at = LEAST(jobs.run_at, EXCLUDED.run_at)
         RETURNING 1)
       SELECT pg_notify(c, n) FROM unnest($6::text[], $7::text[]) AS s(c, n)`),
      [
        all.map((r) => r.queue),
        all.map((r) => r.payload),
        all.map((r) => r.runAt),
        all.map((r) => r.maxAttempts),
        all.map((r) => r.dedupeKey),
        sent.map((x) => x.channel),
        sent.map((x) => x.payload),
      ],
    );
  }

  /** Enqueue in a transaction of its own (when there is no business write to join). */
  async enqueueNow(queue: string, payload: object, options: EnqueueOptions = {}): Promise<void> {
    await this.dataSource.transaction((m) => this.enqueue(m, queue, payload, options));
  }

  async depth(): Promise<Record<string, QueueDepth>> {
    const rows: Array<{ queue: string; status: string; n: string }> = await this.dataSource.query(
      `SELECT queue, status, count(*) AS n FROM jobs WHERE status <> 'completed' GROUP BY queue, status`,
    );
    const out: Record<string, QueueDepth> = {};
    for (const r of rows) {
      const d = (out[r.queue] ??= { pending: 0, running: 0, dead: 0 });
      if (r.status === 'pending' || r.status === 'running' || r.status === 'dead') d[r.status] = Number(r.n);
    }
    return out;
  }

  /**
   * Payloads of jobs of these queues completed after `since`, newest first, at most `limit` —
   * leaving out those with a job of the same dedupe key still pending or running (their work is
   * not finished). For consumers that check their own recent work (e.g. the search drift check).
   */
  async recentlyCompleted(queues: string[], since: Date, limit: number): Promise<Array<{ queue: string; payload: unknown }>> {
    return this.dataSource.query(
      `SELECT c.queue, c.payload FROM jobs c
       WHERE c.status = 'completed' AND c.completed_at > $2 AND c.queue = ANY($1)
         AND (c.dedupe_key IS NULL OR NOT EXISTS (
           SELECT 1 FROM jobs p WHERE p.queue = c.queue AND p.dedupe_key = c.dedupe_key AND p.status IN ('pending', 'running')))
       ORDER BY c.completed_at DESC LIMIT $3`,
      [queues, since, limit],
    );
  }

  /** Jobs of these queues not finished yet (pending or running), and the age in ms of the oldest. */
  async backlog(queues: string[]): Promise<{ jobs: number; oldestMs: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)) * 1000, 0)::float8 AS oldest
       FROM jobs WHERE queue = ANY($1) AND status IN ('pending', 'running')`,
      [queues],
    );
    return { jobs: row.n, oldestMs: Math.round(row.oldest) };
  }

  /**
   * Moves dead jobs of a queue (optionally one job) back to pending with fresh attempts. A dead job
   * whose dedupe key already has a pending job is left dead (the pending one carries newer state),
   * and of several dead jobs sharing a key only the newest is revived.
   */
  async retryDead(queue: string, jobId?: string): Promise<number> {
    const rows = returnedRows(
      await this.dataSource.query(
        `UPDATE jobs SET status = 'pending', attempts = 0, run_at = now(), last_error = NULL, completed_at = NULL
       WHERE id IN (
         SELECT DISTINCT ON (COALESCE(d.dedupe_key, d.id::text)) d.id FROM jobs d
         WHERE d.queue = $1 AND d.status = 'dead' AND ($2::bigint IS NULL OR d.id = $2::bigint)
           AND (d.dedupe_key IS NULL OR NOT EXISTS (
             SELECT 1 FROM jobs p WHERE p.queue = d.queue AND p.dedupe_key = d.dedupe_key AND p.status = 'pending'))
         ORDER BY COALESCE(d.dedupe_key, d.id::text), d.id DESC)
       RETURNING id`,
        [queue, jobId ?? null],
      ),
    );
    if (rows.length) await this.dataSource.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, queue]);
    return rows.length;
  }
}
