import { ProductPageViews } from '@tradefloor/catalog';
import { PageCache } from '@tradefloor/core';
import { ViewCounter } from '@tradefloor/news-bulletin';
import { loginAdmin, PASSWORD, readyDetails, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { within } from '../harness/processes';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, cookiesOf, signIn } from './web-helpers';

const VND = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });

describe('page cache: anonymous storefront pages cached, dropped by events on every replica', () => {
  let a: TestApp;
  let b: TestApp;
  let coop: FixtureEnterprise;
  let pomelo: FixtureProduct;
  let admin: TestUser;

  beforeAll(async () => {
    a = await createTestApp();
    // A second API replica on the same database: its own page cache and listener, no worker.
    b = await createTestApp({ replicaOf: a, worker: false });
    coop = await createVerifiedEnterprise(a, { displayName: 'HTX Bưởi Hùng Hòa' });
    pomelo = await createProduct(a, coop.id, { name: 'Bưởi da xanh', priceVnd: 65_000 });
    admin = await loginAdmin(a);
    await a.drainJobs();
    for (const t of [a, b]) await within(5000, async () => t.app.get(PageCache).stats().listening);
  }, 60_000);

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('serves the second anonymous request from the cache with public caching headers and a strong ETag', async () => {
    const first = await a.http.get(`/san-pham/${pomelo.slug}`).expect(200);
    const second = await a.http.get(`/san-pham/${pomelo.slug}`).expect(200);
    expect(second.headers['x-page-cache']).toBe('hit');
    expect(second.text).toBe(first.text);
    expect(second.headers['cache-control']).toMatch(/^public, .*s-maxage=\d+.*stale-while-revalidate=\d+/);
    expect(second.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(second.headers.etag).toBe(first.headers.etag);
    // Security headers are on the cached copy too.
    expect(second.headers['content-security-policy']).toBeDefined();
    expect(second.headers['set-cookie']).toBeUndefined();
  });

  it('answers 304 to a matching If-None-Match, and a new ETag once the page changed', async () => {
    const page = await a.http.get(`/san-pham/${pomelo.slug}`).expect(200);
    const revalidated = await a.http.get(`/san-pham/${pomelo.slug}`).set('If-None-Match', page.headers.etag).expect(304);
    expect(revalidated.text ?? '').toBe('');
    expect(revalidated.headers.etag).toBe(page.headers.etag);
    await a.http.patch(`/api/v1/products/${pomelo.id}`).set(coop.owner.auth).send({ priceVnd: 66_000 }).expect(200);
    const changed = await a.http.get(`/san-pham/${pomelo.slug}`).set('If-None-Match', page.headers.etag).expect(200);
    expect(changed.headers.etag).not.toBe(page.headers.etag);
    expect(changed.text).toContain(VND.format(66_000));
  });

  it('shows an edited price at once on the replica that wrote, and within 1 s on the other', async () => {
    for (const t of [a, b]) {
      await t.http.get(`/san-pham/${pomelo.slug}`).expect(200);
      expect((await t.http.get(`/san-pham/${pomelo.slug}`).expect(200)).headers['x-page-cache']).toBe('hit');
    }
    await a.http.patch(`/api/v1/products/${pomelo.id}`).set(coop.owner.auth).send({ priceVnd: 71_000 }).expect(200);
    // The writing replica dropped its copy before the write's response.
    expect((await a.http.get(`/san-pham/${pomelo.slug}`).expect(200)).text).toContain(VND.format(71_000));
    expect(await within(1000, async () => (await b.http.get(`/san-pham/${pomelo.slug}`)).text.includes(VND.format(71_000)))).toBe(true);

    // And the other way round: written through replica B.
    await a.http.get(`/san-pham/${pomelo.slug}`).expect(200);
    await b.http.patch(`/api/v1/products/${pomelo.id}`).set(coop.owner.auth).send({ priceVnd: 72_000 }).expect(200);
    expect((await b.http.get(`/san-pham/${pomelo.slug}`).expect(200)).text).toContain(VND.format(72_000));
    expect(await within(1000, async () => (await a.http.get(`/san-pham/${pomelo.slug}`)).text.includes(VND.format(72_000)))).toBe(true);
  });

  it("shows a renamed category on the other replica's pages, not its stale in-process category list", async () => {
    await a.drainJobs();
    const [category] = await a.dataSource.query(`SELECT id, name FROM categories WHERE parent_id IS NULL ORDER BY sort_order LIMIT 1`);
    for (const t of [a, b]) {
      await t.http.get('/').expect(200);
      expect((await t.http.get('/').expect(200)).headers['x-page-cache']).toBe('hit');
    }
    const renamed = `${category.name} miền Tây`;
    await a.http.patch(`/api/v1/admin/categories/${category.id}`).set(admin.auth).send({ name: renamed }).expect(200);
    expect((await a.http.get('/').expect(200)).text).toContain(renamed);
    expect(await within(1000, async () => (await b.http.get('/')).text.includes(renamed))).toBe(true);
  });

  it('never serves an unlisted product from the cache once the unlisting returned', async () => {
    const hidden = await createProduct(a, coop.id, { name: 'Kẹo dừa sáp', priceVnd: 40_000 });
    // The fixture's change event drops the product's pages when its job runs: let it run first, so
    // the page cached below is not dropped by the creation itself.
    await a.drainJobs();
    for (const t of [a, b]) {
      await t.http.get(`/san-pham/${hidden.slug}`).expect(200);
      expect((await t.http.get(`/san-pham/${hidden.slug}`).expect(200)).headers['x-page-cache']).toBe('hit');
    }
    await a.http.post(`/api/v1/products/${hidden.id}/unlist`).set(coop.owner.auth).expect(200);
    await a.http.get(`/san-pham/${hidden.slug}`).expect(404);
    expect(await within(1000, async () => (await b.http.get(`/san-pham/${hidden.slug}`)).status === 404)).toBe(true);
    await a.http.get(`/san-pham/${hidden.slug}`).expect(404);
  });

  it("drops a suspended enterprise's profile and its products' pages before the suspension returns", async () => {
    const other = await createVerifiedEnterprise(a, { displayName: 'Hộ kinh doanh Cô Ba' });
    const rice = await createProduct(a, other.id, { name: 'Gạo ST25', priceVnd: 30_000 });
    await a.drainJobs(); // as above: the creation's own invalidation first
    for (const path of [`/doanh-nghiep/${other.slug}`, `/san-pham/${rice.slug}`]) {
      await a.http.get(path).expect(200);
      expect((await a.http.get(path).expect(200)).headers['x-page-cache']).toBe('hit');
    }
    await a.http.post(`/api/v1/admin/enterprises/${other.id}/suspend`).set(admin.auth).send({ reason: 'Vi phạm quy chế' }).expect(200);
    await a.http.get(`/doanh-nghiep/${other.slug}`).expect(404);
    await a.http.get(`/san-pham/${rice.slug}`).expect(404);
  });

  it("lists a newly published product on its enterprise's profile, dropped through the product's event", async () => {
    const profile = `/doanh-nghiep/${coop.slug}`;
    await a.http.get(profile).expect(200);
    expect((await a.http.get(profile).expect(200)).headers['x-page-cache']).toBe('hit');
    await createProduct(a, coop.id, { name: 'Mật ong rừng tràm', priceVnd: 90_000 });
    expect((await a.http.get(profile).expect(200)).text).toContain('Mật ong rừng tràm');
  });

  it('gives a signed-in seller their own fresh page, never stored nor read from the shared cache', async () => {
    const path = `/san-pham/${pomelo.slug}`;
    await a.http.get(path).expect(200);
    const anonymous = await a.http.get(path).expect(200);
    expect(anonymous.headers['x-page-cache']).toBe('hit');
    expect(anonymous.text).not.toContain('Trang quản lý');

    const jar = await signIn(a, coop.owner.email, PASSWORD);
    const own = await a.http.get(path).set('Cookie', cookieHeader(jar)).expect(200);
    expect(own.headers['x-page-cache']).toBeUndefined();
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect(own.headers.etag).toBeUndefined();
    expect(own.text).toContain('Trang quản lý');

    // The signed-in render did not replace the anonymous copy.
    const again = await a.http.get(path).expect(200);
    expect(again.headers['x-page-cache']).toBe('hit');
    expect(again.text).not.toContain('Trang quản lý');
  });

  it('never shares a CSRF token between two browsers, and keeps form pages out of the cache', async () => {
    const form = `/san-pham/${pomelo.slug}/hoi-mua`;
    const tokens = [];
    for (let i = 0; i < 2; i++) {
      const res = await a.http.get(form).expect(200);
      expect(res.headers['x-page-cache']).toBeUndefined();
      expect(res.headers['cache-control']).toMatch(/private/);
      tokens.push(/name="_csrf" value="([^"]+)"/.exec(res.text)?.[1]);
      expect(cookiesOf(res).tf_csrf).toBe(tokens[i]);
    }
    expect(tokens[0]).toBeDefined();
    expect(tokens[0]).not.toBe(tokens[1]);
    // Cached pages carry no form token at all.
    const cached = await a.http.get(`/san-pham/${pomelo.slug}`).expect(200);
    expect(cached.text).not.toContain('name="_csrf"');
  });

  it('serves the empty stamp-check form from the cache, but never a check of a code', async () => {
    await a.http.get('/kiem-tra-tem').expect(200);
    expect((await a.http.get('/kiem-tra-tem').expect(200)).headers['x-page-cache']).toBe('hit');
    for (let i = 0; i < 2; i++) {
      const malformed = await a.http.get('/kiem-tra-tem?serial=%21%21').expect(400);
      expect(malformed.headers['x-page-cache']).toBeUndefined();
    }
  });

  it('keys pages by language and normalised query', async () => {
    // Search pages are dropped when the index changes: let earlier writes' indexing finish first.
    await a.drainJobs();
    const en = await a.http.get('/tim-kiem?q=buoi&lang=en').expect(200);
    expect(en.headers['set-cookie']?.[0]).toMatch(/^lang=en/);
    const enAgain = await a.http.get('/tim-kiem?lang=en&q=buoi&utm_source=tv').expect(200);
    expect(enAgain.headers['x-page-cache']).toBe('hit');
    expect(enAgain.headers['set-cookie']?.[0]).toMatch(/^lang=en/);
    const vi = await a.http.get('/tim-kiem?q=buoi').set('Cookie', 'lang=vi').expect(200);
    expect(vi.text).not.toBe(en.text);
    const enByCookie = await a.http.get('/tim-kiem?q=buoi').set('Cookie', 'lang=en').expect(200);
    expect(enByCookie.headers['x-page-cache']).toBe('hit');
    expect(enByCookie.text).toBe(en.text);
  });

  it('counts product page views served from the cache', async () => {
    const honey = await createProduct(a, coop.id, { name: 'Mật ong hoa dừa', priceVnd: 120_000 });
    await a.drainJobs(); // the creation's own invalidation first
    const views = a.app.get(ProductPageViews);
    await views.flush();
    for (let i = 0; i < 3; i++) await a.http.get(`/san-pham/${honey.slug}`).expect(200);
    await a.http.head(`/san-pham/${honey.slug}`).expect(200);
    await views.flush();
    const [row] = await a.dataSource.query(`SELECT coalesce(sum(views), 0)::int AS n FROM product_view_days WHERE product_id = $1`, [honey.id]);
    expect(row.n).toBe(3);
  });

  it('counts bulletin views served from the cache (once per visitor, as before)', async () => {
    const editor = await loginAdmin(a);
    const [category] = await a.dataSource.query(`SELECT id FROM bulletin_categories ORDER BY position LIMIT 1`);
    const created = await a.http
      .post('/api/v1/bulletins')
      .set(editor.auth)
      .send({ title: 'Hội chợ OCOP Trà Vinh', summary: 'Tóm tắt', body: '<p>Nội dung</p>', categoryId: category.id })
      .expect(201);
    await a.http.post(`/api/v1/bulletins/${created.body.id}/publish`).set(editor.auth).send({}).expect(200);
    await a.drainJobs(); // the publication's own invalidation first
    const path = `/tin-tuc/${created.body.slug}`;
    await a.http.get(path).set('User-Agent', 'reader-1').expect(200);
    const hit = await a.http.get(path).set('User-Agent', 'reader-2').expect(200);
    expect(hit.headers['x-page-cache']).toBe('hit');
    await a.http.get(path).set('User-Agent', 'reader-2').expect(200);
    await a.app.get(ViewCounter).flush();
    const [row] = await a.dataSource.query(`SELECT view_count FROM bulletins WHERE id = $1`, [created.body.id]);
    expect(Number(row.view_count)).toBe(2);

    // An edit of the published bulletin is shown at once.
    await a.http.patch(`/api/v1/bulletins/${created.body.id}`).set(editor.auth).send({ summary: 'Tóm tắt mới' }).expect(200);
    expect((await a.http.get(path).expect(200)).text).toContain('Tóm tắt mới');
  });

  it('bypasses the cache while not listening for invalidations, and starts afresh once listening again', async () => {
    const cache = b.app.get(PageCache);
    const path = `/san-pham/${pomelo.slug}`;
    await b.http.get(path).expect(200);
    expect((await b.http.get(path).expect(200)).headers['x-page-cache']).toBe('hit');
    await cache.interruptListener(1500);
    expect(await within(5000, async () => !cache.stats().listening)).toBe(true);
    // A write B cannot hear about: B renders every page meanwhile, then drops everything it held.
    await a.http.patch(`/api/v1/products/${pomelo.id}`).set(coop.owner.auth).send({ priceVnd: 81_000 }).expect(200);
    const meanwhile = await b.http.get(path).expect(200);
    expect(meanwhile.headers['x-page-cache']).toBeUndefined();
    expect(meanwhile.text).toContain(VND.format(81_000));
    expect(b.app.get(PageCache).stats().listening).toBe(false);
    expect(await within(10_000, async () => cache.stats().listening)).toBe(true);
    expect(cache.stats().entries).toBe(0);
    await b.http.get(path).expect(200);
    const again = await b.http.get(path).expect(200);
    expect(again.headers['x-page-cache']).toBe('hit');
    expect(again.text).toContain(VND.format(81_000));
  });

  it('reports entries, bytes, hit ratio and evictions on /health/ready', async () => {
    const res = await readyDetails(a);
    const component = res.body.components?.['page-cache'];
    expect(component.status).toBe('up');
    expect(component.figures).toEqual(
      expect.objectContaining({ entries: expect.any(Number), bytes: expect.any(Number), hitRatio: expect.any(Number), evictions: expect.any(Number) }),
    );
    expect(component.figures.hits).toBeGreaterThan(0);
  });
});
