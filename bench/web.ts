import 'reflect-metadata';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createLogger, startEmbeddedMeilisearch, startEmbeddedPostgres } from '@tradefloor/core';
import { seedDemoBulletins } from '@tradefloor/news-bulletin';
import { DOCUMENT_VERSION } from '@tradefloor/search';
import { generateSerials } from '@tradefloor/traceability';
import { benchDatabase, runBench, startApiProcess, summarise } from './bench-support';
import { generateCatalog } from './generate-products';

/**
 * `npm run bench:web`: loads BENCH_PRODUCTS (default 100,000) generated products (or
 * `seed:demo --scale N` with BENCH_SEED=demo) plus the demo bulletins, builds the Meilisearch
 * index, starts one API process (`--role=api`) and requests the main storefront pages N times at
 * concurrency 1 and 8, printing p50/p95/p99 and each page's weight (HTML, and HTML + the one
 * stylesheet: everything before images, since pages load no scripts or fonts).
 *
 * Add a page by adding a line to `pages()`; a page that answers something else than 200 is
 * reported as such and not measured (storefront pages built in other branches may be missing).
 */
const N = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const DIR = resolve(process.env.BENCH_DIR ?? 'var/bench-web');
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54477);
const MEILI_PORT = Number(process.env.BENCH_MEILI_PORT ?? 7877);
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3277);
/** Only the pages whose label contains this text (e.g. `search`), for quick before/after runs. */
const ONLY = process.env.BENCH_PAGES;
const MEILI_KEY = 'bench-master-key-0123456789';
const PREFIX = 'benchweb_';
const BASE = `http://127.0.0.1:${API_PORT}`;
const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-encoding': 'identity', 'user-agent': 'tradefloor-bench-web' };

const log = (line: string) => process.stdout.write(`${line}\n`);

interface Page {
  label: string;
  path: string;
}

/** The pages measured; slugs are picked from the loaded data so every row hits a real page. */
async function pages(db: Client): Promise<Page[]> {
  const one = async (sql: string) => ((await db.query(sql)).rows[0]?.slug as string | undefined) ?? 'missing';
  const product = await one(
    `SELECT p.slug FROM products p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.status = 'published' AND e.status = 'verified' ORDER BY p.id LIMIT 1 OFFSET 5000`,
  );
  const enterprise = await one(`SELECT slug FROM enterprises WHERE status = 'verified' ORDER BY id LIMIT 1 OFFSET 100`);
  const bulletin = await one(`SELECT slug FROM bulletins WHERE status = 'published' AND kind = 'article' ORDER BY published_at DESC LIMIT 1`);
  const stamp = await benchStamp(db);
  return [
    { label: 'home', path: '/' },
    { label: 'search: query', path: `/tim-kiem?q=${encodeURIComponent('bưởi da xanh')}` },
    { label: 'search: query + filters', path: `/tim-kiem?q=mat+ong&ocopMin=4&priceMax=300000` },
    { label: 'product page', path: `/san-pham/${product}` },
    { label: 'enterprise page', path: `/doanh-nghiep/${enterprise}` },
    { label: 'bulletin list', path: '/tin-tuc' },
    { label: 'bulletin page', path: `/tin-tuc/${bulletin}` },
    { label: 'events', path: '/su-kien' },
    { label: 'stamp checker', path: '/kiem-tra-tem' },
    // Every request is a scan: the verdict plus one scan row written (the stamp turns to "warning").
    { label: 'stamp verification', path: `/t/${stamp}` },
    { label: '404 page', path: '/khong-co-trang-nay' },
  ];
}

/**
 * One activated stamp of a published product, so the verification page can be measured. Bench data
 * has no stamps (the demo seed's lots are skipped at scale); the lot is written directly, as in
 * bench/stamps.ts, and reused by later runs.
 */
async function benchStamp(db: Client): Promise<string> {
  const existing = await db.query(`SELECT s.serial FROM trace_stamps s JOIN trace_batches b ON b.id = s.batch_id WHERE b.lot_code = 'BENCH-WEB' LIMIT 1`);
  if (existing.rowCount) return existing.rows[0].serial as string;
  const batch = await db.query(
    `INSERT INTO trace_batches (product_id, enterprise_id, lot_code, produced_at, quantity, unit, issued_count)
     SELECT p.id, p.enterprise_id, 'BENCH-WEB', current_date - 30, 1000, p.unit, 1
     FROM products p JOIN enterprises e ON e.id = p.enterprise_id
     WHERE p.status = 'published' AND e.status = 'verified' ORDER BY p.id LIMIT 1 RETURNING id`,
  );
  const [serial] = generateSerials(1);
  await db.query(`INSERT INTO trace_stamps (serial, batch_id, seq, state, activated_at) VALUES ($1, $2, 1, 'activated', now())`, [serial, batch.rows[0].id]);
  return serial;
}

interface Row {
  label: string;
  concurrency: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  kb: number;
}

