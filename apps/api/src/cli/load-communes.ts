import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ConfigError, createLogger, loadConfig, provisionInfrastructure, runMigrations } from '@tradefloor/core';
import { CommuneFileError, loadCommunes, parseCommuneRecords } from '@tradefloor/enterprise-profile';
import { DataSource } from 'typeorm';

/**
 * `npm run ref:load-communes -- <file.json>`: loads communes of other provinces (JSON array of
 * {code, provinceCode, name}) into the reference tables. Idempotent; all or nothing. Uses
 * DATABASE_URL, or starts the embedded PostgreSQL of DATA_DIR when the server is not running.
 * Running servers see the new communes at once (only found communes are cached).
 */
const out = (line: string) => process.stdout.write(`${line}\n`);
const fail = (message: string, code = 1): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

async function run(): Promise<void> {
  const file = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!file) fail('Usage: npm run ref:load-communes -- <communes.json>   (JSON array of {code, provinceCode, name})', 64);

  let records;
  try {
    records = parseCommuneRecords(JSON.parse(readFileSync(file as string, 'utf8')));
  } catch (err) {
    fail(err instanceof SyntaxError ? `${file}: not valid JSON (${err.message})` : `${file}: ${(err as Error).message}`, 65);
  }

  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 78);
    throw err;
  }
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  // Only PostgreSQL is needed: never start Meilisearch for this.
  const infra = await provisionInfrastructure({ ...config, searchEngine: 'postgres' }, logger);
  try {
    await runMigrations(infra.config.databaseUrl, logger);
    const ds = new DataSource({ type: 'postgres', url: infra.config.databaseUrl });
    await ds.initialize();
    try {
      out(`Loading ${records!.length} communes from ${file}`);
      const result = await ds.transaction((m) => loadCommunes(m, records!, (done, total) => out(`  ${done}/${total} (${Math.round((done / total) * 100)}%)`)));
      out(`Done: ${result.inserted} inserted, ${result.updated} updated, ${result.unchanged} unchanged.`);
    } finally {
      await ds.destroy();
    }
  } finally {
    await infra.stop();
  }
}

run().catch((err: unknown) => {
  fail(err instanceof CommuneFileError ? err.message : `Loading communes failed: ${(err as Error).message}`);
});
