import { strFromU8, unzipSync } from 'fflate';
import { JobQueue, RETENTION_QUEUE } from '@tradefloor/core';
import { Reviews } from '@tradefloor/reviews';
import { createUser, loginAdmin, PASSWORD, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { addToCart, as, countRows, sellerEntry, type Shopper } from '../orders/order-helpers';
import { SALES_TERMS as TERMS } from './review-helpers';

const binary = (r: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = r as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};
const fieldsOf = (body: { details?: Array<{ field: string }> }) => [...new Set((body.details ?? []).map((d) => d.field))];

/** Issue 17 (after delivery): reviews of a completed sub-order, through HTTP on real PostgreSQL. */
describe('reviews: once per completed sub-order line, screening, moderation, seller reply, reports, ratings', () => {
  let t: TestApp;
  let admin: TestUser;
  let coop: FixtureEnterprise;
  let other: FixtureEnterprise; // another business
  let pomelo: FixtureProduct;
  let orange: FixtureProduct;

  const step = (e: FixtureEnterprise, code: string, action: string) =>
    t.http.post(`/api/v1/enterprises/${e.id}/sub-orders/${code}/${action}`).set(e.owner.auth).send({}).expect(200);

  /** A signed-in buyer checks out the products at coop; the sub-order goes as far as `until`. */
  async function order(buyer: TestUser, productIds: string[], until: string[] = ['confirm', 'pack', 'ship', 'deliver', 'complete']): Promise<string> {
    const me: Shopper = { auth: buyer.auth };
    for (const id of productIds) await addToCart(t, me, id, 1);
    const placed = await as(t, me)
      .post('/api/v1/checkout', { buyerPhone: '0987654321', subOrders: [sellerEntry(coop.id)] })
      .expect(201);
    const code: string = placed.body.subOrders[0].code;
    for (const action of until) await step(coop, code, action);
    return code;
  }

  const review = (buyer: TestUser, body: object) => t.http.post('/api/v1/reviews').set(buyer.auth).send(body);
  const good = (subOrderCode: string, productId: string, stars = 5) => ({
    subOrderCode,
    productId,
    productStars: stars,
    sellerStars: 4,
    text: 'Bưởi ngọt, giao hàng nhanh, đóng gói cẩn thận.',
  });
  const publish = (id: string) => t.http.post(`/api/v1/admin/reviews/${id}/publish`).set(admin.auth).send({}).expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    coop = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Hùng Hòa', kind: 'cooperative' });
    other = await createVerifiedEnterprise(t, { displayName: 'Công ty Người Lạ' });
    await t.http.put(`/api/v1/enterprises/${coop.id}/sales-terms`).set(coop.owner.auth).send(TERMS).expect(200);
    pomelo = await createProduct(t, coop.id, { name: 'Bưởi da xanh loại 1', priceVnd: 60_000, stockQuantity: 100 });
    orange = await createProduct(t, coop.id, { name: 'Cam sành Tam Bình', priceVnd: 40_000, stockQuantity: 100 });
    await t.http.post('/api/v1/admin/screening-terms').set(admin.auth).send({ term: 'ma túy', severity: 'prohibited' }).expect(201);
    await t.http.post('/api/v1/admin/screening-terms').set(admin.auth).send({ term: 'rượu', severity: 'restricted' }).expect(201);
    await t.drainJobs();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the buyer of a completed sub-order reviews each product once; not completed, another user and bad input are refused with nothing written', async () => {
    const buyer = await createUser(t, 'buyer', { displayName: 'Trần Thị Bình' });
    const code = await order(buyer, [pomelo.id, orange.id]);

    // Bad input: 400 with field details, nothing written.
    const bad = await review(buyer, { subOrderCode: 'x', productId: 'y', productStars: 6, sellerStars: 0, text: 'ngắn', extra: 1 }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(bad.body)).toEqual(expect.arrayContaining(['subOrderCode', 'productId', 'productStars', 'sellerStars', 'text']));
    const notInOrder = await review(buyer, good(code, (await createProduct(t, coop.id, { name: 'Chanh không hạt' })).id)).expect(400);
    expect(fieldsOf(notInOrder.body)).toEqual(['productId']);
    await t.http.post('/api/v1/reviews').send(good(code, pomelo.id)).expect(401);
    // Another user: the sub-order is not theirs (404, whether or not it exists).
    const stranger = await createUser(t, 'buyer');
    expect((await review(stranger, good(code, pomelo.id)).expect(404)).body.code).toBe('ORDER_NOT_FOUND');
    expect(await countRows(t, 'reviews')).toBe(0);

    const created = await review(buyer, good(code, pomelo.id)).expect(201);
    expect(created.body).toMatchObject({
      status: 'pending',
      productStars: 5,
      sellerStars: 4,
      authorName: 'Trần Thị Bình',
      enterpriseId: coop.id,
      screening: [],
    });
    const again = await review(buyer, { ...good(code, pomelo.id), productStars: 1 }).expect(409);
    expect(again.body.code).toBe('REVIEW_EXISTS');
    // The other product of the same sub-order is its own review.
    await review(buyer, good(code, orange.id, 3)).expect(201);
    expect(await countRows(t, 'reviews')).toBe(2);

    // Two simultaneous attempts at the same line: exactly one wins.
    const third = await order(buyer, [pomelo.id]);
    const race = await Promise.all([review(buyer, good(third, pomelo.id)), review(buyer, good(third, pomelo.id))]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await countRows(t, 'reviews')).toBe(3);

    // Delivered but not completed: 409 SUB_ORDER_NOT_COMPLETED.
    const open = await order(buyer, [pomelo.id], ['confirm', 'pack', 'ship', 'deliver']);
    expect((await review(buyer, good(open, pomelo.id)).expect(409)).body.code).toBe('SUB_ORDER_NOT_COMPLETED');
    expect(await countRows(t, 'reviews')).toBe(3);
  });

  it('screening: a prohibited term is refused (400 naming the term), a restricted one is flagged for staff', async () => {
    const buyer = await createUser(t, 'buyer');
    const code = await order(buyer, [pomelo.id, orange.id]);
    const refused = await review(buyer, { ...good(code, pomelo.id), text: 'Người bán còn mời mua Ma Tuy kèm theo.' }).expect(400);
    expect(refused.body).toMatchObject({ code: 'SCREENING_PROHIBITED', details: [{ field: 'text', message: expect.stringContaining('ma túy') }] });
    const flagged = await review(buyer, { ...good(code, pomelo.id), text: 'Bưởi ngon, ăn kèm rượu rất hợp.' }).expect(201);
    expect(flagged.body).toMatchObject({ status: 'pending', screening: [{ term: 'rượu', severity: 'restricted', field: 'text', text: 'rượu' }] });
    const queue = await t.http.get('/api/v1/admin/reviews?status=pending').set(admin.auth).expect(200);
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(flagged.body.id);
    await t.http.get('/api/v1/admin/reviews').set(buyer.auth).expect(403);
    await t.http.get('/api/v1/admin/reviews?status=bogus').set(admin.auth).expect(400);

    // Staff reject it (audited); a rejected review is purged a year after the decision.
    const rejected = await t.http.post(`/api/v1/admin/reviews/${flagged.body.id}/reject`).set(admin.auth).send({ note: 'Quảng cáo rượu' }).expect(200);
    expect(rejected.body.status).toBe('rejected');
    await t.http.post(`/api/v1/admin/reviews/${flagged.body.id}/hide`).set(admin.auth).send({}).expect(409);
    const runRetention = async () => {
      await t.app.get(JobQueue).enqueueNow(RETENTION_QUEUE, {});
      await t.drainJobs([RETENTION_QUEUE]);
    };
    await runRetention();
    expect(await t.dataSource.query(`SELECT id FROM reviews WHERE id = $1`, [flagged.body.id])).toHaveLength(1);
    await t.dataSource.query(`UPDATE reviews SET moderated_at = $2 WHERE id = $1`, [flagged.body.id, new Date(t.clock.now().getTime() - 366 * 24 * 3600_000)]);
    await runRetention();
    expect(await t.dataSource.query(`SELECT id FROM reviews WHERE id = $1`, [flagged.body.id])).toHaveLength(0);
  });

  it('moderation is audited, and the product and enterprise aggregates are exact after publish and hide', async () => {
    const product = await createProduct(t, coop.id, { name: 'Quýt đường', priceVnd: 35_000, stockQuantity: 50 });
    const ids: string[] = [];
    for (const stars of [5, 4, 2]) {
      const buyer = await createUser(t, 'buyer');
      const code = await order(buyer, [product.id]);
      ids.push((await review(buyer, good(code, product.id, stars)).expect(201)).body.id);
    }
    const page = () => t.http.get(`/api/v1/products/${product.id}/reviews`).expect(200);
    expect((await page()).body).toMatchObject({ items: [], total: 0, rating: { average: 0, count: 0, distribution: [0, 0, 0, 0, 0] } });

    await t.http.post(`/api/v1/admin/reviews/${ids[0]}/publish`).set(coop.owner.auth).send({}).expect(403);
    for (const id of ids) await publish(id);
    expect((await page()).body.rating).toEqual({ average: 3.67, count: 3, distribution: [0, 1, 0, 1, 1] });
    const [stored] = await t.dataSource.query(
      `SELECT review_count, stars_sum, average::float8 AS average, distribution FROM product_ratings WHERE product_id = $1`,
      [product.id],
    );
    expect(stored).toEqual({ review_count: 3, stars_sum: 11, average: 3.67, distribution: [0, 1, 0, 1, 1] });

    expect(await t.app.get(Reviews).ratingsOf([product.id, pomelo.id])).toEqual(new Map([[product.id, { average: 3.67, count: 3 }]]));

    const hidden = await t.http.post(`/api/v1/admin/reviews/${ids[2]}/hide`).set(admin.auth).send({ note: 'Nội dung không liên quan' }).expect(200);
    expect(hidden.body.status).toBe('hidden');
    const after = (await page()).body;
    expect(after.rating).toEqual({ average: 4.5, count: 2, distribution: [0, 0, 0, 1, 1] });
    expect(after.items.map((r: { id: string }) => r.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect(after.items[0]).not.toHaveProperty('authorUserId');
    const stored2 = await t.dataSource.query(`SELECT review_count, stars_sum FROM product_ratings WHERE product_id = $1`, [product.id]);
    expect(stored2).toEqual([{ review_count: 2, stars_sum: 9 }]);
    // Illegal move: a hidden review cannot be rejected.
    expect((await t.http.post(`/api/v1/admin/reviews/${ids[2]}/reject`).set(admin.auth).send({}).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');

    const audit = await t.dataSource.query(`SELECT action, actor_id FROM audit_events WHERE subject_type = 'review' AND subject_id = ANY($1) ORDER BY seq`, [
      ids,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['review.publish', 'review.publish', 'review.publish', 'review.hide']);
    expect(audit[0].actor_id).toBe(admin.id);

    // The enterprise page: seller stars over its published reviews.
    const ent = await t.http.get(`/api/v1/enterprises/${coop.id}/reviews?pageSize=100`).expect(200);
    expect(ent.body.rating.count).toBe(ent.body.total);
    expect(ent.body.items.every((r: { enterpriseId: string; status: string }) => r.enterpriseId === coop.id && r.status === 'published')).toBe(true);
  });

  it('the seller replies once, by members of that enterprise only; the reply is screened', async () => {
    const buyer = await createUser(t, 'buyer');
    const code = await order(buyer, [pomelo.id]);
    const id: string = (await review(buyer, good(code, pomelo.id)).expect(201)).body.id;
    await publish(id);
    const url = (e: FixtureEnterprise) => `/api/v1/enterprises/${e.id}/reviews/${id}/reply`;

    await t.http.post(url(coop)).set(other.owner.auth).send({ text: 'Cảm ơn bạn!' }).expect(403);
    await t.http.post(url(other)).set(other.owner.auth).send({ text: 'Cảm ơn bạn!' }).expect(404);
    await t.http.post(url(coop)).set(buyer.auth).send({ text: 'Cảm ơn bạn!' }).expect(403);
    expect(fieldsOf((await t.http.post(url(coop)).set(coop.owner.auth).send({ text: '' }).expect(400)).body)).toEqual(['text']);
    const prohibited = await t.http.post(url(coop)).set(coop.owner.auth).send({ text: 'Lần sau tặng thêm ma túy nhé' }).expect(400);
    expect(prohibited.body.code).toBe('SCREENING_PROHIBITED');
    expect((await t.dataSource.query(`SELECT reply_text FROM reviews WHERE id = $1`, [id]))[0].reply_text).toBeNull();

    const replied = await t.http.post(url(coop)).set(coop.owner.auth).send({ text: 'Cảm ơn anh/chị đã ủng hộ HTX!' }).expect(200);
    expect(replied.body).toMatchObject({ replyText: 'Cảm ơn anh/chị đã ủng hộ HTX!', status: 'published' });
    expect((await t.http.post(url(coop)).set(coop.owner.auth).send({ text: 'Lần hai' }).expect(409)).body.code).toBe('REVIEW_ALREADY_REPLIED');
    const pub = await t.http.get(`/api/v1/products/${pomelo.id}/reviews`).expect(200);
    expect(pub.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({ replyText: 'Cảm ơn anh/chị đã ủng hộ HTX!' });
  });

  it('anyone reports a review once; three reports hide it (audited, aggregate updated) until staff publish it again', async () => {
    const product = await createProduct(t, coop.id, { name: 'Xoài cát Hòa Lộc', priceVnd: 80_000, stockQuantity: 20 });
    const buyer = await createUser(t, 'buyer');
    const code = await order(buyer, [product.id]);
    const id: string = (await review(buyer, good(code, product.id, 4)).expect(201)).body.id;
    const report = (auth: Record<string, string> = {}, body: object = { reason: 'Đánh giá không đúng sự thật' }) =>
      t.http.post(`/api/v1/reviews/${id}/report`).set(auth).send(body);
    // A pending review cannot be reported (it is not public).
    await report().expect(404);
    await publish(id);
    expect((await t.http.get(`/api/v1/products/${product.id}/reviews`).expect(200)).body.rating.count).toBe(1);

    expect(fieldsOf((await report({}, {}).expect(400)).body)).toEqual(['reason']);
    await t.http.post(`/api/v1/reviews/not-a-uuid/report`).send({ reason: 'x' }).expect(400);
    const a = await createUser(t, 'buyer');
    const b = await createUser(t, 'buyer');
    await report(a.auth).expect(200);
    await report(a.auth).expect(200); // the same reporter again counts once
    await report(b.auth).expect(200);
    expect((await t.dataSource.query(`SELECT status, report_count FROM reviews WHERE id = $1`, [id]))[0]).toEqual({ status: 'published', report_count: 2 });
    await report().expect(200); // a guest
    expect((await t.dataSource.query(`SELECT status, report_count FROM reviews WHERE id = $1`, [id]))[0]).toEqual({ status: 'hidden', report_count: 3 });
    expect((await t.http.get(`/api/v1/products/${product.id}/reviews`).expect(200)).body.rating).toEqual({
      average: 0,
      count: 0,
      distribution: [0, 0, 0, 0, 0],
    });
    const [audit] = await t.dataSource.query(`SELECT actor_role, after FROM audit_events WHERE subject_id = $1 AND action = 'review.hide'`, [id]);
    expect(audit).toMatchObject({ actor_role: 'system', after: { status: 'hidden', reports: 3 } });
    const queue = await t.http.get('/api/v1/admin/reviews?status=hidden').set(admin.auth).expect(200);
    expect(queue.body.items[0]).toMatchObject({ id, reportCount: 3 });

    await publish(id);
    expect((await t.http.get(`/api/v1/products/${product.id}/reviews`).expect(200)).body.rating).toEqual({
      average: 4,
      count: 1,
      distribution: [0, 0, 0, 1, 0],
    });
  });

  it("my data: the export lists the buyer's reviews; closing the account pseudonymises the author and keeps the rating", async () => {
    const product = await createProduct(t, coop.id, { name: 'Nhãn xuồng', priceVnd: 50_000, stockQuantity: 20 });
    const buyer = await createUser(t, 'buyer', { displayName: 'Lê Văn Cường' });
    const code = await order(buyer, [product.id]);
    const id: string = (await review(buyer, good(code, product.id, 5)).expect(201)).body.id;
    await publish(id);

    await t.http.post('/api/v1/me/data-export').set(buyer.auth).expect(202);
    await t.drainJobs();
    const ready = await t.http.get('/api/v1/me/data-export').set(buyer.auth).expect(200);
    const zip = await t.http.get(ready.body.downloadUrl).set(buyer.auth).buffer(true).parse(binary).expect(200);
    const data = JSON.parse(strFromU8(unzipSync(new Uint8Array(zip.body as Buffer))['data.json']));
    expect(data.sections.reviews).toEqual([expect.objectContaining({ kind: 'review', id, subOrderCode: code, productId: product.id, productStars: 5 })]);

    await t.http.delete('/api/v1/me').set(buyer.auth).send({ password: PASSWORD }).expect(200);
    const [row] = await t.dataSource.query(`SELECT author_user_id, author_name FROM reviews WHERE id = $1`, [id]);
    expect(row.author_user_id).toBeNull();
    expect(row.author_name).toMatch(/^user-/);
    const pub = await t.http.get(`/api/v1/products/${product.id}/reviews`).expect(200);
    expect(pub.body).toMatchObject({ total: 1, rating: { count: 1, average: 5 }, items: [{ id, authorName: row.author_name }] });
  });
});
