import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { createLogger, startEmbeddedMeilisearch, startEmbeddedPostgres } from '@tradefloor/core';
import {
  benchDatabase,
  cpuMs,
  ownCpuMs,
  postgresCpuMs,
  runBench,
  startApiProcess,
  startBenchServer,
  startCpuCount,
  stopProcess,
  summarise,
} from './bench-support';
import { generateCatalog } from './generate-products';

/**
 * `npm run bench:checkout`: on a BENCH_PRODUCTS (default 100,000) generated catalog, BENCH_ORDERS
 * guest buyers (default 2,000) each fill a cart through `POST /api/v1/cart/items` (one to three
 * products of one or two sellers) and check out through `POST /api/v1/checkout`, at concurrency 1
 * and then BENCH_CONCURRENCY (default 32) against BENCH_API_REPLICAS API processes (default 1; `--role=api`: mails, index and
 * partner-sync jobs are queued in the checkout's transaction, as in production, and left queued).
 *
 * A third of the carts hold one of BENCH_HOT "hot" products whose stock is set to BENCH_HOT_STOCK,
 * so many buyers race for the last units. After each round the bench compares, per hot product,
 * the stock taken (start − now) with the quantities on placed sub-orders: any difference, or a
 * negative stock, is an oversold unit and is printed. Refusals (409 OUT_OF_STOCK) are counted.
 * Prints checkout p50/p95/p99, orders per second and the same for adding to the cart, and the CPU
 * each process used per buyer (API, PostgreSQL, this bench's own client): at c=32 the two cores
 * are saturated, so latency follows the sum of the three.
 */
const N = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const HOT = Number(process.env.BENCH_HOT ?? 20);
const HOT_STOCK = Number(process.env.BENCH_HOT_STOCK ?? 25);
const DIR = resolve(process.env.BENCH_DIR ?? 'var/bench-checkout');
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54478);
const MEILI_PORT = Number(process.env.BENCH_MEILI_PORT ?? 7878);
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3279);
const MEILI_KEY = 'bench-master-key-0123456789';
/**
 * API processes behind the bench's round-robin (a load balancer's part): BENCH_API_REPLICAS
 * (default 1) on BENCH_API_PORT and the ports after it; docker-compose runs 2 replicas.
 */
const REPLICAS = Number(process.env.BENCH_API_REPLICAS ?? 1);
/**
 * The checkout ceilings (bench/checkout-ceiling.ts) measured after the API, on the ports after the
 * replicas: `bare` (a node:http server) and `nest` (the floor's HTTP stack, createHttpApp).
 * BENCH_CEILING picks them (default `bare,nest`; `0` for none).
 */
const CEILINGS = {
  bare: { name: 'bare ceiling (node:http + pg)', script: 'dist/bench/checkout-ceiling-server.js' },
  nest: { name: 'ceiling on our HTTP stack (createHttpApp + DTOs + pg)', script: 'dist/bench/checkout-ceiling-nest.js' },
} as const;
const CEILING_KINDS = (process.env.BENCH_CEILING ?? 'bare,nest').split(',').filter((k): k is keyof typeof CEILINGS => k in CEILINGS);
const ceilingPort = (i: number) => API_PORT + REPLICAS + i;

const log = (line: string) => process.stdout.write(`${line}\n`);

interface Sellable {
  id: string;
  enterpriseId: string;
  provinceCode: string;
  communeCode: string;
  minOrder: number;
}

