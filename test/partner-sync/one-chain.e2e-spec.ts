import type { PartnerSim } from '../../apps/partner-sim/src';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { connectAll, editProduct, selectProducts, startSim, syncEnv, waitFor } from './sync-harness';

/**
 * A product change reviewed while the listing's job is still running must not start a second job
 * for that listing (which would wait on the lease past what one drain covers): the running job
 * picks the change up itself, so the latest values still reach the partner.
 */
describe('partner sync: one job chain per listing', () => {
  let sim: PartnerSim;
  let t: TestApp;
  let ent: FixtureEnterprise;

  beforeAll(async () => {
    sim = await startSim();
    t = await createTestApp({ env: syncEnv(sim) });
    ent = await createVerifiedEnterprise(t);
    await connectAll(t, ent);
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  const setLatency = async (latencyMs: number) => {
    const res = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs }) });
    expect(res.status).toBe(200);
  };
  const listingOf = async (productId: string) =>
    (await t.dataSource.query(`SELECT * FROM listings WHERE product_id = $1 AND channel = 'voso'`, [productId]))[0];
  const jobsOf = async (listingId: string): Promise<Array<{ status: string; last_error: string | null }>> =>
    t.dataSource.query(`SELECT status, last_error FROM jobs WHERE queue = 'partner-sync.listing' AND dedupe_key = $1 ORDER BY id`, [listingId]);

  it('keeps one job for a new product chosen and changed while its first sync is still at the partner, and pushes the latest price', async () => {
    await setLatency(300);
    try {
      const p = await createProduct(t, ent.id, { name: 'Xoài cát Hòa Lộc', sku: 'XOAI-1', priceVnd: 50_000 });
      await selectProducts(t, ent, 'voso', [p.id]);
      const first = await listingOf(p.id);
      // The first job holds the listing lease (its partner calls are slow): change the product now.
      await waitFor(async () => (await listingOf(p.id)).lease_owner !== null, 10_000, 'first sync job running');
      await editProduct(t, p.id, { priceVnd: 65_000 });
      await waitFor(async () => (await t.dataSource.query(`SELECT 1 FROM jobs WHERE queue = 'partner-sync.product' AND status IN ('pending','running')`)).length === 0, 10_000, 'product change reviewed');

      await t.drainJobs();
      const jobs = await jobsOf(first.id);
      expect(jobs.map((j) => j.status)).toEqual(['completed']);
      expect(jobs.some((j) => j.last_error?.includes('listing busy'))).toBe(false);
      expect(await listingOf(p.id)).toMatchObject({ state: 'listed', lease_owner: null });
      // Latest wins: the change made during the first run reached the partner.
      expect(sim.store.itemsBySku('voso', ent.slug)['XOAI-1'].price).toBe(65_000);
    } finally {
      await setLatency(0);
    }
  }, 60_000);
});
