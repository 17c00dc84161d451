import { createProduct, createVerifiedEnterprise, PHUONG_TRA_VINH, XA_CAU_KE, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { countRows } from '../orders/order-helpers';
import { cookieHeader, cookiesOf, openForm, type CookieJar } from './web-helpers';

/** Issue 17, checkout page: one default delivery address, and per seller "Giao đến địa chỉ khác" (no JavaScript needed). */
describe('checkout page: a delivery address per seller', () => {
  let t: TestApp;
  let coop: FixtureEnterprise;
  let household: FixtureEnterprise;
  let pomelo: FixtureProduct;
  let coconut: FixtureProduct;

  beforeAll(async () => {
    t = await createTestApp();
    coop = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Hùng Hòa', kind: 'cooperative' });
    household = await createVerifiedEnterprise(t, { displayName: 'Hộ kinh doanh Dừa Sáp Cầu Kè', kind: 'household' });
    pomelo = await createProduct(t, coop.id, { name: 'Bưởi da xanh loại 1', priceVnd: 60_000, stockQuantity: 40 });
    coconut = await createProduct(t, household.id, { name: 'Dừa sáp Cầu Kè', priceVnd: 120_000, stockQuantity: 15 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('the default address serves every seller unless one is ticked; its own fieldset carries its errors; both addresses reach the order', async () => {
    const jar: CookieJar = {};
    for (const [productId, quantity] of [
      [pomelo.id, '1'],
      [coconut.id, '1'],
    ]) {
      const res = await t.http.post('/gio-hang/them').type('form').set('Cookie', cookieHeader(jar)).send({ productId, quantity });
      expect(res.status).toBe(303);
      Object.assign(jar, cookiesOf(res));
    }
    const form = await openForm(t, '/thanh-toan', jar);
    // Each seller has a closed <details> with the explicit checkbox and a fieldset named after the seller.
    for (const s of [
      { id: coop.id, name: 'HTX Bưởi Hùng Hòa' },
      { id: household.id, name: 'Hộ kinh doanh Dừa Sáp Cầu Kè' },
    ]) {
      expect(form.html).toContain(`<input type="checkbox" id="f-other-${s.id}" name="other-${s.id}" value="1">`);
      expect(form.html).toContain(`<fieldset id="addr-${s.id}"><legend>Địa chỉ giao đơn của ${s.name}</legend>`);
      expect(form.html).toContain(`name="street-${s.id}"`);
    }
    expect(form.html).toContain('<details class="seller-address"><summary>Giao đến địa chỉ khác');
    const post = (fields: Record<string, string>) =>
      t.http
        .post('/thanh-toan')
        .type('form')
        .set('Cookie', cookieHeader(jar))
        .send({ _csrf: form.csrf, ...fields });
    const base = {
      buyerName: 'Trần Thị Bé',
      buyerPhone: '0987654321',
      buyerEmail: 'be.tran@example.vn',
      provinceCode: '86',
      communeCode: PHUONG_TRA_VINH,
      street: '5 Lê Lợi',
      recipientName: 'Trần Thị Bé',
      recipientPhone: '0987654321',
      [`pay-${coop.id}`]: 'cod',
      [`pay-${household.id}`]: 'cod',
    };

    // Filled in but not ticked: ignored (the default address serves both) — checked below after the bad posts.
    // Ticked but empty: the errors sit in that seller's fieldset (its inputs' ids), the <details> opens; nothing written.
    const bad = await post({ ...base, [`other-${household.id}`]: '1', [`provinceCode-${household.id}`]: '86' }).expect(400);
    for (const f of ['communeCode', 'street', 'recipientName', 'recipientPhone']) expect(bad.text).toContain(`id="f-${f}-${household.id}-error"`);
    expect(bad.text).not.toContain('id="f-street-error"');
    expect(bad.text).not.toContain(`id="f-street-${coop.id}-error"`);
    expect(bad.text).toContain(`<details class="seller-address" open><summary>`);
    expect(bad.text).toContain(`id="f-other-${household.id}" name="other-${household.id}" value="1" checked`);
    // The default address is only required when some seller uses it.
    const badDefault = await post({ ...base, street: '' }).expect(400);
    expect(badDefault.text).toContain('id="f-street-error"');
    expect(await countRows(t, 'orders')).toBe(0);

    // Reload the communes of one seller's own address only (no write; the default commune stays).
    const refreshed = await post({ ...base, [`other-${household.id}`]: '1', [`provinceCode-${household.id}`]: '86', refresh: household.id }).expect(200);
    expect(refreshed.text).toContain(`<option value="${PHUONG_TRA_VINH}" selected>`);
    expect(await countRows(t, 'orders')).toBe(0);

    const placed = await post({
      ...base,
      [`street-${coop.id}`]: 'Không dùng vì không đánh dấu',
      [`other-${household.id}`]: '1',
      [`provinceCode-${household.id}`]: '86',
      [`communeCode-${household.id}`]: XA_CAU_KE,
      [`street-${household.id}`]: '88 ấp Phú Hòa',
      [`recipientName-${household.id}`]: 'Lê Văn Tư',
      [`recipientPhone-${household.id}`]: '0911222333',
    }).expect(200);
    const code = /<code>(TV-[A-Z0-9]+)<\/code>/.exec(placed.text)?.[1];
    expect(code).toBeDefined();
    const order = (await t.http.get(`/api/v1/orders/${code}?phone=0987654321`).expect(200)).body;
    const byId = (id: string) => order.subOrders.find((s: { enterpriseId: string }) => s.enterpriseId === id).address;
    expect(byId(coop.id)).toMatchObject({ communeCode: PHUONG_TRA_VINH, street: '5 Lê Lợi', recipientName: 'Trần Thị Bé', recipientPhone: '0987654321' });
    expect(byId(household.id)).toMatchObject({ communeCode: XA_CAU_KE, street: '88 ấp Phú Hòa', recipientName: 'Lê Văn Tư', recipientPhone: '0911222333' });
  });
});
