import 'reflect-metadata';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createLogger, startEmbeddedMeilisearch, startEmbeddedPostgres } from '@tradefloor/core';
import { DOCUMENT_VERSION } from '@tradefloor/search';
import { benchDatabase, runBench, startApiProcess, summarise } from './bench-support';
import { generateCatalog } from './generate-products';

/**
 * `npm run bench:index` (issue 12 §1): BENCH_WRITERS (32) sellers change products through the
 * HTTP API at once — edit a product (name and price) or publish a new one (create, submit, an
 * editor approves) — on a catalog of BENCH_PRODUCTS (100,000) generated products, against one
 * app process (API + worker, default settings) per engine in BENCH_ENGINES. Each writer waits
 * until its change is in the index (polled every 20 ms, straight from Meilisearch / the
 * search_products table) before making the next one, BENCH_CHANGES (25) times.
 *
 * Prints per engine: change → searchable latency p50/p95/p99/max (from the write's HTTP response,
 * i.e. after its commit), changes not visible within 10 s, and lost updates: after the writers
 * stop and the index queues drain, every changed product whose indexed name/price differs from
 * the last write. Targets: p99 ≤ 1 s, 0 lost.
 */
const N = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 32);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 25);
const ENGINES = (process.env.BENCH_ENGINES ?? 'meilisearch,postgres').split(',') as Array<'meilisearch' | 'postgres'>;
const DIR = resolve(process.env.BENCH_DIR ?? 'var/bench-index');
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54468);
const MEILI_PORT = Number(process.env.BENCH_MEILI_PORT ?? 7868);
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3268);
const MEILI_KEY = 'bench-master-key-0123456789';
const PREFIX = 'bidx_';
const ADMIN = { email: 'admin@bench-index.test', password: 'admin-password-123' };
const PASSWORD = 'bench-writer-password-123';
const VISIBLE_TIMEOUT_MS = 10_000;
const POLL_MS = 20;

const log = (line: string) => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Expected {
  name: string;
  priceVnd: number;
}

/** Indexed name and price of products, read straight from the engine's store. */
type IndexReader = (ids: string[]) => Promise<Map<string, Expected>>;

function meiliReader(host: string): IndexReader {
  return async (ids) => {
    const out = new Map<string, Expected>();
    for (let i = 0; i < ids.length; i += 100) {
      const params = new URLSearchParams({ ids: ids.slice(i, i + 100).join(','), fields: 'id,name,priceVnd', limit: '100' });
      const res = await fetch(`${host}/indexes/${PREFIX}products/documents?${params}`, {
        headers: { Authorization: `Bearer ${MEILI_KEY}`, 'accept-encoding': 'identity' },
      });
      if (!res.ok) throw new Error(`meilisearch documents ${res.status}`);
      for (const d of ((await res.json()) as { results: Array<Expected & { id: string }> }).results) out.set(d.id, { name: d.name, priceVnd: d.priceVnd });
    }
    return out;
  };
}

function pgReader(db: Client): IndexReader {
  return async (ids) => {
    const rows = (await db.query(`SELECT id, name, price_vnd FROM search_products WHERE id = ANY($1::uuid[])`, [ids])).rows;
    return new Map(rows.map((r: { id: string; name: string; price_vnd: string }) => [r.id, { name: r.name, priceVnd: Number(r.price_vnd) }]));
  };
}

/** One loop for every writer's pending change: a change counts as searchable once the index holds it. */
class VisibilityWatch {
  private readonly pending = new Map<string, { expected: Expected; since: number; done: (ms: number | null) => void }>();
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(private readonly read: IndexReader) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), POLL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Resolves with the latency in ms, or null when not visible within VISIBLE_TIMEOUT_MS. */
  wait(id: string, expected: Expected, since: number): Promise<number | null> {
    return new Promise((done) => this.pending.set(id, { expected, since, done }));
  }

  private async tick(): Promise<void> {
    if (this.busy || !this.pending.size) return;
    this.busy = true;
    try {
      const indexed = await this.read([...this.pending.keys()]);
      const now = performance.now();
      for (const [id, p] of this.pending) {
        const got = indexed.get(id);
        if (got && got.name === p.expected.name && got.priceVnd === p.expected.priceVnd) {
          this.pending.delete(id);
          p.done(now - p.since);
        } else if (now - p.since > VISIBLE_TIMEOUT_MS) {
          this.pending.delete(id);
          p.done(null);
        }
      }
    } finally {
      this.busy = false;
    }
  }
}

