import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { MIGRATIONS } from './migrations';

/** Advisory lock id so that replicas starting together run migrations one at a time. */
const MIGRATION_LOCK_ID = 741_852_963;

export async function runMigrations(databaseUrl: string, logger: Logger): Promise<string[]> {
  const ds = new DataSource({ type: 'postgres', url: databaseUrl, migrations: MIGRATIONS, migrationsTransactionMode: 'each' });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await ds.runMigrations();
    for (const m of applied) logger.info({ migration: m.name }, 'migration applied');
    return applied.map((m) => m.name);
  } finally {
    await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await ds.destroy();
  }
}
