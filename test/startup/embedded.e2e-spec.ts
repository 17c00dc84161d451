import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { API_MAIN, freePort, processAlive, readLock, readyAsAdmin, rssKb, spawnTradeFloor, waitUntil, type Spawned } from '../harness/processes';

/**
 * The embedded default (`npm start` without DATABASE_URL / MEILI_HOST): one process starts its own
 * PostgreSQL and Meilisearch under DATA_DIR, guards the folder with a lock, and stops them on SIGTERM.
 */
describe('start-up: embedded PostgreSQL and Meilisearch', () => {
  const dataDir = join(process.env.TF_TEST_DIR ?? 'var/test', `embedded-${randomBytes(4).toString('hex')}`);
  let ports: { PORT: string; EMBEDDED_PG_PORT: string; EMBEDDED_MEILI_PORT: string };
  const started: Spawned[] = [];
  const admin = { email: 'admin@embedded.test', password: 'admin-password-123' };
  const start = (env: Record<string, string> = {}) => {
    const p = spawnTradeFloor(API_MAIN, { DATA_DIR: dataDir, ...ports, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, ...env });
    started.push(p);
    return p;
  };
  const base = () => `http://127.0.0.1:${ports.PORT}`;
  const user = { email: `nguoi-mua-${randomBytes(3).toString('hex')}@example.vn`, password: 'mat-khau-that-dai-123' };

  beforeAll(async () => {
    ports = { PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()), EMBEDDED_MEILI_PORT: String(await freePort()) };
  });
  afterAll(async () => {
    for (const p of started) await p.stop('SIGKILL').catch(() => undefined);
    // Never leave servers behind, even when an assertion failed half-way.
    for (const pid of readLock(dataDir)?.children ?? []) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('starts on a fresh data dir, refuses a second instance, stops cleanly, and keeps its data across a restart', async () => {
    const t0 = Date.now();
    const first = start();
    const firstMs = await first.waitHttp200(`${base()}/health/ready`, 90_000, t0);
    console.log(`embedded start-up to /health/ready 200 on a fresh data dir: ${firstMs} ms`);
    const ready = await readyAsAdmin(base(), admin);
    expect(ready).toMatchObject({ status: 'ok', database: { status: 'up' }, search: { status: 'up', detail: 'meilisearch' } });

    await new Promise((r) => setTimeout(r, 1000));
    console.log(`API process idle RSS after start-up (VmRSS): ${Math.round(rssKb(first.pid) / 1024)} MB`);

    const reg = await fetch(`${base()}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...user, displayName: 'Người mua', role: 'buyer', acceptTerms: true }),
    });
    expect(reg.status).toBe(202);

    // A second instance on the same folder (other ports) must refuse to start.
    const second = spawnTradeFloor(API_MAIN, {
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      EMBEDDED_MEILI_PORT: String(await freePort()),
    });
    started.push(second);
    const secondExit = await second.waitExit(90_000);
    expect(secondExit.code).not.toBe(0);
    expect(secondExit.code).not.toBeNull();
    expect(second.output).toMatch(/already using/);
    expect(second.output).toContain(`pid ${first.pid}`);
    expect(first.running).toBe(true);

    const lock = readLock(dataDir);
    expect(lock?.pid).toBe(first.pid);
    expect(lock?.children).toHaveLength(2);
    expect(lock!.children.every(processAlive)).toBe(true);

    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    for (const pid of lock!.children) expect({ pid, alive: processAlive(pid) }).toEqual({ pid, alive: false });
    expect(existsSync(join(dataDir, 'tradefloor.lock'))).toBe(false);

    // Restart on the same folder: the user registered before is still there.
    const t1 = Date.now();
    const again = start();
    const againMs = await again.waitHttp200(`${base()}/health/ready`, 90_000, t1);
    console.log(`embedded start-up to /health/ready 200 on an existing data dir: ${againMs} ms`);
    const login = await fetch(`${base()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toHaveProperty('accessToken');
    expect(await again.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('stops the embedded servers when SIGTERM arrives while they are still starting', async () => {
    const p = start();
    // The lock lists PostgreSQL as soon as it runs; Meilisearch and the app are not up yet.
    await waitUntil(() => (readLock(dataDir)?.children.length ?? 0) >= 1, 30_000, 'the first embedded server');
    const children = readLock(dataDir)!.children;
    expect(await p.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    for (const pid of [...children, ...(readLock(dataDir)?.children ?? [])]) {
      expect({ pid, alive: processAlive(pid) }).toEqual({ pid, alive: false });
    }
    expect(existsSync(join(dataDir, 'tradefloor.lock'))).toBe(false);
  });

  it('fails start-up when SEARCH_ENGINE=meilisearch is explicit and Meilisearch cannot start, and stops PostgreSQL', async () => {
    // Something else holds the Meilisearch port and even answers its health probe (like a leftover
    // server of another installation): it must never be used in place of our own.
    const squatter: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"available"}'));
    await new Promise<void>((r) => squatter.listen(Number(ports.EMBEDDED_MEILI_PORT), '127.0.0.1', r));
    try {
      const p = start({ SEARCH_ENGINE: 'meilisearch' });
      const exit = await p.waitExit(60_000);
      expect(exit.code).toBe(1);
      expect(p.output).toMatch(/SEARCH_ENGINE=meilisearch is set but embedded Meilisearch cannot start/);
      expect(p.output).toMatch(/EMBEDDED_MEILI_PORT/);
      expect(existsSync(join(dataDir, 'tradefloor.lock'))).toBe(false);
      expect(p.output).toMatch(/embedded PostgreSQL stopped/);

      // Without the explicit setting the same situation falls back to PostgreSQL full-text search.
      const fallback = start();
      await fallback.waitHttp200(`${base()}/health/ready`, 60_000);
      const ready = await readyAsAdmin(base(), admin);
      expect(ready.search).toEqual({ status: 'up', detail: 'postgres' });
      expect(await fallback.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });

  it('refuses to start when the embedded PostgreSQL port is taken, naming the variable', async () => {
    const squatter: Server = createServer((_req, res) => res.end());
    const port = await freePort();
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', r));
    try {
      const p = start({ EMBEDDED_PG_PORT: String(port) });
      const exit = await p.waitExit(90_000);
      expect(exit.code).toBe(1);
      expect(p.output).toMatch(new RegExp(`Port ${port} is already in use.*EMBEDDED_PG_PORT`));
      expect(existsSync(join(dataDir, 'tradefloor.lock'))).toBe(false);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });
});