/** Deterministic per-writer choices (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function startApp(engine: string, env: Record<string, string>): Promise<ChildProcess> {
  return startApiProcess(API_PORT, { ...env, SEARCH_ENGINE: engine, DATA_DIR: join(DIR, `app-${engine}`) }, `${engine} app`, 'all');
}

async function api(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${API_PORT}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

async function loginAs(email: string, password: string): Promise<string> {
  const res = await api('/api/v1/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email} → ${res.status} ${JSON.stringify(res.body)}`);
  return String(res.body.accessToken);
}

interface Writer {
  token: string;
  enterpriseId: string;
  products: string[];
}

/** A business user per writer (registered through the API once) with a verified enterprise of 10 products. */
async function prepareWriters(db: Client, categoryId: string, commune: { code: string; province_code: string }): Promise<Writer[]> {
  const writers: Writer[] = [];
  for (let w = 0; w < WRITERS; w++) {
    const email = `bench-writer-${w}@example.vn`;
    await api('/api/v1/auth/register', { body: { email, password: PASSWORD, displayName: `Người bán ${w}`, role: 'business', acceptTerms: true } });
    // A seller who followed the verification link (the bench does not read mail).
    const [user] = (await db.query(`UPDATE users SET email_verified_at = now() WHERE email = $1 RETURNING id`, [email])).rows;
    const token = await loginAs(email, PASSWORD);
    const slug = `bench-writer-dn-${w}`;
    let [ent] = (await db.query(`SELECT id FROM enterprises WHERE slug = $1`, [slug])).rows;
    if (!ent) {
      [ent] = (
        await db.query(
          `INSERT INTO enterprises (slug, kind, legal_name, display_name, province_code, commune_code, status, owner_id, verified_at, tax_code)
           VALUES ($1, 'cooperative', $2, $2, $3, $4, 'verified', $5, now(), $6) RETURNING id`,
          [slug, `HTX Người Bán ${w}`, commune.province_code, commune.code, user.id, String(3100000000 + w)],
        )
      ).rows;
      await db.query(`INSERT INTO enterprise_members (enterprise_id, user_id, role) VALUES ($1, $2, 'owner')`, [ent.id, user.id]);
      await db.query(
        `INSERT INTO products (enterprise_id, category_id, name, slug, description, sku, price_vnd, unit, stock_quantity, status, published_at)
         SELECT $1, $2, 'Bưởi da xanh người bán ' || $3 || ' số ' || g, $4 || '-sp-' || g, '<p>Đặc sản</p>', 'W-' || g, 50000, 'kg', 10, 'published', now()
         FROM generate_series(1, 10) g`,
        [ent.id, categoryId, w, slug],
      );
    }
    const products = (await db.query(`SELECT id FROM products WHERE enterprise_id = $1 AND status = 'published' ORDER BY sku`, [ent.id])).rows.map(
      (r: { id: string }) => r.id,
    );
    writers.push({ token, enterpriseId: ent.id, products });
  }
  return writers;
}

interface PhaseResult {
  latencies: number[];
  invisible: number;
  lost: number;
  changes: number;
  seconds: number;
}

