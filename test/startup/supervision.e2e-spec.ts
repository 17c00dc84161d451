import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { API_MAIN, freePort, processAlive, readLock, readyAsAdmin, spawnTradeFloor, waitUntil, type Spawned } from '../harness/processes';

/**
 * Issue 20: the process that started embedded Meilisearch notices it being killed (SIGKILL, as the
 * OOM killer would) and restarts it on the same data and port; queued index jobs drain once it is
 * back. Failover is off here, so every answer below comes from Meilisearch itself.
 */
describe('start-up: embedded servers are supervised', () => {
  const dataDir = join(process.env.TF_TEST_DIR ?? 'var/test', `supervised-${randomBytes(4).toString('hex')}`);
  const admin = { email: 'admin@supervision.test', password: 'admin-password-123' };
  let app: Spawned | undefined;
  let ports: { PORT: string; EMBEDDED_PG_PORT: string; EMBEDDED_MEILI_PORT: string };

  afterAll(async () => {
    await app?.stop('SIGKILL').catch(() => undefined);
    for (const pid of readLock(dataDir)?.children ?? []) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('restarts a killed Meilisearch within seconds: a product approved meanwhile is found, no job dead-lettered', async () => {
    ports = { PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()), EMBEDDED_MEILI_PORT: String(await freePort()) };
    const base = `http://127.0.0.1:${ports.PORT}`;
    app = spawnTradeFloor(API_MAIN, { DATA_DIR: dataDir, ...ports, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, SEARCH_FAILOVER: 'off' });
    await app.waitHttp200(`${base}/health/ready`, 120_000);

    // A product waiting for review, straight in the embedded database.
    const { postgresPassword } = JSON.parse(readFileSync(join(dataDir, 'local-secrets.json'), 'utf8')) as { postgresPassword: string };
    const db = new Client({ connectionString: `postgres://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${ports.EMBEDDED_PG_PORT}/tradefloor` });
    await db.connect();
    try {
      const [owner] = (await db.query(`SELECT id FROM users WHERE email = $1`, [admin.email])).rows;
      const [ent] = (
        await db.query(
          `INSERT INTO enterprises (slug, kind, legal_name, display_name, province_code, commune_code, status, owner_id, verified_at)
           VALUES ('htx-giam-sat', 'cooperative', 'HTX Giám Sát', 'HTX Giám Sát', '86', '29242', 'verified', $1, now()) RETURNING id`,
          [owner.id],
        )
      ).rows;
      const [product] = (
        await db.query(
          `INSERT INTO products (enterprise_id, category_id, name, slug, description, sku, price_vnd, unit, stock_quantity, status)
           VALUES ($1, (SELECT id FROM categories WHERE slug = 'trai-cay'), 'Chôm chôm Java Giám Sát', 'chom-chom-giam-sat', '', 'GS-1', 40000, 'kg', 5, 'pending_review')
           RETURNING id`,
          [ent.id],
        )
      ).rows;

      const meiliPid = readLock(dataDir)!.children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('meilisearch'))!;
      expect(meiliPid).toBeDefined();
      const killed = Date.now();
      process.kill(meiliPid, 'SIGKILL');
      await waitUntil(() => !processAlive(meiliPid), 5000, 'meilisearch to die');

      // Approved while Meilisearch is gone: the index job waits, it does not fail.
      const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const approved = await fetch(`${base}/api/v1/admin/products/${product.id}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(approved.status).toBe(200);

      let found = false;
      while (!found && Date.now() - killed < 30_000) {
        const res = await fetch(`${base}/api/v1/search/products?q=chom+chom+java+giam+sat`);
        if (res.status === 200) {
          const body = (await res.json()) as { engine: string; hits: Array<{ id: string }> };
          found = body.engine === 'meilisearch' && body.hits.some((h) => h.id === product.id);
        }
        if (!found) await new Promise((r) => setTimeout(r, 100));
      }
      const backMs = Date.now() - killed;
      console.log(`[supervision] Meilisearch killed; search found the product approved meanwhile ${backMs} ms later`);
      expect(found).toBe(true);
      expect(backMs).toBeLessThan(10_000);

      const ready = (await readyAsAdmin(base, admin)) as {
        components: Record<string, { status: string; figures: { restarts: number; pid: number } }>;
      };
      expect(ready.components['embedded-meilisearch']).toMatchObject({ status: 'up', figures: { restarts: 1 } });
      const newPid = ready.components['embedded-meilisearch'].figures.pid;
      expect(newPid).not.toBe(meiliPid);
      expect(readLock(dataDir)!.children).toContain(newPid);
      expect(readLock(dataDir)!.children).not.toContain(meiliPid);
      expect(app.output).toMatch(/embedded-meilisearch exited unexpectedly; restarting it/);
      const [{ n: dead }] = (await db.query(`SELECT count(*)::int AS n FROM jobs WHERE status = 'dead'`)).rows;
      expect(dead).toBe(0);
    } finally {
      await db.end();
    }

    // A deliberate shutdown is not followed by a restart: every child is gone afterwards.
    const children = readLock(dataDir)!.children;
    expect(await app.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await new Promise((r) => setTimeout(r, 1000));
    for (const pid of children) expect({ pid, alive: processAlive(pid) }).toEqual({ pid, alive: false });
  }, 180_000);
});
