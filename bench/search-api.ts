import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger, startEmbeddedMeilisearch, startEmbeddedPostgres } from '@tradefloor/core';
import { benchDatabase, cpuMs, runBench, startApiProcess, startBenchServer, startCpuCount, stopProcess, summarise } from './bench-support';

/**
 * `npm run bench:search-api`: the search API's own CPU per search, without Meilisearch's. In
 * bench:search Meilisearch takes three quarters of the two cores, and the API's figure moves with
 * it by ±15 % from run to run; here a recording stand-in answers for Meilisearch (each distinct
 * multi-search body is sent to the real one once, then its answer is replayed), so a change to
 * the API's search path shows within a few per cent. Needs the catalog and the query set that
 * bench:search leaves in BENCH_DIR (default var/bench-search).
 *
 * Measures, in turns (BENCH_ROUNDS, default 3), the API and the hop on our HTTP stack
 * (bench/search-hop-nest.ts: the same query strings, Meilisearch's answer parsed and returned)
 * at concurrency 32 (BENCH_REQUESTS per turn, default 6,000) and prints requests/s and each
 * server's CPU per search read from /proc, then p50/p95 and CPU per search at concurrency 1.
 * BENCH_UPSTREAM_DELAY_MS (default 0) holds each replayed answer that long, as Meilisearch's own
 * time would; BENCH_UPSTREAM_BUSY_MS (default 0) makes the stand-in work that long before each
 * answer, through a buffer of BENCH_UPSTREAM_BUSY_BYTES (default 64 MB), as Meilisearch's search
 * does between two of the API's turns at concurrency 1 (meant for the c=1 figures: the stand-in
 * is then the bottleneck at c=32); BENCH_API_NODE_ARGS adds node flags to both servers (e.g.
 * --cpu-prof).
 */
const DIR = resolve(process.env.BENCH_DIR ?? 'var/bench-search');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 6_000);
const DELAY_MS = Number(process.env.BENCH_UPSTREAM_DELAY_MS ?? 0);
const BUSY_MS = Number(process.env.BENCH_UPSTREAM_BUSY_MS ?? 0);
const BUSY_BYTES = Number(process.env.BENCH_UPSTREAM_BUSY_BYTES ?? 64 * 1024 * 1024);
const PORT = Number(process.env.BENCH_PORT ?? 3280);
const STAND_IN_PORT = PORT + 2;
const MEILI_KEY = 'bench-master-key-0123456789';
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Meilisearch's stand-in: replays the answer to each multi-search body, asking the real one once. */
function recordingStandIn(meiliHost: string): Promise<{ close: () => void }> {
  const upstream = new URL(meiliHost);
  const answers = new Map<string, Promise<Buffer>>();
  const forward = (method: string, path: string, headers: Record<string, unknown>, body: Buffer) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolveAnswer, reject) => {
      const req = request({ host: upstream.hostname, port: upstream.port, path, method, headers: headers as never }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url !== '/multi-search') {
        void forward(req.method!, req.url!, req.headers, body).then((a) => res.writeHead(a.status, a.headers as never).end(a.body));
        return;
      }
      const key = body.toString();
      let answer = answers.get(key);
      if (!answer) {
        answer = forward('POST', '/multi-search', req.headers, body).then((a) => {
          if (a.status !== 200) throw new Error(`Meilisearch answered ${a.status}: ${a.body.toString()}`);
          return a.body;
        });
        answers.set(key, answer);
      }
      void answer.then((bytes) => {
        const send = () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length }).end(bytes);
        if (BUSY_MS) pollute(BUSY_MS);
        if (DELAY_MS) setTimeout(send, DELAY_MS);
        else send();
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((ready) => server.listen(STAND_IN_PORT, '127.0.0.1', () => ready({ close: () => server.close() })));
}

/** BENCH_UPSTREAM_BUSY_MS: the stand-in's own work before an answer, in this (the bench's) process. */
const scratch = BUSY_MS ? new Uint32Array(BUSY_BYTES / 4) : new Uint32Array(0);
function pollute(ms: number): void {
  const until = performance.now() + ms;
  let i = 0;
  while (performance.now() < until) {
    for (let j = 0; j < 4096; j++, i = (i + 4099) % scratch.length) scratch[i] += j;
  }
}

