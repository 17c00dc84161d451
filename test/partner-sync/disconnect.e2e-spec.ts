import type { PartnerSim } from '../../apps/partner-sim/src';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { connectAll, productName, PUSH_CHANNELS, selectProducts, startSim, syncEnv, waitFor, type PushChannelName } from './sync-harness';

/**
 * Disconnecting a channel takes the items off the marketplace before the credentials go: a buyer
 * must not be able to order there what the seller no longer manages through us.
 */
describe.each(PUSH_CHANNELS)('partner sync (%s): disconnecting unlists the channel’s items on the marketplace first', (channel: PushChannelName) => {
  let sim: PartnerSim;
  let t: TestApp;
  /** Another channel of the same enterprise, which a disconnect must leave alone. */
  const other: PushChannelName = channel === 'postmart' ? 'voso' : 'postmart';

  const connection = async (ent: FixtureEnterprise, name: string = channel) =>
    (await t.dataSource.query(`SELECT status, secrets FROM channel_connections WHERE enterprise_id = $1 AND channel = $2`, [ent.id, name]))[0];
  const remoteItems = (shop: string) => Object.values(sim.store.itemsBySku(channel, shop));
  const simShop = async (key: string) =>
    ((await (await fetch(`${sim.url}/__sim/state`)).json()) as { shops: Record<string, { active: number; unlisted: number }> }).shops[key];

  /** An enterprise with the channel (and another, left alone) connected and three products listed on it. */
  async function listedEnterprise(): Promise<{ ent: FixtureEnterprise; shop: string; productIds: string[] }> {
    const ent = await createVerifiedEnterprise(t);
    const shops = await connectAll(t, sim, ent, [channel, other]);
    const productIds: string[] = [];
    for (const sku of ['UL-1', 'UL-2', 'UL-3']) productIds.push((await createProduct(t, ent.id, { name: productName(`Sản phẩm ${sku}`), sku })).id);
    await t.drainJobs();
    await selectProducts(t, ent, channel, productIds);
    await t.drainJobs();
    expect(remoteItems(shops[channel]).map((i) => i.status)).toEqual(['active', 'active', 'active']);
    return { ent, shop: shops[channel], productIds };
  }

  beforeAll(async () => {
    sim = await startSim();
    t = await createTestApp({ env: syncEnv(sim) });
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  it('unlists every item with the still-valid credentials, then wipes the secrets', async () => {
    const { ent, shop } = await listedEnterprise();
    await t.http.delete(`/api/v1/enterprises/${ent.id}/channels/${channel}`).set(ent.owner.auth).expect(204);
    await t.drainJobs();
    expect(await simShop(`${channel}:${shop}`)).toMatchObject({ active: 0, unlisted: 3 });
    expect(await connection(ent)).toEqual({ status: 'disconnected', secrets: null });
    const rows: Array<{ state: string; remote_status: string; unlist_failed_at: Date | null }> = await t.dataSource.query(
      `SELECT state, remote_status, unlist_failed_at FROM listings WHERE enterprise_id = $1 AND channel = $2`,
      [ent.id, channel],
    );
    expect(rows).toEqual(Array(3).fill({ state: 'delisted', remote_status: 'unlisted', unlist_failed_at: null }));
    // The other channel was not touched.
    expect((await connection(ent, other)).status).toBe('active');
  });

  it('retries through a partner outage while keeping the credentials, and finishes once the partner is back', async () => {
    const { ent, shop, productIds } = await listedEnterprise();
    sim.setFaults({ transientRate: 1 });
    try {
      await t.http.delete(`/api/v1/enterprises/${ent.id}/channels/${channel}`).set(ent.owner.auth).expect(204);
      // Each item's unlist has failed at least twice: the jobs are retrying, nothing is lost yet.
      await waitFor(
        async () => {
          const [{ failing }] = await t.dataSource.query(
            `SELECT count(*)::int AS failing FROM (SELECT a.listing_id FROM listing_attempts a JOIN listings l ON l.id = a.listing_id
             WHERE l.enterprise_id = $1 AND l.channel = $2 AND a.action = 'unlist' AND a.outcome = 'error' GROUP BY a.listing_id HAVING count(*) >= 2) x`,
            [ent.id, channel],
          );
          return failing === 3;
        },
        20_000,
        'three unlists failing twice each',
      );
      const during = await connection(ent);
      expect(during.status).toBe('disconnecting');
      expect(during.secrets).not.toBeNull();
      const [{ delisting }] = await t.dataSource.query(
        `SELECT count(*)::int AS delisting FROM listings WHERE enterprise_id = $1 AND channel = $2 AND state = 'delisting'`,
        [ent.id, channel],
      );
      expect(delisting).toBe(3);
      // Changes are refused while the channel is being disconnected.
      await t.http.put(`/api/v1/enterprises/${ent.id}/channels/${channel}/products`).set(ent.owner.auth).send({ productIds, mode: 'add' }).expect(409);
    } finally {
      sim.setFaults({ transientRate: 0 });
    }
    await t.drainJobs();
    expect(remoteItems(shop).map((i) => i.status)).toEqual(['unlisted', 'unlisted', 'unlisted']);
    expect(await connection(ent)).toEqual({ status: 'disconnected', secrets: null });
    const [{ left }] = await t.dataSource.query(`SELECT count(*)::int AS left FROM listings WHERE enterprise_id = $1 AND unlist_failed_at IS NOT NULL`, [
      ent.id,
    ]);
    expect(left).toBe(0);
  });

  it('forgets a channel with nothing live at once', async () => {
    const ent = await createVerifiedEnterprise(t);
    await connectAll(t, sim, ent, [channel]);
    await t.http.delete(`/api/v1/enterprises/${ent.id}/channels/${channel}`).set(ent.owner.auth).expect(204);
    expect(await connection(ent)).toEqual({ status: 'disconnected', secrets: null });
    await t.http.delete(`/api/v1/enterprises/${ent.id}/channels/${channel}`).set(ent.owner.auth).expect(404);
  });
});
