import 'reflect-metadata';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createLogger, startEmbeddedMeilisearch, startEmbeddedPostgres } from '@tradefloor/core';
import { DOCUMENT_VERSION, PgEngine, parseQuery, productRequest, type ProductSearchParams, type SortOrder } from '@tradefloor/search';
import {
  benchDatabase,
  cpuMs,
  type CpuProbes,
  ownCpuMs,
  postgresCpuMs,
  runBench,
  startApiProcess,
  startBenchServer,
  startCpuCount,
  summarise,
} from './bench-support';
import { generateCatalog } from './generate-products';

/**
 * `npm run bench:search`: loads BENCH_PRODUCTS (default 100,000) generated products, builds both
 * engines' indexes, then measures GET /api/v1/search/products for a fixed mixed query set at
 * concurrency 1 and 32 against an API process per engine, and the same searches sent straight
 * to Meilisearch (the API's multi-search body) and to PostgreSQL (the engine's SQL on a pg pool
 * of the API's size) as the baseline. A last row repeats the Meilisearch baseline with Node's
 * default Accept-Encoding (gzip) to keep the 40 ms trap of search.md visible. Under each row: the
 * CPU per search of every process involved (the APIs, Meilisearch, PostgreSQL, this bench's own
 * client), read from /proc.
 */
const N = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const DIR = resolve(process.env.BENCH_DIR ?? 'var/bench-search');
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54466);
const MEILI_PORT = Number(process.env.BENCH_MEILI_PORT ?? 7866);
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3266);
/** Two API processes: BENCH_API_PORT (Meilisearch engine) and the next port (PostgreSQL engine). */
const API_PORTS = { meilisearch: API_PORT, postgres: API_PORT + 1 } as const;
const MEILI_KEY = 'bench-master-key-0123456789';
const PREFIX = 'bench_';
/** The hops (bench/search-hop-server.ts, bench/search-hop-nest.ts) listen after the failover API's port. */
const HOP_PORTS = { pipe: API_PORT + 3, parse: API_PORT + 4, nest: API_PORT + 5, fastify: API_PORT + 6, ablation: API_PORT + 7 } as const;
const HOP_PIPED = 'bare hop: node:http, piped';
const HOP_PARSED = 'bare hop: node:http, parsed + re-serialised';
const HOP_FASTIFY = 'hop on plain Fastify, parsed';
const HOP_NEST = 'hop on our HTTP stack (createHttpApp + query DTO), parsed';
const HOP_ABLATION = 'hop on our HTTP stack, with BENCH_ABLATION preloaded';
const POOL = 10;
/** Unmeasured searches per target before its first turn, and rounds of turns (see `measureInTurns`). */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 480);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);

const log = (line: string) => process.stdout.write(`${line}\n`);

type Query = Record<string, string>;

async function querySet(db: Client): Promise<Array<{ label: string; q: Query }>> {
  const cat = async (slug: string) => (await db.query(`SELECT id FROM categories WHERE slug = $1`, [slug])).rows[0].id as string;
  return [
    { label: 'plain', q: { q: 'buoi da xanh' } },
    { label: 'plain', q: { q: 'mat ong rung' } },
    { label: 'accented', q: { q: 'Bưởi da xanh' } },
    { label: 'accented', q: { q: 'dừa' } },
    { label: 'unaccented', q: { q: 'dua hau' } },
    { label: 'unaccented', q: { q: 'xoai cat hoa loc' } },
    { label: 'typo', q: { q: 'thenh long' } },
    { label: 'typo', q: { q: 'chom chomm' } },
    { label: 'prefix', q: { q: 'thanh l' } },
    { label: 'numbers', q: { q: 'gao st25 5kg' } },
    { label: 'filtered', q: { q: 'mat ong', ocopMin: '4' } },
    { label: 'filtered', q: { q: 'banh', category: await cat('banh-keo-mut') } },
    { label: 'filtered', q: { q: 'dua', priceMin: '20000', priceMax: '100000', inStock: 'true' } },
    { label: 'faceted', q: { commune: '86', ocopMin: '3' } },
    { label: 'sorted', q: { q: 'tra vinh', sort: 'price_asc' } },
    { label: 'sorted', q: { sort: 'newest' } },
  ];
}

