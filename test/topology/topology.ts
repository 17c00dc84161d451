import { createLogger, runMigrations, startEmbeddedMeilisearch, startEmbeddedPostgres } from '@tradefloor/core';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { API_MAIN, ROOT, WORKER_MAIN, freePort, spawnTradeFloor, type Spawned } from '../harness/processes';
import { RoundRobinProxy } from './round-robin-proxy';
import { startS3StandIn, type S3StandIn } from './s3-stand-in';

export interface TopologyOptions {
  /** API replicas (`--role=api`) behind the proxy; default 2. */
  replicas?: number;
  /** Worker processes (apps/worker); default 1. */
  workers?: number;
  /** Variables for every app process, over the topology's own (e.g. limits, SEARCH_ENGINE, LOG_LEVEL). */
  env?: Record<string, string>;
  /**
   * An existing PostgreSQL database and Meilisearch to use (the test suites pass the run's shared
   * servers and a fresh database). Without them, both are started as standalone servers under `dir`
   * from the embedded binaries, and stopped by `stop()`.
   */
  external?: { databaseUrl: string; meiliHost: string; meiliMasterKey: string; meiliIndexPrefix: string };
  /** `s3` (default): every process uses the S3 stand-in. `local`: each process its own DATA_DIR/media. */
  storage?: 's3' | 'local';
  /** Working folder (process data dirs, the S3 stand-in's objects, own servers); removed by stop(). */
  dir?: string;
  /** Port of the proxy (default: a free one). */
  proxyPort?: number;
  /** Copy every process's output to this process's stdout, prefixed with its name. */
  echo?: boolean;
}

export interface Replica {
  name: string;
  /** Direct URL of this replica (bypassing the proxy). */
  url: string;
  port: number;
  process: Spawned;
}

export interface Topology {
  /** The proxy: what a browser or client uses. */
  url: string;
  replicas: Replica[];
  workers: Spawned[];
  proxy: RoundRobinProxy;
  /** The S3 stand-in (absent with `storage: 'local'`). */
  s3?: S3StandIn;
  databaseUrl: string;
  /** The variables every app process got (secrets are test values). */
  env: Record<string, string>;
  admin: { email: string; password: string };
  /** Starts one more worker process (stopped by stop()); resolves once it claims jobs. */
  addWorker(): Promise<Spawned>;
  /** SIGTERM one worker, wait for its exit, start it again (optionally with more env). */
  restartWorker(index: number, env?: Record<string, string>): Promise<void>;
  /** SIGTERM one replica, wait for its exit, start it again on the same port (optionally with more env). */
  restartReplica(index: number, env?: Record<string, string>): Promise<void>;
  /** Stops the proxy, every process, the stand-in and the servers this topology started. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

/**
 * The production topology on one machine, without Docker: PostgreSQL and Meilisearch as standalone
 * servers, N `--role=api` processes of the BUILT app (dist/apps/api/src/main.js, so `npm run build`
 * first), worker processes (dist/apps/worker/src/main.js), an S3-protocol stand-in, and a
 * round-robin proxy in front. Each process has its own DATA_DIR, as separate machines would: only
 * PostgreSQL, Meilisearch and the object store are shared. Used by test/topology/*.e2e-spec.ts,
 * `npm run topology` and `npm run bench:topology`.
 */
export async function startTopology(options: TopologyOptions = {}): Promise<Topology> {
  const dir = options.dir ?? join(ROOT, 'var', `topology-${process.pid}-${randomBytes(3).toString('hex')}`);
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const servers = options.external ?? (await startServers(dir, stops));
    const s3 = options.storage === 'local' ? undefined : await startS3StandIn(join(dir, 's3'));
    if (s3) stops.push(() => s3.stop());

    const proxy = new RoundRobinProxy([]);
    const url = await proxy.listen(options.proxyPort ?? 0);
    stops.push(() => proxy.close());

    const admin = { email: 'admin@tradefloor.test', password: 'admin-password-123' };
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: servers.databaseUrl,
      MEILI_HOST: servers.meiliHost,
      MEILI_MASTER_KEY: servers.meiliMasterKey,
      MEILI_INDEX_PREFIX: servers.meiliIndexPrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      PUBLIC_BASE_URL: url,
      // The proxy sets X-Forwarded-For: rate limits key on the client's address, not the proxy's.
      TRUST_PROXY: '1',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      JOB_POLL_INTERVAL_MS: '200',
      ...(s3?.env ?? { STORAGE: 'local' }),
      ...options.env,
    };
    const echo = options.echo ?? false;
    const spawnNamed = (name: string, main: string, extra: Record<string, string>, args: string[] = []) => {
      const p = spawnTradeFloor(main, { ...env, DATA_DIR: join(dir, name), ...extra }, args);
      if (echo) prefixOutput(p, name);
      return p;
    };

