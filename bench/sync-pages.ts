/**
 * `npm run bench:sync-pages`: the queries behind the seller's channel page (/quan-ly/kenh-ban/:id/:channel:
 * the listings table and the per-state counts) and the admin sync overview (/quan-ly/dong-bo), on
 * BENCH_LISTINGS (100,000) listings of one enterprise on one channel (90 % listed, the rest queued,
 * failed, rejected dead letters, delisted). Calls the same services the pages call, in process, and
 * prints p50/p95 per call (ms). Environment: DATA_DIR (var/bench-sync-pages), EMBEDDED_PG_PORT (54479),
 * BENCH_ROUNDS (40).
 */
import 'reflect-metadata';
import { createLogger, loadConfig, provisionInfrastructure, runMigrations } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import { ConnectionsService, ListingsService } from '@tradefloor/partner-sync';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { buildApp } from '../apps/api/src/bootstrap';
import { insertBenchCatalog, runBench, summarise } from './bench-support';

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const dataDir = process.env.DATA_DIR ?? 'var/bench-sync-pages';

async function measure(label: string, fn: () => Promise<unknown>): Promise<{ label: string; p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const { p50, p95 } = summarise(times, (performance.now() - started) / 1000);
  return { label, p50, p95 };
}

async function main(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? '54479',
    SEARCH_ENGINE: 'postgres',
    LOG_LEVEL: 'warn',
  };
  const logger = createLogger('warn');
  const infra = await provisionInfrastructure(loadConfig(env), logger);
  try {
    await runMigrations(infra.config.databaseUrl, logger);
    const built = await buildApp('api', infra.config, logger);
    const { DataSource: DS } = await import('typeorm');
    const ds: DataSource = built.app.get(DS);
    const [owner] = await ds.query(
      `INSERT INTO users (email, display_name, password_hash, role) VALUES ('bench-sync-owner@example.vn', 'Bench', 'x', 'business') RETURNING id`,
    );
    const { enterpriseId } = await insertBenchCatalog(ds, owner.id, LISTINGS, 'bench-sync');
    await ds.query(`INSERT INTO channel_connections (enterprise_id, channel, status, token_version) VALUES ($1, 'voso', 'active', 1)`, [enterpriseId]);
    await ds.query(
      `INSERT INTO listings (product_id, enterprise_id, channel, state, external_id, remote_status, dead_lettered_at, error_class, last_error, last_synced_at, updated_at)
       SELECT id, enterprise_id, 'voso', s.state, 'x' || n, 'active',
              CASE WHEN s.state IN ('rejected','failed') THEN now() - (n || ' seconds')::interval END,
              CASE WHEN s.state = 'rejected' THEN 'validation' WHEN s.state = 'failed' THEN 'transient' END,
              CASE WHEN s.state IN ('rejected','failed') THEN 'bench' END,
              now() - (n || ' seconds')::interval, now() - ((n * 7919) % 864000 || ' seconds')::interval
       FROM (SELECT id, enterprise_id, row_number() OVER (ORDER BY id) AS n FROM products WHERE enterprise_id = $1) p
       CROSS JOIN LATERAL (SELECT CASE WHEN n % 100 < 90 THEN 'listed' WHEN n % 100 < 95 THEN 'queued' WHEN n % 100 < 98 THEN 'failed'
                                       WHEN n % 100 < 99 THEN 'rejected' ELSE 'delisted' END AS state) s`,
      [enterpriseId],
    );
    await ds.query('VACUUM ANALYZE listings');
    await ds.query('ANALYZE products');
    const principal: Principal = { id: owner.id, email: 'bench-sync-owner@example.vn', role: 'business', displayName: 'Bench', emailVerified: true };
    const listings = built.app.get(ListingsService);
    const connections = built.app.get(ConnectionsService);
    const page = (q: Parameters<ListingsService['forEnterprise']>[2]) => () => listings.forEnterprise(principal, enterpriseId, q);
    const results = [
      await measure('seller table: page 1, all states', page({ channel: 'voso', page: 1, pageSize: 50 })),
      await measure('seller table: page 1, failed', page({ channel: 'voso', state: 'failed', page: 1, pageSize: 50 })),
      await measure('seller table: page 1, dead letters', page({ channel: 'voso', state: 'dead', page: 1, pageSize: 50 })),
      await measure('seller table: page 20, all states', page({ channel: 'voso', page: 20, pageSize: 50 })),
      await measure('seller table: page 1000 (offset 49,950)', page({ channel: 'voso', page: 1000, pageSize: 50 })),
      await measure('seller channel counts (connections.list)', () => connections.list(principal, enterpriseId)),
      await measure('items left on the marketplace', () => listings.leftOnMarketplace(principal, enterpriseId, 'voso')),
      await measure('admin overview (counts, dead letters)', () => listings.overview()),
    ];
    process.stdout.write(`${JSON.stringify({ listings: LISTINGS, rounds: ROUNDS, results }, null, 2)}\n`);
    await built.app.close();
  } finally {
    await infra.stop();
  }
}

runBench(main);
