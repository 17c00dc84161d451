import type { PartnerSim, SimFaults } from '../../apps/partner-sim/src';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { connectAll, editProduct, productName, PUSH_CHANNELS, selectProducts, startSim, syncEnv, waitFor, type PushChannelName } from './sync-harness';

/**
 * A product change reviewed while the listing's job is still running must not start a second job
 * for that listing (which would wait on the lease past what one drain covers): the running job
 * picks the change up itself, so the latest values still reach the partner.
 *
 * The first partner call is held for FIRST_CALL_MS, and the change must be made and reviewed within
 * that window; the calls after it are answered at once (the sim fixes a call's faults when it
 * arrives). 1.5 s was once too short on a loaded CI machine: the first job had ended before the
 * review, which then rightly started a job of its own.
 */
const FIRST_CALL_MS = 5000;
/** Above FIRST_CALL_MS (so the held call is slow, not timed out) and below the 10 s listing lease, as config requires. */
const HTTP_TIMEOUT = { SYNC_HTTP_TIMEOUT_MS: '8000' };

async function setFaults(sim: PartnerSim, faults: Partial<SimFaults>): Promise<void> {
  const res = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  expect(res.status).toBe(200);
}

const reviewed = (t: TestApp) =>
  waitFor(
    async () => (await t.dataSource.query(`SELECT 1 FROM jobs WHERE queue = 'partner-sync.product' AND status IN ('pending','running')`)).length === 0,
    10_000,
    'product change reviewed',
  );

describe.each(PUSH_CHANNELS)('partner sync (%s): one job chain per listing', (channel: PushChannelName) => {
  let sim: PartnerSim;
  let t: TestApp;
  let ent: FixtureEnterprise;
  let shop: string;

  beforeAll(async () => {
    sim = await startSim();
    t = await createTestApp({ env: syncEnv(sim, HTTP_TIMEOUT) });
    ent = await createVerifiedEnterprise(t);
    shop = (await connectAll(t, sim, ent, [channel]))[channel];
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  const setLatency = (latencyMs: number) => setFaults(sim, { latencyMs });
  const listingOf = async (productId: string) =>
    (await t.dataSource.query(`SELECT * FROM listings WHERE product_id = $1 AND channel = $2`, [productId, channel]))[0];
  const jobsOf = async (listingId: string): Promise<Array<{ id: string; status: string }>> =>
    t.dataSource.query(`SELECT id, status FROM jobs WHERE queue = 'partner-sync.listing' AND dedupe_key = $1 ORDER BY id`, [listingId]);

  it('keeps one job for a new product chosen and changed while its first sync is still at the partner, and pushes the latest price', async () => {
    const requests = () => sim.store.counters.get(`${channel}:${shop}`)?.requests ?? 0;
    const before = requests();
    await setLatency(FIRST_CALL_MS);
    try {
      const p = await createProduct(t, ent.id, { name: productName('Xoài cát Hòa Lộc'), sku: 'XOAI-1', priceVnd: 50_000 });
      await selectProducts(t, ent, channel, [p.id]);
      const first = await listingOf(p.id);
      // The first job holds the listing lease and its first partner call is in flight: change the product now.
      await waitFor(async () => requests() > before, 10_000, 'first partner call arrived');
      await setLatency(0);
      const [{ mark }] = await t.dataSource.query(`SELECT max(id) AS mark FROM jobs`);
      await editProduct(t, p.id, { priceVnd: 65_000 });
      await reviewed(t);
      expect(await listingOf(p.id)).toMatchObject({ resync_requested: true, lease_owner: expect.any(String) });

      await t.drainJobs();
      // The change reviewed while the first job ran started no job of its own, and nothing is left waiting.
      const jobs = await jobsOf(first.id);
      expect(jobs.filter((j) => Number(j.id) > Number(mark))).toEqual([]);
      expect(jobs.map((j) => j.status)).toEqual(jobs.map(() => 'completed'));
      expect(await listingOf(p.id)).toMatchObject({ state: 'listed', lease_owner: null, resync_requested: false });
      // Latest wins: the change made during the first run reached the partner.
      expect(sim.store.itemsBySku(channel, shop)['XOAI-1'].price).toBe(65_000);
    } finally {
      await setLatency(0);
    }
  }, 60_000);
});

describe.each(PUSH_CHANNELS)('partner sync (%s): a change requested during a job that will not run again', (channel: PushChannelName) => {
  let sim: PartnerSim;
  let t: TestApp;
  let ent: FixtureEnterprise;
  let shop: string;

  beforeAll(async () => {
    sim = await startSim();
    // One attempt: a failed job goes straight to dead-letter and is not retried.
    t = await createTestApp({ env: syncEnv(sim, { ...HTTP_TIMEOUT, SYNC_MAX_ATTEMPTS: '1' }) });
    ent = await createVerifiedEnterprise(t);
    shop = (await connectAll(t, sim, ent, [channel]))[channel];
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  it('hands the request to one follow-up job after the first dead-letters, which pushes the latest price', async () => {
    const p = await createProduct(t, ent.id, { name: productName('Sầu riêng Ri6'), sku: 'SR-1', priceVnd: 90_000 });
    await t.drainJobs();
    const requests = () => sim.store.counters.get(`${channel}:${shop}`)?.requests ?? 0;
    const before = requests();
    // The sim applies the faults in force when a call arrives, so the first job's first call waits
    // FIRST_CALL_MS and fails (and dead-letters it) while later calls succeed at once.
    await setFaults(sim, { latencyMs: FIRST_CALL_MS, transientRate: 1 });
    try {
      await selectProducts(t, ent, channel, [p.id]);
      const [{ id }] = await t.dataSource.query(`SELECT id FROM listings WHERE product_id = $1 AND channel = $2`, [p.id, channel]);
      await waitFor(async () => requests() > before, 10_000, 'first partner call arrived');
      await setFaults(sim, { latencyMs: 0, transientRate: 0 });
      await editProduct(t, p.id, { priceVnd: 95_000 });
      await reviewed(t);
      expect((await t.dataSource.query(`SELECT resync_requested FROM listings WHERE id = $1`, [id]))[0].resync_requested).toBe(true);
      await t.drainJobs();
      const jobs: Array<{ status: string; last_error: string | null }> = await t.dataSource.query(
        `SELECT status, last_error FROM jobs WHERE queue = 'partner-sync.listing' AND dedupe_key = $1 ORDER BY id`,
        [id],
      );
      expect(jobs.map((j) => [j.status, j.last_error])).toEqual([
        ['dead', expect.any(String)],
        ['completed', null],
      ]);
      expect((await t.dataSource.query(`SELECT state, resync_requested FROM listings WHERE id = $1`, [id]))[0]).toEqual({
        state: 'listed',
        resync_requested: false,
      });
      expect(sim.store.itemsBySku(channel, shop)['SR-1'].price).toBe(95_000);
    } finally {
      await setFaults(sim, { latencyMs: 0, transientRate: 0 });
    }
  }, 60_000);
});
