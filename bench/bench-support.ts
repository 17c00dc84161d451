import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { runMigrations } from '@tradefloor/core';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

/** Percentiles (ms, one decimal) and throughput of a measured run. */
export function summarise(latencies: number[], wallSeconds: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
  return { p50: pct(50), p95: pct(95), p99: pct(99), rps: Math.round(sorted.length / wallSeconds) };
}

/** The `bench` database on a benchmark's PostgreSQL server, created once and migrated; returns its URL. */
export async function benchDatabase(serverUrl: string, logger: Logger): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  if (!(await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'bench'`)).rowCount) await admin.query(`CREATE DATABASE bench`);
  await admin.end();
  const url = serverUrl.replace(/\/postgres$/, '/bench');
  await runMigrations(url, logger);
  return url;
}

/**
 * V8 flags the API runs with in production (package.json `start`, docker-compose): a larger young
 * generation. The benches' stand-in servers (`startBenchServer`) run with them too.
 */
const API_NODE_FLAGS = ['--max-semi-space-size=32'];

/**
 * Starts a bench stand-in server (a built script under dist/bench) with the API's node flags (then
 * `nodeArgs`) and resolves once it says 'ready' over IPC. Its stdout is inherited too: a failing Nest start-up
 * logs its cause there (the stand-ins log warnings only).
 */
export async function startBenchServer(
  script: string,
  port: number,
  env: Record<string, string>,
  name: string,
  nodeArgs: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...API_NODE_FLAGS, ...nodeArgs, script], {
    env: { ...process.env, ...env, NODE_ENV: 'development', LOG_LEVEL: 'warn', PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${name} exited (${code})`)));
  });
  return child;
}

/** Stops a server process and waits for it to be gone (its CPU then no longer competes). */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Starts the built API (`--role=api`, or `all` with its worker) with `env` and resolves once /health/live answers. */
export function startApiProcess(port: number, env: Record<string, string>, name = 'API', role: 'api' | 'all' = 'api'): Promise<ChildProcess> {
  // The flags `npm start` and docker-compose give the API, then BENCH_API_NODE_ARGS: extra node
  // flags, e.g. `--cpu-prof --cpu-prof-dir=var/prof` to profile it (a later flag overrides).
  const nodeArgs = [...API_NODE_FLAGS, ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/apps/api/src/main.js', `--role=${role}`], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((res, rej) => {
    const deadline = Date.now() + 60_000;
    const probe = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/health/live`)).ok) return res(child);
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline || child.exitCode !== null) return rej(new Error(`${name} did not start`));
      setTimeout(probe, 200);
    };
    void probe();
  });
}

/** Query access to the benchmark's database (a TypeORM DataSource or EntityManager fits). */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
}

/**
 * One verified cooperative owned by `ownerId` with `count` published products in the fruit
 * category, inserted in one statement (no events: the benchmark decides what to announce).
 */
export async function insertBenchCatalog(
  ds: Queryable,
  ownerId: string,
  count: number,
  slug = 'bench-htx',
): Promise<{ enterpriseId: string; categoryId: string }> {
  const [category] = await ds.query(`SELECT id FROM categories WHERE slug = 'trai-cay'`);
  const [commune] = await ds.query(`SELECT code, province_code FROM communes LIMIT 1`);
  const [ent] = await ds.query(
    `INSERT INTO enterprises (slug, kind, legal_name, display_name, province_code, commune_code, status, owner_id, verified_at)
     VALUES ($4, 'cooperative', 'HTX Bench', 'HTX Bench', $1, $2, 'verified', $3, now()) RETURNING id`,
    [commune.province_code, commune.code, ownerId, slug],
  );
  await ds.query(`INSERT INTO enterprise_members (enterprise_id, user_id, role) VALUES ($1, $2, 'owner')`, [ent.id, ownerId]);
  await ds.query(
    `INSERT INTO products (enterprise_id, category_id, name, slug, description, sku, price_vnd, unit, stock_quantity, weight_grams, status, published_at)
     SELECT $1, $2, 'Sản phẩm đặc sản Trà Vinh số ' || g, $4 || '-' || g, '<p>Đặc sản</p>', 'B-' || lpad(g::text, 6, '0'), 20000 + g, 'kg', 100, 500, 'published', now()
     FROM generate_series(1, $3) g`,
    [ent.id, category.id, count, slug],
  );
  return { enterpriseId: String(ent.id), categoryId: String(category.id) };
}

/** A process's fields from /proc/<pid>/stat after the command name (field 3 onwards), or undefined. */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** USER_HZ ticks (100 a second on Linux) in milliseconds. */
const ticksMs = (ticks: string | undefined) => Number(ticks ?? 0) * 10;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux; undefined elsewhere).
 * Per request it is a process's own cost, which, unlike latency, depends little on what else the
 * machine runs: the figure to compare when a change should make a process cheaper.
 */
export function cpuMs(pid: number | undefined): number | undefined {
  const f = pid === undefined ? undefined : statFields(pid);
  return f && ticksMs(f[11]) + ticksMs(f[12]);
}

/**
 * CPU time (ms) of an embedded PostgreSQL server so far: the postmaster (its pid is the first line
 * of `postmaster.pid`), every live child (backends, WAL writer, checkpointer…) and the children it
 * has already reaped (a closed connection's backend). Undefined off Linux or when it is not running.
 */
export function postgresCpuMs(dataDir: string): number | undefined {
  let postmaster: string;
  try {
    postmaster = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
  } catch {
    return undefined;
  }
  const own = statFields(postmaster);
  if (!own) return undefined;
  let total = ticksMs(own[11]) + ticksMs(own[12]) + ticksMs(own[13]) + ticksMs(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(entry);
    if (f?.[1] === postmaster) total += ticksMs(f[11]) + ticksMs(f[12]);
  }
  return total;
}

/** The benchmark process's own CPU time so far (ms): its HTTP client is part of the load on the machine. */
export const ownCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Named readings of processes' CPU time so far (ms); undefined when a process cannot be read. */
export type CpuProbes = Record<string, () => number | undefined>;

/**
 * Reads every probe now; the returned function reads them again and gives each process's CPU per
 * unit of work (ms) in between. A probe unreadable at either end, or whose process was replaced
 * meanwhile (a restarted server starts from zero), is left out.
 */
export function startCpuCount(probes: CpuProbes): (units: number) => Array<[name: string, msPerUnit: number]> {
  const before = Object.entries(probes).map(([name, probe]) => [name, probe()] as const);
  return (units) =>
    before.flatMap(([name, start]) => {
      const end = probes[name]();
      return start === undefined || end === undefined || end < start ? [] : [[name, (end - start) / units] as [string, number]];
    });
}

/** Runs a benchmark's main: exits 0 when it is done (open handles may remain), 1 with the stack on failure. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`bench failed: ${(err as Error | undefined)?.stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
