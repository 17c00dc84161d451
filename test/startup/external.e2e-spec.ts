import { Client } from 'pg';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, testEnv } from '../harness/test-database';
import { API_MAIN, freePort, readyAsAdmin, spawnTradeFloor, type Spawned } from '../harness/processes';

/** Production shape: DATABASE_URL and MEILI_HOST point at servers the process does not own. */
describe('start-up: external PostgreSQL and Meilisearch', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let p: Spawned | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await p?.stop('SIGKILL').catch(() => undefined);
    await db.drop();
  });

  it('becomes ready on the given servers, starts no embedded server, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const env: Record<string, string> = { ...testEnv(db.url, `${db.name}_`), PORT: String(port), LOG_LEVEL: 'info' };
    p = spawnTradeFloor(API_MAIN, env);
    const ms = await p.waitHttp200(`http://127.0.0.1:${port}/health/ready`, 90_000);
    console.log(`external-servers start-up to /health/ready 200: ${ms} ms`);
    const ready = await readyAsAdmin(`http://127.0.0.1:${port}`, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
    expect(ready).toMatchObject({ status: 'ok', database: { status: 'up' }, search: { status: 'up', detail: 'meilisearch' } });
    expect(p.output).not.toMatch(/embedded (PostgreSQL|Meilisearch) started/);
    expect(existsSync(join(env.DATA_DIR, 'tradefloor.lock'))).toBe(false);

    // Migrations ran against the given database (a copy of the migrated template: nothing new to apply).
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM migrations`);
    await c.end();
    expect(rows[0].n).toBeGreaterThan(0);

    expect(await p.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(p.output).toMatch(/"msg":"stopped"/);
  });
});
