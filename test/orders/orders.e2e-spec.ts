import { createHash, randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { DomainEvents, JobQueue, RETENTION_QUEUE } from '@tradefloor/core';
import { createUser, loginAdmin, PASSWORD, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, XA_HUNG_HOA, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { FakeSmtpServer, readMail } from '../harness/fake-smtp-server';
import { createTestApp, type TestApp } from '../harness/test-app';
import { ADDRESS, addToCart, as, countRows, guestCheckout, SALES_TERMS, sellerEntry, stockOf, type Shopper } from './order-helpers';

const DAY = 24 * 3600_000;
const binary = (r: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = r as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};
const fieldsOf = (body: { details?: Array<{ field: string }> }) => [...new Set((body.details ?? []).map((d) => d.field))];

/** Issue 17 (orders): cart → checkout split per seller → the seller's steps, through HTTP on real PostgreSQL. */
describe('orders: cart, checkout per seller, sub-order lifecycle, sales terms', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let coop: FixtureEnterprise; // a cooperative
  let household: FixtureEnterprise; // a household business
  let stranger: FixtureEnterprise; // another business: sees and changes nothing of the others' orders
  let pomelo: FixtureProduct;
  let coconut: FixtureProduct;
  let candy: FixtureProduct;

  const sellerApi = (owner: TestUser, enterpriseId: string, code = '') => ({
    get: () => t.http.get(`/api/v1/enterprises/${enterpriseId}/sub-orders/${code}`).set(owner.auth),
    step: (action: string, body: object = {}) => t.http.post(`/api/v1/enterprises/${enterpriseId}/sub-orders/${code}/${action}`).set(owner.auth).send(body),
  });

  beforeAll(async () => {
    smtp = new FakeSmtpServer();
    const port = await smtp.start();
    t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'don-hang@san.example.vn' } });
    coop = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Hùng Hòa', kind: 'cooperative' });
    household = await createVerifiedEnterprise(t, { displayName: 'Hộ kinh doanh Dừa Sáp Cầu Kè', kind: 'household' });
    stranger = await createVerifiedEnterprise(t, { displayName: 'Công ty Người Lạ' });
    await t.dataSource.query(`UPDATE enterprises SET email = 'htx.hunghoa@example.vn' WHERE id = $1`, [coop.id]);
    pomelo = await createProduct(t, coop.id, { name: 'Bưởi da xanh loại 1', priceVnd: 60_000, stockQuantity: 40 });
    coconut = await createProduct(t, household.id, { name: 'Dừa sáp Cầu Kè', priceVnd: 120_000, stockQuantity: 15 });
    candy = await createProduct(t, household.id, { name: 'Kẹo dừa', priceVnd: 30_000, stockQuantity: 100 });
    await t.dataSource.query(`UPDATE products SET min_order_quantity = 2 WHERE id = $1`, [candy.id]);
    await t.drainJobs();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('sellers publish sales terms (members only, audited; bad input is 400 per field); buyers see them in the cart before ordering', async () => {
    const terms = SALES_TERMS;
    const bad = await t.http
      .put(`/api/v1/enterprises/${coop.id}/sales-terms`)
      .set(coop.owner.auth)
      .send({ ...terms, sellerDeliveryFeeVnd: -1, deliveryCommuneCodes: ['99999'], confirmWithinHours: 0 })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['sellerDeliveryFeeVnd', 'confirmWithinHours']));
    const unknownCommune = await t.http
      .put(`/api/v1/enterprises/${coop.id}/sales-terms`)
      .set(coop.owner.auth)
      .send({ ...terms, deliveryCommuneCodes: ['99999'] })
      .expect(400);
    expect(unknownCommune.body.details).toEqual([{ field: 'deliveryCommuneCodes.0', message: expect.stringContaining('unknown commune') }]);
    await t.http.put(`/api/v1/enterprises/${coop.id}/sales-terms`).set(stranger.owner.auth).send(terms).expect(403);
    expect(await countRows(t, 'seller_sales_terms')).toBe(0);

    const saved = await t.http.put(`/api/v1/enterprises/${coop.id}/sales-terms`).set(coop.owner.auth).send(terms).expect(200);
    expect(saved.body).toMatchObject({ ...terms, published: true });
    const [audit] = await t.dataSource.query(`SELECT actor_id, action FROM audit_events WHERE subject_id = $1 AND action = 'orders.sales-terms.update'`, [
      coop.id,
    ]);
    expect(audit).toEqual({ actor_id: coop.owner.id, action: 'orders.sales-terms.update' });
    expect((await t.http.get(`/api/v1/enterprises/${coop.id}/sales-terms`).expect(200)).body.deliveryPolicy).toBe(terms.deliveryPolicy);

    const guest: Shopper = {};
    await addToCart(t, guest, pomelo.id, 2);
    await addToCart(t, guest, coconut.id, 1);
    const cart = (await as(t, guest).get('/api/v1/cart').expect(200)).body;
    const coopPart = cart.sellers.find((s: { enterpriseId: string }) => s.enterpriseId === coop.id);
    expect(coopPart.salesTerms).toMatchObject({
      returnsPolicy: terms.returnsPolicy,
      pricesIncludeVat: false,
      sellerDeliveryFeeVnd: 25_000,
      confirmWithinHours: 24,
    });
    expect(coopPart.shippingOptions).toEqual([expect.objectContaining({ carrier: 'seller', feeVnd: 25_000, included: false })]);
    expect(coopPart.paymentMethods).toEqual(['cod']);
    const hhPart = cart.sellers.find((s: { enterpriseId: string }) => s.enterpriseId === household.id);
    expect(hhPart.salesTerms).toMatchObject({ published: false, deliveryProvinceCodes: ['86'], confirmWithinHours: 48 });
    expect(cart).toMatchObject({ itemCount: 3, itemsTotalVnd: 2 * 60_000 + 120_000, checkoutReady: true });
  });

  it('guest cart: HttpOnly cookie; quantities within stock and minimum order; invisible products 404', async () => {
    const guest: Shopper = {};
    const first = await addToCart(t, guest, candy.id, 2);
    const cookie = ([] as string[]).concat(first.headers['set-cookie'])[0];
    expect(cookie).toMatch(/^tf_cart=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly/);
    // The database keeps only the token's hash.
    const token = guest.cookie!.slice('tf_cart='.length);
    expect(await t.dataSource.query(`SELECT user_id FROM carts WHERE token_hash = $1`, [createHash('sha256').update(token).digest('hex')])).toEqual([
      { user_id: null },
    ]);
    expect(await t.dataSource.query(`SELECT 1 FROM carts WHERE token_hash = $1`, [token])).toEqual([]);

    const below = await as(t, guest)
      .patch('/api/v1/cart', { items: [{ productId: candy.id, quantity: 1 }] })
      .expect(400);
    expect(below.body.details).toEqual([{ field: 'items.0.quantity', message: expect.stringContaining('minimum order') }]);
    const over = await addToCart(t, guest, coconut.id, 16, 409);
    expect(over.body).toMatchObject({ code: 'OUT_OF_STOCK', message: expect.stringContaining('Dừa sáp Cầu Kè') });
    const badQty = await addToCart(t, guest, coconut.id, 0, 400);
    expect(fieldsOf(badQty.body)).toEqual(['quantity']);
    const draft = await createProduct(t, coop.id, { name: 'Bưởi chưa duyệt', status: 'draft' });
    await addToCart(t, guest, draft.id, 1, 404);
    const cart = (await as(t, guest).get('/api/v1/cart').expect(200)).body;
    expect(cart.sellers.flatMap((s: { items: Array<{ productId: string; quantity: number }> }) => s.items)).toEqual([
      expect.objectContaining({ productId: candy.id, quantity: 2, problems: [] }),
    ]);
    // Stock moving under the cart shows as a problem, not an error.
    await t.dataSource.query(`UPDATE products SET stock_quantity = 1 WHERE id = $1`, [candy.id]);
    const moved = (await as(t, guest).get('/api/v1/cart').expect(200)).body;
    expect(moved.checkoutReady).toBe(false);
    expect(moved.sellers[0].items[0].problems).toEqual(['insufficient_stock']);
    await t.dataSource.query(`UPDATE products SET stock_quantity = 100 WHERE id = $1`, [candy.id]);
    await as(t, guest).delete('/api/v1/cart').expect(204);
    expect((await as(t, guest).get('/api/v1/cart').expect(200)).body.itemCount).toBe(0);
  });

  it("a guest's refused first addition leaves no cart and no cookie; a cookie whose cart is gone gets a new cart", async () => {
    const carts = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM carts`))[0].n);
    const before = await carts();
    const guest: Shopper = {};
    const over = await addToCart(t, guest, coconut.id, 10_000, 409);
    expect(over.headers['set-cookie']).toBeUndefined();
    await addToCart(t, guest, randomUUID(), 1, 404);
    expect(guest.cookie).toBeUndefined();
    expect(await carts()).toBe(before);

    await addToCart(t, guest, candy.id, 2);
    const firstCookie = guest.cookie!;
    const token = firstCookie.slice('tf_cart='.length);
    await t.dataSource.query(`DELETE FROM carts WHERE token_hash = $1`, [createHash('sha256').update(token).digest('hex')]);
    const again = await addToCart(t, guest, candy.id, 3);
    expect(guest.cookie).toMatch(/^tf_cart=[A-Za-z0-9_-]{43}$/);
    expect(guest.cookie).not.toBe(firstCookie);
    expect(again.body.sellers.flatMap((s: { items: Array<{ productId: string; quantity: number }> }) => s.items)).toEqual([
      expect.objectContaining({ productId: candy.id, quantity: 3 }),
    ]);
    await as(t, guest).delete('/api/v1/cart').expect(204);
  });

  it("a guest's cart merges into the buyer's cart at sign-in, and the cookie is cleared", async () => {
    const buyer = await createUser(t, 'buyer');
    const me: Shopper = { auth: buyer.auth };
    await addToCart(t, me, pomelo.id, 1);
    const guest: Shopper = {};
    await addToCart(t, guest, pomelo.id, 2);
    await addToCart(t, guest, candy.id, 3);
    const both: Shopper = { auth: buyer.auth, cookie: guest.cookie };
    const res = await as(t, both).get('/api/v1/cart').expect(200);
    expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/^tf_cart=; Path=\/; Max-Age=0/);
    const lines = res.body.sellers.flatMap((s: { items: Array<{ productId: string; quantity: number }> }) => s.items);
    expect(lines).toEqual(
      expect.arrayContaining([expect.objectContaining({ productId: pomelo.id, quantity: 3 }), expect.objectContaining({ productId: candy.id, quantity: 3 })]),
    );
    // The guest cart is gone: the old cookie now finds nothing.
    expect((await as(t, { cookie: guest.cookie }).get('/api/v1/cart').expect(200)).body.itemCount).toBe(0);
    await as(t, me).delete('/api/v1/cart').expect(204);
  });

  it('bad checkout input is 400 with field details and writes nothing', async () => {
    const guest: Shopper = {};
    await addToCart(t, guest, pomelo.id, 1);
    await addToCart(t, guest, coconut.id, 1);
    const before = { orders: await countRows(t, 'orders'), subs: await countRows(t, 'sub_orders'), stock: await stockOf(t, pomelo.id) };

    const shape = await as(t, guest)
      .post('/api/v1/checkout', {
        buyerPhone: '123',
        subOrders: [
          {
            enterpriseId: 'x',
            paymentMethod: 'bitcoin',
            shipping: { carrier: 'dhl' },
            address: { provinceCode: '8', communeCode: 'abc', street: '', recipientName: 'A', recipientPhone: '1' },
          },
        ],
      })
      .expect(400);
    expect(shape.body.code).toBe('VALIDATION_FAILED');
    const fields = shape.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'buyerPhone',
        'subOrders.0.enterpriseId',
        'subOrders.0.paymentMethod',
        'subOrders.0.shipping.carrier',
        'subOrders.0.address.provinceCode',
        'subOrders.0.address.communeCode',
        'subOrders.0.address.street',
        'subOrders.0.address.recipientName',
        'subOrders.0.address.recipientPhone',
      ]),
    );

    const missing = await as(t, guest)
      .post('/api/v1/checkout', { buyerPhone: '0912345678', subOrders: [{ enterpriseId: coop.id, paymentMethod: 'cod' }, 'x'] })
      .expect(400);
    expect(fieldsOf(missing.body)).toEqual(expect.arrayContaining(['subOrders.0.shipping', 'subOrders.0.address', 'subOrders.1']));
    await as(t, guest).post('/api/v1/checkout', { buyerPhone: '0912345678', subOrders: [] }).expect(400);
    await as(t, guest)
      .post('/api/v1/checkout', { buyerPhone: '0912345678', subOrders: [sellerEntry(coop.id)], extra: 1 })
      .expect(400);

    const semantic = await as(t, guest)
      .post(
        '/api/v1/checkout',
        guestCheckout([coop.id], {
          buyerName: undefined,
          buyerEmail: undefined,
          subOrders: [sellerEntry(coop.id, { address: { ...ADDRESS, provinceCode: '79' }, paymentMethod: 'vietqr' }), sellerEntry(stranger.id)],
        }),
      )
      .expect(400);
    expect(semantic.body.details).toEqual(
      expect.arrayContaining([
        { field: 'buyerName', message: expect.any(String) },
        { field: 'buyerEmail', message: expect.any(String) },
        { field: 'subOrders.0.address.communeCode', message: expect.stringContaining('not in this province') },
        { field: 'subOrders.0.paymentMethod', message: expect.stringContaining('not accepted') },
        { field: 'subOrders.1.enterpriseId', message: expect.stringContaining('no cart lines') },
        { field: 'subOrders', message: expect.stringContaining(household.id) },
      ]),
    );

    // Outside the seller's delivery area (terms list one commune, the address is another).
    await t.http
      .put(`/api/v1/enterprises/${household.id}/sales-terms`)
      .set(household.owner.auth)
      .send({
        deliveryPolicy: 'Chỉ giao trong phường Trà Vinh.',
        returnsPolicy: 'Không đổi trả hàng thực phẩm đã mở.',
        pricesIncludeVat: true,
        sellerDeliveryFeeVnd: 10_000,
        deliveryProvinceCodes: [],
        deliveryCommuneCodes: [ADDRESS.communeCode],
        confirmWithinHours: 48,
      })
      .expect(200);
    const outside = await as(t, guest)
      .post(
        '/api/v1/checkout',
        guestCheckout([coop.id], { subOrders: [sellerEntry(coop.id), sellerEntry(household.id, { address: { ...ADDRESS, communeCode: XA_HUNG_HOA } })] }),
      )
      .expect(400);
    expect(outside.body.details).toEqual([{ field: 'subOrders.1.address.communeCode', message: expect.stringContaining('delivery area') }]);

    expect(await countRows(t, 'orders')).toBe(before.orders);
    expect(await countRows(t, 'sub_orders')).toBe(before.subs);
    expect(await stockOf(t, pomelo.id)).toBe(before.stock);
    expect((await as(t, guest).get('/api/v1/cart').expect(200)).body.itemCount).toBe(2);
    await as(t, guest).delete('/api/v1/cart').expect(204);
    await as(t, guest)
      .post('/api/v1/checkout', guestCheckout([coop.id]))
      .expect(400);
  });

  let guestOrder: { orderCode: string; subOrders: Array<{ code: string; enterpriseId: string; totalVnd: number }> };

  it('checkout splits into one sub-order per seller, reserves stock, empties the cart and mails both sides', async () => {
    const guest: Shopper = {};
    await addToCart(t, guest, pomelo.id, 3);
    await addToCart(t, guest, coconut.id, 2);
    await addToCart(t, guest, candy.id, 4);
    const stock = { pomelo: await stockOf(t, pomelo.id), coconut: await stockOf(t, coconut.id), candy: await stockOf(t, candy.id) };
    const cart = (await as(t, guest).get('/api/v1/cart').expect(200)).body;
    smtp.messages.length = 0;
    const [{ lastJob }] = await t.dataSource.query(`SELECT COALESCE(max(id), 0)::bigint::text AS "lastJob" FROM jobs`);
    const res = await as(t, guest)
      .post('/api/v1/checkout', guestCheckout([coop.id, household.id], { buyerPhone: '+84 912 000 111' }))
      .expect(201);
    guestOrder = res.body;
    expect(res.body.orderCode).toMatch(/^TV-[2-9A-HJKMNP-TW-Z]{6}$/);
    expect(res.body.subOrders.map((s: { code: string }) => s.code)).toEqual([`${res.body.orderCode}-1`, `${res.body.orderCode}-2`]);
    const coopSub = res.body.subOrders.find((s: { enterpriseId: string }) => s.enterpriseId === coop.id);
    expect(coopSub).toMatchObject({
      status: 'placed',
      paymentMethod: 'cod',
      paymentState: 'cod_on_delivery',
      itemsSubtotalVnd: 180_000,
      shippingFeeVnd: 25_000,
      totalVnd: 205_000,
      pricesIncludeVat: false,
      shippingCarrier: 'seller',
      address: { ...ADDRESS },
      note: 'Giao giờ hành chính',
      payment: { method: 'cod', text: expect.stringContaining('205.000') },
      items: [
        { productId: pomelo.id, name: 'Bưởi da xanh loại 1', sku: expect.any(String), unit: 'kg', unitPriceVnd: 60_000, quantity: 3, lineTotalVnd: 180_000 },
      ],
    });
    expect(new Date(coopSub.expiresAt).getTime() - new Date(coopSub.placedAt).getTime()).toBe(24 * 3600_000);
    const hhSub = res.body.subOrders.find((s: { enterpriseId: string }) => s.enterpriseId === household.id);
    expect(hhSub).toMatchObject({ itemsSubtotalVnd: 2 * 120_000 + 4 * 30_000, shippingFeeVnd: 10_000, totalVnd: 370_000 });
    // Each sub-order holds its own seller's lines in cart order, and its history starts with the placement.
    const linesOf = (items: Array<{ productId: string; quantity: number }>) => items.map((i) => [i.productId, i.quantity]);
    const householdInCart = cart.sellers.find((s: { enterpriseId: string }) => s.enterpriseId === household.id);
    expect(linesOf(hhSub.items)).toEqual(linesOf(householdInCart.items));
    expect(linesOf(hhSub.items).sort()).toEqual(
      [
        [coconut.id, 2],
        [candy.id, 4],
      ].sort(),
    );
    for (const sub of [coopSub, hhSub]) {
      expect(sub.events).toEqual([{ fromStatus: null, toStatus: 'placed', action: 'place', actorRole: 'buyer', note: sub.note, at: sub.placedAt }]);
    }
    // The answer is built from what the insert returned: the order read back later is the same.
    const readBack = await t.http.get(`/api/v1/orders/${res.body.orderCode}?phone=0912000111`).expect(200);
    expect(readBack.body).toEqual(res.body);
    expect(await stockOf(t, pomelo.id)).toBe(stock.pomelo - 3);
    expect(await stockOf(t, coconut.id)).toBe(stock.coconut - 2);
    expect(await stockOf(t, candy.id)).toBe(stock.candy - 4);
    expect((await as(t, guest).get('/api/v1/cart').expect(200)).body.itemCount).toBe(0);
    const [order] = await t.dataSource.query(`SELECT buyer_phone, buyer_user_id FROM orders WHERE code = $1`, [res.body.orderCode]);
    expect(order).toEqual({ buyer_phone: '0912000111', buyer_user_id: null });
    const kinds = await t.dataSource.query(`SELECT seller_kind FROM sub_orders WHERE code = $1`, [hhSub.code]);
    expect(kinds).toEqual([{ seller_kind: 'household' }]);

    // Stock changes reach search and the partner listings through the existing product.changed sync.
    const jobs = await t.dataSource.query(
      `SELECT DISTINCT payload->>'productId' AS id FROM jobs WHERE id > $1 AND payload->>'event' = 'product.changed' AND queue = 'search.product'`,
      [lastJob],
    );
    expect(jobs.map((j: { id: string }) => j.id).sort()).toEqual([pomelo.id, coconut.id, candy.id].sort());
    const syncQueues = await t.dataSource.query(`SELECT DISTINCT queue FROM jobs WHERE id > $1 AND payload->>'event' = 'product.changed'`, [lastJob]);
    expect(syncQueues.map((q: { queue: string }) => q.queue)).toEqual(expect.arrayContaining(['search.product', 'partner-sync.product']));
    await t.drainJobs();

    const mails = smtp.messages.map((m) => ({ to: m.to, ...readMail(m) }));
    const buyerMails = mails.filter((m) => m.to.includes('an.nguyen@example.vn'));
    expect(buyerMails.map((m) => m.subject).sort()).toEqual([`Đã nhận đơn hàng — ${coopSub.code}`, `Đã nhận đơn hàng — ${hhSub.code}`]);
    const sellerMail = mails.find((m) => m.to.includes('htx.hunghoa@example.vn'));
    expect(sellerMail?.to.sort()).toEqual(['htx.hunghoa@example.vn', coop.owner.email].sort());
    expect(sellerMail?.subject).toBe(`Đơn hàng mới — ${coopSub.code}`);
    expect(sellerMail?.text).toContain('Nguyễn Văn An — 0912000111');
    expect(sellerMail?.text).toContain('Bưởi da xanh loại 1: 3 kg');
  });

  it('a guest follows the order with the checkout phone; anything else is 404, never a hint', async () => {
    const code = guestOrder.orderCode;
    const ok = await t.http.get(`/api/v1/orders/${code}`).query({ phone: '0912000111' }).expect(200);
    expect(ok.body.subOrders).toHaveLength(2);
    expect(ok.body.totalVnd).toBe(205_000 + 370_000);
    const wrong = await t.http.get(`/api/v1/orders/${code}`).query({ phone: '0912000112' }).expect(404);
    const none = await t.http.get(`/api/v1/orders/TV-222222`).query({ phone: '0912000111' }).expect(404);
    expect(wrong.body.code).toBe(none.body.code);
    expect(wrong.body.message).toBe(none.body.message);
    await t.http.get(`/api/v1/orders/${code}`).expect(404);
    const other = await createUser(t, 'buyer');
    await t.http.get(`/api/v1/orders/${code}`).set(other.auth).expect(404);
    await t.http.get(`/api/v1/orders/not-a-code`).expect(404);
  });

  it('the seller works its inbox through every step; illegal steps are 409; other businesses see and change nothing (404)', async () => {
    const sub = guestOrder.subOrders.find((s) => s.enterpriseId === coop.id)!;
    const inbox = await t.http.get(`/api/v1/enterprises/${coop.id}/sub-orders`).set(coop.owner.auth).query({ status: 'placed' }).expect(200);
    expect(inbox.body.items.map((i: { code: string }) => i.code)).toContain(sub.code);
    expect(inbox.body.items[0]).toMatchObject({ buyerName: 'Nguyễn Văn An', buyerPhone: '0912000111' });
    expect(inbox.body.counts.find((c: { status: string }) => c.status === 'placed').count).toBeGreaterThanOrEqual(1);
    expect(inbox.body.counts).toHaveLength(11);
    const byQ = await t.http.get(`/api/v1/enterprises/${coop.id}/sub-orders`).set(coop.owner.auth).query({ q: '0912000111' }).expect(200);
    expect(byQ.body.items.map((i: { code: string }) => i.code)).toEqual([sub.code]);
    await t.http.get(`/api/v1/enterprises/${coop.id}/sub-orders`).set(coop.owner.auth).query({ status: 'lost' }).expect(400);

    // Another business: 404 for the inbox, the sub-order and every step; under its own enterprise the code is unknown too.
    await t.http.get(`/api/v1/enterprises/${coop.id}/sub-orders`).set(stranger.owner.auth).expect(404);
    await sellerApi(stranger.owner, coop.id, sub.code).get().expect(404);
    await sellerApi(stranger.owner, stranger.id, sub.code).get().expect(404);
    for (const [action, body] of [
      ['confirm', {}],
      ['cancel', { reason: 'Không phải đơn của tôi' }],
      ['confirm-payment', {}],
    ] as const) {
      await sellerApi(stranger.owner, coop.id, sub.code).step(action, body).expect(404);
      await sellerApi(stranger.owner, stranger.id, sub.code).step(action, body).expect(404);
    }
    const buyer = await createUser(t, 'buyer');
    await t.http.get(`/api/v1/enterprises/${coop.id}/sub-orders`).set(buyer.auth).expect(404);
    expect((await sellerApi(coop.owner, coop.id, sub.code).get().expect(200)).body.status).toBe('placed');

    const seller = sellerApi(coop.owner, coop.id, sub.code);
    const early = await seller.step('ship').expect(409);
    expect(early.body).toMatchObject({ statusCode: 409, code: 'ILLEGAL_TRANSITION' });
    const noReason = await seller.step('cancel', {}).expect(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    await seller.step('confirm-payment').expect(409); // COD: nothing to confirm
    await seller.step('confirm').expect(200);
    // The buyer can no longer cancel once confirmed.
    const late = await t.http
      .post(`/api/v1/orders/${guestOrder.orderCode}/cancel`)
      .send({ phone: '0912000111', subOrderCodes: [sub.code] })
      .expect(409);
    expect(late.body.code).toBe('ILLEGAL_TRANSITION');
    await seller.step('pack').expect(200);
    await seller.step('confirm').expect(409);
    await seller.step('ship').expect(200);
    const delivered = await seller.step('deliver').expect(200);
    expect(delivered.body).toMatchObject({ status: 'delivered', paymentState: 'cod_collected' });
    const done = await seller.step('complete').expect(200);
    expect(done.body.status).toBe('completed');
    expect(done.body.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['placed', 'confirmed', 'packed', 'shipped', 'delivered', 'completed']);
    await seller.step('cancel', { reason: 'Quá muộn' }).expect(409);

    const audit = await t.dataSource.query(`SELECT action, actor_id FROM audit_events WHERE subject_type = 'sub_order' AND subject_id = $1 ORDER BY seq`, [
      sub.code,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'orders.sub-order.confirm',
      'orders.sub-order.pack',
      'orders.sub-order.ship',
      'orders.sub-order.deliver',
      'orders.sub-order.complete',
    ]);
    expect(audit.every((a: { actor_id: string }) => a.actor_id === coop.owner.id)).toBe(true);

    await t.drainJobs();
    const subjects = smtp.messages.map((m) => ({ to: m.to, ...readMail(m) })).filter((m) => m.subject.endsWith(sub.code));
    expect(subjects.filter((m) => m.to.includes('an.nguyen@example.vn')).map((m) => m.subject.split(' — ')[0])).toEqual(
      expect.arrayContaining(['Người bán đã xác nhận đơn', 'Đơn hàng đã được đóng gói', 'Đơn hàng đang được giao', 'Đơn hàng đã giao', 'Đơn hàng đã hoàn tất']),
    );
    // Seller subjects are long enough to be split into several encoded words: match the body instead.
    const sellerMails = smtp.messages
      .map((m) => ({ to: m.to, ...readMail(m) }))
      .filter((m) => m.to.includes(coop.owner.email) && m.text.includes(`Đơn ${sub.code} `));
    expect(sellerMails).toHaveLength(6);
    expect(sellerMails.every((m) => m.to.includes('htx.hunghoa@example.vn'))).toBe(true);
  });

  it('the buyer cancels before confirmation and the stock goes back once; the seller cancels with a reason', async () => {
    const hhSub = guestOrder.subOrders.find((s) => s.enterpriseId === household.id)!;
    const before = { coconut: await stockOf(t, coconut.id), candy: await stockOf(t, candy.id) };
    await t.http.post(`/api/v1/orders/${guestOrder.orderCode}/cancel`).send({ phone: '0999999999' }).expect(404);
    const res = await t.http.post(`/api/v1/orders/${guestOrder.orderCode}/cancel`).send({ phone: '0912000111', reason: 'Đặt nhầm' }).expect(200);
    expect(res.body.subOrders.find((s: { code: string }) => s.code === hhSub.code)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'buyer',
      cancelReason: 'Đặt nhầm',
    });
    expect(await stockOf(t, coconut.id)).toBe(before.coconut + 2);
    expect(await stockOf(t, candy.id)).toBe(before.candy + 4);
    await t.http
      .post(`/api/v1/orders/${guestOrder.orderCode}/cancel`)
      .send({ phone: '0912000111', subOrderCodes: [hhSub.code] })
      .expect(409);
    expect(await stockOf(t, coconut.id)).toBe(before.coconut + 2);

    // Seller cancel with a reason, on a signed-in buyer's order.
    const buyer = await createUser(t, 'buyer', { displayName: 'Trần Thị Bình' });
    const me: Shopper = { auth: buyer.auth };
    await addToCart(t, me, pomelo.id, 1);
    const placed = await as(t, me)
      .post('/api/v1/checkout', { buyerPhone: '0987654321', subOrders: [sellerEntry(coop.id)] })
      .expect(201);
    const code = placed.body.subOrders[0].code;
    const stock = await stockOf(t, pomelo.id);
    const cancelled = await sellerApi(coop.owner, coop.id, code).step('cancel', { reason: 'Hết hàng tại vườn' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'seller', cancelReason: 'Hết hàng tại vườn' });
    expect(await stockOf(t, pomelo.id)).toBe(stock + 1);
    const mine = await t.http.get('/api/v1/me/orders').set(buyer.auth).expect(200);
    expect(mine.body).toMatchObject({ total: 1, items: [{ orderCode: placed.body.orderCode, buyerName: 'Trần Thị Bình', buyerEmail: buyer.email }] });
    // The signed-in buyer needs no phone.
    await t.http.get(`/api/v1/orders/${placed.body.orderCode}`).set(buyer.auth).expect(200);
  });

  it('returns: the buyer asks after delivery, the seller accepts or refuses with a reason', async () => {
    const buyer = await createUser(t, 'buyer');
    const me: Shopper = { auth: buyer.auth };
    await addToCart(t, me, pomelo.id, 2);
    const placed = await as(t, me)
      .post('/api/v1/checkout', { buyerPhone: '0987654321', subOrders: [sellerEntry(coop.id)] })
      .expect(201);
    const { orderCode } = placed.body;
    const code = placed.body.subOrders[0].code;
    const seller = sellerApi(coop.owner, coop.id, code);
    await t.http.post(`/api/v1/orders/${orderCode}/return-request`).set(buyer.auth).send({ subOrderCode: code, reason: 'Trái bị dập' }).expect(409);
    for (const step of ['confirm', 'pack', 'ship', 'deliver']) await seller.step(step).expect(200);
    const bad = await t.http.post(`/api/v1/orders/${orderCode}/return-request`).set(buyer.auth).send({ subOrderCode: code }).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['reason']);
    await t.http
      .post(`/api/v1/orders/${orderCode}/return-request`)
      .set(buyer.auth)
      .send({ subOrderCode: `${guestOrder.orderCode}-2`, reason: 'Trái bị dập' })
      .expect(404);
    const asked = await t.http
      .post(`/api/v1/orders/${orderCode}/return-request`)
      .set(buyer.auth)
      .send({ subOrderCode: code, reason: 'Trái bị dập' })
      .expect(200);
    expect(asked.body.subOrders[0]).toMatchObject({ status: 'return_requested', returnReason: 'Trái bị dập' });
    await seller.step('refuse-return', {}).expect(400);
    const refused = await seller.step('refuse-return', { reason: 'Ảnh cho thấy trái còn nguyên' }).expect(200);
    expect(refused.body).toMatchObject({ status: 'return_refused', returnRefusalReason: 'Ảnh cho thấy trái còn nguyên' });
    await seller.step('accept-return').expect(409);
  });

  it('shipment.status-changed events move the sub-order (picked → shipped, delivered → delivered); repeats change nothing', async () => {
    const buyer = await createUser(t, 'buyer');
    const me: Shopper = { auth: buyer.auth };
    await addToCart(t, me, pomelo.id, 1);
    const placed = await as(t, me)
      .post('/api/v1/checkout', { buyerPhone: '0987654321', subOrders: [sellerEntry(coop.id)] })
      .expect(201);
    const code = placed.body.subOrders[0].code;
    await sellerApi(coop.owner, coop.id, code).step('confirm').expect(200);
    const events = t.app.get(DomainEvents);
    const publish = (status: 'picked' | 'delivered' | 'lost') =>
      t.dataSource.transaction((m) => events.publish(m, 'shipment.status-changed', { reference: code, carrier: 'ghn', status, at: new Date().toISOString() }));
    await publish('picked');
    await t.drainJobs();
    expect((await sellerApi(coop.owner, coop.id, code).get().expect(200)).body.status).toBe('shipped');
    await publish('picked');
    await publish('lost');
    await t.drainJobs();
    expect((await sellerApi(coop.owner, coop.id, code).get().expect(200)).body.status).toBe('shipped');
    await publish('delivered');
    await t.drainJobs();
    const got = (await sellerApi(coop.owner, coop.id, code).get().expect(200)).body;
    expect(got).toMatchObject({ status: 'delivered', paymentState: 'cod_collected' });
    type Event = { actorRole: string; note: string; action: string; fromStatus: string; toStatus: string };
    const steps = got.events.filter((e: Event) => e.action !== 'carrier-alert');
    expect(steps.slice(-2).map((e: Event) => [e.actorRole, e.note])).toEqual([
      ['system', 'ghn: picked'],
      ['system', 'ghn: delivered'],
    ]);
    // `lost` moved nothing: it only alerted both sides, once, from where the sub-order stood.
    expect(got.events.filter((e: Event) => e.action === 'carrier-alert').map((e: Event) => [e.fromStatus, e.toStatus, e.note])).toEqual([
      ['shipped', 'shipped', expect.stringContaining('parcel lost')],
    ]);
    // An event for a reference that is not an order is ignored.
    await t.dataSource.transaction((m) =>
      events.publish(m, 'shipment.status-changed', { reference: 'TV-ZZZZZZ-9', carrier: 'ghn', status: 'picked', at: new Date().toISOString() }),
    );
    await t.drainJobs();
  });

  it("My data export includes the buyer's orders and nobody else's", async () => {
    const buyer = await createUser(t, 'buyer');
    const me: Shopper = { auth: buyer.auth };
    await addToCart(t, me, pomelo.id, 1);
    const placed = await as(t, me)
      .post('/api/v1/checkout', { buyerPhone: '0987654321', subOrders: [sellerEntry(coop.id)] })
      .expect(201);
    const started = await t.http.post('/api/v1/me/data-export').set(buyer.auth).expect(202);
    await t.drainJobs();
    const ready = await t.http.get('/api/v1/me/data-export').set(buyer.auth).expect(200);
    expect(ready.body).toMatchObject({ id: started.body.id, status: 'ready' });
    const zip = await t.http.get(ready.body.downloadUrl).set(buyer.auth).buffer(true).parse(binary).expect(200);
    const files = unzipSync(new Uint8Array(zip.body as Buffer));
    const data = JSON.parse(strFromU8(files['data.json']));
    expect(data.sections.orders).toEqual([
      expect.objectContaining({
        orderCode: placed.body.orderCode,
        subOrderCode: `${placed.body.orderCode}-1`,
        buyerPhone: '0987654321',
        street: ADDRESS.street,
        items: [expect.objectContaining({ productId: pomelo.id, quantity: 1 })],
      }),
    ]);
    // Closing the account keeps the seller's record with the buyer pseudonymised; the open order's delivery address stays.
    await t.http.delete('/api/v1/me').set(buyer.auth).send({ password: PASSWORD }).expect(200);
    const [order] = await t.dataSource.query(`SELECT buyer_user_id, buyer_name, buyer_phone, buyer_email FROM orders WHERE code = $1`, [placed.body.orderCode]);
    expect(order).toMatchObject({ buyer_phone: '', buyer_email: null });
    expect(order.buyer_name).toMatch(/^user-/);
    expect((await sellerApi(coop.owner, coop.id, `${placed.body.orderCode}-1`).get().expect(200)).body.address.street).toBe(ADDRESS.street);
  });

  it('only sellers that can sell: a product whose enterprise was suspended (or that left the catalog) after it went into the cart is refused at checkout', async () => {
    const seller = await createVerifiedEnterprise(t, { displayName: 'HTX Sắp bị tạm ngưng' });
    const product = await createProduct(t, seller.id, { name: 'Mật ong rừng tràm', stockQuantity: 8 });
    const guest: Shopper = {};
    await addToCart(t, guest, product.id, 2);
    await t.dataSource.query(`UPDATE enterprises SET status = 'suspended' WHERE id = $1`, [seller.id]);
    const cart = (await as(t, guest).get('/api/v1/cart').expect(200)).body;
    expect(cart.sellers[0].items[0].problems).toEqual(['unavailable']);
    const refused = await as(t, guest)
      .post('/api/v1/checkout', guestCheckout([seller.id]))
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'PRODUCT_UNAVAILABLE', message: expect.stringContaining('Mật ong rừng tràm') });
    await addToCart(t, { ...guest }, product.id, 1, 404);
    await t.dataSource.query(`UPDATE enterprises SET status = 'verified' WHERE id = $1`, [seller.id]);
    await t.dataSource.query(`UPDATE products SET status = 'unlisted' WHERE id = $1`, [product.id]);
    await as(t, guest)
      .post('/api/v1/checkout', guestCheckout([seller.id]))
      .expect(409);
    expect(await stockOf(t, product.id)).toBe(8);
    expect(await t.dataSource.query(`SELECT 1 FROM sub_orders WHERE enterprise_id = $1`, [seller.id])).toEqual([]);
  });

  it('retention: closed orders go after 3 years, 1 year for household businesses; open ones stay', async () => {
    const codes = (await t.dataSource.query(`SELECT code, seller_kind, closed_at FROM sub_orders`)) as Array<{
      code: string;
      seller_kind: string;
      closed_at: Date | null;
    }>;
    const closedHousehold = codes.find((c) => c.seller_kind === 'household' && c.closed_at)!;
    const closedCoop = codes.filter((c) => c.seller_kind !== 'household' && c.closed_at);
    const open = codes.filter((c) => !c.closed_at);
    expect(closedHousehold && closedCoop.length && open.length).toBeTruthy();
    const ago = (days: number) => new Date(t.clock.now().getTime() - days * DAY);
    await t.dataSource.query(`UPDATE sub_orders SET closed_at = $2 WHERE code = $1`, [closedHousehold.code, ago(366)]);
    await t.dataSource.query(`UPDATE sub_orders SET closed_at = $2 WHERE code = $1`, [closedCoop[0].code, ago(400)]);
    await t.dataSource.query(`UPDATE sub_orders SET closed_at = $2 WHERE code = $1`, [closedCoop[1]?.code ?? closedCoop[0].code, ago(400)]);
    await t.dataSource.query(`UPDATE sub_orders SET placed_at = $1 WHERE closed_at IS NULL`, [ago(2000)]);
    await t.dataSource.query(`UPDATE orders SET created_at = $1`, [ago(2000)]);
    await t.app.get(JobQueue).enqueueNow(RETENTION_QUEUE, {});
    await t.drainJobs([RETENTION_QUEUE]);
    const left = (await t.dataSource.query(`SELECT code FROM sub_orders`)).map((r: { code: string }) => r.code);
    expect(left).not.toContain(closedHousehold.code);
    expect(left).toContain(closedCoop[0].code);
    for (const o of open) expect(left).toContain(o.code);
    const [run] = await t.dataSource.query(`SELECT counts FROM retention_runs ORDER BY id DESC LIMIT 1`);
    expect(run.counts).toMatchObject({ 'orders-household': 1, orders: 0 });

    await t.dataSource.query(`UPDATE sub_orders SET closed_at = $2 WHERE code = $1`, [closedCoop[0].code, ago(3 * 365 + 1)]);
    await t.app.get(JobQueue).enqueueNow(RETENTION_QUEUE, {});
    await t.drainJobs([RETENTION_QUEUE]);
    const after = (await t.dataSource.query(`SELECT code FROM sub_orders`)).map((r: { code: string }) => r.code);
    expect(after).not.toContain(closedCoop[0].code);
    const orphans = await t.dataSource.query(`SELECT o.code FROM orders o WHERE NOT EXISTS (SELECT 1 FROM sub_orders s WHERE s.order_id = o.id)`);
    expect(orphans).toEqual([]);
    // Admins see the rules on the retention page.
    const admin = await loginAdmin(t);
    const rules = (await t.http.get('/api/v1/admin/retention').set(admin.auth).expect(200)).body;
    expect(JSON.stringify(rules)).toContain('orders-household');
  });
});
