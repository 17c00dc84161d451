import { PageCache } from '@tradefloor/core';
import { createUser, loginAdmin, PASSWORD, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { completedSubOrder, hideReview, openShop, reviewLine } from '../reviews/review-helpers';
import { cookieHeader, openForm, postForm, signIn } from './web-helpers';

/** The product's schema.org Product from the page (the only JSON-LD block of type Product). */
function productLd(page: string): Record<string, unknown> {
  for (const m of page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
    const data = JSON.parse(m[1]);
    if (data['@type'] === 'Product') return data;
  }
  throw new Error('no Product JSON-LD');
}

/** Issue 17: ratings and reviews on the storefront, kept right by the page cache; hidden and rejected reviews never count. */
describe('review pages: product and seller ratings, the review list, the report form, cache-correct', () => {
  let t: TestApp;
  let staff: TestUser;
  let coop: FixtureEnterprise;
  let pomelo: FixtureProduct;
  let buyers: TestUser[];
  let code1: string;
  let code2: string;

  const productPage = () => t.http.get(`/san-pham/${pomelo.slug}`).expect(200);
  const enterprisePage = () => t.http.get(`/doanh-nghiep/${coop.slug}`).expect(200);
  const apiRating = async () => (await t.http.get(`/api/v1/products/${pomelo.id}/reviews`).expect(200)).body.rating;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginAdmin(t);
    coop = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Năm Roi Bình Minh', kind: 'cooperative' });
    await openShop(t, coop);
    pomelo = await createProduct(t, coop.id, { name: 'Bưởi năm roi', priceVnd: 45_000, stockQuantity: 100 });
    buyers = await Promise.all([
      createUser(t, 'buyer', { displayName: 'Lê Văn Tám' }),
      createUser(t, 'buyer', { displayName: 'Phạm Thị Mười' }),
      createUser(t, 'buyer'),
      createUser(t, 'buyer'),
    ]);
    code1 = await completedSubOrder(t, coop, buyers[0], [pomelo.id]);
    code2 = await completedSubOrder(t, coop, buyers[1], [pomelo.id]);
    await t.drainJobs();
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = () =>
        t.app.get(PageCache).stats().listening ? resolve() : Date.now() - started > 5000 ? reject(new Error('page cache not listening')) : setTimeout(poll, 20);
      poll();
    });
  }, 120_000);
  afterAll(() => t?.close());

  it('no published review: no rating, no aggregateRating, an empty review section; a pending review is not shown', async () => {
    await reviewLine(t, staff, buyers[0], code1, pomelo.id, 4, 'pending');
    const page = await productPage();
    expect(page.text).toContain('Chưa có đánh giá nào được duyệt.');
    expect(page.text).not.toContain('id="product-rating"');
    expect(productLd(page.text).aggregateRating).toBeUndefined();
    expect((await enterprisePage()).text).not.toContain('id="seller-rating"');
  });

  it('publishing drops the cached product and enterprise pages: they show the new averages, the review and the seller reply', async () => {
    // Both pages are cached now (no job left to drop them in between).
    await t.drainJobs();
    await productPage();
    expect((await productPage()).headers['x-page-cache']).toBe('hit');
    await enterprisePage();
    expect((await enterprisePage()).headers['x-page-cache']).toBe('hit');

    const [pending] = (await t.http.get('/api/v1/admin/reviews?status=pending').set(staff.auth).expect(200)).body.items;
    await t.http.post(`/api/v1/admin/reviews/${pending.id}/publish`).set(staff.auth).send({}).expect(200);
    let page = await productPage();
    expect(page.headers['x-page-cache']).not.toBe('hit');
    expect(page.text).toMatch(/id="product-rating"><span class="stars">4 <span aria-hidden="true">★<\/span><\/span> <span class="muted">\(1 đánh giá\)/);
    expect(page.text).toContain('Lê Văn Tám');
    expect(page.text).toContain(`href="/danh-gia/${pending.id}/bao-cao"`);
    expect(productLd(page.text).aggregateRating).toEqual({ '@type': 'AggregateRating', ratingValue: 4, reviewCount: 1, bestRating: 5, worstRating: 1 });
    expect((await enterprisePage()).text).toMatch(
      /id="seller-rating"><span class="stars">4 <span aria-hidden="true">★<\/span><\/span> <span class="muted">\(1 đánh giá\)/,
    );

    // A second review (5 stars): 4,5 on the page in Vietnamese, 4.5 in English and in JSON-LD.
    t.clock.advance(60_000);
    await reviewLine(t, staff, buyers[1], code2, pomelo.id, 5);
    page = await productPage();
    expect(page.text).toContain('4,5 <span aria-hidden="true">★</span></span> <span class="muted">(2 đánh giá)');
    expect(productLd(page.text).aggregateRating).toMatchObject({ ratingValue: 4.5, reviewCount: 2 });
    expect((await t.http.get(`/san-pham/${pomelo.slug}?lang=en`).expect(200)).text).toContain(
      '4.5 <span aria-hidden="true">★</span></span> <span class="muted">(2 reviews)',
    );
    // Newest first.
    expect(page.text.indexOf('Phạm Thị Mười')).toBeLessThan(page.text.indexOf('Lê Văn Tám'));

    // The seller's reply: the rating does not move, the cached page is dropped all the same.
    // The in-process worker finishes the second review's jobs first: one finishing between the two
    // renders below drops the page too (seen once in CI under load), and this step tests the reply.
    await t.drainJobs();
    await productPage();
    expect((await productPage()).headers['x-page-cache']).toBe('hit');
    await t.http.post(`/api/v1/enterprises/${coop.id}/reviews/${pending.id}/reply`).set(coop.owner.auth).send({ text: 'Cảm ơn anh đã ủng hộ hợp tác xã.' });
    page = await productPage();
    expect(page.text).toContain('Phản hồi của người bán');
    expect(page.text).toContain('Cảm ơn anh đã ủng hộ hợp tác xã.');
  });

  it('a hidden review (staff) or a rejected one no longer counts: page, JSON-LD, enterprise page and API', async () => {
    const items: Array<{ id: string; authorName: string }> = (await t.http.get(`/api/v1/products/${pomelo.id}/reviews`).expect(200)).body.items;
    const five = items.find((r) => r.authorName === 'Phạm Thị Mười')!;
    await productPage();
    await hideReview(t, staff, five.id);
    // A rejected review (1 star) never counts either.
    const code3 = await completedSubOrder(t, coop, buyers[2], [pomelo.id]);
    await reviewLine(t, staff, buyers[2], code3, pomelo.id, 1, 'rejected');
    const page = await productPage();
    expect(page.text).not.toContain('Phạm Thị Mười');
    expect(page.text).toContain('4 <span aria-hidden="true">★</span></span> <span class="muted">(1 đánh giá)');
    expect(productLd(page.text).aggregateRating).toMatchObject({ ratingValue: 4, reviewCount: 1 });
    expect(await apiRating()).toMatchObject({ average: 4, count: 1 });
    expect((await enterprisePage()).text).toMatch(/id="seller-rating"><span class="stars">4 <span aria-hidden="true">★/);
  });

  it('the product page shows the 10 newest reviews and links to all of them, a page at a time, cached under the product', async () => {
    // Another seller: the other tests count this file's cooperative's ratings.
    const farm = await createVerifiedEnterprise(t, { displayName: 'Hộ kinh doanh Xoài Cao Lãnh' });
    await openShop(t, farm);
    const mango = await createProduct(t, farm.id, { name: 'Xoài cát Hòa Lộc', priceVnd: 70_000, stockQuantity: 100 });
    const reviewers = await Promise.all(Array.from({ length: 12 }, (_, i) => createUser(t, 'buyer', { displayName: `Người mua số ${i + 1}` })));
    const ids: string[] = [];
    for (const buyer of reviewers) {
      const code = await completedSubOrder(t, farm, buyer, [mango.id]);
      t.clock.advance(60_000);
      ids.push(await reviewLine(t, staff, buyer, code, mango.id, 4));
    }
    const shownIds = (text: string) => [...text.matchAll(/<li class="review" id="danh-gia-([0-9a-f-]+)"/g)].map((m) => m[1]);
    const newestFirst = [...ids].reverse();

    const page = await t.http.get(`/san-pham/${mango.slug}`).expect(200);
    expect(shownIds(page.text)).toEqual(newestFirst.slice(0, 10));
    expect(page.text).toContain(`<a href="/san-pham/${mango.slug}/danh-gia">Xem tất cả 12 đánh giá</a>`);

    const first = await t.http.get(`/san-pham/${mango.slug}/danh-gia`).expect(200);
    expect(first.text).toContain('<h1>Đánh giá của người mua: Xoài cát Hòa Lộc</h1>');
    expect(shownIds(first.text)).toEqual(newestFirst.slice(0, 10));
    expect(first.text).toContain(`href="/san-pham/${mango.slug}/danh-gia?page=2" rel="next"`);
    const second = await t.http.get(`/san-pham/${mango.slug}/danh-gia?page=2`).expect(200);
    expect(shownIds(second.text)).toEqual(newestFirst.slice(10));
    expect(second.text).toContain(`href="/san-pham/${mango.slug}/danh-gia" rel="prev"`);
    // A page past the end, or a nonsense page number: no 500, nothing invented.
    expect(shownIds((await t.http.get(`/san-pham/${mango.slug}/danh-gia?page=9`).expect(200)).text)).toEqual([]);
    expect(shownIds((await t.http.get(`/san-pham/${mango.slug}/danh-gia?page=abc`).expect(200)).text)).toEqual(newestFirst.slice(0, 10));
    // An unknown product: the 404 page.
    await t.http.get('/san-pham/khong-co-san-pham-nay/danh-gia').expect(404);

    // Cached, and dropped with the product page when a review stops counting.
    expect((await t.http.get(`/san-pham/${mango.slug}/danh-gia`).expect(200)).headers['x-page-cache']).toBe('hit');
    await hideReview(t, staff, newestFirst[0]);
    const after = await t.http.get(`/san-pham/${mango.slug}/danh-gia`).expect(200);
    expect(after.headers['x-page-cache']).not.toBe('hit');
    expect(shownIds(after.text)).toEqual(newestFirst.slice(1, 11));
    expect(after.text).toContain('(11 đánh giá)');
  });

  it('the report form: CSRF required, bad input 400, reports hide the review and the rating leaves the page', async () => {
    const [review] = (await t.http.get(`/api/v1/products/${pomelo.id}/reviews`).expect(200)).body.items;
    const path = `/danh-gia/${review.id}/bao-cao`;
    const form = await openForm(t, path);
    expect(form.html).toContain('name="reason"');
    // Without the token: refused, nothing recorded.
    await t.http.post(path).type('form').send({ reason: 'Sai sự thật' }).expect(403);
    const blank = await t.http.post(path).type('form').set('Cookie', cookieHeader(form.jar)).send({ _csrf: form.csrf, reason: '  ' }).expect(400);
    expect(blank.text).toContain('aria-invalid="true"');
    expect((await t.http.get('/api/v1/admin/reviews?status=published').set(staff.auth).expect(200)).body.items[0].reportCount).toBe(0);

    // One report from the page (a guest), two through the API (signed in): the third hides it.
    await productPage();
    const sent = await t.http
      .post(path)
      .type('form')
      .set('Cookie', cookieHeader(form.jar))
      .send({ _csrf: form.csrf, reason: 'Đánh giá không đúng sự thật' })
      .expect(200);
    expect(sent.text).toContain('Cảm ơn bạn, chúng tôi đã ghi nhận báo cáo.');
    for (const r of buyers.slice(2)) await t.http.post(`/api/v1/reviews/${review.id}/report`).set(r.auth).send({ reason: 'Spam' }).expect(200);
    const page = await productPage();
    expect(page.text).not.toContain('id="product-rating"');
    expect(page.text).toContain('Chưa có đánh giá nào được duyệt.');
    expect(productLd(page.text).aggregateRating).toBeUndefined();
    expect(await apiRating()).toMatchObject({ average: 0, count: 0 });
    expect((await enterprisePage()).text).not.toContain('id="seller-rating"');
    // The hidden review cannot be reported again from the page: 404 on the form's answer.
    const again = await openForm(t, path);
    await t.http.post(path).type('form').set('Cookie', cookieHeader(again.jar)).send({ _csrf: again.csrf, reason: 'Lại nữa' }).expect(404);
    await t.http.get('/danh-gia/not-an-id/bao-cao').expect(404);
  });

  it('staff moderate held reviews on /quan-ly/danh-gia (CSRF, audited service, illegal moves refused); buyers get 403', async () => {
    const code = await completedSubOrder(t, coop, buyers[3], [pomelo.id]);
    const held = await reviewLine(t, staff, buyers[3], code, pomelo.id, 2, 'pending');
    const jar = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    const list = await t.http.get('/quan-ly/danh-gia').set('Cookie', cookieHeader(jar)).expect(200);
    expect(list.text).toContain(`action="/quan-ly/danh-gia/${held}/publish"`);
    Object.assign(jar, (await openForm(t, '/quan-ly/danh-gia', jar)).jar);
    // Without the token: refused, nothing decided.
    await t.http.post(`/quan-ly/danh-gia/${held}/publish`).type('form').set('Cookie', cookieHeader(jar)).send({}).expect(403);
    const published = await postForm(t, jar, `/quan-ly/danh-gia/${held}/publish`, {});
    expect(published.status).toBe(303);
    expect((await productPage()).text).toContain('2 <span aria-hidden="true">★</span></span> <span class="muted">(1 đánh giá)');
    // Publishing a published review is an illegal move: 409 page.
    expect((await postForm(t, jar, `/quan-ly/danh-gia/${held}/publish`, {})).status).toBe(409);
    const publishedList = await t.http.get('/quan-ly/danh-gia?trang-thai=published').set('Cookie', cookieHeader(jar)).expect(200);
    expect(publishedList.text).toContain(`action="/quan-ly/danh-gia/${held}/hide"`);
    const buyerJar = await signIn(t, buyers[3].email, PASSWORD);
    await t.http.get('/quan-ly/danh-gia').set('Cookie', cookieHeader(buyerJar)).expect(403);
  });

  it('the search page offers the rating sort', async () => {
    const page = await t.http.get('/tim-kiem?sort=rating').expect(200);
    expect(page.text).toContain('<option value="rating" selected>Đánh giá của người mua</option>');
  });
});
