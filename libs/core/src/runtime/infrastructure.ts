import { join } from 'node:path';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { DataDirLock } from './data-dir-lock';
import { startEmbeddedMeilisearch, MeilisearchUnavailableError } from './embedded-meilisearch';
import { startEmbeddedPostgres } from './embedded-postgres';
import { loadOrCreateLocalSecrets } from './local-secrets';
import { assertPortFree } from './port-check';
import { Supervisor } from './supervisor';

/** AppConfig once every server address and secret is known (external or embedded). */
export interface ResolvedConfig extends AppConfig {
  databaseUrl: string;
  jwtSecret: string;
  encryptionKey: string;
}

export interface Infrastructure {
  config: ResolvedConfig;
  /** The embedded servers this process started and keeps running (register their health). */
  supervised: Supervisor[];
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE_NAME = 'tradefloor';

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts what the environment does not provide: PostgreSQL without DATABASE_URL, Meilisearch
 * without MEILI_HOST. Falls back to the PostgreSQL search engine where Meilisearch cannot run,
 * unless SEARCH_ENGINE=meilisearch was set explicitly (then start-up fails).
 */
export async function provisionInfrastructure(config: AppConfig, logger: Logger): Promise<Infrastructure> {
  const needsPostgres = !config.databaseUrl;
  const needsMeili = !config.meiliHost && config.searchEngine === 'meilisearch';
  const stops: Array<() => Promise<void>> = [];
  const supervised: Supervisor[] = [];
  let lock: DataDirLock | undefined;
  const resolved = { ...config } as ResolvedConfig;

  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      await stop().catch((err: unknown) => logger.error({ err }, 'error while stopping an embedded server'));
    }
    stops.length = 0;
    lock?.release();
  };

  try {
    if (needsPostgres || needsMeili || !config.jwtSecret || !config.encryptionKey) {
      lock = needsPostgres || needsMeili ? await DataDirLock.acquire(config.dataDir) : undefined;
      const secrets = loadOrCreateLocalSecrets(config.dataDir);
      resolved.jwtSecret = config.jwtSecret ?? secrets.jwtSecret;
      resolved.encryptionKey = config.encryptionKey ?? secrets.encryptionKey;

      if (needsPostgres) await assertPortFree(config.embeddedPgPort, 'EMBEDDED_PG_PORT');

      if (needsPostgres) {
        let adminUrl = '';
        const pg = new Supervisor(
          'embedded-postgres',
          async () => {
            const handle = await startEmbeddedPostgres({
              dir: join(config.dataDir, 'postgres'),
              port: config.embeddedPgPort,
              password: secrets.postgresPassword,
              logger,
            });
            adminUrl = handle.url;
            return handle;
          },
          logger,
          { onStarted: (pid, previous) => lock?.replaceChild(previous, pid) },
        );
        await pg.run();
        supervised.push(pg);
        stops.push(() => pg.stop());
        await ensureDatabase(adminUrl, EMBEDDED_DATABASE_NAME);
        resolved.databaseUrl = adminUrl.replace(/\/postgres$/, `/${EMBEDDED_DATABASE_NAME}`);
      }

      if (needsMeili) {
        try {
          await assertPortFree(config.embeddedMeiliPort, 'EMBEDDED_MEILI_PORT').catch((err: Error) => {
            throw new MeilisearchUnavailableError(err.message);
          });
          const options = { dir: join(config.dataDir, 'meilisearch'), port: config.embeddedMeiliPort, masterKey: secrets.meiliMasterKey, logger };
          const meili = new Supervisor('embedded-meilisearch', () => startEmbeddedMeilisearch(options), logger, {
            onStarted: (pid, previous) => lock?.replaceChild(previous, pid),
          });
          await meili.run();
          supervised.push(meili);
          stops.push(() => meili.stop());
          resolved.meiliHost = `http://127.0.0.1:${config.embeddedMeiliPort}`;
          resolved.meiliMasterKey = secrets.meiliMasterKey;
        } catch (err) {
          if (!(err instanceof MeilisearchUnavailableError)) throw err;
          // SEARCH_ENGINE=meilisearch set explicitly is a requirement, not a preference.
          if (config.searchEngineExplicit) {
            throw new MeilisearchUnavailableError(`SEARCH_ENGINE=meilisearch is set but embedded Meilisearch cannot start: ${err.message}`);
          }
          logger.warn({ reason: err.message }, 'Meilisearch cannot run on this machine: starting with SEARCH_ENGINE=postgres (PostgreSQL full-text search)');
          resolved.searchEngine = 'postgres';
        }
      }
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  return { config: resolved, supervised, stop: stopAll };
}
