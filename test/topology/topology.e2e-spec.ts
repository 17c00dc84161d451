import { S3FileStorage } from '@tradefloor/core';
import { Pool } from 'pg';
import sharp from 'sharp';
import request from 'supertest';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import type { TestApp } from '../harness/test-app';
import { createTestDatabase } from '../harness/test-database';
import { waitUntil } from '../harness/processes';
import { createPublished, productBody } from '../catalog/catalog-helpers';
import { createVerified } from '../enterprise/helpers';
import { startTopology, type Topology } from './topology';

/** Bounds of the per-process caches (libs/catalog product-views, libs/search pg-engine); README lists them. */
const CATEGORY_CACHE_MS = 30_000;
const BROWSE_COUNTS_CACHE_MS = 5_000;
/** Time for a poll round trip on a loaded machine, on top of a cache bound. */
const MARGIN_MS = 3_000;
/** Requests sent through the proxy during the rolling restart (TOPOLOGY_LOAD_REQUESTS to change). */
const LOAD_REQUESTS = Number(process.env.TOPOLOGY_LOAD_REQUESTS ?? 2_000);

/**
 * The production topology, tested without Docker (issue 19): two `--role=api` processes of the
 * built app and one worker on standalone PostgreSQL and Meilisearch (this run's shared servers,
 * a fresh database), product photos in an S3-protocol stand-in, a round-robin proxy in front.
 * Each process has its own DATA_DIR: nothing is shared but the database, the search server and
 * the object store. Requests go through the proxy, or to one replica directly where the point
 * is that the other replica answers.
 */
// Separate processes on a shared 2-core machine: every step takes seconds, not milliseconds.
jest.setTimeout(180_000);

