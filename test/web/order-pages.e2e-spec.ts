import { parseVietQr } from '@tradefloor/payments';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { addToCart, as, countRows, guestCheckout, sellerEntry, type Shopper } from '../orders/order-helpers';

/** Issue 17 (orders), pages and wiring: the real payment methods of libs/payments behind checkout. */
describe('order pages: payment methods wired into checkout', () => {
  let t: TestApp;
  let coop: FixtureEnterprise; // has a payout account: offers VietQR
  let household: FixtureEnterprise; // has none: COD only
  let pomelo: FixtureProduct;
  let coconut: FixtureProduct;

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
});
