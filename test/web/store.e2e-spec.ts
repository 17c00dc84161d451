import { seedDemoBulletins } from '@tradefloor/news-bulletin';
import sharp from 'sharp';
import {
  PHUONG_TRA_VINH,
  XA_CAU_KE,
  XA_HUNG_HOA,
  categoryId,
  createProduct,
  createVerifiedEnterprise,
  type FixtureEnterprise,
  type FixtureProduct,
} from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';

const VND = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
const GTIN13 = '8931234567897';
/** The page-weight budget for storefront HTML (issue: ≤ 50 KB). */
const KB50 = 50 * 1024;

/** Every schema.org block of a page, parsed (fails the test if one is not valid JSON). */
function jsonLdBlocks(page: string): Array<Record<string, unknown>> {
  return [...page.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]));
}

/** The page with every <script> element removed: what a browser without JavaScript shows. */
const withoutScripts = (page: string) => page.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');

/** The `href`s of every link whose text or attributes match. */
const hrefs = (page: string) => [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

describe('storefront catalog pages: home, search, product, enterprises', () => {
  let t: TestApp;
  let coop: FixtureEnterprise;
  let household: FixtureEnterprise;
  let pomelo: FixtureProduct;
  let candy: FixtureProduct;
  let rice: FixtureProduct;
  let draft: FixtureProduct;
  let evil: FixtureProduct;

  beforeAll(async () => {
    t = await createTestApp();
    coop = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi da xanh Hùng Hòa', communeCode: XA_HUNG_HOA, kind: 'cooperative' });
    household = await createVerifiedEnterprise(t, { displayName: 'Hộ kinh doanh Cô Ba', communeCode: XA_CAU_KE, kind: 'household' });
    pomelo = await createProduct(t, coop.id, {
      name: 'Bưởi da xanh Hùng Hòa',
      priceVnd: 65_000,
      ocopStars: 5,
      gtin: GTIN13,
      sku: 'BUOI-01',
      certifications: [{ type: 'vietgap' }],
      description: '<p>Bưởi ruột hồng, vỏ mỏng, trồng theo VietGAP.</p>',
    });
    candy = await createProduct(t, coop.id, { name: 'Kẹo dừa sáp', categorySlug: 'banh-keo-mut', priceVnd: 40_000, ocopStars: 4 });
    draft = await createProduct(t, coop.id, { name: 'Mắm cá linh chưa duyệt', status: 'draft', ocopStars: 4 });
    rice = await createProduct(t, household.id, { name: 'Gạo hữu cơ ST25', categorySlug: 'gao', priceVnd: 30_000 });
    // The fixture stores descriptions raw (the API sanitises them on input), so give it a clean one.
    evil = await createProduct(t, household.id, {
      name: '<script>alert(1)</script> Bánh tét lá cẩm',
      categorySlug: 'banh-keo-mut',
      priceVnd: 25_000,
      description: '<p>Bánh tét nhân đậu xanh.</p>',
    });
    // Enough products for a second page of results (24 a page).
    for (let i = 1; i <= 24; i++) {
      await createProduct(t, household.id, { name: `Chuối sấy dẻo loại ${i}`, categorySlug: 'trai-cay-say', priceVnd: 20_000 + i * 100 });
    }
    // Two photos for the pomelo's gallery, through the upload pipeline.
    for (const background of ['#2f7d32', '#f2c94c']) {
      const photo = await sharp({ create: { width: 600, height: 600, channels: 3, background } })
        .png()
        .toBuffer();
      await t.http.post(`/api/v1/products/${pomelo.id}/images`).set(coop.owner.auth).attach('file', photo, 'buoi.png').expect(201);
    }
    // The pomelo is live on Shopee (the partner-sync suites cover how it got there); Voso refused it.
    await t.dataSource.query(
      `INSERT INTO listings (product_id, enterprise_id, channel, state, external_id, external_url)
       VALUES ($1, $2, 'shopee', 'listed', '42', 'https://shopee.vn/product/7/42'),
              ($1, $2, 'voso', 'rejected', NULL, 'https://voso.vn/should-not-show')`,
      [pomelo.id, coop.id],
    );
    await seedDemoBulletins(t.dataSource);
    // 30 products to index on a machine shared by many suites: a generous deadline, not a timing check.
    await t.drainJobs(undefined, 180_000);
  }, 240_000);
  afterAll(() => t.close());

  describe('home', () => {
    it('shows featured OCOP products, top-level categories, news and province figures without JavaScript', async () => {
      const res = await t.http.get('/').expect(200);
      const page = res.text;
      const featured = page.slice(page.indexOf('id="featured-h"'), page.indexOf('id="newest-h"'));
      expect(featured).toContain(`href="/san-pham/${pomelo.slug}"`);
      expect(featured).toContain(`href="/san-pham/${candy.slug}"`);
      expect(featured).toContain('5 sao OCOP');
      expect(featured).not.toContain(rice.slug); // no OCOP certificate
      expect(featured).not.toContain(draft.slug);

      const food = await categoryId(t, 'thuc-pham');
      const fruit = await categoryId(t, 'trai-cay');
      expect(page).toContain(`href="/tim-kiem?category=${food}"`);
      expect(page).not.toContain(`href="/tim-kiem?category=${fruit}"`); // only top-level groups
      // Category tiles count published products in the group and its sub-categories (not the draft).
      const foodTile = page.slice(page.indexOf(`href="/tim-kiem?category=${food}"`)).split('</a>')[0];
      const [{ n: inFood }] = await t.dataSource.query(
        `WITH RECURSIVE tree AS (SELECT id FROM categories WHERE id = $1 UNION ALL SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id)
         SELECT count(*)::int AS n FROM products WHERE status = 'published' AND category_id IN (SELECT id FROM tree)`,
        [food],
      );
      expect(inFood).toBeGreaterThan(0);
      expect(foodTile).toContain(`${inFood} sản phẩm`);

      // New on the floor: the last product published comes first, drafts never.
      const newest = page.slice(page.indexOf('id="newest-h"'), page.indexOf('id="ent-h"'));
      expect(newest.indexOf('Chuối sấy dẻo loại 24</a>')).toBeGreaterThan(-1);
      expect(newest.indexOf('Chuối sấy dẻo loại 24</a>')).toBeLessThan(newest.indexOf('Chuối sấy dẻo loại 23</a>'));
      expect(newest).not.toContain(draft.slug);

      // Leading producers: the cooperative with OCOP products before the household without.
      const leaders = page.slice(page.indexOf('id="ent-h"'), page.indexOf('id="news-h"'));
      expect(leaders.indexOf(`href="/doanh-nghiep/${coop.slug}"`)).toBeGreaterThan(-1);
      expect(leaders.indexOf(`href="/doanh-nghiep/${coop.slug}"`)).toBeLessThan(leaders.indexOf(`href="/doanh-nghiep/${household.slug}"`));
      expect(leaders).toContain('2 sản phẩm · 2 OCOP');
      expect(leaders).toContain('Hợp tác xã');

      // Where else the province's products are sold: live listings only (Voso refused its one).
      const marketplaces = page.slice(page.indexOf('id="mkt-h"'));
      expect(marketplaces).toContain('Shopee · 1 sản phẩm');
      expect(marketplaces).not.toContain('Voso');

      const [latest] = await t.dataSource.query(`SELECT slug FROM bulletins WHERE status = 'published' ORDER BY published_at DESC, id LIMIT 1`);
      expect(page).toContain(`href="/tin-tuc/${latest.slug}"`);
      expect(page).toContain('href="/su-kien"');

      // 2 verified enterprises; 28 published products (not the draft); 3 OCOP-certified products in the
      // province (the draft's certificate counts: certification is the province's, not the listing's).
      const figures = page.slice(page.indexOf('id="fig-h"'));
      expect(figures).toMatch(/Chủ thể đã xác minh<\/dt><dd><b>2<\/b>/);
      expect(figures).toMatch(/Sản phẩm đang bán<\/dt><dd><b>28<\/b>/);
      expect(figures).toMatch(/Sản phẩm OCOP<\/dt><dd><b>3<\/b>/);
      expect(figures).toMatch(/OCOP 5 sao<\/dt><dd><b>1<\/b>/);
      expect(figures).toMatch(/OCOP 4 sao<\/dt><dd><b>2<\/b>/);
      expect(page).not.toMatch(/<script(?! type="application\/ld\+json")/);
      expect(Buffer.byteLength(page)).toBeLessThan(KB50);
    });
  });

  describe('search', () => {
    it('finds the pomelo for a buyer typing without diacritics, with highlights, and lists results without JavaScript', async () => {
      const res = await t.http.get('/tim-kiem?q=buoi+da+xanh').expect(200);
      const page = withoutScripts(res.text);
      expect(page).toContain(`href="/san-pham/${pomelo.slug}"`);
      expect(page).toMatch(/<mark>Bưởi<\/mark>/);
      expect(page).toContain(VND.format(65_000));
      expect(page).toMatch(/<img src="[^"]*" alt="Bưởi da xanh Hùng Hòa"|class="noimg"/);
      expect(page).toMatch(/<p class="count" role="status">\d+ sản phẩm<\/p>/);
      expect(page).not.toContain(rice.slug);
      expect(res.text).toContain('<script src="/assets/search.js" defer></script>');
      expect(Buffer.byteLength(res.text)).toBeLessThan(KB50);
    });

    it('filters by OCOP stars (ocopMin=4) and shows the choice as checked', async () => {
      const page = (await t.http.get('/tim-kiem?ocopMin=4').expect(200)).text;
      expect(page).toContain(`href="/san-pham/${pomelo.slug}"`);
      expect(page).toContain(`href="/san-pham/${candy.slug}"`);
      expect(page).not.toContain(`href="/san-pham/${rice.slug}"`);
      expect(page).not.toContain(draft.slug);
      expect(page).toContain('<input type="radio" name="ocopMin" value="4" checked>');
      expect(page).toContain('2 sản phẩm');
    });

    it('keeps the other parameters in pagination, facet and filter-removal links', async () => {
      const page = (await t.http.get('/tim-kiem?sort=price_asc&inStock=true').expect(200)).text;
      expect(page).toContain('28 sản phẩm');
      expect((page.match(/<li class="card">/g) ?? []).length).toBe(24);
      const next = hrefs(page).find((h) => h.includes('page=2'));
      expect(next).toBe('/tim-kiem?inStock=true&sort=price_asc&page=2');
      // Cheapest first: the 24 dried bananas (≤ 22.400 ₫) fill page 1, dearer products follow.
      expect(page.indexOf('Chuối sấy dẻo loại 1<')).toBeLessThan(page.indexOf('Chuối sấy dẻo loại 2<'));
      expect(page).not.toContain('Bánh tét');

      const second = (await t.http.get(next!).expect(200)).text;
      expect((second.match(/<li class="card">/g) ?? []).length).toBe(4);
      expect(hrefs(second)).toContain('/tim-kiem?inStock=true&sort=price_asc'); // back to page 1
      expect(second).toContain(`href="/san-pham/${pomelo.slug}"`);
      expect(second.indexOf('Bánh tét')).toBeLessThan(second.indexOf('Bưởi da xanh Hùng Hòa<')); // 25.000 ₫ before 65.000 ₫

      // Facets with counts inside the GET form, the current state preserved.
      expect(page).toMatch(/<option value="29362">Xã Hùng Hòa \(2\)<\/option>/);
      expect(page).toMatch(/<option value="household">Hộ kinh doanh \(26\)<\/option>/);
      expect(page).toContain('<option value="price_asc" selected>');
      expect(page).toContain('<input type="checkbox" name="inStock" value="true" checked>');

      const filtered = (await t.http.get('/tim-kiem?commune=29362&sort=price_asc&inStock=true').expect(200)).text;
      expect(filtered).toContain('2 sản phẩm');
      // Removing the commune filter keeps the sort and stock filters.
      expect(hrefs(filtered)).toContain('/tim-kiem?inStock=true&sort=price_asc');
    });

    it('answers bad parameters with the page, a friendly message and status 400 (never 500)', async () => {
      const bad = await t.http.get('/tim-kiem?ocopMin=9&category=not-a-uuid&sort=cheap').expect(400);
      expect(bad.headers['content-type']).toMatch(/text\/html/);
      expect(bad.text).toContain('Một số điều kiện tìm kiếm không hợp lệ');
      expect(bad.text).toContain('aria-invalid="true"');
      expect(bad.text).toContain('Danh mục không hợp lệ');

      const inverted = await t.http.get('/tim-kiem?priceMin=50000&priceMax=1000').expect(400);
      expect(inverted.text).toContain('Giá tối thiểu lớn hơn giá tối đa');
      expect(inverted.text).toContain('value="50000"');

      await t.http.get('/tim-kiem?page=999').expect(400);
      await t.http.get('/tim-kiem?q=a&q=b&priceMin=-5').expect(400);
      await t.http.get(`/tim-kiem?q=${'x'.repeat(500)}`).expect(400);
    });

    it('escapes a product named <script> and whatever the visitor typed', async () => {
      const page = (await t.http.get('/tim-kiem?q=banh+tet').expect(200)).text;
      expect(page).toContain(`href="/san-pham/${evil.slug}"`);
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).not.toContain('<script>alert');
      const typed = (await t.http.get('/tim-kiem?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E').expect(200)).text;
      expect(typed).not.toContain('<img src=x');
      expect(typed).toContain('&lt;img src=x onerror=alert(1)&gt;');
    });

    it('serves the progressive search script with caching validators', async () => {
      const js = await t.http.get('/assets/search.js').expect(200);
      expect(js.headers['content-type']).toMatch(/javascript/);
      expect(js.text).toContain('aria-activedescendant');
      await t.http.get('/assets/search.js').set('If-None-Match', js.headers.etag).expect(304);
    });
  });

  describe('product page', () => {
    it('shows price, OCOP validity, seller contact, partner links and traceability, with Product JSON-LD', async () => {
      const batch = await t.http
        .post('/api/v1/batches')
        .set(coop.owner.auth)
        .send({ productId: pomelo.id, lotCode: 'LOT2025A', producedAt: '2025-07-01', quantity: 500, unit: 'kg', originCommuneCode: XA_HUNG_HOA })
        .expect(201);
      expect(batch.body.lotCode).toBe('LOT2025A');

      const res = await t.http.get(`/san-pham/${pomelo.slug}`).expect(200);
      const page = res.text;
      expect(page).toContain('<title>Bưởi da xanh Hùng Hòa | Sàn Giao dịch TMĐT tỉnh Vĩnh Long</title>');
      expect(page).toContain('<h1>Bưởi da xanh Hùng Hòa</h1>');
      expect(page).toContain(VND.format(65_000));
      const [{ until }] = await t.dataSource.query(`SELECT to_char(valid_until, 'DD/MM/YYYY') AS until FROM ocop_certificates WHERE product_id = $1`, [
        pomelo.id,
      ]);
      expect(page).toContain(`<dt>Hiệu lực đến</dt><dd>${until}</dd>`);
      // The badge says which decision made it and who issued it, so a buyer can check it.
      const [cert] = await t.dataSource.query(`SELECT decision_number, issuing_body FROM ocop_certificates WHERE product_id = $1`, [pomelo.id]);
      expect(page).toContain(`<dt>Quyết định công nhận</dt><dd>${cert.decision_number}</dd>`);
      expect(page).toContain(`<dt>Cơ quan cấp</dt><dd>${cert.issuing_body}</dd>`);
      // A gallery without JavaScript: a focusable row of photos and thumbnails linking to each.
      expect(page).toMatch(/<ul class="slides" tabindex="0" aria-label="[^"]+\(2\)">/);
      expect(page).toContain('<li id="anh-2">');
      expect(page).toContain('href="#anh-2"');
      // "Buy on Shopee" from the live listing; more from the same seller and category.
      expect(page).toContain('>Mua trên Shopee</a>');
      const moreFromSeller = page.slice(page.indexOf('id="rel-ent-h"'));
      expect(moreFromSeller).toContain(`href="/san-pham/${candy.slug}"`);
      expect(moreFromSeller.slice(0, moreFromSeller.indexOf('</section>'))).not.toContain(`href="/san-pham/${pomelo.slug}"`);
      expect(page).toContain('5 sao OCOP');
      expect(page).toContain('Còn hàng');
      expect(page).toContain('VietGAP');
      expect(page).toContain('Bưởi ruột hồng, vỏ mỏng'); // sanitised description as HTML
      expect(page).toContain('href="tel:0912345678"');
      expect(page).toContain('href="https://zalo.me/0912345678"');
      expect(page).toContain(`href="/san-pham/${pomelo.slug}/hoi-mua"`);
      expect(page).toContain(`href="/doanh-nghiep/${coop.slug}"`);
      expect(page).toContain('href="https://shopee.vn/product/7/42"');
      expect(page).not.toContain('should-not-show');
      expect(page).toContain('<td>LOT2025A</td><td>01/07/2025</td>');
      expect(page).toContain('<meta property="og:type" content="product">');
      expect(Buffer.byteLength(page)).toBeLessThan(KB50);

      const product = jsonLdBlocks(page).find((b) => b['@type'] === 'Product');
      expect(product).toMatchObject({
        name: 'Bưởi da xanh Hùng Hòa',
        sku: 'BUOI-01',
        gtin13: GTIN13,
        brand: { '@type': 'Organization', name: 'HTX Bưởi da xanh Hùng Hòa' },
        offers: { '@type': 'Offer', price: 65_000, priceCurrency: 'VND', availability: 'https://schema.org/InStock' },
      });
    });

    it('shows no stars for a product whose certificate expired', async () => {
      await t.dataSource.query(`UPDATE ocop_certificates SET valid_until = current_date - 1 WHERE product_id = $1`, [candy.id]);
      const full = (await t.http.get(`/san-pham/${candy.slug}`).expect(200)).text;
      // The candy's own page part (the "more from" cards below show other products' stars).
      const page = full.slice(0, full.indexOf('id="rel-ent-h"'));
      expect(page).toContain('<h1>Kẹo dừa sáp</h1>');
      expect(page).not.toContain('sao OCOP');
      expect(page).not.toContain('Hiệu lực đến');
      expect(page).not.toContain('Quyết định công nhận');
    });

    it('answers 404 with an HTML page for drafts, unknown and odd slugs', async () => {
      const res = await t.http.get(`/san-pham/${draft.slug}`).expect(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('Không tìm thấy sản phẩm');
      expect(res.text).not.toContain('Mắm cá linh');
      await t.http.get('/san-pham/khong-co-san-pham-nay').expect(404);
      const odd = await t.http.get(`/san-pham/${encodeURIComponent('<b>x</b>')}`).expect(404);
      expect(odd.text).not.toContain('<b>x</b>');
      expect((await t.http.get(`/san-pham/${'a'.repeat(99)}`).expect(404)).text).toContain('<html');
      // Longer than the router's parameter limit: the framework answers 414 itself (never a 500).
      await t.http.get(`/san-pham/${'a'.repeat(300)}`).expect(414);
    });

    it('escapes a product named <script> in the page and its structured data', async () => {
      const page = (await t.http.get(`/san-pham/${evil.slug}`).expect(200)).text;
      expect(page).not.toContain('<script>alert');
      expect(page).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; Bánh tét lá cẩm</h1>');
      const product = jsonLdBlocks(page).find((b) => b['@type'] === 'Product');
      expect(product?.name).toBe('<script>alert(1)</script> Bánh tét lá cẩm');
    });
  });

  describe('enterprises', () => {
    it('lists verified enterprises, filters by kind, and keeps bad input at 400', async () => {
      const all = (await t.http.get('/doanh-nghiep').expect(200)).text;
      expect(all).toContain(`href="/doanh-nghiep/${coop.slug}"`);
      expect(all).toContain(`href="/doanh-nghiep/${household.slug}"`);
      expect(all).toContain('2 chủ thể');
      expect(all).toContain('href="/doanh-nghiep?commune=29362"');

      const households = (await t.http.get('/doanh-nghiep?kind=household').expect(200)).text;
      expect(households).toContain(`href="/doanh-nghiep/${household.slug}"`);
      expect(households).not.toContain(`href="/doanh-nghiep/${coop.slug}"`);

      const byName = (await t.http.get('/doanh-nghiep?q=buoi').expect(200)).text;
      expect(byName).toContain(coop.slug);
      expect(byName).not.toContain(household.slug);

      await t.http.get('/doanh-nghiep?kind=bank').expect(400);
    });

    it('filters by commune with a plain GET dropdown of the communes that have verified enterprises, with counts', async () => {
      await createVerifiedEnterprise(t, { displayName: 'HTX chờ xác minh Trà Vinh', communeCode: PHUONG_TRA_VINH, status: 'pending_verification' });
      const names: Record<string, string> = Object.fromEntries(
        (await t.dataSource.query(`SELECT code, name FROM communes WHERE code = ANY($1)`, [[XA_HUNG_HOA, XA_CAU_KE, PHUONG_TRA_VINH]])).map(
          (c: { code: string; name: string }) => [c.code, c.name],
        ),
      );
      const communeSelect = (page: string) => /<select id="e-commune" name="commune">([\s\S]*?)<\/select>/.exec(page)?.[1] ?? '';

      const all = (await t.http.get('/doanh-nghiep').expect(200)).text;
      expect(all).toContain('<form class="filters inline" action="/doanh-nghiep" method="get" role="search">');
      expect(all).toContain(`<label for="e-commune">Xã/phường</label>`);
      const options = communeSelect(all);
      expect(options).toContain('<option value="">Tất cả</option>');
      expect(options).toContain(`<option value="${XA_HUNG_HOA}">${names[XA_HUNG_HOA]} (1)</option>`);
      expect(options).toContain(`<option value="${XA_CAU_KE}">${names[XA_CAU_KE]} (1)</option>`);
      expect(options).not.toContain(PHUONG_TRA_VINH); // only a pending enterprise there

      // The URL is the state: sharable, canonical, kept by the other filters' form.
      const hungHoa = (await t.http.get(`/doanh-nghiep?commune=${XA_HUNG_HOA}`).expect(200)).text;
      expect(hungHoa).toContain(`href="/doanh-nghiep/${coop.slug}"`);
      expect(hungHoa).not.toContain(`href="/doanh-nghiep/${household.slug}"`);
      expect(hungHoa).toContain('1 chủ thể');
      expect(communeSelect(hungHoa)).toContain(`<option value="${XA_HUNG_HOA}" selected>${names[XA_HUNG_HOA]} (1)</option>`);
      expect(hungHoa).toContain(`<link rel="canonical" href="${t.config.publicBaseUrl}/doanh-nghiep?commune=${XA_HUNG_HOA}">`);

      // Counts follow the other filters; a commune with nothing to show stays chosen at 0.
      const households = communeSelect((await t.http.get(`/doanh-nghiep?kind=household&commune=${XA_HUNG_HOA}`).expect(200)).text);
      expect(households).toContain(`<option value="${XA_CAU_KE}">${names[XA_CAU_KE]} (1)</option>`);
      expect(households).toContain(`<option value="${XA_HUNG_HOA}" selected>${names[XA_HUNG_HOA]} (0)</option>`);
      const empty = await t.http.get(`/doanh-nghiep?commune=${PHUONG_TRA_VINH}`).expect(200);
      expect(empty.text).toContain('Không tìm thấy chủ thể phù hợp.');
      expect(communeSelect(empty.text)).toContain(`<option value="${PHUONG_TRA_VINH}" selected>${names[PHUONG_TRA_VINH]} (0)</option>`);
    });

    it('shows every enterprise with a notice for a commune id that does not exist, never an error', async () => {
      for (const bad of ['12', '99999', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', `${XA_HUNG_HOA}x`]) {
        const res = await t.http.get(`/doanh-nghiep?kind=&commune=${bad}`);
        expect({ bad, status: res.status }).toEqual({ bad, status: 200 });
        expect(res.text).toContain('Xã/phường đã chọn không có trong danh mục; đang hiển thị chủ thể của mọi xã/phường.');
        expect(res.text).toContain(`href="/doanh-nghiep/${coop.slug}"`);
        expect(res.text).toContain(`href="/doanh-nghiep/${household.slug}"`);
        expect(res.text).not.toContain('<script>alert');
        expect(res.text).not.toMatch(/<option value="[^"]*" selected>/);
      }
      // A repeated parameter: the first one counts.
      const twice = (await t.http.get(`/doanh-nghiep?commune=${XA_HUNG_HOA}&commune=${XA_CAU_KE}`).expect(200)).text;
      expect(twice).toContain(`href="/doanh-nghiep/${coop.slug}"`);
      expect(twice).not.toContain(`href="/doanh-nghiep/${household.slug}"`);
    });

    it('shows the profile with its published products only, contact and Organization JSON-LD', async () => {
      const page = (await t.http.get(`/doanh-nghiep/${coop.slug}`).expect(200)).text;
      expect(page).toContain('<h1>HTX Bưởi da xanh Hùng Hòa</h1>');
      expect(page).toContain(`href="/san-pham/${pomelo.slug}"`);
      expect(page).toContain(`href="/san-pham/${candy.slug}"`);
      expect(page).not.toContain(draft.slug);
      expect(page).not.toContain(rice.slug);
      expect(page).toContain('href="tel:0912345678"');
      expect(page).toContain('Xã Hùng Hòa');
      const org = jsonLdBlocks(page).find((b) => b['@type'] === 'Organization');
      expect(org).toMatchObject({ name: 'HTX Bưởi da xanh Hùng Hòa', telephone: '0912345678' });
      expect(Buffer.byteLength(page)).toBeLessThan(KB50);
    });

    it('answers 404 for unknown and unverified enterprises', async () => {
      const pending = await createVerifiedEnterprise(t, { status: 'pending_verification' });
      await t.http.get(`/doanh-nghiep/${pending.slug}`).expect(404);
      const res = await t.http.get('/doanh-nghiep/khong-ton-tai').expect(404);
      expect(res.text).toContain('Không tìm thấy chủ thể');
    });
  });
});
