import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { JobQueue, JobRegistry, PermanentJobError, createLogger, type JobRecord } from '@tradefloor/core';
import { buildApp, type BuiltApp } from '../../apps/api/src/bootstrap';
import { createTestApp, type TestApp } from '../harness/test-app';
import { waitUntil } from '../harness/processes';
import { readyDetails } from '../harness/auth';

/** What the test handlers did, shared by every worker of this file (they run in this process). */
const calls: Record<string, Array<{ id: string; payload: unknown; attempts: number; at: number; worker: string }>> = {};
let running = 0;
let maxRunning = 0;
let supersedeGate: () => void = () => undefined;
const batches: number[][] = [];

function record(worker: string, job: JobRecord): void {
  (calls[job.queue] ??= []).push({ id: job.id, payload: job.payload, attempts: job.attempts, at: Date.now(), worker });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Test queues, registered the way a bounded context registers its own. */
@Injectable()
class TestQueues implements OnModuleInit {
  constructor(private readonly registry: JobRegistry) {}
  onModuleInit(): void {
    const name = String(Math.random()).slice(2, 8);
    this.registry.register('test.ok', async (job) => record(name, job));
    this.registry.register(
      'test.flaky',
      async (job: JobRecord<{ failUntilAttempt: number }>) => {
        record(name, job);
        if (job.attempts < job.payload.failUntilAttempt) throw new Error(`Lỗi tạm thời lần ${job.attempts} (transient failure)`);
      },
      { maxAttempts: 4, backoffBaseMs: 200, concurrency: 1 },
    );
    this.registry.register('test.permanent', async (job) => {
      record(name, job);
      throw new PermanentJobError('Dữ liệu không hợp lệ (invalid payload)');
    });
    this.registry.register(
      'test.slow',
      async (job) => {
        record(name, job);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(150);
        running--;
      },
      { concurrency: 2 },
    );
    this.registry.register(
      'test.supersede',
      async (job: JobRecord<{ v: number }>) => {
        record(name, job);
        if (job.payload.v === 1) {
          await new Promise<void>((r) => (supersedeGate = r));
          throw new Error('first version failed');
        }
        // One at a time: the newer job must still be pending when the first fails (with two slots the
        // worker could run it meanwhile, and the first would be retried instead of superseded).
      },
      { concurrency: 1 },
    );
    this.registry.registerBatch(
      'test.batch',
      async (jobs: Array<JobRecord<{ n: number; fail?: boolean }>>) => {
        batches.push(jobs.map((j) => j.payload.n));
        if (jobs.some((j) => j.payload.fail && j.attempts === 1)) throw new Error('one bad item fails its batch once');
      },
      { batchSize: 10, concurrency: 1, backoffBaseMs: 50 },
    );
    this.registry.register('test.tick', async (job) => record(name, job), { concurrency: 1 });
    this.registry.every('test.tick', 1000, 'test.tick', { tick: true });
  }
}

@Module({ providers: [TestQueues] })
class TestQueuesModule {}

describe('durable jobs', () => {
  let t: TestApp;
  let queue: JobQueue;
  const jobRow = async (id: string) =>
    (await t.dataSource.query(`SELECT status, attempts, max_attempts, last_error, payload FROM jobs WHERE id = $1`, [id]))[0];
  const lastJobId = async (q: string): Promise<string> => (await t.dataSource.query(`SELECT max(id)::text AS id FROM jobs WHERE queue = $1`, [q]))[0].id;

  beforeAll(async () => {
    t = await createTestApp({ modules: [TestQueuesModule] });
    queue = t.app.get(JobQueue);
  });
  afterAll(() => t.close());

  it('never runs a job enqueued in a rolled-back transaction; runs a committed one exactly once', async () => {
    await expect(
      t.dataSource.transaction(async (m) => {
        await queue.enqueue(m, 'test.ok', { marker: 'rolled-back' });
        throw new Error('business write failed');
      }),
    ).rejects.toThrow('business write failed');
    for (let i = 0; i < 5; i++) {
      await t.dataSource.transaction((m) => queue.enqueue(m, 'test.ok', { marker: 'committed', i }));
    }
    await t.drainJobs(['test.ok']);
    await sleep(300); // a few more poll rounds: nothing may run twice
    const ran = calls['test.ok'] ?? [];
    expect(ran.map((c) => c.payload)).not.toContainEqual({ marker: 'rolled-back' });
    expect(ran).toHaveLength(5);
    expect(new Set(ran.map((c) => c.id)).size).toBe(5);
    const rows = await t.dataSource.query(`SELECT status, attempts, payload FROM jobs WHERE queue = 'test.ok'`);
    expect(rows).toHaveLength(5);
    expect(rows.every((r: { status: string; attempts: number }) => r.status === 'completed' && r.attempts === 1)).toBe(true);
  });

  it('retries with exponential backoff, dead-letters after maxAttempts, and retryDead revives the job', async () => {
    await queue.enqueueNow('test.flaky', { failUntilAttempt: 99 });
    const id = await lastJobId('test.flaky');
    expect((await jobRow(id)).max_attempts).toBe(4); // the queue's setting, not the global default of 8
    await waitUntil(async () => (await jobRow(id)).status === 'dead', 20_000, 'the job to be dead-lettered');
    const row = await jobRow(id);
    expect(row).toMatchObject({ status: 'dead', attempts: 4, last_error: 'Lỗi tạm thời lần 4 (transient failure)' });
    const tries = calls['test.flaky'].filter((c) => c.id === id);
    expect(tries.map((c) => c.attempts)).toEqual([1, 2, 3, 4]);
    const gaps = tries.slice(1).map((c, i) => c.at - tries[i].at);
    console.log(`backoff gaps between attempts (base 200 ms, ±25 % jitter): ${gaps.join(', ')} ms`);
    // Lower bounds only (a slow machine makes gaps longer, never shorter): 200·2^(n-1) − 25 %.
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(0.75 * 200 * 2 ** i - 20));

    // Once fixed (here: the payload says it succeeds from attempt 1), an operator revives it.
    await t.dataSource.query(`UPDATE jobs SET payload = '{"failUntilAttempt": 0}' WHERE id = $1`, [id]);
    expect(await queue.retryDead('test.flaky', id)).toBe(1);
    await t.drainJobs(['test.flaky']);
    expect(await jobRow(id)).toMatchObject({ status: 'completed', attempts: 1, last_error: null });
    expect(await queue.retryDead('test.flaky')).toBe(0);
  });

  it('dead-letters a PermanentJobError at once', async () => {
    await queue.enqueueNow('test.permanent', {});
    const id = await lastJobId('test.permanent');
    await waitUntil(async () => (await jobRow(id)).status === 'dead', 10_000, 'the job to be dead-lettered');
    expect(await jobRow(id)).toMatchObject({ attempts: 1, last_error: 'Dữ liệu không hợp lệ (invalid payload)' });
    expect(calls['test.permanent']).toHaveLength(1);
  });

  it('coalesces pending jobs with the same dedupeKey: one job, the latest payload wins', async () => {
    // Enqueued for a queue no worker handles yet, so both enqueues meet a pending job.
    const q = 'test.dedupe';
    await queue.enqueueNow(q, { productId: 'p1', version: 1 }, { dedupeKey: 'p1' });
    await queue.enqueueNow(q, { productId: 'p1', version: 2 }, { dedupeKey: 'p1' });
    await queue.enqueueNow(q, { productId: 'p2', version: 1 }, { dedupeKey: 'p2' });
    const rows = await t.dataSource.query(`SELECT payload FROM jobs WHERE queue = $1 ORDER BY id`, [q]);
    expect(rows.map((r: { payload: unknown }) => r.payload)).toEqual([
      { productId: 'p1', version: 2 },
      { productId: 'p2', version: 1 },
    ]);
    const seen: unknown[] = [];
    t.app.get(JobRegistry).register(q, async (job) => void seen.push(job.payload));
    await t.drainJobs([q]);
    expect(seen).toHaveLength(2);
    expect(seen).toEqual(
      expect.arrayContaining([
        { productId: 'p1', version: 2 },
        { productId: 'p2', version: 1 },
      ]),
    );
  });

  it('enqueueMany writes a batch in one statement as enqueue would one by one: keyed jobs coalesce (also within the batch), unkeyed ones do not, and a rollback keeps none', async () => {
    // No worker handles this queue yet: every job meets the others still pending.
    const q = 'test.batch-enqueue';
    await queue.enqueueNow(q, { k: 'a', v: 0 }, { dedupeKey: 'a' });
    const later = new Date(Date.now() + 3_600_000);
    await t.dataSource.transaction((m) =>
      queue.enqueueMany(m, [
        { queue: q, payload: { k: 'a', v: 1 }, options: { dedupeKey: 'a', runAt: later } },
        { queue: q, payload: { k: 'b', v: 1 }, options: { dedupeKey: 'b', runAt: later } },
        { queue: q, payload: { k: 'b', v: 2 }, options: { dedupeKey: 'b' } },
        { queue: q, payload: { k: 'none', v: 1 } },
        { queue: q, payload: { k: 'none', v: 2 } },
      ]),
    );
    await expect(
      t.dataSource.transaction(async (m) => {
        await queue.enqueueMany(m, [{ queue: q, payload: { k: 'rolled-back' } }]);
        throw new Error('business write failed');
      }),
    ).rejects.toThrow('business write failed');
    const rows: Array<{ payload: unknown; due: boolean; max_attempts: number }> = await t.dataSource.query(
      `SELECT payload, run_at <= now() AS due, max_attempts FROM jobs WHERE queue = $1 ORDER BY id`,
      [q],
    );
    expect(rows).toEqual([
      // The pending job of key a: the batch's payload, its earlier run time kept (the upsert's rule).
      { payload: { k: 'a', v: 1 }, due: true, max_attempts: 8 },
      // Two of key b in one batch: one job, the later payload, the earlier run time (now).
      { payload: { k: 'b', v: 2 }, due: true, max_attempts: 8 },
      { payload: { k: 'none', v: 1 }, due: true, max_attempts: 8 },
      { payload: { k: 'none', v: 2 }, due: true, max_attempts: 8 },
    ]);
    const seen: unknown[] = [];
    t.app.get(JobRegistry).register(q, async (job) => void seen.push(job.payload));
    await t.drainJobs([q]);
    expect(seen).toHaveLength(4);
  });

  it('closes a failed job as superseded when a newer job with its dedupe key is pending (no unique-index crash)', async () => {
    const q = 'test.supersede';
    await queue.enqueueNow(q, { v: 1 }, { dedupeKey: 'k' });
    const first = await lastJobId(q);
    await waitUntil(async () => (await jobRow(first)).status === 'running', 10_000, 'the first job to run');
    await queue.enqueueNow(q, { v: 2 }, { dedupeKey: 'k' }); // allowed: the first is running, not pending
    const second = await lastJobId(q);
    expect(second).not.toBe(first);
    supersedeGate();
    await t.drainJobs([q]);
    expect(await jobRow(first)).toMatchObject({ status: 'completed' });
    expect((await jobRow(first)).last_error).toMatch(/^superseded by a newer job with the same dedupe key/);
    expect(await jobRow(second)).toMatchObject({ status: 'completed', attempts: 1 });
    expect(calls[q].map((c) => c.payload)).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it('respects per-queue concurrency', async () => {
    await t.dataSource.transaction(async (m) => {
      for (let i = 0; i < 8; i++) await queue.enqueue(m, 'test.slow', { i });
    });
    await t.drainJobs(['test.slow']);
    expect(calls['test.slow']).toHaveLength(8);
    expect(maxRunning).toBe(2);
  });

  it('hands a batch queue up to batchSize jobs per call, and retries a failed batch', async () => {
    await t.dataSource.transaction(async (m) => {
      for (let n = 1; n <= 25; n++) await t.app.get(JobQueue).enqueue(m, 'test.batch', { n, fail: n === 7 });
    });
    await t.drainJobs(['test.batch'], 20_000);
    expect(batches.every((b) => b.length <= 10)).toBe(true);
    // 25 jobs in at least 3 calls; the batch holding job 7 failed once and ran again.
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.filter((b) => b.includes(7))).toHaveLength(2);
    const handled = new Set(batches.flat());
    expect([...handled].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs WHERE queue = 'test.batch' AND status = 'completed'`);
    expect(n).toBe(25);
  });

  it('shows queue depth in /health/ready', async () => {
    const q = 'test.depth-unhandled';
    for (let i = 0; i < 3; i++) await queue.enqueueNow(q, { i });
    await t.dataSource.query(`INSERT INTO jobs (queue, status, attempts) VALUES ($1, 'dead', 8)`, [q]);
    const res = await readyDetails(t);
    expect(res.body.jobs.status).toBe('up');
    expect(res.body.jobs.queues[q]).toEqual({ pending: 3, running: 0, dead: 1 });
    expect(res.body.jobs.queues['test.permanent']).toEqual({ pending: 0, running: 0, dead: 1 });
  });

  describe('with a second worker process on the same database', () => {
    let second: BuiltApp;
    beforeAll(async () => {
      second = await buildApp('worker', t.config, createLogger('silent'), undefined, [TestQueuesModule]);
    });
    afterAll(() => second.app.close());

    it('runs a recurring task once per interval across both workers', async () => {
      const before = (calls['test.tick'] ?? []).length;
      await sleep(4500);
      const jobs: Array<{ created_at: Date; status: string }> = await t.dataSource.query(
        `SELECT created_at, status FROM jobs WHERE queue = 'test.tick' ORDER BY created_at`,
      );
      const gaps = jobs.slice(1).map((j, i) => j.created_at.getTime() - jobs[i].created_at.getTime());
      console.log(`recurring task (every 1000 ms, 2 workers): ${jobs.length} runs, gaps ${gaps.join(', ')} ms`);
      expect(jobs.length).toBeGreaterThanOrEqual(3);
      // Scheduled from database time, so consecutive runs are at least one interval apart.
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000);
      await t.drainJobs(['test.tick']);
      const ticks = calls['test.tick'];
      expect(new Set(ticks.map((c) => c.id)).size).toBe(ticks.length); // each run handled once
      expect(ticks.length).toBeGreaterThan(before);
    });

    it('shares one queue between workers without running a job twice', async () => {
      const before = calls['test.ok'].length;
      await t.dataSource.transaction(async (m) => {
        for (let i = 0; i < 40; i++) await queue.enqueue(m, 'test.ok', { shared: i });
      });
      await t.drainJobs(['test.ok']);
      await sleep(300);
      const ran = calls['test.ok'].slice(before);
      expect(ran).toHaveLength(40);
      expect(new Set(ran.map((c) => c.id)).size).toBe(40);
      console.log(`40 jobs shared by 2 workers: ${new Set(ran.map((c) => c.worker)).size} workers took part`);
    });
  });
});