    const workers: Spawned[] = [];
    const spawnWorker = async (index: number, extra: Record<string, string> = {}): Promise<Spawned> => {
      // The worker logs at info at least: "job worker started" tells that it is ready.
      const level = ['debug', 'trace'].includes(env.LOG_LEVEL) ? env.LOG_LEVEL : 'info';
      const w = spawnNamed(`worker-${index + 1}`, WORKER_MAIN, { LOG_LEVEL: level, ...extra });
      workers[index] = w;
      try {
        await w.waitOutput(/job worker started/, READY_TIMEOUT_MS);
      } catch (err) {
        await w.stop('SIGKILL').catch(() => undefined);
        throw err;
      }
      return w;
    };
    stops.push(async () => {
      await Promise.all(workers.map((w) => w.stop('SIGTERM', 60_000).catch(() => w.stop('SIGKILL'))));
    });
    const addWorker = () => spawnWorker(workers.length);
    // The first worker runs the migrations (advisory lock) before the replicas start.
    for (let i = 0; i < (options.workers ?? 1); i++) await addWorker();

    const replicas: Replica[] = [];
    const startReplica = async (name: string, port: number, extra: Record<string, string> = {}): Promise<Spawned> => {
      const p = spawnNamed(name, API_MAIN, { PORT: String(port), ...extra }, ['--role=api']);
      // Listening means started (Nest listens after init). /health/ready bounds each check at 2 s,
      // which a loaded machine can miss while the replica is in fact serving.
      try {
        await p.waitHttp200(`http://127.0.0.1:${port}/health/live`, READY_TIMEOUT_MS);
      } catch (err) {
        // Not left running: nothing else holds this process to stop it.
        await p.stop('SIGKILL').catch(() => undefined);
        throw err;
      }
      return p;
    };
    await Promise.all(
      Array.from({ length: options.replicas ?? 2 }, async (_, i) => {
        const port = await freePort();
        const name = `api-${i + 1}`;
        const replica: Replica = { name, port, url: `http://127.0.0.1:${port}`, process: await startReplica(name, port) };
        replicas[i] = replica;
      }),
    );
    stops.push(async () => {
      await Promise.all(replicas.map((r) => r.process.stop('SIGTERM', 60_000).catch(() => r.process.stop('SIGKILL'))));
    });
    proxy.setBackends(replicas.map((r) => r.url));

    return {
      url,
      replicas,
      workers,
      proxy,
      s3,
      databaseUrl: servers.databaseUrl,
      env,
      admin,
      addWorker,
      restartWorker: async (index, extra) => {
        const exit = await workers[index].stop('SIGTERM', 60_000);
        if (exit.code !== 0) throw new Error(`worker-${index + 1} exited with ${JSON.stringify(exit)} on SIGTERM:\n${workers[index].tail()}`);
        await spawnWorker(index, extra);
      },
      restartReplica: async (index, extra) => {
        const replica = replicas[index];
        const exit = await replica.process.stop('SIGTERM', 60_000);
        if (exit.code !== 0) throw new Error(`${replica.name} exited with ${JSON.stringify(exit)} on SIGTERM:\n${replica.process.tail()}`);
        replica.process = await startReplica(replica.name, replica.port, extra);
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** PostgreSQL (database `tradefloor`, migrated) and Meilisearch started from the embedded binaries. */
async function startServers(dir: string, stops: Array<() => Promise<void>>) {
  const logger = createLogger('warn');
  const pg = await startEmbeddedPostgres({ dir: join(dir, 'postgres'), port: await freePort(), password: 'topology-password', logger });
  stops.push(() => pg.stop());
  const meiliMasterKey = 'topology-master-key-0123456789';
  const meili = await startEmbeddedMeilisearch({ dir: join(dir, 'meilisearch'), port: await freePort(), masterKey: meiliMasterKey, logger });
  stops.push(() => meili.stop());
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE tradefloor`);
  await admin.end();
  const databaseUrl = pg.url.replace(/\/postgres$/, '/tradefloor');
  await runMigrations(databaseUrl, logger);
  return { databaseUrl, meiliHost: meili.host, meiliMasterKey, meiliIndexPrefix: 'tf_' };
}

function prefixOutput(p: Spawned, name: string): void {
  const write = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
  };
  p.child.stdout?.on('data', write);
  p.child.stderr?.on('data', write);
}
