import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, testEnv } from '../harness/test-database';
import { ROOT, spawnTradeFloor, waitUntil, type Spawned } from '../harness/processes';

const FIXTURE = join(ROOT, 'dist/test/fixtures/job-crash-worker.js');

/**
 * At-least-once delivery across a crash: a worker killed mid-job loses its lease, another process
 * takes the job again, and an idempotent handler leaves exactly one effect.
 */
describe('durable jobs: worker crash and graceful stop', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pg: Client;
  let env: Record<string, string>;
  const procs: Spawned[] = [];
  const startWorker = () => {
    const p = spawnTradeFloor(FIXTURE, env);
    procs.push(p);
    return p;
  };
  const enqueue = async (sleepMs: number): Promise<string> =>
    (await pg.query(`INSERT INTO jobs (queue, payload) VALUES ('test.crash', $1) RETURNING id::text`, [{ sleepMs }])).rows[0].id;
  const job = async (id: string) => (await pg.query(`SELECT status, attempts FROM jobs WHERE id = $1`, [id])).rows[0];
  const effects = async (id: string) => (await pg.query(`SELECT count(*)::int AS n FROM crash_effects WHERE job_id = $1`, [id])).rows[0].n;

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(`CREATE TABLE crash_effects (job_id bigint PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())`);
    await pg.query(`CREATE TABLE crash_attempts (job_id bigint NOT NULL, attempt int NOT NULL, pid int NOT NULL)`);
    env = { ...testEnv(db.url, `${db.name}_`), JOB_LOCK_SECONDS: '1', JOB_POLL_INTERVAL_MS: '100', LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    for (const p of procs) await p.stop('SIGKILL').catch(() => undefined);
    await pg.end();
    await db.drop();
  });

  it('completes a job exactly once after its worker is SIGKILLed mid-job and a worker restarts', async () => {
    const id = await enqueue(2000);
    const first = startWorker();
    await first.waitOutput(new RegExp(`job ${id} started \\(attempt 1\\)`));
    expect(await first.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await job(id)).toEqual({ status: 'running', attempts: 1 });
    expect(await effects(id)).toBe(0);

    const t0 = Date.now();
    const second = startWorker();
    await waitUntil(async () => (await job(id)).status === 'completed', 30_000, 'the job to complete after the restart');
    console.log(`job recovered ${Date.now() - t0} ms after the restart (lease JOB_LOCK_SECONDS=1, handler 2000 ms)`);
    expect(await job(id)).toEqual({ status: 'completed', attempts: 2 });
    expect(await effects(id)).toBe(1);
    const attempts = (await pg.query(`SELECT attempt, pid FROM crash_attempts WHERE job_id = $1 ORDER BY attempt`, [id])).rows;
    expect(attempts).toEqual([
      { attempt: 1, pid: first.pid },
      { attempt: 2, pid: second.pid },
    ]);
    expect(second.output).toContain(`job ${id} done`);
    expect(await second.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('lets the in-flight job finish and record its outcome on SIGTERM', async () => {
    const worker = startWorker();
    await worker.waitOutput(/fixture worker \d+ ready/);
    const id = await enqueue(1000);
    await worker.waitOutput(new RegExp(`job ${id} started \\(attempt 1\\)`));
    expect(await worker.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(worker.output).toMatch(new RegExp(`job ${id} done[\\s\\S]*fixture worker stopped`));
    expect(await job(id)).toEqual({ status: 'completed', attempts: 1 });
    expect(await effects(id)).toBe(1);
  });

  it('hands a job still running after SHUTDOWN_DRAIN_MS back to the queue on SIGTERM, and another worker runs it at once', async () => {
    const worker = spawnTradeFloor(FIXTURE, { ...env, JOB_LOCK_SECONDS: '300', SHUTDOWN_DRAIN_MS: '300' });
    procs.push(worker);
    await worker.waitOutput(/fixture worker \d+ ready/);
    const id = await enqueue(20_000);
    await worker.waitOutput(new RegExp(`job ${id} started \\(attempt 1\\)`));
    expect(await worker.stop('SIGTERM', 10_000)).toEqual({ code: 0, signal: null });
    // Released, not left locked for the 300 s lease: pending again, the cut-short attempt not counted.
    expect(await job(id)).toEqual({ status: 'pending', attempts: 0 });
    await pg.query(`UPDATE jobs SET payload = '{"sleepMs": 10}' WHERE id = $1`, [id]);
    const next = startWorker();
    await waitUntil(async () => (await job(id)).status === 'completed', 30_000, 'the released job to complete on another worker');
    expect(await job(id)).toEqual({ status: 'completed', attempts: 1 });
    expect(await effects(id)).toBe(1);
    expect(await next.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