/** A deterministic generator, so two runs place the same carts. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function sellable(db: Client): Promise<Sellable[]> {
  const rows = await db.query(
    `SELECT p.id, p.enterprise_id, e.province_code, e.commune_code, p.min_order_quantity
     FROM products p JOIN enterprises e ON e.id = p.enterprise_id
     WHERE p.status = 'published' AND e.status = 'verified' ORDER BY p.id LIMIT 5000`,
  );
  return rows.rows.map((r) => ({
    id: r.id,
    enterpriseId: r.enterprise_id,
    provinceCode: r.province_code,
    communeCode: r.commune_code,
    minOrder: r.min_order_quantity,
  }));
}

interface Round {
  checkout: number[];
  cartAdds: number[];
  placed: number;
  refused: number;
  failed: Map<string, number>;
  wall: number;
}

/**
 * The buyers' HTTP client: node:http over keep-alive sockets. The bench shares the two cores with
 * the API and PostgreSQL, and fetch's Request/Headers/stream objects cost it about twice the CPU per
 * call (bench/README.md); a browser's CPU is not the server's.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

let sent = 0;

/** A request to the next of `bases` in turn: every request may land on any replica, as behind a load balancer. */
function call(bases: string[], path: string, body: unknown, cookie?: string): Promise<{ status: number; cookie?: string; json: Record<string, unknown> }> {
  const payload = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
  if (cookie) headers.cookie = cookie;
  return new Promise((resolve, reject) => {
    const req = request(`${bases[sent++ % bases.length]}${path}`, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const set = res.headers['set-cookie']?.find((c) => c.startsWith('tf_cart='));
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          // An empty or non-JSON answer is counted by its status.
        }
        resolve({ status: res.statusCode ?? 0, cookie: set ? set.split(';')[0] : cookie, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** One guest: a cart of one to three lines, then checkout with each seller's own address (in its delivery area). */
async function buyer(bases: string[], i: number, pool: Sellable[], hot: Sellable[], random: () => number, round: Round): Promise<void> {
  const lines = new Map<string, Sellable>();
  if (random() < 1 / 3) {
    const h = hot[Math.floor(random() * hot.length)];
    lines.set(h.id, h);
  }
  const want = 1 + Math.floor(random() * 3);
  // Bounded: when the cart's two sellers have no other product in the pool, it stays shorter
  // (an unbounded loop hung a run with the bench client at 100 % CPU).
  for (let tries = 0; lines.size < want && tries < 10_000; tries++) {
    const p = pool[Math.floor(random() * pool.length)];
    // One or two sellers per cart, as most carts on a provincial floor.
    if (lines.size && ![...lines.values()].some((l) => l.enterpriseId === p.enterpriseId) && new Set([...lines.values()].map((l) => l.enterpriseId)).size >= 2)
      continue;
    lines.set(p.id, p);
  }
  let cookie: string | undefined;
  for (const p of lines.values()) {
    const t0 = performance.now();
    const res = await call(bases, '/api/v1/cart/items', { productId: p.id, quantity: Math.max(p.minOrder, 1 + Math.floor(random() * 2)) }, cookie);
    round.cartAdds.push(performance.now() - t0);
    cookie = res.cookie;
    if (res.status !== 200) {
      round.failed.set(`cart ${res.status} ${String(res.json.code)}`, (round.failed.get(`cart ${res.status} ${String(res.json.code)}`) ?? 0) + 1);
      return;
    }
  }
  const sellers = new Map([...lines.values()].map((l) => [l.enterpriseId, l]));
  const phone = `09${String(10_000_000 + i).slice(-8)}`;
  const body = {
    buyerName: 'Khách thử tải',
    buyerEmail: `khach${i}@example.vn`,
    buyerPhone: phone,
    subOrders: [...sellers.values()].map((s) => ({
      enterpriseId: s.enterpriseId,
      paymentMethod: 'cod',
      shipping: { carrier: 'seller' },
      address: {
        provinceCode: s.provinceCode,
        communeCode: s.communeCode,
        street: 'Số 1, đường thử tải',
        recipientName: 'Khách thử tải',
        recipientPhone: phone,
      },
    })),
  };
  const t0 = performance.now();
  const res = await call(bases, '/api/v1/checkout', body, cookie);
  round.checkout.push(performance.now() - t0);
  if (res.status === 201) round.placed++;
  else if (res.status === 409 && res.json.code === 'OUT_OF_STOCK') round.refused++;
  else {
    if (!round.failed.size) log(`  first refused checkout: ${JSON.stringify(res.json).slice(0, 400)}`);
    round.failed.set(`checkout ${res.status} ${String(res.json.code)}`, (round.failed.get(`checkout ${res.status} ${String(res.json.code)}`) ?? 0) + 1);
  }
}

async function runRound(bases: string[], concurrency: number, total: number, offset: number, pool: Sellable[], hot: Sellable[]): Promise<Round> {
  const round: Round = { checkout: [], cartAdds: [], placed: 0, refused: 0, failed: new Map(), wall: 0 };
  const random = rng(offset + 7);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await buyer(bases, offset + next++, pool, hot, random, round);
    }),
  );
  round.wall = (performance.now() - started) / 1000;
  return round;
}

/** Where a target writes its sub-orders: the floor's tables, or the ceiling's own. */
type OrderSchema = 'public' | 'bench_ceiling';

/** Oversold units of the hot products: stock taken that no placed sub-order accounts for (or the reverse), and negative stock. */
async function oversold(db: Client, hot: Sellable[], startStock: Map<string, number>, since: Date, schema: OrderSchema): Promise<number> {
  const rows = await db.query(
    `SELECT p.id, p.stock_quantity,
            coalesce((SELECT sum(i.quantity) FROM ${schema}.sub_order_items i JOIN ${schema}.sub_orders s ON s.id = i.sub_order_id
                      WHERE i.product_id = p.id AND s.placed_at >= $2 AND s.status NOT IN ('cancelled', 'expired')), 0)::int AS ordered
     FROM products p WHERE p.id = ANY($1::uuid[])`,
    [hot.map((h) => h.id), since],
  );
  let bad = 0;
  for (const r of rows.rows) {
    const taken = startStock.get(r.id)! - r.stock_quantity;
    if (r.stock_quantity < 0) bad += -r.stock_quantity;
    if (taken !== r.ordered) bad += Math.abs(taken - r.ordered);
  }
  return bad;
}

interface Target {
  name: string;
  bases: string[];
  pids: Array<number | undefined>;
  schema: OrderSchema;
}

interface Shared {
  db: Client;
  pool: Sellable[];
  hot: Sellable[];
  pgDir: string;
  load: () => string;
}

/**
 * A warm-up, then BENCH_ORDERS / 10 buyers at c=1 and BENCH_ORDERS at BENCH_CONCURRENCY against one
 * target, the hot products restocked after the warm-up (every target races for the same units with
 * buyers from the same generator). Prints each round and returns its table rows.
 */
async function measureTarget(target: Target, { db, pool, hot, pgDir, load }: Shared): Promise<string[]> {
  log(`\n${target.name}`);
  await runRound(target.bases, 4, 20, 9_000_000, pool, hot); // warm-up (JIT, pools)
  // The warm-up's and earlier targets' or runs' sub-orders do not count; neither do the units they took.
  await db.query(`UPDATE products SET stock_quantity = $2 WHERE id = ANY($1::uuid[])`, [hot.map((h) => h.id), HOT_STOCK]);
  const startStock = new Map(hot.map((h) => [h.id, HOT_STOCK]));
  const since = new Date((await db.query(`SELECT now() AS now`)).rows[0].now);
  const cpu = { server: () => summedCpuMs(target.pids), PostgreSQL: () => postgresCpuMs(pgDir), "this bench's client": ownCpuMs };
  const rows: string[] = [];
  for (const [concurrency, total, offset] of [
    [1, Math.round(ORDERS / 10), 1_000_000],
    [CONCURRENCY, ORDERS, 2_000_000],
  ] as const) {
    log(`concurrency ${concurrency}, ${total} buyers, load average ${load()}`);
    const cpuPerBuyer = startCpuCount(cpu);
    const r = await runRound(target.bases, concurrency, total, offset, pool, hot);
    const perBuyer = cpuPerBuyer(total);
    const c = summarise(r.checkout, r.wall);
    const a = summarise(r.cartAdds, r.wall);
    const bad = await oversold(db, hot, startStock, since, target.schema);
    const failures = [...r.failed.entries()].map(([k, v]) => `${k} × ${v}`).join(', ') || 'none';
    log(
      `  checkout     p50 ${c.p50} ms  p95 ${c.p95} ms  p99 ${c.p99} ms  ${Math.round(r.placed / r.wall)} orders/s  placed ${r.placed}, refused (out of stock) ${r.refused}`,
    );
    log(`  add to cart  p50 ${a.p50} ms  p95 ${a.p95} ms  p99 ${a.p99} ms`);
    log(`  oversold units (hot products): ${bad}; other failures: ${failures}`);
    log(
      `  CPU per buyer: ${perBuyer.map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`).join(', ')} ` +
        `(${r.cartAdds.length} cart additions and ${r.checkout.length} checkouts)`,
    );
    const ms = (name: string) => perBuyer.find(([n]) => n === name)?.[1].toFixed(1) ?? '—';
    rows.push(
      `| ${target.name} | ${concurrency} | ${total} | ${c.p50} | ${c.p95} | ${c.p99} | ${Math.round(r.placed / r.wall)} | ${r.placed} | ${r.refused} | ${bad} | ${a.p95} | ${ms('server')} / ${ms('PostgreSQL')} / ${ms("this bench's client")} ms |`,
    );
  }
  return rows;
}

/** CPU time (ms) of several processes together; undefined when one cannot be read. */
function summedCpuMs(pids: Array<number | undefined>): number | undefined {
  let total = 0;
  for (const pid of pids) {
    const ms = cpuMs(pid);
    if (ms === undefined) return undefined;
    total += ms;
  }
  return total;
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const logger = createLogger('warn');
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  log(
    `TradeFloor checkout benchmark: ${N} products, ${ORDERS} buyers at c=${CONCURRENCY} (and ${Math.round(ORDERS / 10)} at c=1), ${cpus().length} CPUs, load average ${load()}`,
  );
  const pgDir = join(DIR, 'postgres');
  const pg = await startEmbeddedPostgres({ dir: pgDir, port: PG_PORT, password: 'bench-password', logger });
  const meili = await startEmbeddedMeilisearch({ dir: join(DIR, 'meilisearch'), port: MEILI_PORT, masterKey: MEILI_KEY, logger });
  const apis: ChildProcess[] = [];
  let db: Client | undefined;
  let ceiling: ChildProcess | undefined;
  try {
    const url = await benchDatabase(pg.url, logger);
    db = new Client({ connectionString: url });
    await db.connect();
    await generateCatalog(db, N, log);
    const pool = await sellable(db);
    const hot = pool.filter((_, i) => i % Math.floor(pool.length / HOT) === 0).slice(0, HOT);
    const coldIds = pool.filter((p) => !hot.includes(p)).map((p) => p.id);
    // Plenty for every other product; the hot ones run out during the run.
    await db.query(`UPDATE products SET stock_quantity = 100000 WHERE id = ANY($1::uuid[])`, [coldIds]);
    log(
      `${pool.length} sellable products of ${new Set(pool.map((p) => p.enterpriseId)).size} sellers in the pool; ${hot.length} hot products with ${HOT_STOCK} units each`,
    );

    const ports = Array.from({ length: REPLICAS }, (_, i) => API_PORT + i);
    for (const port of [...ports, ...CEILING_KINDS.map((_, i) => ceilingPort(i))]) {
      // A process left on the port by an interrupted run would answer and be measured instead.
      if (
        await fetch(`http://127.0.0.1:${port}/`).then(
          () => true,
          () => false,
        )
      )
        throw new Error(`port ${port} is taken: stop that process or set BENCH_API_PORT`);
    }
    for (const [i, port] of ports.entries()) {
      apis.push(
        await startApiProcess(
          port,
          {
            NODE_ENV: 'development',
            DATABASE_URL: url,
            MEILI_HOST: meili.host,
            MEILI_MASTER_KEY: MEILI_KEY,
            MEILI_INDEX_PREFIX: 'benchcheckout_',
            SEARCH_ENGINE: 'postgres',
            JWT_SECRET: 'bench-jwt-secret-that-is-long-enough-0123456789',
            ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
            LOG_LEVEL: 'warn',
            DATA_DIR: join(DIR, `app-${i}`),
          },
          `API ${i + 1}`,
        ),
      );
    }
    const tables = await measureTarget(
      { name: REPLICAS === 1 ? 'API' : `API × ${REPLICAS}`, bases: ports.map((p) => `http://127.0.0.1:${p}`), pids: apis.map((a) => a.pid), schema: 'public' },
      { db, pool, hot, pgDir, load },
    );
    // The API's CPU must not count against the ceilings: it leaves before they start, one at a time.
    for (const api of apis.splice(0)) await stopProcess(api);
    for (const [i, kind] of CEILING_KINDS.entries()) {
      const { name, script } = CEILINGS[kind];
      ceiling = await startBenchServer(script, ceilingPort(i), { DATABASE_URL: url }, name);
      const target: Target = { name, bases: [`http://127.0.0.1:${ceilingPort(i)}`], pids: [ceiling.pid], schema: 'bench_ceiling' };
      tables.push(...(await measureTarget(target, { db, pool, hot, pgDir, load })));
      await stopProcess(ceiling);
      ceiling = undefined;
    }
    log(
      '\n| target | concurrency | buyers | checkout p50 ms | p95 ms | p99 ms | orders/s | placed | refused | oversold | add-to-cart p95 ms | server CPU per buyer: own / PostgreSQL / client |',
    );
    log('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const row of tables) log(row);
  } finally {
    for (const api of apis) api.kill('SIGTERM');
    ceiling?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    // Before PostgreSQL stops: a connection it terminates would be an unhandled error hiding the real one.
    await db?.end().catch(() => undefined);
    await meili.stop();
    await pg.stop();
  }
}

runBench(main);
