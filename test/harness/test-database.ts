import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const TEMPLATE_DB = 'tf_template';

function adminUrl(): string {
  const url = process.env.TF_TEST_PG_URL;
  if (!url) throw new Error('TF_TEST_PG_URL is not set: run tests through jest (test/harness/global-setup.ts)');
  return url;
}

/** A fresh, fully migrated database for one test file (a copy of the migrated template). */
export async function createTestDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
        break;
      } catch (err) {
        // Two files copying the template at the same moment: PostgreSQL refuses one; try again.
        if (attempt > 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    name,
    url: adminUrl().replace(/\/postgres$/, `/${name}`),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Environment for a TradeFloor process or in-process app bound to a test database. */
export function testEnv(databaseUrl: string, indexPrefix: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    MEILI_HOST: process.env.TF_TEST_MEILI_HOST ?? '',
    MEILI_MASTER_KEY: process.env.TF_TEST_MEILI_KEY ?? '',
    MEILI_INDEX_PREFIX: indexPrefix,
    JWT_SECRET: 'test-jwt-secret-that-is-long-enough-0123456789',
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    ADMIN_EMAIL: 'admin@tradefloor.test',
    ADMIN_PASSWORD: 'admin-password-123',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JOB_POLL_INTERVAL_MS: '100',
    // Suites register many users from one address; the limit itself is tested with its own value.
    REGISTER_MAX_PER_IP: '1000000',
    DATA_DIR: `${process.env.TF_TEST_DIR ?? 'var/test'}/data-${indexPrefix}`,
  };
}
