import type { PartnerSim } from '../../apps/partner-sim/src';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { WORKER_MAIN, spawnTradeFloor, type Spawned } from '../harness/processes';
import { testEnv } from '../harness/test-database';
import { createTestApp, type TestApp } from '../harness/test-app';
import { connectAll, listingStates, productName, PUSH_CHANNELS, selectProducts, settled, startSim, syncEnv, waitFor } from './sync-harness';

const PRODUCTS = 120;

describe('partner sync: a worker killed mid-run', () => {
  let sim: PartnerSim;
  let t: TestApp;
  const workers: Spawned[] = [];

  beforeAll(async () => {
    sim = await startSim();
    t = await createTestApp({ worker: false, env: syncEnv(sim) });
  });
  afterAll(async () => {
    for (const w of workers) if (w.running) await w.stop('SIGKILL');
    await t?.close();
    await sim?.stop();
  });

  it('resumes in another worker with nothing lost and nothing listed twice', async () => {
    const ent = await createVerifiedEnterprise(t);
    // Connecting checks credentials synchronously (a partner error there is a 503 to the owner, not a
    // retry), so faults start once the channels are connected: they target the sync engine.
    const shops = await connectAll(t, sim, ent);
    sim.setFaults({ latencyMs: 15, dropRate: 0.03, transientRate: 0.05 });
    const ids: string[] = [];
    for (let i = 0; i < PRODUCTS; i++) ids.push((await createProduct(t, ent.id, { name: productName(`Gạo ST25 lô ${i}`), sku: `ST25-${i}` })).id);
    for (const channel of PUSH_CHANNELS) await selectProducts(t, ent, channel, ids);

    // Slow partners (30/s per shop) so the kill lands mid-run; short leases so the next worker takes over soon.
    const env = {
      ...testEnv(t.config.databaseUrl, t.config.meiliIndexPrefix),
      ...syncEnv(sim, {
        SHOPEE_RATE_PER_SECOND: '30',
        TIKTOK_SHOP_RATE_PER_SECOND: '30',
        VOSO_RATE_PER_SECOND: '30',
        POSTMART_RATE_PER_SECOND: '30',
        JOB_LOCK_SECONDS: '2',
        SYNC_LISTING_LEASE_SECONDS: '3',
        SYNC_HTTP_TIMEOUT_MS: '2000',
      }),
      LOG_LEVEL: 'warn',
    };
    const first = spawnTradeFloor(WORKER_MAIN, env);
    workers.push(first);
    await waitFor(
      async () => ((await listingStates(t)).listed ?? 0) >= 80,
      120_000,
      'first listings',
      () => listingStates(t),
    );
    first.child.kill('SIGKILL');
    const exit = await first.waitExit(10_000);
    expect(exit.signal).toBe('SIGKILL');
    const atKill = await listingStates(t);
    expect(atKill.listed ?? 0).toBeLessThan(PRODUCTS * PUSH_CHANNELS.length);

    const second = spawnTradeFloor(WORKER_MAIN, env);
    workers.push(second);
    await waitFor(
      () => settled(t, ['listed']),
      240_000,
      'convergence after restart',
      () => listingStates(t),
    );
    await second.stop('SIGTERM');

    const state = sim.state();
    expect(state.duplicateSkus).toBe(0);
    for (const channel of PUSH_CHANNELS) {
      const key = `${channel}:${shops[channel]}`;
      expect({ key, items: state.shops[key].items }).toEqual({ key, items: PRODUCTS });
    }
    expect(await listingStates(t)).toEqual({ listed: PRODUCTS * PUSH_CHANNELS.length });
    const [{ dead }] = await t.dataSource.query(`SELECT count(*)::int AS dead FROM jobs WHERE queue LIKE 'partner-sync.%' AND status = 'dead'`);
    expect(dead).toBe(0);
  }, 400_000);
});
