import { PageCache } from '@tradefloor/core';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { within } from '../harness/processes';
import { createTestApp, type TestApp } from '../harness/test-app';
import { addToCart, as, guestCheckout, SALES_TERMS as TERMS, sellerEntry, type Shopper } from './order-helpers';

const ACCOUNT = { bankBin: '970436', accountNumber: '0071000123456', accountHolder: 'HTX Buoi Hung Hoa' };

/**
 * Sales terms and payment methods are held in each API process's memory (they are read by every
 * cart answer and checkout). A change written through one replica must reach the other's carts at
 * once, not after the copies' backstop expiry: the other replica has read them just before.
 */
describe('seller conditions held in memory, dropped on every replica by a change', () => {
  let a: TestApp;
  let b: TestApp;
  let coop: FixtureEnterprise;
  let pomelo: FixtureProduct;
  const guest: Shopper = {};

  const cartOnB = async () => (await as(b, guest).get('/api/v1/cart').expect(200)).body.sellers[0];

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ replicaOf: a, worker: false });
    coop = await createVerifiedEnterprise(a, { displayName: 'HTX Bưởi Hùng Hòa', kind: 'cooperative' });
    pomelo = await createProduct(a, coop.id, { name: 'Bưởi da xanh', priceVnd: 60_000, stockQuantity: 40 });
    for (const t of [a, b]) expect(await within(5000, async () => t.app.get(PageCache).stats().listening)).toBe(true);
    await addToCart(b, guest, pomelo.id, 1);
  }, 60_000);

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a payout account saved on one replica offers VietQR on the other; removed, it is refused there', async () => {
    expect((await cartOnB()).paymentMethods).toEqual(['cod']);
    expect((await cartOnB()).paymentMethods).toEqual(['cod']); // now held by B
    await a.http.put(`/api/v1/enterprises/${coop.id}/payout-account`).set(coop.owner.auth).send(ACCOUNT).expect(200);
    expect(await within(1000, async () => (await cartOnB()).paymentMethods.includes('vietqr'))).toBe(true);

    await a.http.delete(`/api/v1/enterprises/${coop.id}/payout-account`).set(coop.owner.auth).expect(204);
    expect(await within(1000, async () => !(await cartOnB()).paymentMethods.includes('vietqr'))).toBe(true);
    const refused = await as(b, guest)
      .post('/api/v1/checkout', guestCheckout([], { subOrders: [sellerEntry(coop.id, { paymentMethod: 'vietqr' })] }))
      .expect(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'subOrders.0.paymentMethod' })]);
  });

  it("sales terms published on one replica are the other's at once: shown in the cart and charged at checkout", async () => {
    const before = await cartOnB();
    expect(before.salesTerms.published).toBe(false);
    await a.http.put(`/api/v1/enterprises/${coop.id}/sales-terms`).set(coop.owner.auth).send(TERMS).expect(200);
    expect(await within(1000, async () => (await cartOnB()).salesTerms.deliveryPolicy === TERMS.deliveryPolicy)).toBe(true);
    const placed = await as(b, guest)
      .post('/api/v1/checkout', guestCheckout([coop.id]))
      .expect(201);
    expect(placed.body.subOrders[0]).toEqual(expect.objectContaining({ shippingFeeVnd: TERMS.sellerDeliveryFeeVnd, pricesIncludeVat: false }));
  });

  it('the writing replica drops its own copy before answering', async () => {
    await addToCart(a, guest, pomelo.id, 1);
    const held = (await as(a, guest).get('/api/v1/cart').expect(200)).body.sellers[0];
    expect(held.salesTerms.confirmWithinHours).toBe(24);
    await a.http
      .put(`/api/v1/enterprises/${coop.id}/sales-terms`)
      .set(coop.owner.auth)
      .send({ ...TERMS, confirmWithinHours: 12 })
      .expect(200);
    const after = (await as(a, guest).get('/api/v1/cart').expect(200)).body.sellers[0];
    expect(after.salesTerms.confirmWithinHours).toBe(12);
  });
});