describe('topology: two API replicas, a worker, object storage and a proxy', () => {
  let topo: Topology;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  // A pool, not one Client: the fixtures query concurrently (productBody in Promise.all), which a
  // single pg Client only queues with a deprecation warning (an error from pg 9).
  let pg: Pool;
  /** The auth and fixture helpers' view of the app: HTTP through the proxy and the database. */
  let via: (url: string) => TestApp;
  let proxied: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  let enterpriseId: string;
  let product: { id: string; slug: string };
  let photo: { url: string; thumbnailUrl: string };

  const a = () => request(topo.replicas[0].url);
  const b = () => request(topo.replicas[1].url);
  const jobsIdle = () =>
    waitUntil(
      async () => (await pg.query(`SELECT count(*)::int AS n FROM jobs WHERE status IN ('pending','running') AND run_at <= now()`)).rows[0].n === 0,
      60_000,
      'the worker to finish every due job',
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Pool({ connectionString: db.url, max: 4 });
    topo = await startTopology({
      external: {
        databaseUrl: db.url,
        meiliHost: process.env.TF_TEST_MEILI_HOST ?? '',
        meiliMasterKey: process.env.TF_TEST_MEILI_KEY ?? '',
        meiliIndexPrefix: `${db.name}_`,
      },
      env: {
        LOGIN_MAX_PER_ACCOUNT: '3',
        LOGIN_MAX_PER_IP: '10000',
        STAMP_SCAN_RATE_PER_MINUTE: '4',
        STAMP_WARN_SCANS: '3',
        VIEW_FLUSH_INTERVAL_MS: '200',
        // The worker keeps the PostgreSQL engine's tables in step too (used by the browse-count check).
        SEARCH_FAILOVER: 'postgres',
        SHUTDOWN_DRAIN_MS: '15000',
      },
    });
    via = (url) =>
      ({
        http: request(url),
        config: { adminEmail: topo.admin.email, adminPassword: topo.admin.password },
        dataSource: { query: async (sql: string, params?: unknown[]) => (await pg.query(sql, params)).rows },
      }) as unknown as TestApp;
    proxied = via(topo.url);
    admin = await loginAdmin(proxied);
    owner = await createUser(proxied, 'business');
    // Stamps are issued only for a verified enterprise's moderated products: verify and publish first.
    enterpriseId = (await createVerified(proxied, owner)).id;
    product = await createPublished(proxied, owner, admin, enterpriseId, { name: 'Bưởi da xanh Cầu Kè hai máy' });
  }, 300_000);

  afterAll(async () => {
    await topo?.stop();
    await pg?.end();
    await db?.drop();
  }, 180_000);

  it('serves a photo uploaded through one replica from the other, with ETag revalidation', async () => {
    const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 40, g: 160, b: 60 } } })
      .jpeg()
      .toBuffer();
    const up = await a().post(`/api/v1/products/${product.id}/images`).set(owner.auth).attach('file', jpeg, 'buoi.jpg').expect(201);
    photo = { url: up.body.url, thumbnailUrl: up.body.thumbnailUrl };

    const full = await b().get(photo.url).buffer(true).expect(200);
    expect(full.headers['content-type']).toBe('image/webp');
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await sharp(full.body).metadata()).width).toBe(900);
    await b().get(photo.thumbnailUrl).expect(200);
    // The same ETag from both replicas (it is the object's), and 304 without a body when it matches.
    const etag = full.headers.etag;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect((await a().get(photo.url).expect(200)).headers.etag).toBe(etag);
    const again = await a().get(photo.url).set('If-None-Match', etag).expect(304);
    expect(again.body).toEqual({});
    await b().get(photo.url).set('If-None-Match', '"something-else"').expect(200);

    // Deleted through the other replica: gone for both, and from the object store.
    const key = photo.url.replace(/^\/media\//, '');
    const extra = await b().post(`/api/v1/products/${product.id}/images`).set(owner.auth).attach('file', jpeg, 'buoi-2.jpg').expect(201);
    await a().get(extra.body.url).expect(200);
    await a().delete(`/api/v1/products/${product.id}/images/${extra.body.id}`).set(owner.auth).expect(204);
    await b().get(extra.body.url).expect(404);
    // In the object store itself (read with the adapter, as the app does): one kept, one deleted.
    const store = new S3FileStorage({ ...topo.s3!, forcePathStyle: true });
    expect(await store.get(key)).not.toBeNull();
    expect(await store.get(extra.body.url.replace(/^\/media\//, ''))).toBeNull();
  });

  it('makes a product written through one replica searchable through the other', async () => {
    const created = await a()
      .post('/api/v1/products')
      .set(owner.auth)
      .send(await productBody(proxied, enterpriseId, { name: 'Mật ong hoa dừa Chợ Lách liên máy' }))
      .expect(201);
    await a().post(`/api/v1/products/${created.body.id}/submit`).set(owner.auth).expect(200);
    await a().post(`/api/v1/admin/products/${created.body.id}/approve`).set(admin.auth).expect(200);
    await jobsIdle();
    const found = await b().get('/api/v1/search/products').query({ q: 'mật ong hoa dừa liên máy' }).expect(200);
    expect(found.body.hits.map((h: { id: string }) => h.id)).toContain(created.body.id);
  });

  it('holds the login throttle across replicas (the attempts live in PostgreSQL)', async () => {
    const user = await createUser(proxied, 'buyer');
    const wrong = { email: user.email, password: 'sai-mat-khau-0000' };
    await a().post('/api/v1/auth/login').send(wrong).expect(401);
    await b().post('/api/v1/auth/login').send(wrong).expect(401);
    await a().post('/api/v1/auth/login').send(wrong).expect(401);
    // Three failures in total (never three on one replica): the fourth attempt is refused on either.
    const refused = await b().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(429);
    expect(refused.headers['retry-after']).toBeDefined();
    await a().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(429);
  });

  it('holds the stamp-scan limits across replicas: scans per client per minute and the warning threshold', async () => {
    const batch = await a()
      .post('/api/v1/batches')
      .set(owner.auth)
      .send({ productId: product.id, lotCode: `TOPO-${Date.now()}`, producedAt: '2025-07-01', quantity: 100, unit: 'kg', originCommuneCode: '29362' })
      .expect(201);
    await b().post(`/api/v1/batches/${batch.body.id}/stamps`).set(owner.auth).send({ count: 3 }).expect(201);
    await a().post(`/api/v1/batches/${batch.body.id}/stamps/activate`).set(owner.auth).send({ fromSeq: 1, toSeq: 3 }).expect(200);
    const serials: string[] = (await pg.query(`SELECT serial FROM trace_stamps WHERE batch_id = $1 ORDER BY seq`, [batch.body.id])).rows.map(
      (r: { serial: string }) => r.serial,
    );

    // STAMP_SCAN_RATE_PER_MINUTE=4 for one client, spread over both replicas.
    const client = '203.0.113.77';
    const replicas = [a, b, a, b];
    for (const [i, replica] of replicas.entries()) {
      await replica()
        .get(`/api/v1/stamps/${serials[i % 2]}`)
        .set('x-forwarded-for', client)
        .expect(200);
    }
    await a().get(`/api/v1/stamps/${serials[0]}`).set('x-forwarded-for', client).expect(429);
    await b().get(`/api/v1/stamps/${serials[0]}`).set('x-forwarded-for', client).expect(429);

    // STAMP_WARN_SCANS=3: the fourth scan of one stamp, from other clients and replicas, warns.
    const verdicts: string[] = [];
    for (const [i, replica] of replicas.entries()) {
      const res = await replica()
        .get(`/api/v1/stamps/${serials[2]}`)
        .set('x-forwarded-for', `198.51.100.${i + 1}`)
        .expect(200);
      verdicts.push(res.body.verdict);
    }
    expect(verdicts).toEqual(['genuine', 'genuine', 'genuine', 'warning']);
  });

  it('adds up product page views counted by both replicas', async () => {
    const before = await viewsOf(product.id);
    topo.proxy.resetStats();
    for (let i = 0; i < 20; i++) await request(topo.url).get(`/san-pham/${product.slug}`).expect(200);
    // The proxy alternated: each replica counted some of them in its own buffer.
    expect(Object.values(topo.proxy.stats.perBackend)).toEqual([10, 10]);
    await waitUntil(async () => (await viewsOf(product.id)) === before + 20, 30_000, 'both replicas to flush their view counts');
    expect(await viewsOf(product.id)).toBe(before + 20);
  });

  it('runs each job once with two workers competing for the queue', async () => {
    await topo.addWorker();
    const since = (await pg.query(`SELECT coalesce(max(id), 0)::bigint AS id FROM jobs`)).rows[0].id;
    const bodies = await Promise.all(Array.from({ length: 30 }, (_, i) => productBody(proxied, enterpriseId, { name: `Khô cá lóc số ${i}` })));
    await Promise.all(bodies.map((body) => request(topo.url).post('/api/v1/products').set(owner.auth).send(body).expect(201)));
    await jobsIdle();
    const jobs = (await pg.query(`SELECT queue, status, attempts FROM jobs WHERE id > $1 AND queue = 'search.product'`, [since])).rows;
    expect(jobs.length).toBeGreaterThanOrEqual(30);
    // A claim counts an attempt: attempts = 1 means no second worker (and no replica) ever took the job.
    expect(jobs.filter((j) => j.status !== 'completed' || j.attempts !== 1)).toEqual([]);
  }, 300_000);

  it('shows a category renamed on one replica on the other within the category cache bound (30 s)', async () => {
    const word = `tuoingon${Date.now().toString(36)}`;
    const category = (await pg.query(`SELECT id, name FROM categories WHERE slug = 'trai-cay'`)).rows[0];
    // Both replicas hold the list in their cache before the rename.
    await a().get('/api/v1/search/suggest').query({ q: 'trái cây' }).expect(200);
    await b().get('/api/v1/search/suggest').query({ q: 'trái cây' }).expect(200);
    await a()
      .patch(`/api/v1/admin/categories/${category.id}`)
      .set(admin.auth)
      .send({ name: `Trái cây ${word}` })
      .expect(200);
    const renamedAt = Date.now();
    const names = async (replica: typeof a): Promise<string[]> =>
      ((await replica().get('/api/v1/search/suggest').query({ q: word }).expect(200)).body.categories ?? []).map((c: { name: string }) => c.name);
    // The replica that made the change dropped its cache at once.
    expect(await names(a)).toEqual([`Trái cây ${word}`]);
    await waitUntil(async () => (await names(b)).includes(`Trái cây ${word}`), CATEGORY_CACHE_MS + MARGIN_MS, 'the other replica to show the new name');
    console.log(`category rename visible on the other replica after ${Date.now() - renamedAt} ms (bound ${CATEGORY_CACHE_MS} ms)`);
    await a().patch(`/api/v1/admin/categories/${category.id}`).set(admin.auth).send({ name: category.name }).expect(200);
  }, 90_000);

  it('keeps every request answered (0 failed of ≥ 2,000) through a rolling restart of both replicas with SIGTERM', async () => {
    const paths = [`/api/v1/search/products?q=b%C6%B0%E1%BB%9Fi`, `/san-pham/${product.slug}`, photo.url, `/api/v1/products/${product.slug}`, '/'];
    topo.proxy.resetStats();
    const failures: string[] = [];
    let sent = 0;
    let restarted = false;
    const client = async () => {
      while (sent < LOAD_REQUESTS || !restarted) {
        const path = paths[sent++ % paths.length];
        try {
          const res = await fetch(`${topo.url}${path}`);
          await res.arrayBuffer();
          if (res.status !== 200) failures.push(`${path}: ${res.status}`);
        } catch (err) {
          failures.push(`${path}: ${(err as Error).message}`);
        }
      }
    };
    // The replicas replaced by the restart keep their output: a failure shows what each one logged.
    const processes = topo.replicas.map((r) => ({ name: r.name, process: r.process }));
    const load = Promise.all(Array.from({ length: 8 }, client));
    // One after the other, as a deployment does: SIGTERM, drain, exit, start, ready.
    for (const i of [0, 1]) {
      await new Promise((r) => setTimeout(r, 500));
      await topo.restartReplica(i);
      processes.push({ name: `${topo.replicas[i].name} (restarted)`, process: topo.replicas[i].process });
    }
    restarted = true;
    await load;
    if (failures.length) for (const p of processes) console.log(`${p.name} output:\n${p.process.tail(8000)}`);
    console.log(`rolling restart: ${sent} requests, retried by the proxy after a refused/reset connection: ${topo.proxy.stats.retried}`);
    expect(sent).toBeGreaterThanOrEqual(LOAD_REQUESTS);
    expect(failures).toEqual([]);
    expect(topo.proxy.stats.failed).toBe(0);
    for (const r of topo.replicas) expect(r.process.running).toBe(true);
  }, 900_000);

  it('shows a product published through one replica in the other replica’s browse counts within the browse-count cache bound (5 s)', async () => {
    // Browse counts are cached per process by the PostgreSQL engine: every process uses it now (the
    // engine decides which index queues a write feeds, so the worker and the replicas must agree).
    for (const i of topo.workers.keys()) await topo.restartWorker(i, { SEARCH_ENGINE: 'postgres', SEARCH_FAILOVER: 'off' });
    for (const i of [0, 1]) await topo.restartReplica(i, { SEARCH_ENGINE: 'postgres', SEARCH_FAILOVER: 'off' });
    const total = async (replica: typeof a) => {
      const res = await replica().get('/api/v1/search/products').expect(200);
      expect(res.body.engine).toBe('postgres');
      return res.body.total as number;
    };
    const before = await total(b);
    await total(a);
    const created = await createPublished(via(topo.replicas[0].url), owner, admin, enterpriseId, { name: 'Bánh tét lá cẩm hai máy' });
    await jobsIdle();
    const indexedAt = Date.now();
    expect(created.status).toBe('published');
    await waitUntil(async () => (await total(b)) === before + 1, BROWSE_COUNTS_CACHE_MS + MARGIN_MS, 'the other replica’s browse count to include it');
    console.log(`browse count updated on the other replica ${Date.now() - indexedAt} ms after indexing (bound ${BROWSE_COUNTS_CACHE_MS} ms)`);
  }, 600_000);

  async function viewsOf(productId: string): Promise<number> {
    return (await pg.query(`SELECT coalesce(sum(views), 0)::int AS n FROM product_view_days WHERE product_id = $1`, [productId])).rows[0].n;
  }
});
