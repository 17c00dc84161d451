import { boundedGet, type PeerDto } from '@tradefloor/federation';
import type { AddressInfo } from 'node:net';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { setPrice, takedownBody } from './feed-helpers';
import { startHostilePeer, type HostilePeer } from './hostile-peer';

jest.setTimeout(300_000);

const INTERVAL_SECONDS = 60;

/**
 * Two real TradeFloor instances (each its own database and Meilisearch prefix): B reads A's open
 * feed as a peer. Then B reads a hostile peer, which must change nothing of B's own data.
 */
describe('peer floors (issue 16): pulling, validation, health', () => {
  let a: TestApp;
  let b: TestApp;
  let aAdmin: TestUser;
  let bAdmin: TestUser;
  let aFeed: string;
  let hostile: HostilePeer;

  beforeAll(async () => {
    a = await createTestApp({ env: { PUBLIC_BASE_URL: 'https://san-a.example' } });
    await a.app.listen(0, '127.0.0.1');
    aFeed = `http://127.0.0.1:${(a.app.getHttpServer().address() as AddressInfo).port}/open/v1/products`;
    b = await createTestApp({
      env: {
        FEDERATION_ALLOW_PRIVATE_PEERS: 'true',
        FEDERATION_HTTP_TIMEOUT_MS: '1500',
        FEDERATION_MAX_PAGE_BYTES: String(1024 * 1024),
        FEDERATION_MAX_PAGES_PER_RUN: '5',
        FEDERATION_PULL_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
      },
    });
    [aAdmin, bAdmin] = await Promise.all([loginAdmin(a), loginAdmin(b)]);
    hostile = await startHostilePeer();
  });
  afterAll(async () => {
    await hostile?.close();
    await b?.close();
    await a?.close();
  });

  const register = async (name: string, feedUrl: string): Promise<PeerDto> =>
    (await b.http.post('/api/v1/admin/peers').set(bAdmin.auth).send({ name, provinceCode: '86', feedUrl }).expect(201)).body;
  const pull = async (peer: PeerDto) => {
    await b.http.post(`/api/v1/admin/peers/${peer.id}/pull`).set(bAdmin.auth).expect(200);
    await b.drainJobs();
  };
  const health = async (peer: PeerDto): Promise<PeerDto> =>
    (await b.http.get('/api/v1/admin/peers').set(bAdmin.auth).expect(200)).body.items.find((p: PeerDto) => p.id === peer.id);
  const federated = async (q: string) => (await b.http.get('/api/v1/federation/products').query({ q }).expect(200)).body;

  it("a product published in A appears in B's federated search, an edit updates it, a takedown in A removes it", async () => {
    const ent = await createVerifiedEnterprise(a, { displayName: 'Cơ sở Chả lụa Bà Sáu' });
    const p = await createProduct(a, ent.id, { name: 'Chả lụa Vĩnh Long', gtin: '8934567890128', ocopStars: 5 });
    await a.drainJobs();

    const peer = await register('Sàn TMĐT tỉnh A', aFeed);
    await b.drainJobs();
    let found = await federated('cha lua');
    expect(found.items).toEqual([
      expect.objectContaining({
        source: 'Sàn TMĐT tỉnh A',
        remoteId: p.id,
        name: 'Chả lụa Vĩnh Long',
        priceVnd: 50_000,
        ocopStars: 5,
        provinceCode: '86',
        sellerName: 'Cơ sở Chả lụa Bà Sáu',
        pageUrl: `https://san-a.example/san-pham/${p.slug}`,
        digitalLink: 'https://id.gs1.org/01/08934567890128',
      }),
    ]);
    expect(found).toMatchObject({ scope: 'other-provinces', total: 1, provinces: [{ provinceCode: '86', count: 1 }] });
    // Local search stays local: B has no such product of its own.
    expect((await b.http.get('/api/v1/search/products').query({ q: 'chả lụa' }).expect(200)).body.hits).toEqual([]);
    expect(await health(peer)).toMatchObject({ health: 'ok', failures: 0, items: 1, lastError: null, lastSuccessAt: expect.any(String) });

    await setPrice(a, p.id, 95_000);
    await a.drainJobs();
    await pull(peer);
    found = await federated('cha lua');
    expect(found.items.map((i: { priceVnd: number }) => i.priceVnd)).toEqual([95_000]);

    await a.http.post('/api/v1/admin/takedowns').set(aAdmin.auth).send(takedownBody('product', p.id)).expect(201);
    await a.drainJobs();
    await pull(peer);
    expect((await federated('cha lua')).items).toEqual([]);
    expect(await health(peer)).toMatchObject({ health: 'ok', items: 0 });
  });

  it('a hostile peer changes nothing of ours and is reported in its health, each fault bounded', async () => {
    const ownEnt = await createVerifiedEnterprise(b);
    await createProduct(b, ownEnt.id, { name: 'Bánh tét lá cẩm' });
    await b.drainJobs();
    const ownFeed = await b.http.get('/open/v1/products').query({ limit: 500 }).expect(200);
    const ownSearch = (await b.http.get('/api/v1/search/products').query({ q: 'bánh' }).expect(200)).body.hits;
    const [{ n: ownProducts }] = await b.dataSource.query(`SELECT count(*)::int AS n FROM products`);

    const peers: Record<string, PeerDto> = {};
    for (const path of ['/bad-json', '/huge', '/loop', '/endless', '/redirect', '/silent', '/nasty'])
      peers[path] = await register(`Sàn độc ${path}`, hostile.url(path));
    await b.drainJobs(undefined, 120_000);

    expect(await health(peers['/bad-json'])).toMatchObject({ health: 'failing', failures: 1, items: 0, lastError: expect.stringMatching(/JSON/) });
    expect(await health(peers['/huge'])).toMatchObject({ health: 'failing', items: 0, lastError: expect.stringMatching(/larger than 1048576 bytes/) });
    expect(await health(peers['/loop'])).toMatchObject({ health: 'failing', lastError: expect.stringMatching(/cursor loop/) });
    expect(hostile.hits.get('/loop')).toBe(2);
    // An endless feed is not an error, but one run reads FEDERATION_MAX_PAGES_PER_RUN pages only.
    expect(await health(peers['/endless'])).toMatchObject({ health: 'ok', items: 5 });
    expect(hostile.hits.get('/endless')).toBe(5);
    expect(await health(peers['/redirect'])).toMatchObject({ health: 'failing', lastError: expect.stringMatching(/redirect/) });
    expect(await health(peers['/silent'])).toMatchObject({ health: 'failing', lastError: expect.stringMatching(/timed out/) });
    expect(await health(peers['/nasty'])).toMatchObject({ health: 'ok', items: 1, lastRejected: 5 });
    const nasty = await b.dataSource.query(`SELECT remote_id, name, page_url, image_urls FROM federation_peer_products WHERE peer_id = $1`, [
      peers['/nasty'].id,
    ]);
    expect(nasty).toEqual([
      { remote_id: 'good-1', name: 'Kẹo dừa Bến Tre', page_url: 'https://hostile.example/p/good-1', image_urls: ['https://hostile.example/i/good-1.jpg'] },
    ]);

    // Failing peers back off: the wait doubles with each failure in a row.
    const first = await health(peers['/bad-json']);
    await pull(peers['/bad-json']);
    const second = await health(peers['/bad-json']);
    expect(second.failures).toBe(2);
    const wait = (p: PeerDto) => Date.parse(p.nextPullAt) - Date.parse(p.lastErrorAt!);
    expect(wait(first)).toBe(INTERVAL_SECONDS * 1000);
    expect(wait(second)).toBe(2 * INTERVAL_SECONDS * 1000);

    // Nothing of ours changed: the same open feed page, the same local search, the same products.
    const after = await b.http.get('/open/v1/products').query({ limit: 500 }).expect(200);
    expect(after.headers.etag).toBe(ownFeed.headers.etag);
    expect((await b.http.get('/api/v1/search/products').query({ q: 'bánh' }).expect(200)).body.hits).toEqual(ownSearch);
    expect((await b.dataSource.query(`SELECT count(*)::int AS n FROM products`))[0].n).toBe(ownProducts);
  });

  it('registration is for admins only, validated, and refuses private addresses unless allowed (SSRF)', async () => {
    const seller = await createUser(a, 'business');
    const body = { name: 'Sàn X', provinceCode: '92', feedUrl: 'https://san-x.example/open/v1/products' };
    await a.http.post('/api/v1/admin/peers').set(seller.auth).send(body).expect(403);
    await a.http.get('/api/v1/admin/peers').set(seller.auth).expect(403);
    for (const [patch, field] of [
      [{ name: '' }, 'name'],
      [{ provinceCode: 'CT' }, 'provinceCode'],
      [{ feedUrl: 'javascript:alert(1)' }, 'feedUrl'],
      [{ feedUrl: 'ftp://san-x.example/feed' }, 'feedUrl'],
      [{ feedUrl: 'https://user:pw@san-x.example/feed' }, 'feedUrl'],
      [{ feedUrl: 'http://127.0.0.1:8080/open/v1/products' }, 'feedUrl'],
      [{ feedUrl: 'http://169.254.169.254/latest/meta-data/' }, 'feedUrl'],
      [{ feedUrl: 'http://[::1]/feed' }, 'feedUrl'],
      [{ feedUrl: 'http://localhost:3000/feed' }, 'feedUrl'],
      [{ feedUrl: 'http://10.1.2.3/feed' }, 'feedUrl'],
    ] as const) {
      const res = await a.http
        .post('/api/v1/admin/peers')
        .set(aAdmin.auth)
        .send({ ...body, ...patch })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await a.http.get('/api/v1/admin/peers').set(aAdmin.auth).expect(200)).body.items).toEqual([]);
    await a.http.post('/api/v1/admin/peers').set(aAdmin.auth).send(body).expect(201);
    expect((await a.http.post('/api/v1/admin/peers').set(aAdmin.auth).send(body).expect(409)).body.code).toBe('PEER_EXISTS');
  });

  it('checks the address again when connecting: a name resolving to loopback is refused', async () => {
    const port = new URL(aFeed).port;
    await expect(boundedGet(`http://localhost:${port}/open/v1/products`, { timeoutMs: 2000, maxBytes: 1e6, allowPrivate: false })).rejects.toThrow(
      /blocked private address/,
    );
    await expect(boundedGet(`http://localhost:${port}/open/v1/products`, { timeoutMs: 2000, maxBytes: 1e6, allowPrivate: true })).resolves.toMatchObject({
      status: 200,
    });
  });
});
