import crypto from 'node:crypto';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { addToCart, as, countRows, guestCheckout, stockOf, type Shopper } from './order-helpers';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/**
 * Order codes are drawn at random, so one can come up twice. The checkout statement then writes
 * nothing (and has already taken the cart's lines): the whole transaction must run again with a
 * new code, the cart taken once, the stock reserved once.
 */
describe('checkout: an order code drawn twice', () => {
  let t: TestApp;
  let coop: FixtureEnterprise;
  let pomelo: FixtureProduct;

  beforeAll(async () => {
    t = await createTestApp();
    coop = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Hùng Hòa' });
    pomelo = await createProduct(t, coop.id, { name: 'Bưởi da xanh', priceVnd: 60_000, stockQuantity: 20 });
  });
  afterAll(() => t?.close());

  it('places the order under another code, taking the cart and the stock once', async () => {
    const first: Shopper = {};
    await addToCart(t, first, pomelo.id, 1);
    const taken = (
      await as(t, first)
        .post('/api/v1/checkout', guestCheckout([coop.id]))
        .expect(201)
    ).body.orderCode as string;

    const second: Shopper = {};
    await addToCart(t, second, pomelo.id, 2);
    // The next code drawn is the one already taken; the draws after it are random again.
    const draw = jest.spyOn(crypto, 'randomInt');
    for (const ch of taken.slice(3)) draw.mockImplementationOnce(() => ALPHABET.indexOf(ch));
    const res = await as(t, second)
      .post('/api/v1/checkout', guestCheckout([coop.id]))
      .expect(201);
    draw.mockRestore();

    expect(res.body.orderCode).not.toBe(taken);
    expect(res.body.subOrders[0].items).toEqual([expect.objectContaining({ productId: pomelo.id, quantity: 2 })]);
    expect(await countRows(t, 'orders')).toBe(2);
    expect(await stockOf(t, pomelo.id)).toBe(17);
    const cart = (await as(t, second).get('/api/v1/cart').expect(200)).body;
    expect(cart.itemCount).toBe(0);
  });
});
