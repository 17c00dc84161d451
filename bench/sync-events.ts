/**
 * Partner-sync event benchmark: how long the worker takes to drain N `product.changed` jobs of
 * `partner-sync.product` for products that have no listing (a seeded catalogue: every job is a
 * no-op review). Two phases on the same N products:
 *  - isolated: the jobs are put on partner-sync.product only (what an event puts there);
 *  - fan-out: `product.changed` is published, so search.product (PostgreSQL engine) drains beside it.
 * Prints the time to commit the jobs, the time from that commit until the queues are empty, and
 * how many handler calls the queue needed. Run: `npm run bench:sync-events`.
 * Environment: BENCH_EVENTS (5000), DATA_DIR (var/bench-sync-events), EMBEDDED_PG_PORT (54478).
 */
import 'reflect-metadata';
import { DomainEvents, JobQueue, JobRegistry, createLogger, loadConfig, provisionInfrastructure, runMigrations } from '@tradefloor/core';
import { rmSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { buildApp } from '../apps/api/src/bootstrap';
import { insertBenchCatalog, runBench } from './bench-support';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000);
const dataDir = process.env.DATA_DIR ?? 'var/bench-sync-events';
const QUEUE = 'partner-sync.product';

/** Waits until none of `queues` has a pending or running job; returns the seconds since `started`. */
async function drained(ds: DataSource, queues: string[], started: number): Promise<number> {
  for (;;) {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM jobs WHERE queue = ANY($1) AND status IN ('pending','running')`, [queues]);
    if (n === 0) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? '54478',
    SEARCH_ENGINE: 'postgres',
    LOG_LEVEL: 'warn',
  };
  const logger = createLogger('warn');
  const infra = await provisionInfrastructure(loadConfig(env), logger);
  try {
    await runMigrations(infra.config.databaseUrl, logger);
    const built = await buildApp('worker', infra.config, logger);
    const { DataSource } = await import('typeorm');
    const ds = built.app.get(DataSource);
    // Count handler calls: a batch queue needs one per batch, a single-job queue one per job.
    const queue = built.app.get(JobRegistry).get(QUEUE)!;
    let calls = 0;
    const run = queue.run;
    queue.run = (jobs) => {
      calls++;
      return run(jobs);
    };

    const [owner] = await ds.query(
      `INSERT INTO users (email, display_name, password_hash, role) VALUES ('bench-owner@example.vn', 'Bench', 'x', 'business') RETURNING id`,
    );
    const { enterpriseId } = await insertBenchCatalog(ds, owner.id, EVENTS);
    const ids: string[] = (await ds.query(`SELECT id FROM products WHERE enterprise_id = $1`, [enterpriseId])).map((r: { id: string }) => r.id);
    await drained(ds, [QUEUE, 'search.product'], Date.now());

    const jobs = built.app.get(JobQueue);
    let started = Date.now();
    await ds.transaction(async (m) => {
      for (const productId of ids) await jobs.enqueue(m, QUEUE, { event: 'product.changed', productId }, { dedupeKey: `product.changed:${productId}` });
    });
    const enqueueS = (Date.now() - started) / 1000;
    const isolatedS = await drained(ds, [QUEUE], Date.now());
    const isolatedCalls = calls;

    calls = 0;
    const events = built.app.get(DomainEvents);
    started = Date.now();
    await ds.transaction(async (m) => {
      for (const productId of ids) await events.publish(m, 'product.changed', { productId });
    });
    const publishS = (Date.now() - started) / 1000;
    started = Date.now();
    const fanOutQueueS = await drained(ds, [QUEUE], started);
    const fanOutAllS = await drained(ds, [QUEUE, 'search.product'], started);

    const batchSize = queue.batchSize;
    const result = {
      events: EVENTS,
      batchSize,
      isolated: {
        enqueueSeconds: Number(enqueueS.toFixed(1)),
        drainSeconds: Number(isolatedS.toFixed(1)),
        jobsPerSecond: Math.round(EVENTS / isolatedS),
        handlerCalls: isolatedCalls,
      },
      fanOut: {
        publishSeconds: Number(publishS.toFixed(1)),
        partnerSyncDrainSeconds: Number(fanOutQueueS.toFixed(1)),
        allDrainSeconds: Number(fanOutAllS.toFixed(1)),
        handlerCalls: calls,
      },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    await built.app.close();
  } finally {
    await infra.stop();
  }
}

runBench(main);
