import type { ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { cpuMs, runBench, startBenchServer, stopProcess, summarise } from './bench-support';

/**
 * `npm run bench:http`: what our HTTP stack costs per request, apart from any search, database or
 * network. The same search-shaped request (GET with a query the API's DTO validates; the answer,
 * ~11 KB of JSON, fetched from a local stand-in and parsed, as the engine client does) is served by
 * plain Fastify and by `createHttpApp` with a Nest controller (bench/http-stack-server.ts), in
 * turns (BENCH_ROUNDS, default 2). Prints per server: server CPU per request at concurrency 32
 * (BENCH_REQUESTS, default 20,000, after 2,000 warm-up), requests/s, and p50/p95 at concurrency 1.
 * BENCH_HTTP_NODE_ARGS adds node flags to the two servers (e.g. --cpu-prof --cpu-prof-dir=var/prof).
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PORT = Number(process.env.BENCH_PORT ?? 3290);
const PATH = '/api/v1/search/products?q=buoi+da+xanh&ocopMin=4&page=1';
const log = (line: string) => process.stdout.write(`${line}\n`);

function start(mode: string, port: number, upstream: number): Promise<ChildProcess> {
  const extra = mode === 'upstream' ? [] : (process.env.BENCH_HTTP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return startBenchServer('dist/bench/http-stack-server.js', port, { MODE: mode, UPSTREAM: String(upstream) }, `${mode} server`, extra);
}

async function measure(port: number, pid: number): Promise<string> {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const get = () =>
    new Promise<void>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: PATH, agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
      })
        .on('error', reject)
        .end();
    });
  for (let i = 0; i < 2_000; i++) await get();
  let left = REQUESTS;
  const cpuBefore = cpuMs(pid)!;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (left-- > 0) await get();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuPerRequest = ((cpuMs(pid)! - cpuBefore) / REQUESTS) * 1000;
  const latencies: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const t = performance.now();
    await get();
    latencies.push(performance.now() - t);
  }
  agent.destroy();
  const one = summarise(latencies, 1);
  return `c=32: ${Math.round(REQUESTS / seconds)} req/s, server CPU ${cpuPerRequest.toFixed(0)} µs per request | c=1: p50 ${one.p50} ms, p95 ${one.p95} ms`;
}

async function main(): Promise<void> {
  log(
    `bench:http: ${REQUESTS} requests at c=32 per server and round, ${ROUNDS} rounds; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const upstream = await start('upstream', PORT, 0);
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [mode, label] of [
        ['fastify', 'plain Fastify'],
        ['ours', 'our HTTP stack (createHttpApp + Nest + query DTO)'],
      ]) {
        const server = await start(mode, PORT + 1, PORT);
        try {
          log(`round ${round}, ${label.padEnd(50)} ${await measure(PORT + 1, server.pid!)}`);
        } finally {
          await stopProcess(server);
        }
      }
    }
  } finally {
    await stopProcess(upstream);
  }
  log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

runBench(main);
