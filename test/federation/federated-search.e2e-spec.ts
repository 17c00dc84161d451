import type { PeerDto } from '@tradefloor/federation';
import type { AddressInfo } from 'node:net';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn } from '../web/web-helpers';
import { setPrice, takedownBody } from './feed-helpers';

jest.setTimeout(300_000);

/** Pull interval of both floors; the due check then runs every 6 s (a fifth of it). */
const INTERVAL_SECONDS = 30;

/** Polls `probe` every 200 ms until it returns a value; fails after `withinMs`. Returns the value and the time taken. */
async function until<T>(withinMs: number, probe: () => Promise<T | undefined>, diagnose: () => Promise<string>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, ms: Date.now() - started };
    if (Date.now() - started > withinMs) throw new Error(`not seen within ${withinMs} ms; ${await diagnose()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface PeerHit {
  name: string;
  source: string;
  priceVnd: number | null;
  ocopStars: number | null;
  pageUrl: string;
  remoteId: string;
}

/**
 * Two real TradeFloor instances federating both ways (issue 16 §Tests): A on Meilisearch (with its
 * PostgreSQL failover index kept beside it), B on the PostgreSQL engine, each with its own
 * database and index prefix, each registered as the other's peer. Pulls are driven by the
 * schedule: the floor's clock is moved by one pull interval and the real worker's due check
 * (every interval/5) pulls; the product must be searchable within the interval.
 */
describe('federated search between two floors (issue 16)', () => {
  let a: TestApp;
  let b: TestApp;
  let aAdmin: TestUser;
  let bAdmin: TestUser;
  let aPeer: PeerDto; // B as registered in A
  let bPeer: PeerDto; // A as registered in B

  const feedOf = (t: TestApp) => `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/open/v1/products`;
  const env = { FEDERATION_ALLOW_PRIVATE_PEERS: 'true', FEDERATION_PULL_INTERVAL_SECONDS: String(INTERVAL_SECONDS), FEDERATION_HTTP_TIMEOUT_MS: '3000' };

  beforeAll(async () => {
    a = await createTestApp({ env: { ...env, PUBLIC_BASE_URL: 'https://san-a.example', SEARCH_FAILOVER: 'postgres' } });
    b = await createTestApp({ env: { ...env, PUBLIC_BASE_URL: 'https://san-b.example', SEARCH_ENGINE: 'postgres', SEARCH_FAILOVER: 'off' } });
    await Promise.all([a.app.listen(0, '127.0.0.1'), b.app.listen(0, '127.0.0.1')]);
    [aAdmin, bAdmin] = await Promise.all([loginAdmin(a), loginAdmin(b)]);
    aPeer = (
      await a.http
        .post('/api/v1/admin/peers')
        .set(aAdmin.auth)
        .send({ name: 'Sàn TMĐT tỉnh B', provinceCode: '92', feedUrl: feedOf(b) })
        .expect(201)
    ).body;
    bPeer = (
      await b.http
        .post('/api/v1/admin/peers')
        .set(bAdmin.auth)
        .send({ name: 'Sàn TMĐT tỉnh A', provinceCode: '86', feedUrl: feedOf(a) })
        .expect(201)
    ).body;
    await Promise.all([a.drainJobs(), b.drainJobs()]);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const peerSearch = async (t: TestApp, q: string, extra: Record<string, string> = {}) =>
    (
      await t.http
        .get('/api/v1/search/products')
        .query({ q, scope: 'other-provinces', ...extra })
        .expect(200)
    ).body;
  const hitsOf = async (t: TestApp, q: string): Promise<PeerHit[]> => (await peerSearch(t, q)).peerHits;
  /** One pull interval passes on `t`'s clock: its peers fall due, the scheduled due check pulls them. */
  const intervalPasses = (t: TestApp) => t.clock.advance(INTERVAL_SECONDS * 1000);
  /** Peer health on both floors, told when something was not seen in time. */
  const healthOf = async () =>
    `peers: ${JSON.stringify({
      a: (await a.http.get('/api/v1/admin/peers').set(aAdmin.auth)).body,
      b: (await b.http.get('/api/v1/admin/peers').set(bAdmin.auth)).body,
    })}`;
  const withinInterval = <T>(probe: () => Promise<T | undefined>) => until(INTERVAL_SECONDS * 1000, probe, healthOf);

  it('a product published in A appears in B (API and storefront) within the interval, an edit updates it, a takedown removes it', async () => {
    const ent = await createVerifiedEnterprise(a, { displayName: 'Cơ sở Chả lụa Bà Sáu' });
    const p = await createProduct(a, ent.id, { name: 'Chả lụa Vĩnh Long', ocopStars: 4 });
    await a.drainJobs();
    // Not pulled before B's next pull is due.
    expect(await hitsOf(b, 'chả lụa')).toEqual([]);

    intervalPasses(b);
    const seen = await withinInterval(async () => (await hitsOf(b, 'cha lua'))[0]);
    expect(seen.ms).toBeLessThan(INTERVAL_SECONDS * 1000);
    expect(seen.value).toMatchObject({
      name: 'Chả lụa Vĩnh Long',
      source: 'Sàn TMĐT tỉnh A',
      remoteId: p.id,
      priceVnd: 50_000,
      ocopStars: 4,
      pageUrl: `https://san-a.example/san-pham/${p.slug}`,
    });
    const body = await peerSearch(b, 'cha lua');
    expect(body).toMatchObject({ scope: 'other-provinces', engine: 'postgres', hits: [], total: 1, provinces: { '86': 1 } });
    expect(body.scopes).toEqual({ 'this-province': null, 'other-provinces': 1 });

    // The default scope is this province only: B's own search does not show A's product.
    const local = (await b.http.get('/api/v1/search/products').query({ q: 'chả lụa' }).expect(200)).body;
    expect(local).toMatchObject({ scope: 'this-province', hits: [], total: 0, peerHits: [] });

    // The storefront: the scope switch and a read-only card labelled with its source, linking out.
    const page = await b.http.get('/tim-kiem').query({ q: 'chả lụa', scope: 'other-provinces' }).expect(200);
    expect(page.text).toContain('Các tỉnh khác');
    expect(page.text).toContain('Nguồn: Sàn TMĐT tỉnh A');
    expect(page.text).toContain(`href="https://san-a.example/san-pham/${p.slug}" rel="noopener nofollow ugc"`);
    expect(page.text).not.toContain(`href="/san-pham/${p.slug}"`);
    const localPage = await b.http.get('/tim-kiem').query({ q: 'chả lụa' }).expect(200);
    expect(localPage.text).toContain('href="/tim-kiem?q=ch%E1%BA%A3+l%E1%BB%A5a&amp;scope=other-provinces"');
    expect(localPage.text).not.toContain('Nguồn: Sàn TMĐT tỉnh A');

    // An edit in A reaches B at its next scheduled pull.
    await setPrice(a, p.id, 95_000);
    await a.drainJobs();
    intervalPasses(b);
    const edited = await withinInterval(async () => (await hitsOf(b, 'cha lua')).find((h) => h.priceVnd === 95_000));
    expect(edited.ms).toBeLessThan(INTERVAL_SECONDS * 1000);
    expect((await b.http.get('/tim-kiem').query({ q: 'chả lụa', scope: 'other-provinces' }).expect(200)).text).toContain('95.000');

    // A takedown in A: a tombstone in A's feed at once, gone from B's index at the next pull.
    await a.http.post('/api/v1/admin/takedowns').set(aAdmin.auth).send(takedownBody('product', p.id)).expect(201);
    await a.drainJobs();
    intervalPasses(b);
    const gone = await withinInterval(async () => ((await hitsOf(b, 'cha lua')).length === 0 ? true : undefined));
    expect(gone.ms).toBeLessThan(INTERVAL_SECONDS * 1000);
    const health = (await b.http.get('/api/v1/admin/peers').set(bAdmin.auth).expect(200)).body.items.find((x: PeerDto) => x.id === bPeer.id);
    expect(health).toMatchObject({ health: 'ok', items: 0 });
    expect((await b.http.get('/tim-kiem').query({ q: 'chả lụa', scope: 'other-provinces' }).expect(200)).text).not.toContain('Chả lụa Vĩnh Long');
  });

  it('the other way: a product published in B appears in A (Meilisearch, and its PostgreSQL failover index)', async () => {
    const ent = await createVerifiedEnterprise(b, { displayName: 'HTX Bưởi Năm Roi' });
    const p = await createProduct(b, ent.id, { name: 'Bưởi Năm Roi Hậu Giang', ocopStars: 5 });
    await b.drainJobs();
    intervalPasses(a);
    const seen = await withinInterval(async () => (await hitsOf(a, 'bưởi năm roi'))[0]);
    expect(seen.ms).toBeLessThan(INTERVAL_SECONDS * 1000);
    expect(seen.value).toMatchObject({ source: 'Sàn TMĐT tỉnh B', remoteId: p.id, ocopStars: 5, pageUrl: `https://san-b.example/san-pham/${p.slug}` });
    expect((await peerSearch(a, 'buoi')).engine).toBe('meilisearch');
    // Filters and the province facet: the province as the peer states it.
    expect((await peerSearch(a, 'buoi', { province: '86' })).peerHits).toHaveLength(1);
    expect((await peerSearch(a, 'buoi', { province: '01' })).peerHits).toHaveLength(0);
    expect((await peerSearch(a, 'buoi', { province: '01' })).provinces).toEqual({ '86': 1 });
    expect((await peerSearch(a, 'buoi', { ocopMin: '5' })).peerHits).toHaveLength(1);
    // The failover engine's peer index was kept in step through its own queue.
    await a.drainJobs();
    const [row] = await a.dataSource.query(`SELECT name, peer_name FROM search_peer_products WHERE remote_id = $1`, [p.id]);
    expect(row).toEqual({ name: 'Bưởi Năm Roi Hậu Giang', peer_name: 'Sàn TMĐT tỉnh B' });
    // Bad input is a 400 with field details, never a 500.
    const bad = await a.http.get('/api/v1/search/products').query({ scope: 'everywhere', province: 'x' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['province', 'scope']);
  });

  it('a peer that is down breaks nothing: local search unchanged, peer results kept, the failure shown in its health', async () => {
    const ent = await createVerifiedEnterprise(b, { displayName: 'Cơ sở Kẹo dừa Tư Hiền' });
    await createProduct(b, ent.id, { name: 'Kẹo dừa sáp Tư Hiền' });
    await b.drainJobs();
    intervalPasses(a);
    await withinInterval(async () => (await hitsOf(a, 'kẹo dừa'))[0]);
    const localBefore = (await a.http.get('/api/v1/search/products').query({ q: 'kẹo dừa' }).expect(200)).body;

    // A peer at an address nobody listens on, registered in A: its pulls fail.
    const dead = (
      await a.http
        .post('/api/v1/admin/peers')
        .set(aAdmin.auth)
        .send({ name: 'Sàn tỉnh X (ngừng)', provinceCode: '01', feedUrl: 'http://127.0.0.1:9/open/v1/products' })
        .expect(201)
    ).body as PeerDto;
    await a.drainJobs();
    const health = (await a.http.get('/api/v1/admin/peers').set(aAdmin.auth).expect(200)).body.items.find((x: PeerDto) => x.id === dead.id);
    expect(health).toMatchObject({ health: 'failing', failures: 1, lastError: expect.any(String) });

    const localAfter = (await a.http.get('/api/v1/search/products').query({ q: 'kẹo dừa' }).expect(200)).body;
    expect(localAfter.hits).toEqual(localBefore.hits);
    expect(localAfter.total).toBe(localBefore.total);
    expect((await hitsOf(a, 'kẹo dừa')).map((h) => h.source)).toEqual(['Sàn TMĐT tỉnh B']);
    await a.http.get('/tim-kiem').query({ q: 'kẹo dừa' }).expect(200);
    await a.http.get('/tim-kiem').query({ q: 'kẹo dừa', scope: 'other-provinces' }).expect(200);

    // The admin page shows each peer's health; registering through it is validated like the API.
    const jar = await signIn(a, aAdmin.email, aAdmin.password);
    const page = await openForm(a, '/quan-ly/san-lien-ket', jar);
    // A's site is https (PUBLIC_BASE_URL): its cookies carry the __Host- prefix; postForm reads the plain name.
    jar.tf_csrf = jar['__Host-tf_csrf'];
    expect(page.html).toContain('Sàn tỉnh X (ngừng)');
    expect(page.html).toMatch(new RegExp(`data-peer="${dead.id}">[\\s\\S]*?Đang lỗi \\(1\\)`));
    expect(page.html).toMatch(new RegExp(`data-peer="${aPeer.id}">[\\s\\S]*?Bình thường`));
    const refused = await postForm(a, jar, '/quan-ly/san-lien-ket', { name: 'Sàn Y', provinceCode: 'CT', feedUrl: 'javascript:alert(1)' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('aria-invalid="true"');
    expect((await a.http.get('/api/v1/admin/peers').set(aAdmin.auth).expect(200)).body.items).toHaveLength(2);
    const seller = await createUser(a, 'business');
    const sellerJar = await signIn(a, seller.email, seller.password);
    expect((await a.http.get('/quan-ly/san-lien-ket').set('Cookie', cookieHeader(sellerJar))).status).toBe(403);
    expect((await postForm(a, jar, `/quan-ly/san-lien-ket/${dead.id}/xoa`, {})).status).toBe(303);
    expect((await a.http.get('/api/v1/admin/peers').set(aAdmin.auth).expect(200)).body.items.map((p: PeerDto) => p.id)).toEqual([aPeer.id]);
  });

  it("removing a peer takes its products out of the index (both of A's engines)", async () => {
    expect((await hitsOf(a, 'kẹo dừa')).length).toBeGreaterThan(0);
    const seller = await createUser(a, 'business');
    await a.http.delete(`/api/v1/admin/peers/${aPeer.id}`).set(seller.auth).expect(403);
    await a.http.delete(`/api/v1/admin/peers/${aPeer.id}`).set(aAdmin.auth).expect(204);
    await a.http.delete(`/api/v1/admin/peers/${aPeer.id}`).set(aAdmin.auth).expect(404);
    await a.drainJobs();
    expect(await hitsOf(a, 'kẹo dừa')).toEqual([]);
    expect(await hitsOf(a, 'bưởi')).toEqual([]);
    expect((await a.dataSource.query(`SELECT count(*)::int AS n FROM search_peer_products WHERE peer_id = $1`, [aPeer.id]))[0].n).toBe(0);
  });
});
