import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createLogger, loadConfig, provisionInfrastructure, runMigrations } from '@tradefloor/core';
import { SearchMaintenance } from '@tradefloor/search';
import { AppModule, validateDomainConfig } from '../app.module';

/**
 * `npm run search:reindex`: rebuilds the configured engine's indexes from the database into fresh
 * ones and swaps them in, printing progress. Same environment as the server; with the embedded
 * setup, stop the server first (it holds the data directory) or use POST /api/v1/admin/search/reindex.
 */
async function run(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    validateDomainConfig(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`search:reindex cannot start: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const infra = await provisionInfrastructure(config, logger);
  try {
    await runMigrations(infra.config.databaseUrl, logger);
    const app = await NestFactory.createApplicationContext(AppModule.register({ config: infra.config, logger }), { logger: false });
    try {
      const maintenance = app.get(SearchMaintenance);
      // The failover engine (SEARCH_FAILOVER=postgres) is rebuilt too, after the active one.
      for (const engine of maintenance.engines()) {
        process.stdout.write(`Reindexing with ${engine.kind} (index prefix "${infra.config.meiliIndexPrefix}")\n`);
        let lastLine = 0;
        const report = await maintenance.rebuild((kind, written) => {
          if (Date.now() - lastLine < 500) return;
          lastLine = Date.now();
          process.stdout.write(`  ${kind}: ${written} documents written\n`);
        }, engine);
        process.stdout.write(
          `Done in ${report.durationMs} ms: ${report.products} products, ${report.enterprises} enterprises swapped in; ` +
            `${report.repairedAfterSwap} documents corrected after the swap\n`,
        );
      }
    } finally {
      await app.close();
    }
  } finally {
    await infra.stop();
  }
}

run().catch((err: unknown) => {
  process.stderr.write(`search:reindex failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
