import 'reflect-metadata';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import sharp from 'sharp';
import { startTopology, type Topology } from '../test/topology/topology';
import { insertBenchCatalog, runBench, summarise, type LatencySummary } from './bench-support';

/**
 * `npm run bench:topology`: the topology of test/topology (standalone PostgreSQL + Meilisearch, API
 * replicas of the built app, a worker, the S3 stand-in, the round-robin proxy) with
 * BENCH_TOPOLOGY_PRODUCTS products (default 10,000). Measures, through the proxy, for
 * BENCH_TOPOLOGY_SECONDS each (default 20) at BENCH_TOPOLOGY_CONCURRENCY (default 16):
 * search and product-page throughput with two API replicas and with one; and media serving
 * throughput (one product photo, one replica) from the object store and from local disk.
 * On a 2-core machine the second replica mostly shows its overhead: both share the same cores
 * with PostgreSQL, Meilisearch and the proxy.
 */
const PRODUCTS = Number(process.env.BENCH_TOPOLOGY_PRODUCTS ?? 10_000);
const SECONDS = Number(process.env.BENCH_TOPOLOGY_SECONDS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_TOPOLOGY_CONCURRENCY ?? 16);
const DIR = resolve(process.env.BENCH_DIR ?? `var/bench-topology-${process.pid}`);
const QUERIES = ['bưởi', 'buoi da xanh', 'mật ong', 'khô cá', 'đặc sản trà vinh', 'sản phẩm số 12', 'banh tet', 'dừa sáp'];

interface Row extends LatencySummary {
  target: string;
  replicas: number;
  requests: number;
  errors: number;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  console.log(`bench:topology — ${PRODUCTS} products, ${SECONDS} s per row, concurrency ${CONCURRENCY}, load average ${loadavg()[0].toFixed(1)}`);
  const topo = await startTopology({ replicas: 2, dir: join(DIR, 'topology') });
  try {
    const { slugs, mediaPath, ownerAuth, productId } = await seed(topo);
    const search = (i: number) => `/api/v1/search/products?q=${encodeURIComponent(QUERIES[i % QUERIES.length])}`;
    const page = (i: number) => `/san-pham/${slugs[(i * 7919) % slugs.length]}`;

    for (const replicas of [2, 1]) {
      topo.proxy.setBackends(topo.replicas.slice(0, replicas).map((r) => r.url));
      rows.push({ target: 'search (GET /api/v1/search/products)', replicas, ...(await measure(topo.url, search)) });
      rows.push({ target: 'product page (GET /san-pham/:slug)', replicas, ...(await measure(topo.url, page)) });
    }

    // Media from the object store, then from local disk: one replica behind the proxy each time.
    topo.proxy.setBackends([topo.replicas[0].url]);
    rows.push({ target: 'media (object store, S3 stand-in)', replicas: 1, ...(await measure(topo.url, () => mediaPath)) });
    await topo.restartReplica(0, { STORAGE: 'local' });
    const local = await upload(topo.replicas[0].url, ownerAuth, productId);
    rows.push({ target: 'media (local disk)', replicas: 1, ...(await measure(topo.url, () => local)) });
  } finally {
    await topo.stop();
  }

  console.log('\n| target | API replicas | requests | errors | p50 ms | p95 ms | p99 ms | req/s |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.target} | ${r.replicas} | ${r.requests} | ${r.errors} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.rps} |`);
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
}

/** A business owner with a verified enterprise of PRODUCTS published products, indexed; one photo uploaded. */
async function seed(topo: Topology) {
  const email = `bench-${Date.now()}@example.vn`;
  const password = 'mat-khau-bench-123';
  const post = (path: string, body: unknown, auth?: string) =>
    fetch(`${topo.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(body),
    });
  const reg = await post('/api/v1/auth/register', { email, password, displayName: 'Bench', role: 'business', acceptTerms: true });
  if (reg.status !== 202) throw new Error(`register: ${reg.status} ${await reg.text()}`);
  const pg = new Client({ connectionString: topo.databaseUrl });
  await pg.connect();
  // The bench user stands for a seller who followed the verification link (the mail is not read here).
  const [{ id: ownerId }] = (await pg.query(`UPDATE users SET email_verified_at = now() WHERE email = $1 RETURNING id`, [email])).rows;
  try {
    const t0 = performance.now();
    await insertBenchCatalog({ query: async (sql, params) => (await pg.query(sql, params)).rows }, ownerId, PRODUCTS, `bench-topo-${Date.now()}`);
    const slugs = (await pg.query(`SELECT slug FROM products WHERE status = 'published' ORDER BY slug LIMIT 5000`)).rows.map((r: { slug: string }) => r.slug);
    const adminAuth = await login(topo, topo.admin.email, topo.admin.password);
    const reindex = await post('/api/v1/admin/search/reindex', {}, adminAuth);
    if (!reindex.ok) throw new Error(`reindex: ${reindex.status} ${await reindex.text()}`);
    await waitJobsIdle(pg);
    console.log(`seeded and indexed ${PRODUCTS} products in ${Math.round(performance.now() - t0)} ms`);
    const ownerAuth = await login(topo, email, password);
    const productId = (await pg.query(`SELECT id FROM products WHERE slug = $1`, [slugs[0]])).rows[0].id as string;
    const mediaPath = await upload(topo.url, ownerAuth, productId);
    return { slugs, mediaPath, ownerAuth, productId };
  } finally {
    await pg.end();
  }
}

async function login(topo: Topology, email: string, password: string): Promise<string> {
  const res = await fetch(`${topo.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
}

/** Uploads a 1600×1200 photo; returns its /media path. */
async function upload(base: string, auth: string, productId: string): Promise<string> {
  const jpeg = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 120, g: 170, b: 60 } } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'bench.jpg');
  const res = await fetch(`${base}/api/v1/products/${productId}/images`, { method: 'POST', headers: { authorization: auth }, body: form });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { url: string }).url;
}

async function waitJobsIdle(pg: Client): Promise<void> {
  for (;;) {
    const { n } = (await pg.query(`SELECT count(*)::int AS n FROM jobs WHERE status IN ('pending','running') AND run_at <= now()`)).rows[0];
    if (n === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** CONCURRENCY clients requesting `path(i)` for SECONDS; latencies of 200 answers, others counted as errors. */
async function measure(base: string, path: (i: number) => string): Promise<LatencySummary & { requests: number; errors: number }> {
  // Warm-up: caches, connections, JIT.
  for (let i = 0; i < 20; i++) await (await fetch(`${base}${path(i)}`)).arrayBuffer();
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const res = await fetch(`${base}${path(i++)}`);
          await res.arrayBuffer();
          if (res.status === 200) latencies.push(performance.now() - t);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const wall = (performance.now() - started) / 1000;
  return { ...summarise(latencies.length ? latencies : [0], wall), requests: latencies.length + errors, errors };
}

runBench(main);
