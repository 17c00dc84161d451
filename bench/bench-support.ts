import { spawn, type ChildProcess } from 'node:child_process';
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

/** Starts the built API (`--role=api`) with `env` and resolves once /health/live answers. */
export function startApiProcess(port: number, env: Record<string, string>, name = 'API'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js', '--role=api'], {
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
