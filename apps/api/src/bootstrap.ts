import type { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  Clock,
  ConfigError,
  HealthChecks,
  JobWorker,
  PinoNestLogger,
  createHttpApp,
  createLogger,
  gracefulDrainOf,
  loadConfig,
  provisionInfrastructure,
  runMigrations,
  type ResolvedConfig,
} from '@tradefloor/core';
import type { Logger } from 'pino';
import { AppModule, validateDomainConfig } from './app.module';

export type Role = 'all' | 'api' | 'worker';

export interface BuiltApp {
  app: INestApplicationContext;
  listen(): Promise<string | undefined>;
}

/** Creates the Nest application for a role; used by the processes and by the test harness. */
export async function buildApp(
  role: Role,
  config: ResolvedConfig,
  logger: Logger,
  clock?: Clock,
  extraModules: Array<Type | DynamicModule> = [],
): Promise<BuiltApp> {
  const module = AppModule.register({ config, logger, clock }, extraModules);
  if (role === 'worker') {
    const app = await NestFactory.createApplicationContext(module, { logger: new PinoNestLogger(logger.child({ component: 'nest' })) });
    await app.get(JobWorker).start();
    return { app, listen: async () => undefined };
  }
  const app = await createHttpApp(module, config, logger);
  await app.init();
  if (role === 'all') await app.get(JobWorker).start();
  return {
    app,
    listen: async () => {
      await app.listen({ port: config.port, host: config.host });
      return app.getUrl();
    },
  };
}

/** Process entry: validate config, start what is missing, migrate, serve, stop cleanly on signals. */
export async function main(role: Role): Promise<void> {
  let config;
  try {
    config = loadConfig();
    validateDomainConfig(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${JSON.stringify({ level: 'fatal', variable: err.variable, msg: err.message })}\n`);
      process.stderr.write(`TradeFloor cannot start: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  const fail = (err: unknown, what: string): never => {
    logger.fatal({ err }, what);
    process.stderr.write(`TradeFloor cannot start: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  };
  // Signal handlers first: a SIGTERM that arrives while the embedded servers are starting must
  // still stop them (the default action would kill only this process and orphan its children).
  const provisioning = provisionInfrastructure(config, logger);
  let built: BuiltApp | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C must not kill us half-way: the embedded servers would be left running.
      logger.info({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Bounded: draining HTTP, then jobs (each at most SHUTDOWN_DRAIN_MS), then the servers.
    const force = setTimeout(() => process.exit(1), 2 * config.shutdownDrainMs + 30_000).unref();
    try {
      const drain = built && gracefulDrainOf(built.app);
      if (drain) {
        const result = await drain.drain(config.shutdownDrainMs);
        logger.info(result, result.drained ? 'in-flight requests finished' : 'drain bound reached, remaining requests cut off');
      }
      await built?.app.close();
    } catch (err) {
      logger.error({ err }, 'error while closing the application');
    }
    const infra = await provisioning.catch(() => undefined);
    await infra?.stop();
    clearTimeout(force);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const infra = await provisioning.catch((err: unknown) => fail(err, 'start-up failed'));
  if (stopping) return;
  try {
    await runMigrations(infra.config.databaseUrl, logger);
    if (stopping) return;
    built = await buildApp(role, infra.config, logger);
    if (stopping) return;
    // The embedded servers this process keeps running show on /health/ready (issue 20).
    const health = built.app.get(HealthChecks);
    for (const server of infra.supervised) health.register(server.name, async () => server.health());
    const address = await built.listen();
    logger.info(
      { role, address, searchEngine: infra.config.searchEngine, startupMs: Date.now() - started, rssMb: Math.round(process.memoryUsage().rss / 1048576) },
      'TradeFloor ready',
    );
  } catch (err) {
    if (stopping) return;
    await built?.app.close().catch(() => undefined);
    await infra.stop();
    fail(err, 'start-up failed');
  }
}
