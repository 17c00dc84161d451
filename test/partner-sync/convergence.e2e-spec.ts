import type { PartnerSim } from '../../apps/partner-sim/src';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import {
  connectAll,
  editProduct,
  listingStates,
  productName,
  PUSH_CHANNELS,
  selectProducts,
  settled,
  startSim,
  syncEnv,
  waitFor,
  type PushChannelName,
} from './sync-harness';

const PRODUCTS = 200;
/** Every push channel of the registry, each through its own simulator. */
const CHANNELS = PUSH_CHANNELS;

describe(`partner sync: ${PRODUCTS} products × ${CHANNELS.length} channels (${CHANNELS.join(', ')}) converge under faults`, () => {
  let sim: PartnerSim;
  let t: TestApp;
  let ent: FixtureEnterprise;
  let shops: Record<PushChannelName, string>;
  const productIds: string[] = [];

  beforeAll(async () => {
    sim = await startSim();
    t = await createTestApp({ env: syncEnv(sim) });
    ent = await createVerifiedEnterprise(t);
    shops = await connectAll(t, sim, ent, CHANNELS);
    for (let i = 0; i < PRODUCTS; i++) {
      const p = await createProduct(t, ent.id, {
        name: productName(`Bưởi da xanh loại ${i}`),
        sku: `BDX-${String(i).padStart(4, '0')}`,
        priceVnd: 40_000 + i,
        stockQuantity: 10 + i,
      });
      productIds.push(p.id);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  it('lists every product on every channel with zero duplicates despite 20% transient errors, 10% throttling and 5% dropped responses', async () => {
    sim.setFaults({ transientRate: 0.2, throttleRate: 0.1, dropRate: 0.05 });
    for (const channel of CHANNELS) await selectProducts(t, ent, channel, productIds);
    await waitFor(
      () => settled(t, ['listed']),
      400_000,
      'all listings listed',
      () => listingStates(t),
    );

    const state = sim.state();
    expect(state.faultsInjected.transient).toBeGreaterThan(50);
    expect(state.faultsInjected.throttle).toBeGreaterThan(20);
    expect(state.faultsInjected.drop).toBeGreaterThan(10);
    expect(state.duplicateSkus).toBe(0);
    for (const channel of CHANNELS) {
      const shop = state.shops[`${channel}:${shops[channel]}`];
      expect({ channel, items: shop.items, active: shop.active }).toEqual({ channel, items: PRODUCTS, active: PRODUCTS });
    }
    expect(await listingStates(t)).toEqual({ listed: PRODUCTS * CHANNELS.length });
    // Lost creates were found again by SKU rather than created twice.
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM listing_attempts WHERE action = 'adopt'`);
    expect(n).toBeGreaterThan(0);
  }, 420_000);

  it('pushes the latest price and absolute stock after rapid successive edits (queued updates coalesce)', async () => {
    const edited = productIds.slice(0, 30);
    for (const [i, id] of edited.entries()) {
      await editProduct(t, id, { priceVnd: 60_000 + i, stockQuantity: 1 });
      await editProduct(t, id, { stockQuantity: 5 + i });
      await editProduct(t, id, { priceVnd: 70_000 + i });
    }
    await waitFor(
      () => settled(t, ['listed']),
      300_000,
      'edits synced',
      () => listingStates(t),
    );
    for (const channel of CHANNELS) {
      const items = sim.store.itemsBySku(channel, shops[channel]);
      for (let i = 0; i < edited.length; i++) {
        const sku = `BDX-${String(i).padStart(4, '0')}`;
        expect({ channel, sku, price: items[sku].price, stock: items[sku].stock }).toEqual({ channel, sku, price: 70_000 + i, stock: 5 + i });
      }
    }
    expect(sim.state().duplicateSkus).toBe(0);
  }, 320_000);

  it('delists when a product is unpublished and relists when it is published again', async () => {
    sim.setFaults({ transientRate: 0, throttleRate: 0, dropRate: 0 });
    const id = productIds[PRODUCTS - 1];
    const sku = `BDX-${String(PRODUCTS - 1).padStart(4, '0')}`;
    await editProduct(t, id, { status: 'unlisted' });
    await waitFor(() => settled(t, ['delisted'], 'product_id = $1', [id]), 60_000, 'delisted');
    for (const channel of CHANNELS) expect(sim.store.itemsBySku(channel, shops[channel])[sku].status).toBe('unlisted');
    await editProduct(t, id, { status: 'published' });
    await waitFor(() => settled(t, ['listed'], 'product_id = $1', [id]), 60_000, 'relisted');
    for (const channel of CHANNELS) expect(sim.store.itemsBySku(channel, shops[channel])[sku].status).toBe('active');
    expect(sim.state().duplicateSkus).toBe(0);
  }, 150_000);
});
