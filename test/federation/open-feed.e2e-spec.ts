import { DomainEvents } from '@tradefloor/core';
import { loginAdmin, createUser, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId as bulletinCategory, publishedBulletin } from '../news/helpers';
import { readAll, setPrice, takedownBody, type FeedElement } from './feed-helpers';

const RATE = 200;
jest.setTimeout(180_000);

/** The open feed (issue 16, docs/open-feed.md) through HTTP on real PostgreSQL and Meilisearch. */
describe('open feed /open/v1 (issue 16)', () => {
  let t: TestApp;
  let admin: TestUser;
  let ent: FixtureEnterprise;
  const products: FixtureProduct[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      env: { OPEN_FEED_RATE_PER_MINUTE: String(RATE), PUBLIC_BASE_URL: 'https://san.vinhlong.example', FEDERATION_PROVINCE_CODE: '86' },
    });
    admin = await loginAdmin(t);
    ent = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Năm Roi' });
    await t.dataSource.query(`UPDATE enterprises SET tax_code = '2100123456' WHERE id = $1`, [ent.id]);
    products.push(await createProduct(t, ent.id, { name: 'Bưởi năm roi', gtin: '8934567890128', ocopStars: 4, certifications: [{ type: 'vietgap' }] }));
    for (let i = 1; i < 5; i++) products.push(await createProduct(t, ent.id, { name: `Sản phẩm ${i}` }));
    await createProduct(t, ent.id, { name: 'Bản nháp', status: 'draft' });
    await t.drainJobs();
  });
  afterAll(() => t?.close());

  const productsFeed = () => readAll(t, '/open/v1/products');
  const ids = (els: FeedElement[]) => els.map((e) => e.identifier);

  it('pages every published product once, in a stable order, with an opaque cursor (drafts never appear)', async () => {
    const all = await productsFeed();
    expect(all.pages).toBeGreaterThanOrEqual(3);
    expect(new Set(ids(all.elements)).size).toBe(all.elements.length);
    expect(ids(all.elements).sort()).toEqual(products.map((p) => p.id).sort());
    expect(all.elements.every((e) => e.status === 'live')).toBe(true);
    const positions = all.elements.map((e) => `${e.dateModified} ${e.identifier}`);
    expect([...positions].sort()).toEqual(positions);
    // Read again: the same order.
    expect(ids((await productsFeed()).elements)).toEqual(ids(all.elements));
    // Caught up: an empty page hands back the same cursor.
    const caughtUp = await t.http.get('/open/v1/products').query({ cursor: all.cursor }).expect(200);
    expect(caughtUp.body).toMatchObject({ dataFeedElement: [], nextCursor: all.cursor, hasMore: false, version: '1' });
  });

  it('renders a schema.org Product with Offer, seller tax code and place codes, OCOP certificate, GTIN and GS1 Digital Link', async () => {
    const { elements } = await productsFeed();
    const item = elements.find((e) => e.identifier === products[0].id)!.item!;
    const [ocop] = await t.dataSource.query(
      `SELECT decision_number, to_char(valid_until, 'YYYY-MM-DD') AS until FROM ocop_certificates WHERE product_id = $1`,
      [products[0].id],
    );
    expect(item).toMatchObject({
      '@type': 'Product',
      name: 'Bưởi năm roi',
      gtin: '08934567890128',
      gs1DigitalLink: 'https://id.gs1.org/01/08934567890128',
      url: `https://san.vinhlong.example/san-pham/${products[0].slug}`,
      offers: {
        '@type': 'Offer',
        price: 50_000,
        priceCurrency: 'VND',
        availability: 'https://schema.org/InStock',
        seller: { '@type': 'Organization', name: 'HTX Bưởi Năm Roi', taxID: '2100123456', address: { addressRegion: '86', addressLocality: '29242' } },
      },
    });
    expect(item.hasCertification).toEqual([
      expect.objectContaining({
        name: 'OCOP',
        certificationIdentification: ocop.decision_number,
        expires: ocop.until,
        certificationRating: expect.objectContaining({ ratingValue: 4 }),
      }),
      expect.objectContaining({ name: 'vietgap' }),
    ]);
    expect(item.description).not.toMatch(/</);
    const plain = elements.find((e) => e.identifier === products[1].id)!.item!;
    expect(plain.gtin).toBeUndefined();
    expect(plain.gs1DigitalLink).toBeUndefined();
  });

  it('an edit moves the product after the cursor with its new content; updatedSince starts from an instant', async () => {
    const { cursor } = await productsFeed();
    const before = new Date();
    await setPrice(t, products[2].id, 77_000);
    await t.drainJobs();
    const next = await readAll(t, '/open/v1/products', cursor!);
    expect(ids(next.elements)).toEqual([products[2].id]);
    expect(next.elements[0].item!.offers.price).toBe(77_000);
    const since = await t.http.get('/open/v1/products').query({ updatedSince: before.toISOString() }).expect(200);
    expect(ids(since.body.dataFeedElement)).toEqual([products[2].id]);
  });

  it('a takedown is a tombstone at once (before any job runs), then moves after the cursor', async () => {
    const { cursor } = await productsFeed();
    await t.http.post('/api/v1/admin/takedowns').set(admin.auth).send(takedownBody('product', products[3].id)).expect(201);
    // No drain: the page is rendered from the read model, which already says "withheld".
    const now = (await productsFeed()).elements.find((e) => e.identifier === products[3].id)!;
    expect(now).toEqual({ '@type': 'DataFeedItem', identifier: products[3].id, dateModified: expect.any(String), status: 'deleted' });
    await t.drainJobs();
    const next = await readAll(t, '/open/v1/products', cursor!);
    expect(next.elements).toEqual([expect.objectContaining({ identifier: products[3].id, status: 'deleted' })]);
  });

  it('renders from the read model: a product unlisted a moment ago is a tombstone before its event is handled', async () => {
    const { cursor } = await productsFeed();
    // The state between the write's commit and the feed job: the row changed, the log not yet.
    await t.dataSource.query(`UPDATE products SET status = 'unlisted' WHERE id = $1`, [products[4].id]);
    expect((await productsFeed()).elements.find((e) => e.identifier === products[4].id)).toMatchObject({ status: 'deleted' });
    expect(await readAll(t, '/open/v1/products', cursor!)).toMatchObject({ elements: [] });
    await t.dataSource.transaction((m) => t.app.get(DomainEvents).publish(m, 'product.changed', { productId: products[4].id }));
    await t.drainJobs();
    expect((await readAll(t, '/open/v1/products', cursor!)).elements).toEqual([expect.objectContaining({ identifier: products[4].id, status: 'deleted' })]);
  });

  it("an enterprise's suspension tombstones it and all its products", async () => {
    const other = await createVerifiedEnterprise(t);
    const p = await createProduct(t, other.id, { name: 'Mật ong rừng tràm' });
    await t.drainJobs();
    const { cursor } = await productsFeed();
    const enterprisesBefore = await readAll(t, '/open/v1/enterprises');
    expect(enterprisesBefore.elements.find((e) => e.identifier === other.id)).toMatchObject({ status: 'live', item: { '@type': 'Organization' } });
    await t.http.post(`/api/v1/admin/enterprises/${other.id}/suspend`).set(admin.auth).send({ reason: 'Vi phạm quy chế (test)' }).expect(200);
    await t.drainJobs();
    expect((await readAll(t, '/open/v1/products', cursor!)).elements).toEqual([expect.objectContaining({ identifier: p.id, status: 'deleted' })]);
    const enterprises = await readAll(t, '/open/v1/enterprises', enterprisesBefore.cursor!);
    expect(enterprises.elements).toEqual([expect.objectContaining({ identifier: other.id, status: 'deleted' })]);
  });

  it('publishes bulletins and events as NewsArticle / Event', async () => {
    const editor = await createUser(t, 'editor');
    const b = await publishedBulletin(t, editor, bulletinInput(await bulletinCategory(t, 'tin-tuc'), { title: 'Hội chợ OCOP Vĩnh Long' }));
    await t.drainJobs();
    const { elements } = await readAll(t, '/open/v1/bulletins');
    expect(elements.find((e) => e.identifier === b.id)).toMatchObject({
      status: 'live',
      item: { '@type': 'NewsArticle', headline: 'Hội chợ OCOP Vĩnh Long', url: `https://san.vinhlong.example/tin-tuc/${b.slug}` },
    });
  });

  it('answers 304 to If-None-Match with the ETag, and a new ETag once the page changed', async () => {
    const first = await t.http.get('/open/v1/products').query({ limit: 500 }).expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^".+"$/);
    const again = await t.http.get('/open/v1/products').query({ limit: 500 }).set('If-None-Match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    await setPrice(t, products[1].id, 61_000);
    await t.drainJobs();
    const changed = await t.http.get('/open/v1/products').query({ limit: 500 }).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('is open to any origin for GET (preflight included), while the API keeps its own CORS policy', async () => {
    const res = await t.http.get('/open/v1/products').set('Origin', 'https://other-floor.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toMatch(/etag/i);
    const preflight = await t.http
      .options('/open/v1/products')
      .set('Origin', 'https://other-floor.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'if-none-match');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toMatch(/GET/);
    expect(preflight.headers['access-control-allow-methods']).not.toMatch(/POST/);
    const api = await t.http.get('/api/v1/search/products').set('Origin', 'https://other-floor.example').expect(200);
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('has a CSV flavour (.csv and ?format=csv) with the same rows and tombstones', async () => {
    const json = await t.http.get('/open/v1/products').query({ limit: 500 }).expect(200);
    for (const res of [
      await t.http.get('/open/v1/products.csv').query({ limit: 500 }).expect(200),
      await t.http.get('/open/v1/products').query({ limit: 500, format: 'csv' }).expect(200),
    ]) {
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toMatch(/^id,status,date_modified,name,gtin,sku,price_vnd/);
      expect(lines).toHaveLength(json.body.dataFeedElement.length + 1);
      expect(lines.find((l) => l.startsWith(products[0].id))).toMatch(/Bưởi năm roi,08934567890128,.*2100123456.*https:\/\/id\.gs1\.org\/01\/08934567890128/);
      expect(lines.find((l) => l.startsWith(products[3].id))).toMatch(new RegExp(`^${products[3].id},deleted,[^,]+,+$`));
    }
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 501 }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ cursor: 'not a cursor!' }, 'cursor'],
    [{ cursor: Buffer.from('{"v":1}').toString('base64url') }, 'cursor'],
    [{ updatedSince: 'yesterday' }, 'updatedSince'],
    [{ format: 'xml' }, 'format'],
  ])('refuses %j with 400 naming the field', async (query, field) => {
    const res = await t.http.get('/open/v1/products').query(query).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it("refuses another feed's cursor", async () => {
    const { cursor } = await readAll(t, '/open/v1/enterprises');
    const res = await t.http.get('/open/v1/products').query({ cursor }).expect(400);
    expect(res.body.details[0].field).toBe('cursor');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    for (const path of ['/open/v1/products', '/open/v1/enterprises', '/open/v1/bulletins', '/open/v1/products.csv']) expect(doc.paths[path]?.get).toBeDefined();
  });

  it('exports the OCOP products and certificates for the national OCOP system (admins and editors only)', async () => {
    const buyer = await createUser(t, 'buyer');
    await t.http.get('/api/v1/admin/exports/ocop.csv').set(buyer.auth).expect(403);
    const res = await t.http.get('/api/v1/admin/exports/ocop.csv').set(admin.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'ma_san_pham,ten_san_pham,nhom_nganh,so_sao,tiem_nang_5_sao,so_quyet_dinh,co_quan_cong_nhan,hieu_luc_den,gtin,chu_the,loai_chu_the,ma_so_thue,ma_tinh,ma_xa,duong_dan',
    );
    const [ocop] = await t.dataSource.query(`SELECT decision_number FROM ocop_certificates WHERE product_id = $1`, [products[0].id]);
    expect(lines.slice(1)).toEqual([expect.stringContaining(`${products[0].id},Bưởi năm roi,`)]);
    expect(lines[1]).toContain(`,4,,${ocop.decision_number},UBND tỉnh Vĩnh Long,`);
    expect(lines[1]).toContain(',HTX Bưởi Năm Roi,cooperative,2100123456,86,29242,');
  });

  it('limits each client (429 with Retry-After once over OPEN_FEED_RATE_PER_MINUTE)', async () => {
    let limited: { headers: Record<string, string>; body: { code: string } } | undefined;
    for (let i = 0; i <= 2 * RATE + 1 && !limited; i++) {
      const res = await t.http.get('/open/v1/enterprises').query({ limit: 1 });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited!.body.code).toBe('TOO_MANY_REQUESTS');
  });
});