async function main(): Promise<void> {
  const bodiesFile = join(DIR, 'hop-bodies-by-query.json');
  if (!existsSync(bodiesFile)) throw new Error(`${bodiesFile} is missing: run npm run bench:search first (it builds the catalog and the query set)`);
  const queries = Object.keys(JSON.parse(readFileSync(bodiesFile, 'utf8')) as Record<string, string>);
  const logger = createLogger('warn');
  const pg = await startEmbeddedPostgres({ dir: join(DIR, 'postgres'), port: Number(process.env.BENCH_PG_PORT ?? 54466), password: 'bench-password', logger });
  const meili = await startEmbeddedMeilisearch({
    dir: join(DIR, 'meilisearch'),
    port: Number(process.env.BENCH_MEILI_PORT ?? 7866),
    masterKey: MEILI_KEY,
    logger,
  });
  const standIn = await recordingStandIn(meili.host);
  const children: ChildProcess[] = [];
  try {
    const standInHost = `http://127.0.0.1:${STAND_IN_PORT}`;
    const api = await startApiProcess(PORT, {
      NODE_ENV: 'development',
      DATABASE_URL: await benchDatabase(pg.url, logger),
      MEILI_HOST: standInHost,
      MEILI_MASTER_KEY: MEILI_KEY,
      MEILI_INDEX_PREFIX: 'bench_',
      SEARCH_ENGINE: 'meilisearch',
      JWT_SECRET: 'bench-jwt-secret-that-is-long-enough-0123456789',
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      LOG_LEVEL: 'warn',
      DATA_DIR: join(DIR, 'app-search-api'),
    });
    children.push(api);
    const hopArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const hop = await startBenchServer(
      'dist/bench/search-hop-nest.js',
      PORT + 1,
      { MEILI_HOST: standInHost, MEILI_KEY, HOP_BODIES: bodiesFile },
      'hop on our stack',
      hopArgs,
    );
    children.push(hop);
    const targets = [
      { name: 'API', port: PORT, pid: api.pid },
      { name: 'hop on our stack', port: PORT + 1, pid: hop.pid },
    ];
    log(
      `bench:search-api: ${queries.length} queries, ${REQUESTS} searches at c=32 per target and turn, ${ROUNDS} rounds, stand-in delay ${DELAY_MS} ms, busy ${BUSY_MS} ms`,
    );
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of round % 2 ? [...targets].reverse() : targets)
        log(`round ${round + 1}, ${target.name.padEnd(17)} ${await atConcurrency32(target, queries)}`);
    }
    for (const target of targets) log(`${target.name.padEnd(26)} ${await atConcurrency1(target, queries)}`);
  } finally {
    for (const child of children) await stopProcess(child);
    standIn.close();
    await meili.stop();
    await pg.stop();
  }
}

function searcher(port: number, queries: string[], sockets: number): { search: () => Promise<void>; agent: Agent } {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  let next = 0;
  const search = () =>
    new Promise<void>((done, fail) => {
      const path = `/api/v1/search/products?${queries[next++ % queries.length]}`;
      request({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? done() : fail(new Error(`HTTP ${res.statusCode} for ${path}`))));
      })
        .on('error', fail)
        .end();
    });
  return { search, agent };
}

async function atConcurrency32(target: { port: number; pid: number | undefined }, queries: string[]): Promise<string> {
  const { search, agent } = searcher(target.port, queries, 32);
  const run = async (n: number) => {
    let left = n;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (left-- > 0) await search();
      }),
    );
  };
  await run(Math.max(500, REQUESTS / 10));
  const cpu = serverCpu(target.pid);
  const started = performance.now();
  await run(REQUESTS);
  const seconds = (performance.now() - started) / 1000;
  const perSearch = cpu(REQUESTS);
  agent.destroy();
  return `c=32: ${Math.round(REQUESTS / seconds)} searches/s, server CPU ${perSearch}`;
}

async function atConcurrency1(target: { port: number; pid: number | undefined }, queries: string[]): Promise<string> {
  const { search, agent } = searcher(target.port, queries, 1);
  for (let i = 0; i < 200; i++) await search();
  const latencies: number[] = [];
  const searches = 2_000;
  const cpu = serverCpu(target.pid);
  for (let i = 0; i < searches; i++) {
    const t = performance.now();
    await search();
    latencies.push(performance.now() - t);
  }
  // Compared with bench:search's c=1 rows, where Meilisearch's own work runs between two searches.
  const perSearch = cpu(searches);
  agent.destroy();
  const { p50, p95 } = summarise(latencies, 1);
  return `c=1: p50 ${p50} ms, p95 ${p95} ms, server CPU ${perSearch}`;
}

/** Starts counting the server's CPU; the returned function gives it per search, as printed. */
function serverCpu(pid: number | undefined): (searches: number) => string {
  const count = startCpuCount({ server: () => cpuMs(pid) });
  return (searches) => {
    const [reading] = count(searches);
    return reading ? `${(reading[1] * 1000).toFixed(0)} µs per search` : 'unreadable';
  };
}

runBench(main);
