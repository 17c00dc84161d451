import type { AddressInfo } from 'node:net';
import { loginAdmin } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { API_MAIN, freePort, spawnTradeFloor, type Spawned } from '../harness/processes';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createTestDatabase, testEnv } from '../harness/test-database';
import { setPrice, takedownBody } from './feed-helpers';

jest.setTimeout(300_000);

/** B's pull interval in real seconds: B runs as its own process, so its clock cannot be moved. */
const INTERVAL_SECONDS = 8;
/** B's next scheduled pull comes at most one interval plus one due-check period (a fifth) later. */
const NEXT_PULL_MS = INTERVAL_SECONDS * 1200;
/** What a loaded 2-core CI machine adds to a pull (page request, upsert, index job). */
const SLACK_MS = 15_000;

interface PeerHit {
  name: string;
  source: string;
  remoteId: string;
  priceVnd: number | null;
}

/**
 * Federation between two floors that share nothing but HTTP (issue 16 §Tests: two processes, two
 * databases): floor A runs in this test process on Meilisearch; floor B is a separate OS process
 * started from the built app (`node dist/apps/api/src/main.js --role=all`) on its own database and
 * the PostgreSQL engine, pulling A's open feed on its real schedule. B is reached only through its
 * public HTTP API, as another province's floor would be.
 */
describe('federation between two TradeFloor processes (issue 16)', () => {
  let a: TestApp;
  let b: Spawned;
  let bBase: string;
  let bAdminToken: string;
  let dropB: () => Promise<void>;

  beforeAll(async () => {
    a = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://san-a.example' } });
    await a.app.listen(0, '127.0.0.1');
    const aFeed = `http://127.0.0.1:${(a.app.getHttpServer().address() as AddressInfo).port}/open/v1/products`;

    const db = await createTestDatabase();
    dropB = db.drop;
    const port = await freePort();
    bBase = `http://127.0.0.1:${port}`;
    const env = testEnv(db.url, `${db.name}_`);
    b = spawnTradeFloor(
      API_MAIN,
      {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        PUBLIC_BASE_URL: 'https://san-b.example',
        SEARCH_ENGINE: 'postgres',
        SEARCH_FAILOVER: 'off',
        FEDERATION_ALLOW_PRIVATE_PEERS: 'true',
        FEDERATION_PULL_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
        FEDERATION_HTTP_TIMEOUT_MS: '5000',
      },
      ['--role=all'],
    );
    await b.waitHttp200(`${bBase}/health/live`, 120_000);

    const login = await fetch(`${bBase}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    bAdminToken = ((await login.json()) as { accessToken: string }).accessToken;
    const peer = await fetch(`${bBase}/api/v1/admin/peers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bAdminToken}` },
      body: JSON.stringify({ name: 'Sàn TMĐT tỉnh A', provinceCode: '86', feedUrl: aFeed }),
    });
    expect(peer.status).toBe(201);
  });

  afterAll(async () => {
    await b?.stop('SIGTERM').catch(() => b.stop('SIGKILL'));
    await dropB?.();
    await a?.close();
  });

  const peerHits = async (q: string): Promise<PeerHit[]> => {
    const res = await fetch(`${bBase}/api/v1/search/products?${new URLSearchParams({ q, scope: 'other-provinces' })}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { peerHits: PeerHit[] }).peerHits;
  };
  const peerHealth = async () =>
    JSON.stringify(await (await fetch(`${bBase}/api/v1/admin/peers`, { headers: { authorization: `Bearer ${bAdminToken}` } })).json());

  /** Polls B until `probe` holds; returns the milliseconds it took, or fails with B's peer health and output. */
  async function seenInB(probe: () => Promise<boolean>): Promise<number> {
    const started = Date.now();
    while (!(await probe())) {
      if (Date.now() - started > NEXT_PULL_MS + SLACK_MS) {
        throw new Error(`not seen in B within ${NEXT_PULL_MS + SLACK_MS} ms; peers: ${await peerHealth()}; B's output:\n${b.tail(2000)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return Date.now() - started;
  }

  it('a product published in A reaches B at its next scheduled pull; an edit follows; a takedown in A removes it from B', async () => {
    const admin = await loginAdmin(a);
    const ent = await createVerifiedEnterprise(a, { displayName: 'Cơ sở Bánh pía Sóc Trăng' });
    const p = await createProduct(a, ent.id, { name: 'Bánh pía sầu riêng trứng muối', ocopStars: 3 });
    await a.drainJobs();

    const appeared = await seenInB(async () => (await peerHits('banh pia')).some((h) => h.remoteId === p.id));
    expect((await peerHits('bánh pía'))[0]).toMatchObject({ name: 'Bánh pía sầu riêng trứng muối', source: 'Sàn TMĐT tỉnh A', remoteId: p.id });
    // B's own catalogue is untouched: its default scope (this province) has nothing.
    const local = (await (await fetch(`${bBase}/api/v1/search/products?q=banh+pia`)).json()) as { total: number };
    expect(local.total).toBe(0);

    await setPrice(a, p.id, 123_000);
    await a.drainJobs();
    const edited = await seenInB(async () => (await peerHits('banh pia')).some((h) => h.remoteId === p.id && h.priceVnd === 123_000));

    await a.http.post('/api/v1/admin/takedowns').set(admin.auth).send(takedownBody('product', p.id)).expect(201);
    await a.drainJobs();
    const removed = await seenInB(async () => !(await peerHits('banh pia')).some((h) => h.remoteId === p.id));

    // The figures, for the record: each is bounded by the next pull (interval + a fifth) plus slack.
    console.log(`B (separate process, ${INTERVAL_SECONDS} s interval): published ${appeared} ms, edit ${edited} ms, takedown ${removed} ms`);
  });
});
