import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import { returnedRows } from '../database/query-rows';
import type { ResolvedConfig } from '../runtime/infrastructure';
import { LOGGER } from '../logging/logger';
import { JobRegistry, type RegisteredQueue } from './job-registry';
import { JOBS_CHANNEL, PermanentJobError, RetryJobLaterError, type JobRecord } from './job.types';

interface ClaimedRow {
  id: string;
  queue: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  created_at: Date;
}

/**
 * Runs registered queues. Jobs are claimed with FOR UPDATE SKIP LOCKED, so any number of worker
 * processes share one queue. A claim is a lease (`locked_until`) renewed while the handler runs;
 * if the process dies, the lease lapses and another worker takes the job again: delivery is
 * at-least-once, so handlers are written to be idempotent.
 */
@Injectable()
export class JobWorker implements BeforeApplicationShutdown {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private listener?: Client;
  private pollTimer?: NodeJS.Timeout;
  private recurringTimer?: NodeJS.Timeout;
  private stopped = true;
  private polling = false;
  private pollAgain = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.listen();
    this.pollTimer = setInterval(() => this.poll(), this.config.jobPollIntervalMs);
    this.recurringTimer = setInterval(() => void this.scheduleRecurring(), 1000);
    await this.scheduleRecurring();
    this.poll();
    this.logger.info({ workerId: this.workerId, queues: this.registry.all().map((q) => q.name) }, 'job worker started');
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearInterval(this.recurringTimer);
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    // Running jobs get SHUTDOWN_DRAIN_MS to finish and record their outcome; those still running
    // then are handed back (pending again, this attempt not counted) so another worker takes them
    // at once instead of after their lease lapses. A late outcome of ours is then ignored: every
    // update of a job is guarded by `locked_by`.
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.config.shutdownDrainMs)));
    const outcome = await Promise.race([Promise.allSettled([...this.inFlight]).then(() => 'finished' as const), bound]);
    clearTimeout(timer);
    if (outcome === 'timeout') await this.releaseRunning();
  }

  /** Hands this worker's running jobs back to the queue (shutdown with jobs still running). */
  private async releaseRunning(): Promise<void> {
    const rows: Array<{ id: string }> = await this.dataSource
      .query(`SELECT id FROM jobs WHERE locked_by = $1 AND status = 'running'`, [this.workerId])
      .catch(() => []);
    for (const { id } of rows) {
      const job = { id: String(id) } as JobRecord;
      await this.requeue(job, `attempts = greatest(attempts - 1, 0), run_at = now() + make_interval(secs => $3::double precision / 1000), last_error = $4`, [
        0,
        'released by a worker that was shutting down',
      ]).catch((err: unknown) => this.logger.warn({ err, jobId: id }, 'could not release a running job'));
    }
    if (rows.length) {
      this.logger.warn({ jobIds: rows.map((r) => String(r.id)) }, 'released running jobs at shutdown');
      await this.dataSource.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, 'released']).catch(() => undefined);
    }
  }

  /**
   * Before (not on) shutdown: in-flight jobs must finish and record their outcome while the
   * database connection is still open (TypeORM closes it in its own onApplicationShutdown).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Resolves when no job of the given queues is pending or running (tests and CLI tools). */
  async drain(queues: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [{ n }] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM jobs WHERE queue = ANY($1) AND status IN ('pending','running') AND run_at <= now() + interval '1 second'`,
        [queues],
      );
      if (n === 0) return;
      if (Date.now() > deadline) throw new Error(`queues ${queues.join(',')} not drained within ${timeoutMs} ms`);
      this.poll();
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl });
    client.on('error', (err) => this.logger.warn({ err }, 'job listener connection error'));
    client.on('notification', () => this.poll());
    await client.connect();
    await client.query(`LISTEN ${JOBS_CHANNEL}`);
    this.listener = client;
  }

  /** Coalesces wake-ups: at most one claim round at a time, re-run if woken meanwhile. */
  poll(): void {
    if (this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    void this.claimRound()
      .catch((err: unknown) => this.logger.error({ err }, 'job claim failed'))
      .finally(() => {
        this.polling = false;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.poll();
        }
      });
  }

  private async claimRound(): Promise<void> {
    for (const queue of this.registry.all()) {
      // Per-queue limit, within the process-wide WORKER_CONCURRENCY cap.
      const total = [...this.running.values()].reduce((a, b) => a + b, 0);
      const free = Math.min(queue.concurrency - (this.running.get(queue.name) ?? 0), this.config.workerConcurrency - total);
      if (free <= 0 || this.stopped) continue;
      const rows = returnedRows<ClaimedRow>(
        await this.dataSource.query(
          `UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = $3,
                locked_until = now() + make_interval(secs => $4), started_at = now()
         WHERE id IN (
           SELECT id FROM jobs
           WHERE queue = $1 AND run_at <= now()
             AND (status = 'pending' OR (status = 'running' AND locked_until < now()))
           ORDER BY run_at, id
           FOR UPDATE SKIP LOCKED
           LIMIT $2)
         RETURNING id, queue, payload, attempts, max_attempts, created_at`,
          [queue.name, free * queue.batchSize, this.workerId, this.config.jobLockSeconds],
        ),
      );
      // Oldest first within each group; each group takes one concurrency slot.
      rows.sort((a, b) => Number(a.id) - Number(b.id));
      for (let i = 0; i < rows.length; i += queue.batchSize) this.launch(queue, rows.slice(i, i + queue.batchSize));
    }
  }

  private launch(queue: RegisteredQueue, group: ClaimedRow[]): void {
    this.running.set(queue.name, (this.running.get(queue.name) ?? 0) + 1);
    const task = this.execute(queue, group)
      // Recording the outcome can fail (database gone): the lease then lapses and the job runs
      // again elsewhere; it must never become an unhandled rejection that kills the process.
      .catch((err: unknown) => this.logger.error({ err, jobIds: group.map((r) => String(r.id)), queue: queue.name }, 'could not record job outcome'))
      .finally(() => {
        this.running.set(queue.name, (this.running.get(queue.name) ?? 1) - 1);
        this.inFlight.delete(task);
        this.poll();
      });
    this.inFlight.add(task);
  }

  private async execute(queue: RegisteredQueue, group: ClaimedRow[]): Promise<void> {
    const jobs: JobRecord[] = group.map((row) => ({
      id: String(row.id),
      queue: row.queue,
      payload: row.payload,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      createdAt: row.created_at,
    }));
    const ids = jobs.map((j) => j.id);
    const heartbeat = setInterval(
      () => {
        void this.dataSource
          .query(`UPDATE jobs SET locked_until = now() + make_interval(secs => $3) WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND status = 'running'`, [
            ids,
            this.workerId,
            this.config.jobLockSeconds,
          ])
          .catch(() => undefined);
      },
      Math.max(250, (this.config.jobLockSeconds * 1000) / 3),
    );
    try {
      await queue.run(jobs);
      await this.dataSource.query(
        `UPDATE jobs SET status = 'completed', completed_at = now(), last_error = NULL, locked_by = NULL, locked_until = NULL
         WHERE id = ANY($1::bigint[]) AND locked_by = $2`,
        [ids, this.workerId],
      );
    } catch (err) {
      for (const job of jobs) await this.fail(queue, job, err);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async fail(queue: RegisteredQueue, job: JobRecord, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof RetryJobLaterError) {
      await this.requeue(job, `attempts = attempts - 1, run_at = now() + make_interval(secs => $3::double precision / 1000), last_error = $4`, [
        err.delayMs,
        message,
      ]);
      return;
    }
    const permanent = err instanceof PermanentJobError;
    if (permanent || job.attempts >= job.maxAttempts) {
      this.logger.warn({ jobId: job.id, queue: job.queue, attempts: job.attempts, error: message }, 'job moved to dead-letter');
      await this.finish(job, `status = 'dead', last_error = $3, completed_at = now()`, [message]);
      return;
    }
    const exp = Math.min(queue.backoffMaxMs, queue.backoffBaseMs * 2 ** (job.attempts - 1));
    const delayMs = Math.round(exp * (0.75 + Math.random() * 0.5));
    this.logger.info({ jobId: job.id, queue: job.queue, attempts: job.attempts, delayMs, error: message }, 'job failed, will retry');
    await this.requeue(job, `run_at = now() + make_interval(secs => $3::double precision / 1000), last_error = $4`, [delayMs, message]);
  }

  /**
   * Back to pending for a later attempt. If the job has a dedupe key and a newer job with the same
   * key was enqueued while this one ran, that pending job already carries the latest payload
   * (the unique index allows one pending job per key): this one is closed as superseded.
   */
  private async requeue(job: JobRecord, set: string, params: unknown[]): Promise<void> {
    try {
      await this.finish(job, `status = 'pending', ${set}`, params);
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err;
      this.logger.info({ jobId: job.id, queue: job.queue }, 'job superseded by a newer pending job with the same dedupe key');
      await this.finish(job, `status = 'completed', completed_at = now(), last_error = $3`, [
        `superseded by a newer job with the same dedupe key after: ${String(params[1])}`,
      ]);
    }
  }

  /** Updates the job only while we still hold its lease (a lapsed lease means someone else owns it). */
  private async finish(job: JobRecord, set: string, params: unknown[]): Promise<void> {
    await this.dataSource.query(`UPDATE jobs SET ${set}, locked_by = NULL, locked_until = NULL WHERE id = $1 AND locked_by = $2`, [
      job.id,
      this.workerId,
      ...params,
    ]);
  }

  private async scheduleRecurring(): Promise<void> {
    if (this.stopped) return;
    for (const task of this.registry.recurringTasks()) {
      try {
        await this.dataSource.transaction(async (m) => {
          await m.query(`INSERT INTO job_schedules (name, next_run_at) VALUES ($1, now()) ON CONFLICT (name) DO NOTHING`, [task.name]);
          const due = returnedRows(
            await m.query(
              `UPDATE job_schedules SET next_run_at = now() + make_interval(secs => $2::double precision / 1000), last_run_at = now()
             WHERE name = $1 AND next_run_at <= now() RETURNING name`,
              [task.name, task.intervalMs],
            ),
          );
          if (due.length) {
            await m.query(
              `INSERT INTO jobs (queue, payload, dedupe_key) VALUES ($1, $2::jsonb, $3)
               ON CONFLICT (queue, dedupe_key) WHERE status = 'pending' DO NOTHING`,
              [task.queue, JSON.stringify(task.payload), `recurring:${task.name}`],
            );
            await m.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, task.queue]);
          }
        });
      } catch (err) {
        // A round still running when the worker stops meets a closed pool: not worth a warning.
        if (!this.stopped) this.logger.warn({ err, task: task.name }, 'recurring task scheduling failed');
      }
    }
  }
}
