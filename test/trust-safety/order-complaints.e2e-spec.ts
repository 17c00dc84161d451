import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { addToCart, as, guestCheckout, sellerEntry, type Shopper } from '../orders/order-helpers';
import { openShop } from '../reviews/review-helpers';
import { cookieHeader, openForm } from '../web/web-helpers';

const fieldsOf = (body: { details?: Array<{ field: string }> }) => [...new Set((body.details ?? []).map((d) => d.field))];

/** Issue 17: a complaint can reference an order — only its buyer's, and only the seller of it sees it. */
describe('complaints about an order', () => {
  let t: TestApp;
  let admin: TestUser;
  let pomelo: FixtureEnterprise;
  let candy: FixtureEnterprise;
  let pomeloProduct: FixtureProduct;
  let candyProduct: FixtureProduct;
  let orderCode: string;
  let clients = 0;
  const nextClient = () => `100.65.${(++clients >> 8) & 255}.${clients & 255}`;
  const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM complaints`))[0].n as number;
  const file = (body: object, auth?: { Authorization: string }) => {
    const req = t.http.post('/api/v1/complaints').set('x-forwarded-for', nextClient());
    return (auth ? req.set(auth) : req).send({ name: 'Nguyễn Văn An', email: `an${clients}@example.vn`, message: 'Đơn hàng chưa được giao.', ...body });
  };

  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { TRUST_PROXY: '1' } });
    admin = await loginAdmin(t);
    pomelo = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Hùng Hòa', kind: 'cooperative' });
    candy = await createVerifiedEnterprise(t, { displayName: 'Cơ sở Kẹo dừa Tư Hường' });
    for (const e of [pomelo, candy]) await openShop(t, e);
    pomeloProduct = await createProduct(t, pomelo.id, { name: 'Bưởi da xanh', priceVnd: 60_000, stockQuantity: 50 });
    candyProduct = await createProduct(t, candy.id, { name: 'Kẹo dừa sáp', priceVnd: 35_000, stockQuantity: 50 });
    const guest: Shopper = {};
    await addToCart(t, guest, pomeloProduct.id, 1);
    await addToCart(t, guest, candyProduct.id, 2);
    const placed = await as(t, guest)
      .post('/api/v1/checkout', guestCheckout([pomelo.id, candy.id]))
      .expect(201);
    orderCode = placed.body.orderCode;
  });
  afterAll(() => t?.close());

  const subOf = async (enterpriseId: string) =>
    (
      await t.dataSource.query(`SELECT s.code FROM sub_orders s JOIN orders o ON o.id = s.order_id WHERE o.code = $1 AND s.enterprise_id = $2`, [
        orderCode,
        enterpriseId,
      ])
    )[0].code as string;

  it('a guest complains about one seller’s sub-order with the checkout phone; staff and that seller see the order code, the other seller nothing', async () => {
    const candySub = await subOf(candy.id);
    const filed = await file({ kind: 'order_problem', orderCode: candySub.toLowerCase(), orderPhone: '0912 345 678' }).expect(201);
    const code: string = filed.body.code;

    const queue = await t.http.get('/api/v1/admin/complaints').set(admin.auth).expect(200);
    const mine = queue.body.items.find((c: { code: string }) => c.code === code);
    expect(mine).toMatchObject({ kind: 'order_problem', orderCode: candySub, enterpriseId: candy.id });

    const seller = await t.http.get(`/api/v1/enterprises/${candy.id}/complaints`).set(candy.owner.auth).expect(200);
    expect(seller.body.items).toEqual([expect.objectContaining({ code, orderCode: candySub, kind: 'order_problem' })]);
    expect(JSON.stringify(seller.body)).not.toContain('0912');
    const other = await t.http.get(`/api/v1/enterprises/${pomelo.id}/complaints`).set(pomelo.owner.auth).expect(200);
    expect(other.body.items).toEqual([]);
    await t.http.get(`/api/v1/enterprises/${candy.id}/complaints`).set(pomelo.owner.auth).expect(403);

    const status = await t.http.get(`/api/v1/complaints/${code}`).query({ email: 'an1@example.vn' }).expect(200);
    expect(status.body.orderCode).toBe(candySub);
  });

  it('a wrong phone reads like an unknown code; the whole order of two sellers must name one; bad input is a 400 and writes nothing', async () => {
    const before = await count();
    const candySub = await subOf(candy.id);

    const wrongPhone = await file({ kind: 'order_problem', orderCode: candySub, orderPhone: '0987654321' }).expect(400);
    const unknown = await file({ kind: 'order_problem', orderCode: 'TV-222222-1', orderPhone: '0912345678' }).expect(400);
    expect(fieldsOf(wrongPhone.body)).toEqual(['orderCode']);
    expect(wrongPhone.body.details).toEqual(unknown.body.details);

    const whole = await file({ kind: 'order_problem', orderCode, orderPhone: '0912345678' }).expect(400);
    expect(fieldsOf(whole.body)).toEqual(['orderCode']);
    expect(whole.body.details[0].message).toContain(`${orderCode}-1`);

    const missing = await file({ kind: 'order_problem' }).expect(400);
    expect(fieldsOf(missing.body)).toEqual(['orderCode']);
    const malformed = await file({ kind: 'other', orderCode: 'DH-12345', orderPhone: '0912345678' }).expect(400);
    expect(fieldsOf(malformed.body)).toEqual(['orderCode']);

    // The order is the candy seller's, the product the pomelo seller's: one complaint cannot mix them.
    const mixed = await file({
      kind: 'counterfeit',
      subjectType: 'product',
      subjectId: pomeloProduct.id,
      orderCode: candySub,
      orderPhone: '0912345678',
    }).expect(400);
    expect(fieldsOf(mixed.body)).toEqual(['orderCode']);
    expect(await count()).toBe(before);
  });

  it('a signed-in buyer complains about their own order without the phone, never about someone else’s', async () => {
    const buyer = await createUser(t, 'buyer');
    const me: Shopper = { auth: buyer.auth };
    await addToCart(t, me, pomeloProduct.id, 1);
    const placed = await as(t, me)
      .post('/api/v1/checkout', { buyerPhone: '0987654321', subOrders: [sellerEntry(pomelo.id)] })
      .expect(201);
    const own: string = placed.body.orderCode; // one seller: the order code is enough
    const filed = await file({ kind: 'order_problem', orderCode: own }, buyer.auth).expect(201);
    const seller = await t.http.get(`/api/v1/enterprises/${pomelo.id}/complaints`).set(pomelo.owner.auth).expect(200);
    expect(seller.body.items).toEqual([expect.objectContaining({ code: filed.body.code, orderCode: `${own}-1` })]);

    const stranger = await createUser(t, 'buyer');
    const refused = await file({ kind: 'order_problem', orderCode: own }, stranger.auth).expect(400);
    expect(fieldsOf(refused.body)).toEqual(['orderCode']);
  });

  it('the complaint page, linked from an order, files it with the order and shows the code to staff', async () => {
    const pomeloSub = await subOf(pomelo.id);
    const lookup = await openForm(t, '/tra-cuu-don-hang');
    const shown = await t.http
      .post('/tra-cuu-don-hang')
      .type('form')
      .set('Cookie', cookieHeader(lookup.jar))
      .send({ _csrf: lookup.csrf, code: orderCode, phone: '0912345678' })
      .expect(200);
    expect(shown.text).toContain(`href="/khieu-nai?don=${pomeloSub}"`);
    const page = await t.http.get(`/khieu-nai?don=${pomeloSub}`).expect(200);
    expect(page.text).toContain(`name="orderCode" type="text" value="${pomeloSub}"`);
    expect(page.text).toMatch(/id="f-kind-order_problem" name="kind" value="order_problem" checked/);

    const form = await openForm(t, '/khieu-nai');
    const post = (fields: Record<string, string>) =>
      t.http
        .post('/khieu-nai')
        .type('form')
        .set('Cookie', cookieHeader(form.jar))
        .set('x-forwarded-for', nextClient())
        .send({ _csrf: form.csrf, kind: 'order_problem', name: 'Nguyễn Văn An', email: 'an.page@example.vn', message: 'Bưởi bị dập.', ...fields });
    const wrong = await post({ orderCode: pomeloSub, orderPhone: '0900000000' }).expect(400);
    expect(wrong.text).toMatch(/id="f-orderCode-error"/);
    const ok = await post({ orderCode: pomeloSub, orderPhone: '0912345678' }).expect(200);
    const code = /KN-\d{4}-\d{6}/.exec(ok.text)![0];
    const [row] = await t.dataSource.query(`SELECT order_code, enterprise_id FROM complaints WHERE code = $1`, [code]);
    expect(row).toEqual({ order_code: pomeloSub, enterprise_id: pomelo.id });
  });
});
