/**
 * Benchmark: issue 50,000 stamps for one batch, then render their printable PDF.
 * Runs the real services (the same code the HTTP routes call) against a fresh database: an
 * embedded PostgreSQL in a temporary directory, or DATABASE_URL if given (a throwaway database!).
 *
 *   npm run bench:stamps            # STAMPS=100000 npm run bench:stamps for the per-request maximum
 *
 * Targets: issuing ≤ 5 s (issue 7); the 50,000-stamp PDF ≤ 10 s on 2 cores with peak RSS ≤ 300 MB
 * (issue 12 §6: page graphics in worker threads, fixed QR mask). RSS includes the worker threads
 * (they live in this process). STAMPS sets the size, e.g. `STAMPS=700 npm run bench:stamps` to
 * check the script quickly.
 */
import 'reflect-metadata';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, loadConfig, runMigrations, startEmbeddedPostgres, type ResolvedConfig } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import { BatchEntity, StampExports, StampIssuer } from '@tradefloor/traceability';
import { DataSource } from 'typeorm';
import { buildApp } from '../apps/api/src/bootstrap';
import { runBench } from './bench-support';

const COUNT = Number(process.env.STAMPS ?? 50_000);
const MB = 1024 * 1024;

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / MB;
}

/** Samples RSS every 20 ms during a phase (VmHWM is the whole process's peak, including boot). */
async function measured<T>(label: string, work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`${label}: ${seconds.toFixed(2)} s, peak RSS during phase ${(peak / MB).toFixed(0)} MB`);
    return { result, seconds, peakMb: peak / MB };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const logger = createLogger('warn');
  const dir = mkdtempSync(join(tmpdir(), 'tf-bench-stamps-'));
  let stopPg: (() => Promise<void>) | undefined;
  let app: NestFastifyApplication | undefined;
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: Number(process.env.BENCH_PG_PORT ?? 54390), password: 'bench', logger });
      stopPg = pg.stop;
      databaseUrl = pg.url;
    }
    await runMigrations(databaseUrl, logger);
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: databaseUrl,
      SEARCH_ENGINE: 'postgres',
      JWT_SECRET: 'bench-jwt-secret-that-is-long-enough-0123456789',
      ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
      PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? 'https://truyxuat.example.vn',
      STAMP_MAX_PER_BATCH: String(Math.max(COUNT, 1_000_000)),
      STAMP_DAILY_QUOTA: String(Math.max(COUNT, 200_000)),
    }) as ResolvedConfig;
    app = (await buildApp('api', config, logger)).app as NestFastifyApplication;
    const ds = app.get(DataSource);

    const [user] = await ds.query(
      `INSERT INTO users (email, display_name, password_hash, role) VALUES ('bench@example.vn', 'Bench', 'x', 'admin') RETURNING id`,
    );
    const principal: Principal = { id: user.id, email: 'bench@example.vn', role: 'admin', displayName: 'Bench', emailVerified: true };
    const [ent] = await ds.query(
      `INSERT INTO enterprises (slug, kind, legal_name, display_name, province_code, commune_code, status, owner_id)
       VALUES ('htx-bench', 'cooperative', 'HTX Nông nghiệp Phú Cần', 'HTX Nông nghiệp Phú Cần', '86', '29242', 'verified', $1) RETURNING id`,
      [user.id],
    );
    const [cat] = await ds.query(`SELECT id FROM categories ORDER BY id LIMIT 1`);
    const [prod] = await ds.query(
      `INSERT INTO products (enterprise_id, category_id, name, slug, sku, gtin, price_vnd, unit, status)
       VALUES ($1, $2, 'Gạo hữu cơ Phú Cần – túi 5 kg', 'gao-bench', 'GAO-5', '8931234567897', 150000, 'túi', 'published') RETURNING id`,
      [ent.id, cat.id],
    );
    const [batch] = await ds.query(
      `INSERT INTO trace_batches (product_id, enterprise_id, lot_code, gtin14, produced_at, quantity, unit)
       VALUES ($1, $2, 'PC-2025/07', '08931234567897', '2025-07-01', 50000, 'túi') RETURNING id`,
      [prod.id, ent.id],
    );

    console.log(
      `Stamps benchmark: ${COUNT.toLocaleString('en')} stamps, Node ${process.version}, ${availableParallelism()} cores, baseline RSS ${(process.memoryUsage().rss / MB).toFixed(0)} MB`,
    );
    const issue = await measured(`issue ${COUNT} stamps`, () => app!.get(StampIssuer).issue(principal, batch.id, COUNT));
    const entity = await ds.getRepository(BatchEntity).findOneByOrFail({ id: batch.id });
    const file = join(dir, 'stamps.pdf');
    const pdf = await measured('render PDF', async () => pipeline(await app!.get(StampExports).pdfStream(entity), createWriteStream(file)));
    const size = statSync(file).size;
    const pages = Math.ceil(COUNT / 35);
    console.log(`PDF: ${pages} pages, ${(size / MB).toFixed(1)} MB`);
    const hwm = vmHwmMb();
    console.log(`Peak RSS of the whole process (VmHWM): ${hwm.toFixed(0)} MB`);
    const ok = issue.seconds <= 5 && pdf.seconds <= 10 && hwm <= 300;
    console.log(
      `Targets: issuing ≤ 5 s ${issue.seconds <= 5 ? 'met' : 'MISSED'}, PDF ≤ 10 s ${pdf.seconds <= 10 ? 'met' : 'MISSED'}, peak RSS ≤ 300 MB ${hwm <= 300 ? 'met' : 'MISSED'}`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await app?.close();
    await stopPg?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
