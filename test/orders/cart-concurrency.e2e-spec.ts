import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { seededRandom, type Random } from '../search/seeded-random';
import { addToCart, as, guestCheckout, type Shopper } from './order-helpers';

const SEED = Number(process.env.ORDERS_SEED ?? 17017);
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The cart's lines as the database holds them (product id → quantity). */
async function cartLines(t: TestApp, cookie: string | undefined): Promise<Map<string, number>> {
  const cart = (
    await t.http
      .get('/api/v1/cart')
      .set(cookie ? { Cookie: cookie } : {})
      .expect(200)
  ).body;
  return new Map(cart.sellers.flatMap((s: { items: Array<{ productId: string; quantity: number }> }) => s.items.map((i) => [i.productId, i.quantity])));
}

/**
 * A cart addition holds no lock across its round trips: it reads the cart, checks the products, and
 * writes only if the cart is unchanged since (compare-and-set on the cart's row version), falling
 * back to the cart's lock when it keeps changing. Many additions to one cart at once, in random
 * interleavings, must each count exactly once, and none is refused for the race.
 */
describe('cart additions: concurrent requests on one cart', () => {
  let t: TestApp;
  let coop: FixtureEnterprise;
  let products: FixtureProduct[];

  beforeAll(async () => {
    t = await createTestApp({ env: { DB_POOL_SIZE: '20' } });
    coop = await createVerifiedEnterprise(t, { displayName: 'HTX Dừa Cầu Kè' });
    products = [];
    for (let i = 0; i < 12; i++) products.push(await createProduct(t, coop.id, { name: `Dừa sáp loại ${i + 1}`, stockQuantity: 1000 }));
  }, 60_000);
  afterAll(() => t?.close());

  it.each([0, 1, 2])('counts every successful addition exactly once (seed %#)', async (round) => {
    const rnd: Random = seededRandom(SEED + round);
    const shopper: Shopper = {};
    await addToCart(t, shopper, products[0].id, 1);
    // 40 additions at once: half to one line, half spread over the others, each after a random delay.
    const wanted = Array.from({ length: 40 }, (_, i) => ({ product: i % 2 ? products[0] : products[1 + rnd.int(11)], quantity: 1 + rnd.int(3) }));
    const results = await Promise.all(
      wanted.map((w) => later(rnd.int(30)).then(() => as(t, shopper).post('/api/v1/cart/items', { productId: w.product.id, quantity: w.quantity }))),
    );
    const expected = new Map<string, number>([[products[0].id, 1]]);
    for (const [i, res] of results.entries()) {
      expect(res.status).toBe(200);
      expected.set(wanted[i].product.id, (expected.get(wanted[i].product.id) ?? 0) + wanted[i].quantity);
    }
    expect(await cartLines(t, shopper.cookie)).toEqual(expected);
  });

  it('never lets concurrent additions of new lines pass the 50-line limit', async () => {
    const many: FixtureProduct[] = [];
    for (let i = 0; i < 58; i++) many.push(await createProduct(t, coop.id, { name: `Bánh tét lá cẩm ${i + 1}`, stockQuantity: 100 }));
    const shopper: Shopper = {};
    for (const p of many.slice(0, 48)) await addToCart(t, shopper, p.id, 1);
    const results = await Promise.all(many.slice(48).map((p) => as(t, shopper).post('/api/v1/cart/items', { productId: p.id, quantity: 1 })));
    for (const res of results) {
      expect([200, 400]).toContain(res.status);
      if (res.status === 400) expect(res.body.details).toEqual([expect.objectContaining({ field: 'productId' })]);
    }
    const lines = await cartLines(t, shopper.cookie);
    expect(lines.size).toBe(48 + results.filter((r) => r.status === 200).length);
    expect(lines.size).toBe(50);
  });

  it('an addition racing the checkout of the same cart is either ordered, refused with the checkout, or left in the cart', async () => {
    const rnd: Random = seededRandom(SEED + 7);
    for (let round = 0; round < 6; round++) {
      const shopper: Shopper = {};
      await addToCart(t, shopper, products[0].id, 2);
      const [checkout, added] = await Promise.all([
        later(rnd.int(15)).then(() => as(t, shopper).post('/api/v1/checkout', guestCheckout([coop.id]))),
        later(rnd.int(15)).then(() => as(t, shopper).post('/api/v1/cart/items', { productId: products[5].id, quantity: 1 })),
      ]);
      expect([201, 409]).toContain(checkout.status);
      expect(added.status).toBe(200);
      const ordered = new Map<string, number>(
        checkout.status === 201
          ? checkout.body.subOrders.flatMap((s: { items: Array<{ productId: string; quantity: number }> }) => s.items.map((i) => [i.productId, i.quantity]))
          : [],
      );
      const left = await cartLines(t, shopper.cookie);
      // Every unit is exactly once in the order or in the cart; the priced cart is ordered whole or not at all.
      const total = new Map<string, number>();
      for (const m of [ordered, left]) for (const [id, q] of m) total.set(id, (total.get(id) ?? 0) + q);
      const expected = new Map<string, number>([[products[0].id, 2]]);
      expected.set(products[5].id, 1);
      expect(total).toEqual(expected);
      if (checkout.status === 201) expect(ordered.get(products[0].id)).toBe(2);
      else expect(checkout.body.code).toBe('CART_CHANGED');
    }
  });
});
