import type { PartnerSim } from '../../apps/partner-sim/src';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { connectAll, selectProducts, startSim, syncEnv, waitFor } from './sync-harness';

/**
 * Disconnecting a channel takes the items off the marketplace before the credentials go: a buyer
 * must not be able to order there what the seller no longer manages through us.
 */
describe('partner sync: disconnecting unlists the channel’s items on the marketplace first', () => {
  let sim: PartnerSim;
  let t: TestApp;
  let ent: FixtureEnterprise;
  let shops: { shopeeShop: string; vosoShop: string; postmartShop: string };
  let productIds: string[];

  const connection = async (channel: string) =>
    (await t.dataSource.query(`SELECT status, secrets FROM channel_connections WHERE enterprise_id = $1 AND channel = $2`, [ent.id, channel]))[0];
  const remoteItems = (channel: string, shop: string) => Object.values(sim.store.itemsBySku(channel, shop));
  const simShop = async (key: string) =>
    ((await (await fetch(`${sim.url}/__sim/state`)).json()) as { shops: Record<string, { active: number; unlisted: number }> }).shops[key];

  beforeAll(async () => {
    sim = await startSim();
    t = await createTestApp({ env: syncEnv(sim) });
    ent = await createVerifiedEnterprise(t);
    shops = await connectAll(t, ent);
    productIds = [];
    for (const sku of ['UL-1', 'UL-2', 'UL-3']) productIds.push((await createProduct(t, ent.id, { name: `Sản phẩm ${sku}`, sku })).id);
    await t.drainJobs();
    for (const channel of ['shopee', 'voso']) await selectProducts(t, ent, channel, productIds);
    await t.drainJobs();
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  it('unlists every Shopee item with the still-valid token, then wipes the secrets', async () => {
    expect(remoteItems('shopee', shops.shopeeShop).map((i) => i.status)).toEqual(['active', 'active', 'active']);
    await t.http.delete(`/api/v1/enterprises/${ent.id}/channels/shopee`).set(ent.owner.auth).expect(204);
    await t.drainJobs();
    expect(await simShop(`shopee:${shops.shopeeShop}`)).toMatchObject({ active: 0, unlisted: 3 });
    expect(await connection('shopee')).toEqual({ status: 'disconnected', secrets: null });
    const rows: Array<{ state: string; remote_status: string; unlist_failed_at: Date | null }> = await t.dataSource.query(
      `SELECT state, remote_status, unlist_failed_at FROM listings WHERE enterprise_id = $1 AND channel = 'shopee'`,
      [ent.id],
    );
    expect(rows).toEqual(Array(3).fill({ state: 'delisted', remote_status: 'unlisted', unlist_failed_at: null }));
    // Voso was not touched.
    expect(remoteItems('voso', shops.vosoShop).every((i) => i.status === 'active')).toBe(true);
  });

  it('retries through a partner outage while keeping the credentials, and finishes once the partner is back', async () => {
    sim.setFaults({ transientRate: 1 });
    try {
      await t.http.delete(`/api/v1/enterprises/${ent.id}/channels/voso`).set(ent.owner.auth).expect(204);
      // Each item's unlist has failed at least twice: the jobs are retrying, nothing is lost yet.
      await waitFor(
        async () => {
          const [{ failing }] = await t.dataSource.query(
            `SELECT count(*)::int AS failing FROM (SELECT a.listing_id FROM listing_attempts a JOIN listings l ON l.id = a.listing_id
             WHERE l.enterprise_id = $1 AND l.channel = 'voso' AND a.action = 'unlist' AND a.outcome = 'error' GROUP BY a.listing_id HAVING count(*) >= 2) x`,
            [ent.id],
          );
          return failing === 3;
        },
        20_000,
        'three unlists failing twice each',
      );
      const during = await connection('voso');
      expect(during.status).toBe('disconnecting');
      expect(during.secrets).not.toBeNull();
      const [{ delisting }] = await t.dataSource.query(
        `SELECT count(*)::int AS delisting FROM listings WHERE enterprise_id = $1 AND channel = 'voso' AND state = 'delisting'`,
        [ent.id],
      );
      expect(delisting).toBe(3);
      // Changes are refused while the channel is being disconnected.
      await t.http.put(`/api/v1/enterprises/${ent.id}/channels/voso/products`).set(ent.owner.auth).send({ productIds, mode: 'add' }).expect(409);
    } finally {
      sim.setFaults({ transientRate: 0 });
    }
    await t.drainJobs();
    expect(remoteItems('voso', shops.vosoShop).map((i) => i.status)).toEqual(['unlisted', 'unlisted', 'unlisted']);
    expect(await connection('voso')).toEqual({ status: 'disconnected', secrets: null });
    const [{ left }] = await t.dataSource.query(`SELECT count(*)::int AS left FROM listings WHERE enterprise_id = $1 AND unlist_failed_at IS NOT NULL`, [
      ent.id,
    ]);
    expect(left).toBe(0);
  });

  it('forgets a channel with nothing live at once', async () => {
    await t.http.delete(`/api/v1/enterprises/${ent.id}/channels/postmart`).set(ent.owner.auth).expect(204);
    expect(await connection('postmart')).toEqual({ status: 'disconnected', secrets: null });
    await t.http.delete(`/api/v1/enterprises/${ent.id}/channels/postmart`).set(ent.owner.auth).expect(404);
  });
});
