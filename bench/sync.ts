/**
 * Partner sync benchmark: 10,000 listings pushed to a simulated marketplace under a 50 requests/s
 * limit per shop (enforced by our token bucket AND by the simulator). Prints the achieved request
 * rate against the limit, the total time and duplicates. Run: `npm run bench:sync`.
 * Environment: BENCH_CHANNEL (shopee | tiktok-shop), BENCH_LISTINGS (10000), BENCH_RATE (50),
 * DATA_DIR (var/bench-sync), EMBEDDED_PG_PORT, PORT.
 */
import 'reflect-metadata';
import { createLogger, loadConfig, provisionInfrastructure, runMigrations } from '@tradefloor/core';
import { rmSync } from 'node:fs';
import { buildApp } from '../apps/api/src/bootstrap';
import { simulatorEnv, startPartnerSim } from '../apps/partner-sim/src';
import { insertBenchCatalog, runBench } from './bench-support';

const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const CHANNEL = process.env.BENCH_CHANNEL ?? 'shopee';
if (CHANNEL !== 'shopee' && CHANNEL !== 'tiktok-shop') throw new Error('BENCH_CHANNEL must be shopee or tiktok-shop');
const dataDir = process.env.DATA_DIR ?? 'var/bench-sync';

async function main(): Promise<void> {
  const sim = await startPartnerSim({ shopee: { ratePerSecond: RATE }, tiktok: { ratePerSecond: RATE } });
  rmSync(dataDir, { recursive: true, force: true });
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    SEARCH_ENGINE: 'postgres',
    PORT: process.env.PORT ?? '3297',
    LOG_LEVEL: 'warn',
    ...simulatorEnv(sim),
    SHOPEE_RATE_PER_SECOND: String(RATE),
    TIKTOK_SHOP_RATE_PER_SECOND: String(RATE),
    SYNC_CONCURRENCY: '16',
    WORKER_CONCURRENCY: '24',
    DB_POOL_SIZE: '30',
    JOB_POLL_INTERVAL_MS: '100',
    SYNC_BACKOFF_BASE_MS: '200',
    ADMIN_EMAIL: 'admin@bench.test',
    ADMIN_PASSWORD: 'admin-password-123',
  };
  const logger = createLogger('warn');
  const infra = await provisionInfrastructure(loadConfig(env), logger);
  try {
    await runMigrations(infra.config.databaseUrl, logger);
    const built = await buildApp('all', infra.config, logger);
    const base = await built.listen();
    sim.tiktok.opts.redirectUrl = `${base}/quan-ly/kenh-ban/uy-quyen-tiktok-shop`;
    const api = (path: string, init: RequestInit & { token?: string; cookie?: string } = {}) =>
      fetch(`${base}${path}`, {
        ...init,
        headers: {
          'content-type': 'application/json',
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.cookie ? { cookie: init.cookie } : {}),
        },
      }).then(async (r) => ({
        status: r.status,
        cookie: r.headers.getSetCookie()[0]?.split(';')[0],
        body: (await r.json().catch(() => null)) as Record<string, unknown>,
      }));

    const email = `bench-${Date.now()}@example.vn`;
    await api('/api/v1/auth/register', {
      method: 'POST',
      body: JSON.stringify({ email, password: 'bench-password-123', displayName: 'Bench', role: 'business', acceptTerms: true }),
    });
    const login = await api('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ email, password: 'bench-password-123' }) });
    const token = String(login.body.accessToken);
    const { DataSource } = await import('typeorm');
    const ds = built.app.get(DataSource);
    // A seller who followed the verification link (the bench does not read mail).
    const [user] = await ds.query(`UPDATE users SET email_verified_at = now() WHERE email = $1 RETURNING id`, [email]);
    const { enterpriseId, categoryId } = await insertBenchCatalog(ds, user.id, LISTINGS);
    // The consent flow: the same user, in the same "browser" (the binding cookie), completes it.
    const connect = await api(`/api/v1/enterprises/${enterpriseId}/channels`, { method: 'POST', token, body: JSON.stringify({ channel: CHANNEL }) });
    const back = new URL((await fetch(String(connect.body.authorizationUrl), { redirect: 'manual' })).headers.get('location')!);
    const cb = await api(`/api/v1/channels/${CHANNEL}/callback${back.search}`, { token, cookie: connect.cookie });
    if (cb.status !== 200) throw new Error(`authorisation failed: ${JSON.stringify(cb.body)}`);
    const shopId = String(cb.body.shopId);
    await api(`/api/v1/enterprises/${enterpriseId}/channels/${CHANNEL}/settings`, {
      method: 'PUT',
      token,
      body: JSON.stringify({ categoryMap: { [categoryId]: '100629' }, logisticsChannelId: '50018' }),
    });
    const ids: string[] = (await ds.query(`SELECT id FROM products WHERE enterprise_id = $1 ORDER BY sku`, [enterpriseId])).map((r: { id: string }) => r.id);

    const started = Date.now();
    for (let i = 0; i < ids.length; i += 1000) {
      const res = await api(`/api/v1/enterprises/${enterpriseId}/channels/${CHANNEL}/products`, {
        method: 'PUT',
        token,
        body: JSON.stringify({ productIds: ids.slice(i, i + 1000), mode: 'add' }),
      });
      if (res.status !== 200) throw new Error(`select failed: ${JSON.stringify(res.body)}`);
    }
    let last = 0;
    for (;;) {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM listings WHERE state = 'listed'`);
      if (n >= LISTINGS) break;
      if (Date.now() - last > 10_000) {
        last = Date.now();
        process.stdout.write(`  … ${n}/${LISTINGS} listed after ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const totalS = (Date.now() - started) / 1000;
    const state = sim.state();
    const shop = state.shops[`${CHANNEL}:${shopId}`];
    const achieved = shop.ratePerSecond;
    const result = {
      channel: CHANNEL,
      listings: LISTINGS,
      limitPerSecond: RATE,
      partnerRequests: shop.requests,
      throttledByPartner: shop.throttled,
      achievedRatePerSecond: Number(achieved.toFixed(2)),
      achievedVsLimit: `${((achieved / RATE) * 100).toFixed(1)}%`,
      totalSeconds: Number(totalS.toFixed(1)),
      listingsPerSecond: Number((LISTINGS / totalS).toFixed(2)),
      duplicates: state.duplicateSkus,
      remoteItems: shop.items,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    await built.app.close();
  } finally {
    await infra.stop();
    await sim.stop();
  }
}

runBench(main);
