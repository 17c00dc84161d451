import { productPagePath } from '@tradefloor/core';
import { parseVietQr } from '@tradefloor/payments';
import { createProduct, createVerifiedEnterprise, PHUONG_TRA_VINH, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { addToCart, as, countRows, guestCheckout, sellerEntry, type Shopper } from '../orders/order-helpers';
import { cookieHeader, cookiesOf, openForm, postForm, signIn, type CookieJar } from './web-helpers';

/** Issue 17 (orders), pages and wiring: the real payment methods of libs/payments behind checkout. */
describe('order pages: payment methods wired into checkout', () => {
  let t: TestApp;
  let coop: FixtureEnterprise; // has a payout account: offers VietQR
  let household: FixtureEnterprise; // has none: COD only
  let pomelo: FixtureProduct;
  let coconut: FixtureProduct;
  let placedCode = ''; // the order placed through the pages

  beforeAll(async () => {
    t = await createTestApp();
    coop = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Hùng Hòa', kind: 'cooperative' });
    household = await createVerifiedEnterprise(t, { displayName: 'Hộ kinh doanh Dừa Sáp Cầu Kè', kind: 'household' });
    pomelo = await createProduct(t, coop.id, { name: 'Bưởi da xanh loại 1', priceVnd: 60_000, stockQuantity: 40 });
    coconut = await createProduct(t, household.id, { name: 'Dừa sáp Cầu Kè', priceVnd: 120_000, stockQuantity: 15 });
    await t.http
      .put(`/api/v1/enterprises/${coop.id}/payout-account`)
      .set(coop.owner.auth)
      .send({ bankBin: '970436', accountNumber: '0071000123456', accountHolder: 'HTX Buoi Hung Hoa' })
      .expect(200);
    await t.drainJobs();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a seller without a payout account refuses VietQR: 400 on the sub-order field, nothing written', async () => {
    const guest: Shopper = {};
    await addToCart(t, guest, coconut.id, 1);
    const cart = (await as(t, guest).get('/api/v1/cart').expect(200)).body;
    expect(cart.sellers[0].paymentMethods).toEqual(['cod']);
    const res = await as(t, guest)
      .post('/api/v1/checkout', guestCheckout([], { subOrders: [sellerEntry(household.id, { paymentMethod: 'vietqr' })] }))
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'subOrders.0.paymentMethod' })]);
    expect(await countRows(t, 'orders')).toBe(0);
  });

  it('a seller with a payout account offers VietQR; the order carries a payload with its account, the amount and the sub-order code', async () => {
    const guest: Shopper = {};
    await addToCart(t, guest, pomelo.id, 2);
    await addToCart(t, guest, coconut.id, 1);
    const cart = (await as(t, guest).get('/api/v1/cart').expect(200)).body;
    const coopPart = cart.sellers.find((s: { enterpriseId: string }) => s.enterpriseId === coop.id);
    expect(coopPart.paymentMethods).toEqual(['cod', 'vietqr']);

    const placed = await as(t, guest)
      .post('/api/v1/checkout', guestCheckout([], { subOrders: [sellerEntry(coop.id, { paymentMethod: 'vietqr' }), sellerEntry(household.id)] }))
      .expect(201);
    const qr = placed.body.subOrders.find((s: { enterpriseId: string }) => s.enterpriseId === coop.id);
    const cod = placed.body.subOrders.find((s: { enterpriseId: string }) => s.enterpriseId === household.id);
    expect(cod.payment).toMatchObject({ method: 'cod' });
    expect(cod.payment.vietqr).toBeUndefined();
    expect(qr.payment).toMatchObject({ method: 'vietqr', vietqr: { bankBin: '970436', accountNumber: '0071000123456', accountHolder: 'HTX BUOI HUNG HOA' } });
    const data = parseVietQr(qr.payment.vietqr.payload);
    expect(data).toMatchObject({ initiation: 'dynamic', bankBin: '970436', accountNumber: '0071000123456', amountVnd: qr.totalVnd, billNumber: qr.code });
    expect(qr.totalVnd).toBe(2 * 60_000 + qr.shippingFeeVnd);
    expect(qr.payment.vietqr.purpose).toContain(qr.code);

    // Following the order by code + phone shows the same instructions.
    const followed = await t.http.get(`/api/v1/orders/${placed.body.orderCode}?phone=0912345678`).expect(200);
    const again = followed.body.subOrders.find((s: { code: string }) => s.code === qr.code);
    expect(again.payment.vietqr.payload).toBe(qr.payment.vietqr.payload);

    // The seller removes the account later: the buyer's order still opens and says to contact the seller.
    await t.http.delete(`/api/v1/enterprises/${coop.id}/payout-account`).set(coop.owner.auth).expect(204);
    const after = await t.http.get(`/api/v1/orders/${placed.body.orderCode}?phone=0912345678`).expect(200);
    const without = after.body.subOrders.find((s: { code: string }) => s.code === qr.code);
    expect(without.payment).toMatchObject({ method: 'vietqr', text: expect.stringContaining('liên hệ người bán') });
    expect(without.payment.vietqr).toBeUndefined();
  });

  it('guest journey through the pages: add to cart, cart with sales terms, checkout (COD + VietQR), confirmation with QR, lookup by code + phone', async () => {
    await t.http
      .put(`/api/v1/enterprises/${coop.id}/payout-account`)
      .set(coop.owner.auth)
      .send({ bankBin: '970436', accountNumber: '0071000123456', accountHolder: 'HTX Buoi Hung Hoa' })
      .expect(200);
    const ordersBefore = await countRows(t, 'orders');
    const product = await t.http.get(productPagePath(pomelo.slug)).expect(200);
    expect(product.text).toContain('action="/gio-hang/them"');
    expect(product.text).toContain('Thêm vào giỏ');
    expect(product.text).not.toContain('name="_csrf"'); // the product page stays shareable by the page cache
    expect(product.text).toContain('href="/gio-hang"');

    const jar: CookieJar = {};
    const add = async (productId: string, quantity: string) => {
      const res = await t.http.post('/gio-hang/them').type('form').set('Cookie', cookieHeader(jar)).send({ productId, quantity });
      Object.assign(jar, cookiesOf(res));
      return res;
    };
    expect((await add(pomelo.id, '2')).status).toBe(303);
    expect(jar.tf_cart).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await add(coconut.id, '1')).status).toBe(303);
    const tooMany = await add(coconut.id, '999');
    expect(tooMany.status).toBe(409);
    expect(tooMany.headers['cache-control']).toBe('private, no-store');
    const cross = await t.http
      .post('/gio-hang/them')
      .type('form')
      .set('Cookie', cookieHeader(jar))
      .set('Sec-Fetch-Site', 'cross-site')
      .send({ productId: pomelo.id, quantity: '5' });
    expect(cross.status).toBe(403);

    const cartPage = await t.http.get('/gio-hang').set('Cookie', cookieHeader(jar)).expect(200);
    expect(cartPage.headers['cache-control']).toBe('private, no-store');
    expect(cartPage.text).toContain('HTX Bưởi Hùng Hòa');
    expect(cartPage.text).toContain('Hộ kinh doanh Dừa Sáp Cầu Kè');
    expect(cartPage.text).toContain('Điều kiện bán hàng');
    expect(cartPage.text).toMatch(/Giá (đã|chưa) gồm VAT/);
    const en = await t.http.get('/gio-hang?lang=en').set('Cookie', cookieHeader(jar)).expect(200);
    expect(en.text).toContain('Sales terms');
    expect(en.text).toMatch(/Prices (include|exclude) VAT/);

    // Change a quantity on the cart page (CSRF), then check out.
    const cartForm = await openForm(t, '/gio-hang?lang=vi', jar);
    const upd = await t.http
      .post('/gio-hang')
      .type('form')
      .set('Cookie', cookieHeader(jar))
      .send({ _csrf: cartForm.csrf, [`q-${pomelo.id}`]: '3', [`q-${coconut.id}`]: '1', update: '1' });
    expect(upd.status).toBe(303);
    const lines = (await t.http.get('/api/v1/cart').set('Cookie', cookieHeader(jar)).expect(200)).body;
    expect(lines.sellers.find((s: { enterpriseId: string }) => s.enterpriseId === coop.id).items[0].quantity).toBe(3);

    const form = await openForm(t, '/thanh-toan', jar);
    expect(form.html).toContain(`name="pay-${coop.id}" value="vietqr"`);
    expect(form.html).not.toContain(`name="pay-${household.id}" value="vietqr"`);
    const fields = {
      buyerName: 'Trần Thị Bé',
      buyerPhone: '0987654321',
      buyerEmail: 'be.tran@example.vn',
      provinceCode: '86',
      communeCode: PHUONG_TRA_VINH,
      street: '5 Lê Lợi',
      recipientName: 'Trần Thị Bé',
      recipientPhone: '0987654321',
      [`pay-${coop.id}`]: 'vietqr',
      [`pay-${household.id}`]: 'cod',
      [`note-${household.id}`]: 'Gọi trước khi giao',
    };
    const bad = await t.http
      .post('/thanh-toan')
      .type('form')
      .set('Cookie', cookieHeader(jar))
      .send({ _csrf: form.csrf, ...fields, street: '', communeCode: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-street-error"/);
    expect(bad.text).toMatch(/id="f-communeCode-error"/);
    expect(await countRows(t, 'orders')).toBe(ordersBefore);

    const placed = await t.http
      .post('/thanh-toan')
      .type('form')
      .set('Cookie', cookieHeader(jar))
      .send({ _csrf: form.csrf, ...fields });
    expect(placed.status).toBe(200);
    expect(placed.headers['cache-control']).toBe('private, no-store');
    const code = /<code>(TV-[A-Z0-9]+)<\/code>/.exec(placed.text)?.[1];
    expect(code).toBeDefined();
    placedCode = code!;
    expect(placed.text).toContain(`${code}-1`);
    expect(placed.text).toContain('src="data:image/png;base64,');
    expect(placed.text).toContain('0071000123456');
    expect(placed.text).toContain('HTX BUOI HUNG HOA');
    expect(await countRows(t, 'orders')).toBe(ordersBefore + 1);

    // Follow it: a wrong phone looks exactly like an unknown code.
    const lookup = await openForm(t, '/tra-cuu-don-hang', jar);
    const post = (body: Record<string, string>) =>
      t.http
        .post('/tra-cuu-don-hang')
        .type('form')
        .set('Cookie', cookieHeader(jar))
        .send({ _csrf: lookup.csrf, ...body });
    const wrongPhone = await post({ code: code!, phone: '0900000000' });
    const unknown = await post({ code: 'TV-ZZZZZZ', phone: '0987654321' });
    expect(wrongPhone.status).toBe(404);
    expect(unknown.status).toBe(404);
    const strip = (s: string) => s.replace(/value="[^"]*"/g, '');
    expect(strip(wrongPhone.text).replace(code!, 'X')).toBe(strip(unknown.text).replace('TV-ZZZZZZ', 'X'));
    const found = await post({ code: code!.toLowerCase(), phone: '0987654321' });
    expect(found.status).toBe(200);
    expect(found.text).toContain('src="data:image/png;base64,');
  });

  it('seller inbox: counts and search, another seller gets 404, confirm → ship with CSRF, payment confirmed, packing slip PDF', async () => {
    expect(placedCode).not.toBe('');
    const owner = await signIn(t, coop.owner.email, coop.owner.password);
    expect((await t.http.get('/quan-ly').set('Cookie', cookieHeader(owner)).expect(200)).text).toContain('href="/quan-ly/don-hang"');
    const list = await t.http.get(`/quan-ly/don-hang?dn=${coop.id}&q=${placedCode}`).set('Cookie', cookieHeader(owner)).expect(200);
    expect(list.headers['cache-control']).toBe('private, no-store');
    const mine = /href="\/quan-ly\/don-hang\/[^/]+\/(TV-[A-Z0-9]+-\d+)"/.exec(list.text)?.[1];
    expect(mine?.startsWith(placedCode)).toBe(true);
    expect(list.text).toMatch(/placed \(\d+\)/);

    // The other seller (household) sees nothing of the coop's sub-order, nor its slip.
    const other = await signIn(t, household.owner.email, household.owner.password);
    await t.http.get(`/quan-ly/don-hang/${coop.id}/${mine}`).set('Cookie', cookieHeader(other)).expect(404);
    await t.http.get(`/quan-ly/don-hang/${household.id}/${mine}`).set('Cookie', cookieHeader(other)).expect(404);
    await t.http.get(`/quan-ly/don-hang/${coop.id}/${mine}/phieu-giao-hang.pdf`).set('Cookie', cookieHeader(other)).expect(404);

    const detail = await openForm(t, `/quan-ly/don-hang/${coop.id}/${mine}`, owner);
    expect(detail.html).toContain(`action="/quan-ly/don-hang/${coop.id}/${mine}/confirm"`);
    expect(detail.html).toContain('confirm-payment');
    // Without the token nothing happens.
    const forged = await t.http.post(`/quan-ly/don-hang/${coop.id}/${mine}/confirm`).type('form').set('Cookie', cookieHeader(owner)).send({});
    expect(forged.status).toBe(403);
    // Another seller cannot step it either.
    const theirs = (await t.http.get(`/api/v1/enterprises/${household.id}/sub-orders?q=${placedCode}`).set(household.owner.auth).expect(200)).body.items[0]
      .code;
    await openForm(t, `/quan-ly/don-hang/${household.id}/${theirs}`, other);
    expect((await postForm(t, other, `/quan-ly/don-hang/${coop.id}/${mine}/confirm`, {})).status).toBe(404);

    expect((await postForm(t, owner, `/quan-ly/don-hang/${coop.id}/${mine}/confirm`, {})).status).toBe(303);
    const noReason = await postForm(t, owner, `/quan-ly/don-hang/${coop.id}/${mine}/cancel`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect((await postForm(t, owner, `/quan-ly/don-hang/${coop.id}/${mine}/ship`, {})).status).toBe(303);
    const illegal = await postForm(t, owner, `/quan-ly/don-hang/${coop.id}/${mine}/confirm`, {});
    expect(illegal.status).toBe(409);
    expect((await postForm(t, owner, `/quan-ly/don-hang/${coop.id}/${mine}/confirm-payment`, {})).status).toBe(303);
    const api = await t.http.get(`/api/v1/enterprises/${coop.id}/sub-orders/${mine}`).set(coop.owner.auth).expect(200);
    expect(api.body).toMatchObject({ status: 'shipped', paymentState: 'paid_confirmed_by_seller' });

    const pdf = await t.http
      .get(`/quan-ly/don-hang/${coop.id}/${mine}/phieu-giao-hang.pdf`)
      .set('Cookie', cookieHeader(owner))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.body as Buffer;
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    expect(bytes.toString('latin1')).toContain(mine!);
  });

  it('signed-in buyer: checkout without guest fields, /quan-ly/don-mua lists the order, cancels before confirmation; another buyer gets 404', async () => {
    const buyer = await createUser(t, 'buyer');
    const jar = await signIn(t, buyer.email, buyer.password);
    const added = await t.http.post('/gio-hang/them').type('form').set('Cookie', cookieHeader(jar)).send({ productId: coconut.id, quantity: '1' });
    expect(added.status).toBe(303);
    Object.assign(jar, cookiesOf(added));
    const form = await openForm(t, '/thanh-toan', jar);
    expect(form.html).not.toContain('name="buyerEmail"');
    const placed = await postForm(t, jar, '/thanh-toan', {
      buyerPhone: '0911222333',
      provinceCode: '86',
      communeCode: PHUONG_TRA_VINH,
      street: '9 Phạm Thái Bường',
      recipientName: 'Lê Văn Cường',
      recipientPhone: '0911222333',
      [`pay-${household.id}`]: 'cod',
    });
    expect(placed.status).toBe(200);
    const code = /<code>(TV-[A-Z0-9]+)<\/code>/.exec(placed.text)![1];

    const list = await t.http.get('/quan-ly/don-mua').set('Cookie', cookieHeader(jar)).expect(200);
    expect(list.headers['cache-control']).toBe('private, no-store');
    expect(list.text).toContain(`href="/quan-ly/don-mua/${code}"`);
    const detail = await openForm(t, `/quan-ly/don-mua/${code}`, jar);
    expect(detail.html).toContain(`action="/quan-ly/don-mua/${code}/huy"`);

    const other = await createUser(t, 'buyer');
    const otherJar = await signIn(t, other.email, other.password);
    await t.http.get(`/quan-ly/don-mua/${code}`).set('Cookie', cookieHeader(otherJar)).expect(404);

    const cancelled = await postForm(t, jar, `/quan-ly/don-mua/${code}/huy`, { subOrderCode: `${code}-1`, reason: 'Đặt nhầm' });
    expect(cancelled.status).toBe(303);
    const after = await t.http.get(`/api/v1/orders/${code}`).set(buyer.auth).expect(200);
    expect(after.body.subOrders[0].status).toBe('cancelled');
    const again = await t.http.get(`/quan-ly/don-mua/${code}`).set('Cookie', cookieHeader(jar)).expect(200);
    expect(again.text).not.toContain(`action="/quan-ly/don-mua/${code}/huy"`);
  });
});