/** Waits until no index or maintenance job is pending or running (start-up repairs, earlier phases). */
async function waitIdle(db: Client): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM jobs WHERE queue LIKE 'search.%' AND status IN ('pending', 'running') AND run_at <= now()`))
      .rows;
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`search queues still busy after 600 s (${n} jobs)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runPhase(
  engine: string,
  db: Client,
  read: IndexReader,
  writers: Writer[],
  categoryId: string,
  commune: string,
  run: number,
): Promise<PhaseResult> {
  const adminToken = await loginAs(ADMIN.email, ADMIN.password);
  const watch = new VisibilityWatch(read);
  watch.start();
  const latencies: number[] = [];
  let invisible = 0;
  const last = new Map<string, Expected>();
  const started = performance.now();
  await Promise.all(
    writers.map(async (writer, w) => {
      const random = rng(run * 1000 + w);
      for (let i = 0; i < CHANGES; i++) {
        const expected: Expected = { name: `Bưởi da xanh ${engine} lần ${run} người ${w} thay đổi ${i}`, priceVnd: 1000 * (10 + Math.floor(random() * 500)) };
        let id: string;
        if (random() < 0.7) {
          id = writer.products[Math.floor(random() * writer.products.length)];
          const res = await api(`/api/v1/products/${id}`, { method: 'PATCH', token: writer.token, body: expected });
          if (res.status !== 200) throw new Error(`edit → ${res.status} ${JSON.stringify(res.body)}`);
        } else {
          const created = await api('/api/v1/products', {
            token: writer.token,
            body: {
              ...expected,
              enterpriseId: writer.enterpriseId,
              description: '<p>Bưởi da xanh</p>',
              categoryId,
              unit: 'kg',
              sku: `N-${engine}-${run}-${i}-${Math.floor(random() * 1e9)}`,
              stockQuantity: 5,
              originCommuneCode: commune,
            },
          });
          if (created.status !== 201) throw new Error(`create → ${created.status} ${JSON.stringify(created.body)}`);
          id = String(created.body.id);
          const submitted = await api(`/api/v1/products/${id}/submit`, { token: writer.token, body: {} });
          if (submitted.status !== 200) throw new Error(`submit → ${submitted.status}`);
          const approved = await api(`/api/v1/admin/products/${id}/approve`, { token: adminToken, body: {} });
          if (approved.status !== 200) throw new Error(`approve → ${approved.status}`);
          writer.products.push(id);
        }
        last.set(id, expected);
        const ms = await watch.wait(id, expected, performance.now());
        if (ms === null) invisible++;
        else latencies.push(ms);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  watch.stop();
  await waitIdle(db);
  const indexed = await read([...last.keys()]);
  let lost = 0;
  for (const [id, expected] of last) {
    const got = indexed.get(id);
    if (!got || got.name !== expected.name || got.priceVnd !== expected.priceVnd) lost++;
  }
  return { latencies, invisible, lost, changes: latencies.length + invisible, seconds };
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const logger = createLogger('warn');
  log(`TradeFloor index benchmark: ${N} products, ${WRITERS} writers × ${CHANGES} changes, engines ${ENGINES.join(', ')}, ${cpus().length} CPUs`);
  log(`load average before: ${load()}`);
  const pg = await startEmbeddedPostgres({ dir: join(DIR, 'postgres'), port: PG_PORT, password: 'bench-password', logger });
  const meili = await startEmbeddedMeilisearch({ dir: join(DIR, 'meilisearch'), port: MEILI_PORT, masterKey: MEILI_KEY, logger });
  let app: ChildProcess | undefined;
  try {
    const url = await benchDatabase(pg.url, logger);
    const db = new Client({ connectionString: url });
    await db.connect();
    await generateCatalog(db, N, log);
    const env = {
      NODE_ENV: 'development',
      DATABASE_URL: url,
      MEILI_HOST: meili.host,
      MEILI_MASTER_KEY: MEILI_KEY,
      MEILI_INDEX_PREFIX: PREFIX,
      JWT_SECRET: 'bench-jwt-secret-that-is-long-enough-0123456789',
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_MAX_PER_IP: '100000',
      REGISTER_MAX_PER_IP: '100000',
      LOG_LEVEL: 'warn',
    };
    // The catalog is indexed once per engine (and again when the document shape changed or the
    // index is missing, e.g. a Meilisearch data folder removed by hand).
    const [{ n: visible }] = (
      await db.query(
        `SELECT count(*)::int AS n FROM products p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.status = 'published' AND e.status = 'verified'`,
      )
    ).rows;
    const indexed = async (engine: string): Promise<number> => {
      if (engine === 'postgres') return (await db.query(`SELECT count(*)::int AS n FROM search_products`)).rows[0].n;
      const res = await fetch(`${meili.host}/indexes/${PREFIX}products/stats`, { headers: { Authorization: `Bearer ${MEILI_KEY}` } });
      return res.ok ? ((await res.json()) as { numberOfDocuments: number }).numberOfDocuments : 0;
    };
    for (const engine of ENGINES) {
      const [{ value }] = [...(await db.query(`SELECT value FROM search_state WHERE key = $1`, [`${engine}:${PREFIX}:documents`])).rows, { value: null }];
      if (value === DOCUMENT_VERSION && (await indexed(engine)) >= visible * 0.9) continue;
      log(`building the ${engine} index`);
      const r = spawnSync(process.execPath, ['dist/apps/api/src/cli/search-reindex.js'], {
        stdio: 'inherit',
        env: { ...process.env, ...env, SEARCH_ENGINE: engine },
      });
      if (r.status !== 0) throw new Error(`reindex for ${engine} failed`);
    }
    const [category] = (await db.query(`SELECT id FROM categories WHERE slug = 'trai-cay'`)).rows;
    const [commune] = (await db.query(`SELECT code, province_code FROM communes WHERE province_code = '86' ORDER BY code LIMIT 1`)).rows;
    // Names and SKUs of this run's changes are unique across runs on the same data.
    const run = Math.floor(Date.now() / 1000) % 1_000_000;

    const results: Array<[string, PhaseResult]> = [];
    for (const engine of ENGINES) {
      app = await startApp(engine, env);
      const writers = await prepareWriters(db, category.id, commune);
      // Start-up work (settings, the first drift repair of a new installation) runs first.
      await waitIdle(db);
      log(`\n${engine}: ${WRITERS} writers start (load average ${load()})`);
      const read = engine === 'meilisearch' ? meiliReader(meili.host) : pgReader(db);
      const result = await runPhase(engine, db, read, writers, category.id, commune.code, run);
      results.push([engine, result]);
      const s = summarise(result.latencies, result.seconds);
      log(
        `  ${result.changes} changes in ${result.seconds.toFixed(1)} s: searchable after p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, ` +
          `max ${Math.round(Math.max(...result.latencies))} ms; not visible within 10 s: ${result.invisible}; lost after drain: ${result.lost} (load average ${load()})`,
      );
      app.kill('SIGTERM');
      await new Promise((r) => app!.once('exit', r));
      app = undefined;
    }
    await db.end();
    log('\n| engine | writers | changes | p50 ms | p95 ms | p99 ms | max ms | not visible in 10 s | lost |');
    log('|---|---|---|---|---|---|---|---|---|');
    for (const [engine, r] of results) {
      const s = summarise(r.latencies, r.seconds);
      log(`| ${engine} | ${WRITERS} | ${r.changes} | ${s.p50} | ${s.p95} | ${s.p99} | ${Math.round(Math.max(...r.latencies))} | ${r.invisible} | ${r.lost} |`);
    }
    log(`load average after: ${load()}`);
  } finally {
    app?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await meili.stop();
    await pg.stop();
  }
}

runBench(main);