/** The same mapping as SearchService (HTTP query → engine parameters). */
function params(q: Query): ProductSearchParams {
  const commune = q.commune;
  return {
    query: parseQuery(q.q),
    filters: {
      categoryId: q.category,
      communeCode: commune?.length === 5 ? commune : undefined,
      provinceCode: commune?.length === 2 ? commune : undefined,
      ocopMin: q.ocopMin ? Number(q.ocopMin) : undefined,
      priceMin: q.priceMin ? Number(q.priceMin) : undefined,
      priceMax: q.priceMax ? Number(q.priceMax) : undefined,
      inStock: q.inStock ? q.inStock === 'true' : undefined,
    },
    sort: (q.sort as SortOrder) ?? 'relevance',
    page: 1,
    pageSize: 20,
    facets: true,
  };
}

interface Row {
  target: string;
  concurrency: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

type Target = [name: string, send: (q: Query) => Promise<void>];

/**
 * One row per target at `concurrency`, `total` searches each, measured in turns: ROUNDS rounds, in
 * each of which every target serves its share, starting one target later each round. Measured one
 * row after another, the API (always first) paid for its JIT warm-up alone, and the VM's drift over
 * the minutes of a run fell on whichever rows ran in a slow minute; in turns it falls on every
 * target alike. Before the first round each target gets WARM_UP unmeasured searches at the same
 * concurrency (a served API has long been through the JIT), and a few more before each turn.
 * `cpu`: the processes that serve or send the searches, printed as CPU per search under each row.
 */
async function measureInTurns(targets: Target[], concurrency: number, total: number, queries: Query[], cpu: CpuProbes): Promise<Row[]> {
  for (const [, send] of targets) await run(concurrency, WARM_UP, queries, send);
  const turns = targets.map(() => ({ latencies: [] as number[], seconds: 0, cpuMs: new Map<string, number>() }));
  for (let round = 0; round < ROUNDS; round++) {
    const share = Math.floor(total / ROUNDS) + (round < total % ROUNDS ? 1 : 0);
    for (let k = 0; k < targets.length; k++) {
      const i = (k + round) % targets.length;
      // A few unmeasured searches first: a process idle during the other turns has meanwhile
      // shrunk its young generation and run its idle-time collections (V8's memory reducer).
      await run(concurrency, Math.max(16, 4 * concurrency), queries, targets[i][1]);
      const cpuMs = startCpuCount(cpu);
      const started = performance.now();
      turns[i].latencies.push(...(await run(concurrency, share, queries, targets[i][1])));
      turns[i].seconds += (performance.now() - started) / 1000;
      for (const [name, ms] of cpuMs(1)) turns[i].cpuMs.set(name, (turns[i].cpuMs.get(name) ?? 0) + ms);
    }
  }
  return targets.map(([target], i) => report({ target, concurrency, ...summarise(turns[i].latencies, turns[i].seconds) }, [...turns[i].cpuMs], total));
}

/** One row measured alone (after a warm-up of one search per query). */
async function measure(target: string, concurrency: number, total: number, queries: Query[], send: (q: Query) => Promise<void>, cpu: CpuProbes): Promise<Row> {
  await run(1, queries.length, queries, send);
  const cpuMs = startCpuCount(cpu);
  const started = performance.now();
  const latencies = await run(concurrency, total, queries, send);
  return report({ target, concurrency, ...summarise(latencies, (performance.now() - started) / 1000) }, cpuMs(1), total);
}

/** Prints a row and, under it, the CPU each process used per search. */
function report(row: Row, cpuMs: Array<[name: string, ms: number]>, searches: number): Row {
  const perSearch = cpuMs
    .map(([name, ms]) => [name, ms / searches] as const)
    .filter(([, ms]) => ms >= 0.01)
    .map(([name, ms]) => `${name} ${ms.toFixed(2)} ms`);
  log(`  ${row.target.padEnd(44)} c=${String(row.concurrency).padEnd(3)} p50 ${row.p50} ms  p95 ${row.p95} ms  p99 ${row.p99} ms  ${row.rps} req/s`);
  if (perSearch.length) log(`    CPU per search: ${perSearch.join(', ')}`);
  return row;
}

/** Sends `total` searches round-robin over `queries` from `concurrency` clients; their latencies. */
async function run(concurrency: number, total: number, queries: Query[], send: (q: Query) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const q = queries[next++ % queries.length];
        const t0 = performance.now();
        await send(q);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function startApi(engine: 'meilisearch' | 'postgres', env: Record<string, string>): Promise<ChildProcess> {
  return startApiProcess(API_PORTS[engine], { ...env, SEARCH_ENGINE: engine, DATA_DIR: join(DIR, `app-${engine}`) }, `${engine} API`);
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const logger = createLogger('warn');
  log(`TradeFloor search benchmark: ${N} products, ${cpus().length} CPUs, data in ${DIR}, load average ${loadAverage()}`);
  const pgDir = join(DIR, 'postgres');
  const pg = await startEmbeddedPostgres({ dir: pgDir, port: PG_PORT, password: 'bench-password', logger });
  const startMeili = () => startEmbeddedMeilisearch({ dir: join(DIR, 'meilisearch'), port: MEILI_PORT, masterKey: MEILI_KEY, logger });
  let meili = await startMeili();
  const children: ChildProcess[] = [];
  try {
    const url = await benchDatabase(pg.url, logger);
    const db = new Client({ connectionString: url });
    await db.connect();
    let t0 = Date.now();
    if (process.env.BENCH_SEED === 'demo') {
      log('seeding with npm run seed:demo (BENCH_SEED=demo)');
      spawnSync('npm', ['run', 'seed:demo', '--', '--scale', String(N)], { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url } });
    } else {
      await generateCatalog(db, N, log);
    }
    log(`catalog ready in ${Date.now() - t0} ms`);

    const env = {
      NODE_ENV: 'development',
      DATABASE_URL: url,
      MEILI_HOST: meili.host,
      MEILI_MASTER_KEY: MEILI_KEY,
      MEILI_INDEX_PREFIX: PREFIX,
      JWT_SECRET: 'bench-jwt-secret-that-is-long-enough-0123456789',
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: String(POOL),
    };
    const [{ n: visible }] = (
      await db.query(
        `SELECT count(*)::int AS n FROM products p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.status = 'published' AND e.status = 'verified'`,
      )
    ).rows;
    const meiliCount = async () => {
      const res = await fetch(`${meili.host}/indexes/${PREFIX}products/stats`, { headers: { Authorization: `Bearer ${MEILI_KEY}` } });
      return res.ok ? ((await res.json()) as { numberOfDocuments: number }).numberOfDocuments : 0;
    };
    const pgCount = async () => (await db.query(`SELECT count(*)::int AS n FROM search_products`)).rows[0].n as number;
    // An index built by an older document shape is rebuilt too.
    const current = async (engine: string) =>
      (await db.query(`SELECT value FROM search_state WHERE key = $1`, [`${engine}:${PREFIX}:documents`])).rows[0]?.value === DOCUMENT_VERSION;
    for (const [engine, count] of [
      ['postgres', pgCount],
      ['meilisearch', meiliCount],
    ] as const) {
      if ((await count()) === visible && (await current(engine))) continue;
      t0 = Date.now();
      log(`building the ${engine} index (${visible} visible products)`);
      const r = spawnSync(process.execPath, ['dist/apps/api/src/cli/search-reindex.js'], {
        stdio: 'inherit',
        env: { ...process.env, ...env, SEARCH_ENGINE: engine },
      });
      if (r.status !== 0) throw new Error(`reindex for ${engine} failed`);
      log(`${engine} index built in ${Date.now() - t0} ms`);
    }

    const set = await querySet(db);
    const queries = set.map((s) => s.q);
    const [meiliApi, pgApi] = [await startApi('meilisearch', env), await startApi('postgres', env)];
    children.push(meiliApi, pgApi);
    const cpu: CpuProbes = {
      'API (Meilisearch engine)': () => cpuMs(meiliApi.pid),
      'API (PostgreSQL engine)': () => cpuMs(pgApi.pid),
      Meilisearch: () => cpuMs(meili.pid),
      PostgreSQL: () => postgresCpuMs(pgDir),
      "this bench's client": ownCpuMs,
    };

    const ds = new DataSource({ type: 'postgres', url, extra: { max: POOL } });
    await ds.initialize();
    const pgEngine = new PgEngine(ds);
    const multiSearch = (headers: Record<string, string>) => async (q: Query) => {
      const res = await fetch(`${meili.host}/multi-search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', Authorization: `Bearer ${MEILI_KEY}`, ...headers },
        body: JSON.stringify({ queries: productRequest(`${PREFIX}products`, params(q)).queries }),
      });
      if (!res.ok) throw new Error(`meilisearch ${res.status}`);
      await res.arrayBuffer();
    };
    /** A GET per search to `urlOf(q)`, its whole answer read; anything but 2xx fails the bench. */
    const getting = (label: string, urlOf: (q: Query) => string) => async (q: Query) => {
      const res = await fetch(urlOf(q));
      if (!res.ok) throw new Error(`${label} ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    const searchUrl = (port: number) => (q: Query) => `http://127.0.0.1:${port}/api/v1/search/products?${new URLSearchParams(q)}`;
    const api = (engine: 'meilisearch' | 'postgres') => getting(`API ${engine}`, searchUrl(API_PORTS[engine]));
    // The ceilings of the API rows: hops to Meilisearch with the API's bodies (bench/search-hop-server.ts,
    // bench/search-hop-nest.ts); the bare ones by query number, the Nest one by the API's query string.
    const bodyOf = (q: Query) => JSON.stringify({ queries: productRequest(`${PREFIX}products`, params(q)).queries });
    const hopBodies = join(DIR, 'hop-bodies.json');
    writeFileSync(hopBodies, JSON.stringify(queries.map(bodyOf)));
    const nestHopBodies = join(DIR, 'hop-bodies-by-query.json');
    writeFileSync(nestHopBodies, JSON.stringify(Object.fromEntries(queries.map((q) => [String(new URLSearchParams(q)), bodyOf(q)]))));
    const hopEnv = { MEILI_HOST: meili.host, MEILI_KEY };
    // BENCH_HOP_NODE_ARGS: extra node flags for the hops, e.g. `--cpu-prof --cpu-prof-dir=var/prof`.
    const hopArgs = (process.env.BENCH_HOP_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const startNestHop = (port: number, name: string, nodeArgs = hopArgs) =>
      startBenchServer('dist/bench/search-hop-nest.js', port, { ...hopEnv, HOP_BODIES: nestHopBodies }, name, nodeArgs);
    const [pipeHop, parseHop, fastifyHop, ourStackHop] = [
      await startBenchServer('dist/bench/search-hop-server.js', HOP_PORTS.pipe, { ...hopEnv, HOP_BODIES: hopBodies, HOP_MODE: 'pipe' }, HOP_PIPED, hopArgs),
      await startBenchServer('dist/bench/search-hop-server.js', HOP_PORTS.parse, { ...hopEnv, HOP_BODIES: hopBodies, HOP_MODE: 'parse' }, HOP_PARSED, hopArgs),
      await startBenchServer(
        'dist/bench/search-hop-server.js',
        HOP_PORTS.fastify,
        { ...hopEnv, HOP_BODIES: hopBodies, HOP_MODE: 'fastify' },
        HOP_FASTIFY,
        hopArgs,
      ),
      await startNestHop(HOP_PORTS.nest, HOP_NEST),
    ];
    children.push(pipeHop, parseHop, fastifyHop, ourStackHop);
    cpu['bare hop (piped)'] = () => cpuMs(pipeHop.pid);
    cpu['bare hop (parsed)'] = () => cpuMs(parseHop.pid);
    cpu['hop on plain Fastify'] = () => cpuMs(fastifyHop.pid);
    cpu['hop on our stack'] = () => cpuMs(ourStackHop.pid);
    const hop = (port: number) => getting('hop', (q) => `http://127.0.0.1:${port}/${queries.indexOf(q)}`);
    const targets: Target[] = [
      ['API, Meilisearch engine', api('meilisearch')],
      ['Meilisearch direct (identity encoding)', multiSearch({ 'accept-encoding': 'identity' })],
      [HOP_PIPED, hop(HOP_PORTS.pipe)],
      [HOP_PARSED, hop(HOP_PORTS.parse)],
      [HOP_FASTIFY, hop(HOP_PORTS.fastify)],
      [HOP_NEST, getting('Nest hop', searchUrl(HOP_PORTS.nest))],
      ['API, PostgreSQL engine', api('postgres')],
      ['PostgreSQL direct (engine SQL, pg pool of 10)', async (q) => void (await pgEngine.searchProducts(params(q)))],
    ];
    // BENCH_ABLATION: a script preloaded (node -r) into a second hop on our stack, measured in the same
    // turns as the unchanged one. On this VM only such a same-run comparison shows a change of a few
    // per cent (bench/ablations/ holds the ones tried).
    if (process.env.BENCH_ABLATION) {
      const preload = resolve(process.env.BENCH_ABLATION);
      const ablationHop = await startNestHop(HOP_PORTS.ablation, HOP_ABLATION, [...hopArgs, '-r', preload]);
      children.push(ablationHop);
      cpu['hop with the ablation'] = () => cpuMs(ablationHop.pid);
      targets.splice(targets.findIndex(([name]) => name === HOP_NEST) + 1, 0, [HOP_ABLATION, getting('ablation hop', searchUrl(HOP_PORTS.ablation))]);
      log(`ablation: ${preload} preloaded into "${HOP_ABLATION}"`);
    }
    const rows: Row[] = [];
    for (const concurrency of [1, 32]) {
      log(`\nconcurrency ${concurrency}`);
      rows.push(...(await measureInTurns(targets, concurrency, concurrency === 1 ? 480 : 1920, queries, cpu)));
    }
    log('\nthe accept-encoding trap (search.md): Meilisearch direct with Node fetch defaults');
    rows.push(await measure('Meilisearch direct (default gzip)', 1, 96, queries, multiSearch({}), cpu));

    // Issue 20: what clients see while Meilisearch stops and comes back, with SEARCH_FAILOVER=postgres.
    log('\nfailover: an API with SEARCH_FAILOVER=postgres at c=8 while Meilisearch is stopped for 4 s and restarted');
    const failoverPort = API_PORT + 2;
    const failoverApi = await startApiProcess(
      failoverPort,
      { ...env, SEARCH_FAILOVER: 'postgres', SEARCH_FAILOVER_PROBE_MS: '1000', DATA_DIR: join(DIR, 'app-failover') },
      'failover API',
    );
    children.push(failoverApi);
    const engines: Record<string, number> = {};
    let errors = 0;
    const failoverSend = async (q: Query) => {
      const res = await fetch(`http://127.0.0.1:${failoverPort}/api/v1/search/products?${new URLSearchParams(q)}`);
      await res.arrayBuffer();
      if (!res.ok) errors++;
      const engine = res.headers.get('x-search-engine') ?? 'none';
      engines[engine] = (engines[engine] ?? 0) + 1;
    };
    const switching = (async () => {
      await new Promise((r) => setTimeout(r, 2000));
      await meili.stop();
      await new Promise((r) => setTimeout(r, 4000));
      meili = await startMeili();
    })();
    const failoverRow = await measure('API, failover (Meilisearch stopped mid-run)', 8, 2400, queries, failoverSend, {
      ...cpu,
      'API (failover)': () => cpuMs(failoverApi.pid),
    });
    await switching;
    rows.push(failoverRow);
    log(`  answered by ${JSON.stringify(engines)}; failed requests: ${errors}`);
    log(`load average at the end: ${loadAverage()}`);
    await ds.destroy();
    await db.end();

    const find = (target: string, c: number) => rows.find((r) => r.target === target && r.concurrency === c)!;
    log('\n| target | concurrency | p50 ms | p95 ms | p99 ms | req/s | API/baseline (p50 / p95) | req/s share of baseline |');
    log('|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const base =
        r.target.startsWith('API, Meili') || r.target.includes('hop')
          ? find('Meilisearch direct (identity encoding)', r.concurrency)
          : r.target.startsWith('API, Postgre')
            ? find('PostgreSQL direct (engine SQL, pg pool of 10)', r.concurrency)
            : undefined;
      const ratio = base ? `${(r.p50 / base.p50).toFixed(2)} / ${(r.p95 / base.p95).toFixed(2)}` : '';
      const share = base ? `${Math.round((r.rps / base.rps) * 100)} %` : '';
      log(`| ${r.target} | ${r.concurrency} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.rps} | ${ratio} | ${share} |`);
    }
    log(`\nqueries: ${set.map((s) => `${s.label} ${JSON.stringify(s.q)}`).join('; ')}`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await meili.stop();
    await pg.stop();
  }
}

runBench(main);
