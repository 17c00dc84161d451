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
import { startCeilingServer } from './ceiling-server';
import { generateCatalog } from './generate-products';

/**
 * `npm run bench:web`: loads BENCH_PRODUCTS (default 100,000) generated products (or
 * `seed:demo --scale N` with BENCH_SEED=demo) plus the demo bulletins, builds the Meilisearch
 * index, starts one API process (`--role=api`) and requests the main storefront pages N times at
 * concurrency 1, 8 and 32, printing p50/p95/p99 and each page's weight (HTML, and HTML + the one
 * stylesheet: everything before images, since pages load no scripts or fonts).
 *
 * In the same run a bare node:http server (bench/ceiling-server.ts) sends the same bytes for each
 * page at the same concurrency: "% ceiling" is the page's req/s as a share of that. "after change"
 * is the latency of the first request after a committed change to what the page shows (a NOTIFY
 * on the page cache's channel, as a write on another replica sends), median of a few rounds.
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
const CEILING_PORT = Number(process.env.BENCH_CEILING_PORT ?? API_PORT + 1);
const CONCURRENCY = [1, 8, 32];
/** Rounds of "change, then one request" per page. */
const CHANGE_ROUNDS = 7;
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
  /** Page cache tags a change to what the page shows drops (see subjectTags in libs/core). */
  tags?: string[];
}

const LISTS = ['list:product', 'list:enterprise', 'list:bulletin', 'list:category', 'search:products'];

/** The pages measured; slugs are picked from the loaded data so every row hits a real page. */
async function pages(db: Client): Promise<Page[]> {
  const one = async (sql: string) => ((await db.query(sql)).rows[0] as { slug: string; id: string } | undefined) ?? { slug: 'missing', id: '' };
  const product = await one(
    `SELECT p.slug, p.id FROM products p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.status = 'published' AND e.status = 'verified' ORDER BY p.id LIMIT 1 OFFSET ${Math.min(5000, Math.floor(N / 2))}`,
  );
  const enterprise = await one(`SELECT slug, id FROM enterprises WHERE status = 'verified' ORDER BY id LIMIT 1 OFFSET ${Math.min(100, Math.floor(N / 200))}`);
  const bulletin = await one(`SELECT slug, id FROM bulletins WHERE status = 'published' AND kind = 'article' ORDER BY published_at DESC LIMIT 1`);
  const stamp = await benchStamp(db);
  return [
    { label: 'home', path: '/', tags: LISTS },
    { label: 'search: query', path: `/tim-kiem?q=${encodeURIComponent('bưởi da xanh')}`, tags: LISTS },
    { label: 'search: query + filters', path: `/tim-kiem?q=mat+ong&ocopMin=4&priceMax=300000`, tags: LISTS },
    { label: 'product page', path: `/san-pham/${product.slug}`, tags: [`product:${product.id}`] },
    { label: 'enterprise page', path: `/doanh-nghiep/${enterprise.slug}`, tags: [`enterprise:${enterprise.id}`] },
    { label: 'bulletin list', path: '/tin-tuc', tags: LISTS },
    { label: 'bulletin page', path: `/tin-tuc/${bulletin.slug}`, tags: [`bulletin:${bulletin.id}`] },
    { label: 'events', path: '/su-kien', tags: LISTS },
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
  /** req/s of the bare server sending the same bytes at the same concurrency. */
  ceilingRps?: number;
}

async function fetchPage(path: string, base = BASE): Promise<{ status: number; bytes: number; body: Buffer; cache: string | null }> {
  const res = await fetch(`${base}${path}`, { headers: BROWSER, redirect: 'manual' });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, bytes: body.byteLength, body, cache: res.headers.get('x-page-cache') };
}

async function measure(page: Page, concurrency: number, total: number, base = BASE, quiet = false): Promise<Row> {
  for (let i = 0; i < 5; i++) await fetchPage(page.path, base); // warm-up (JIT, pools, caches)
  const latencies: number[] = [];
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const t0 = performance.now();
        const res = await fetchPage(page.path, base);
        latencies.push(performance.now() - t0);
        bytes = res.bytes;
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  const row = { label: page.label, concurrency, ...summarise(latencies, wall), kb: Math.round(bytes / 102.4) / 10 };
  if (!quiet)
    log(
      `  ${page.label.padEnd(26)} c=${String(concurrency).padEnd(2)} p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms  ${row.rps} req/s  ${row.kb} KB`,
    );
  return row;
}

/**
 * The first request after a change: a committed NOTIFY dropping the page's tags (what a write on
 * another replica sends), a moment for it to arrive, then one timed request. Median and max in ms.
 */
async function afterChange(db: Client, page: Page): Promise<{ median: number; max: number; missed: number }> {
  const times: number[] = [];
  let missed = 0;
  for (let round = 0; round < CHANGE_ROUNDS; round++) {
    await fetchPage(page.path);
    await db.query(`SELECT pg_notify('tf_page_cache', $1)`, [JSON.stringify(page.tags ?? LISTS)]);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    const res = await fetchPage(page.path);
    times.push(performance.now() - t0);
    // A hit here would mean the change did not reach the cache: reported, not hidden.
    if (res.cache === 'hit') missed++;
  }
  times.sort((a, b) => a - b);
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return { median: round1(times[Math.floor(times.length / 2)]), max: round1(times[times.length - 1]), missed };
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
  let ceiling: ChildProcess | undefined;
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
    const bodies = await Promise.all(available.map(async (p) => (await fetchPage(p.path)).body));
    ceiling = await startCeilingServer(DIR, CEILING_PORT, bodies);
    const ceilingBase = `http://127.0.0.1:${CEILING_PORT}`;
    const rows: Row[] = [];
    for (const concurrency of CONCURRENCY) {
      log(`\nconcurrency ${concurrency}, load average ${loadavg()[0].toFixed(1)}`);
      const total = concurrency === 1 ? REQUESTS : REQUESTS * (concurrency >= 32 ? 4 : 2);
      for (const [i, p] of available.entries()) {
        const row = await measure(p, concurrency, total);
        row.ceilingRps = (await measure({ label: `${p.label} (ceiling)`, path: `/${i}` }, concurrency, total, ceilingBase, true)).rps;
        rows.push(row);
      }
    }
    log(`\nfirst request after a change (median of ${CHANGE_ROUNDS}, max; "served stale" must be 0)`);
    const changes = new Map<string, Awaited<ReturnType<typeof afterChange>>>();
    for (const p of available.filter((page) => page.tags)) {
      const c = await afterChange(db, p);
      changes.set(p.label, c);
      log(`  ${p.label.padEnd(26)} ${c.median} ms (max ${c.max} ms), served stale ${c.missed}`);
    }
    const cssKb = css.bytes / 1024;
    log('\n| page | concurrency | p50 ms | p95 ms | p99 ms | req/s | % ceiling | after change ms | HTML KB | HTML + CSS KB |');
    log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const share = r.ceilingRps ? `${((r.rps / r.ceilingRps) * 100).toFixed(1)} % of ${r.ceilingRps}` : '—';
      const change = changes.get(r.label);
      const after = change && r.concurrency === 1 ? `${change.median} (max ${change.max})` : '';
      log(`| ${r.label} | ${r.concurrency} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.rps} | ${share} | ${after} | ${r.kb} | ${(r.kb + cssKb).toFixed(1)} |`);
    }
    await db.end();
  } finally {
    ceiling?.kill('SIGTERM');
    api?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await meili.stop();
    await pg.stop();
  }
}

runBench(main);