async function fetchPage(path: string): Promise<{ status: number; bytes: number }> {
  const res = await fetch(`${BASE}${path}`, { headers: BROWSER, redirect: 'manual' });
  return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
}

async function measure(page: Page, concurrency: number, total: number): Promise<Row> {
  for (let i = 0; i < 5; i++) await fetchPage(page.path); // warm-up (JIT, pools, caches)
  const latencies: number[] = [];
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const t0 = performance.now();
        const res = await fetchPage(page.path);
        latencies.push(performance.now() - t0);
        bytes = res.bytes;
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  const row = { label: page.label, concurrency, ...summarise(latencies, wall), kb: Math.round(bytes / 102.4) / 10 };
  log(`  ${page.label.padEnd(26)} c=${String(concurrency).padEnd(2)} p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms  ${row.rps} req/s  ${row.kb} KB`);
  return row;
}

function startApi(env: Record<string, string>): Promise<ChildProcess> {
  return startApiProcess(API_PORT, { ...env, DATA_DIR: join(DIR, 'app') });
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const logger = createLogger('warn');
  log(
    `TradeFloor web pages benchmark: ${N} products, ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const pg = await startEmbeddedPostgres({ dir: join(DIR, 'postgres'), port: PG_PORT, password: 'bench-password', logger });
  const meili = await startEmbeddedMeilisearch({ dir: join(DIR, 'meilisearch'), port: MEILI_PORT, masterKey: MEILI_KEY, logger });
  let api: ChildProcess | undefined;
  try {
    const url = await benchDatabase(pg.url, logger);
    const db = new Client({ connectionString: url });
    await db.connect();
    let t0 = Date.now();
    if (process.env.BENCH_SEED === 'demo') {
      spawnSync('npm', ['run', 'seed:demo', '--', '--scale', String(N)], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } });
    } else {
      await generateCatalog(db, N, log);
      if (!(await db.query(`SELECT 1 FROM bulletins LIMIT 1`)).rowCount) {
        const ds = await new DataSource({ type: 'postgres', url }).initialize();
        await seedDemoBulletins(ds);
        await ds.destroy();
      }
    }
    log(`data ready in ${Date.now() - t0} ms`);

    const env = {
      NODE_ENV: 'development',
      DATABASE_URL: url,
      MEILI_HOST: meili.host,
      MEILI_MASTER_KEY: MEILI_KEY,
      MEILI_INDEX_PREFIX: PREFIX,
      SEARCH_ENGINE: 'meilisearch',
      JWT_SECRET: 'bench-jwt-secret-that-is-long-enough-0123456789',
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      LOG_LEVEL: 'warn',
      // The bench is one client scanning one stamp hundreds of times a minute.
      STAMP_SCAN_RATE_PER_MINUTE: '100000',
    };
    const stats = await fetch(`${meili.host}/indexes/${PREFIX}products/stats`, { headers: { Authorization: `Bearer ${MEILI_KEY}` } });
    // An index built by an older document shape is rebuilt too (an API alone would leave that to a worker).
    const version = await db.query(`SELECT value FROM search_state WHERE key = $1`, [`meilisearch:${PREFIX}:documents`]);
    if (!stats.ok || ((await stats.json()) as { numberOfDocuments: number }).numberOfDocuments === 0 || version.rows[0]?.value !== DOCUMENT_VERSION) {
      t0 = Date.now();
      log('building the Meilisearch index');
      const r = spawnSync(process.execPath, ['dist/apps/api/src/cli/search-reindex.js'], { stdio: 'inherit', env: { ...process.env, ...env } });
      if (r.status !== 0) throw new Error('reindex failed');
      log(`index built in ${Date.now() - t0} ms`);
    }

    const list = await pages(db);
    await db.end();
    api = await startApi(env);
    const css = await fetchPage('/assets/app.css');
    log(`stylesheet /assets/app.css: ${(css.bytes / 1024).toFixed(1)} KB (the only other request before images)`);

    const available: Page[] = [];
    for (const p of list.filter((page) => !ONLY || page.label.includes(ONLY))) {
      const { status } = await fetchPage(p.path);
      const expected = p.label === '404 page' ? 404 : 200;
      if (status === expected) available.push(p);
      else log(`  skipped ${p.label} (${p.path}): HTTP ${status}`);
    }
    const rows: Row[] = [];
    for (const concurrency of [1, 8]) {
      log(`\nconcurrency ${concurrency}, load average ${loadavg()[0].toFixed(1)}`);
      for (const p of available) rows.push(await measure(p, concurrency, concurrency === 1 ? REQUESTS : REQUESTS * 2));
    }
    const cssKb = css.bytes / 1024;
    log('\n| page | concurrency | p50 ms | p95 ms | p99 ms | req/s | HTML KB | HTML + CSS KB |');
    log('|---|---|---|---|---|---|---|---|');
    for (const r of rows) log(`| ${r.label} | ${r.concurrency} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.rps} | ${r.kb} | ${(r.kb + cssKb).toFixed(1)} |`);
  } finally {
    api?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await meili.stop();
    await pg.stop();
  }
}

runBench(main);
