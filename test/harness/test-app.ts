import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JobWorker, ManualClock, createLogger, loadConfig, type ResolvedConfig } from '@tradefloor/core';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AuditLog } from '@tradefloor/trust-safety';
import { buildApp } from '../../apps/api/src/bootstrap';
import { createTestDatabase, testEnv } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: ResolvedConfig;
  clock: ManualClock;
  dataSource: DataSource;
  /** Waits until no job of these queues (default: all registered) is pending or running. */
  drainJobs(queues?: string[], timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra or overriding environment variables (validated like in production). */
  env?: Record<string, string>;
  /** Run the job worker in-process (default true). */
  worker?: boolean;
  clock?: ManualClock;
  /** Extra modules loaded beside the domain modules (e.g. one registering test job queues). */
  modules?: Array<Type | DynamicModule>;
  /**
   * Another replica of an app already running: same database and search indexes, its own
   * in-process state (caches, listeners). Closing it leaves the shared database in place.
   */
  replicaOf?: TestApp;
  /** Where the app logs (default: stdout at LOG_LEVEL), e.g. to read what a request wrote. */
  logger?: Logger;
  /**
   * Closing verifies the audit log's hash chain (issue 14: the chain verifies after a full test
   * run): every suite's privileged actions, concurrent ones included, must leave it intact. Only a
   * suite that tampers with the log on purpose turns this off.
   */
  verifyAuditChainOnClose?: boolean;
}

/**
 * Boots the real application (same composition as `npm start`) on a fresh database and its own
 * Meilisearch index prefix. Requests go through Fastify with every global pipe and filter applied.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const primary = options.replicaOf?.config;
  const db = primary?.databaseUrl
    ? { url: primary.databaseUrl, prefix: primary.meiliIndexPrefix, drop: async () => undefined }
    : await createTestDatabase().then((d) => ({ url: d.url, prefix: `${d.name}_`, drop: d.drop }));
  const config = loadConfig({ ...testEnv(db.url, db.prefix), ...options.env }) as ResolvedConfig;
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? new ManualClock(new Date());
  const built = await buildApp(options.worker === false ? 'api' : 'all', config, logger, clock, options.modules);
  const app = built.app as NestFastifyApplication;
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  const worker = app.get(JobWorker);
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    clock,
    dataSource,
    drainJobs: async (queues, timeoutMs) => {
      const names = queues ?? (await dataSource.query(`SELECT DISTINCT queue FROM jobs`)).map((r: { queue: string }) => r.queue);
      if (names.length) await worker.drain(names, timeoutMs);
    },
    close: async () => {
      const chain = options.replicaOf || options.verifyAuditChainOnClose === false ? undefined : await app.get(AuditLog).verify();
      await app.close();
      await db.drop();
      if (chain && !chain.ok) throw new Error(`audit chain broken after this suite: ${JSON.stringify(chain.firstBroken)} (${chain.checked} rows checked)`);
    },
  };
}
