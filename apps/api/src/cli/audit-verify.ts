import 'reflect-metadata';
import { ConfigError, createLogger, loadConfig, provisionInfrastructure, runMigrations } from '@tradefloor/core';
import { verifyAuditChain } from '@tradefloor/trust-safety';
import { Client } from 'pg';

/**
 * `npm run audit:verify`: walks the audit log's hash chain and the recorded daily heads, printing
 * progress, and names the first broken link. Exit 0 when the chain holds, 2 when it is broken.
 * With the embedded setup, stop the server first (it holds the data directory) or use
 * GET /api/v1/admin/audit/verification.
 */
async function run(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`audit:verify cannot start: ${err.message}\n`);
      return 78;
    }
    throw err;
  }
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  // Only PostgreSQL is needed: never start an embedded Meilisearch for this.
  const infra = await provisionInfrastructure({ ...config, searchEngine: 'postgres' }, logger);
  const client = new Client({ connectionString: infra.config.databaseUrl });
  try {
    await runMigrations(infra.config.databaseUrl, logger);
    await client.connect();
    let lastLine = 0;
    const report = await verifyAuditChain(client, (checked) => {
      if (Date.now() - lastLine < 500) return;
      lastLine = Date.now();
      process.stdout.write(`  ${checked} rows checked…\n`);
    });
    if (report.ok) {
      process.stdout.write(`Audit chain OK: ${report.checked} rows, head #${report.headSeq ?? '-'}, ${report.headsChecked} recorded heads match\n`);
      return 0;
    }
    process.stdout.write(`Audit chain BROKEN at row #${report.firstBroken!.seq}: ${report.firstBroken!.reason} (${report.checked} rows verified before it)\n`);
    return 2;
  } finally {
    await client.end().catch(() => undefined);
    await infra.stop();
  }
}

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`audit:verify failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
