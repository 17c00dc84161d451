import { connect } from 'node:net';
import { Client } from 'pg';
import { PURGE_JOBS_QUEUE } from '@tradefloor/core';
import { createTestDatabase, testEnv } from '../harness/test-database';
import { API_MAIN, WORKER_MAIN, freePort, spawnTradeFloor, waitUntil, type Spawned } from '../harness/processes';

function portRefused(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      res(false);
    });
    s.once('error', (err: NodeJS.ErrnoException) => res(err.code === 'ECONNREFUSED'));
  });
}

/**
 * Production runs the same code as two process types: `--role=api` (HTTP only) and apps/worker
 * (jobs only). Observed through the database: which process claims jobs and schedules recurring work.
 */
describe('start-up: api and worker roles', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pg: Client;
  const procs: Spawned[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });
  afterAll(async () => {
    for (const p of procs) await p.stop('SIGKILL').catch(() => undefined);
    await pg.end();
    await db.drop();
  });

  const jobStatus = async (id: string) => (await pg.query(`SELECT status FROM jobs WHERE id = $1`, [id])).rows[0]?.status;

  it('--role=api serves HTTP and runs no job; the worker runs jobs and opens no HTTP port', async () => {
    const { rows } = await pg.query(`INSERT INTO jobs (queue, payload) VALUES ($1, '{}') RETURNING id`, [PURGE_JOBS_QUEUE]);
    const jobId: string = rows[0].id;
    const env = { ...testEnv(db.url, `${db.name}_`), LOG_LEVEL: 'info', JOB_POLL_INTERVAL_MS: '50' };

    const apiPort = await freePort();
    const api = spawnTradeFloor(API_MAIN, { ...env, PORT: String(apiPort) }, ['--role=api']);
    procs.push(api);
    await api.waitHttp200(`http://127.0.0.1:${apiPort}/health/ready`, 90_000);
    await api.waitOutput(/"role":"api".*"msg":"TradeFloor ready"/);
    // Many poll intervals pass: an api process must neither claim the due job nor schedule recurring work.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await jobStatus(jobId)).toBe('pending');
    expect((await pg.query(`SELECT count(*)::int AS n FROM job_schedules`)).rows[0].n).toBe(0);
    expect(api.output).not.toMatch(/job worker started/);

    const workerPort = await freePort();
    const worker = spawnTradeFloor(WORKER_MAIN, { ...env, PORT: String(workerPort) });
    procs.push(worker);
    await worker.waitOutput(/"role":"worker".*"msg":"TradeFloor ready"/);
    expect(worker.output).toMatch(/job worker started/);
    await waitUntil(async () => (await jobStatus(jobId)) === 'completed', 20_000, 'the worker to complete the job').catch((e) => {
      console.log(worker.output);
      console.log(api.output);
      throw e;
    });
    const schedule = await pg.query(`SELECT name FROM job_schedules`);
    // Contexts add their own recurring work; core's must be among what the worker scheduled.
    expect(schedule.rows).toEqual(expect.arrayContaining([{ name: PURGE_JOBS_QUEUE }]));
    expect(await portRefused(workerPort)).toBe(true);
    expect(worker.output).not.toMatch(/"address":"http/);

    expect(await worker.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(await api.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
