import type { PartnerSim } from '../../apps/partner-sim/src';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { connectAll, productName, selectProducts, startSim, syncEnv, vosoCredentials } from '../partner-sync/sync-harness';

/**
 * Issue 15: sharing a seller's data with a marketplace needs the owner's explicit consent, recorded
 * in the ledger with the destination country (Shopee: abroad); withdrawing it disconnects the
 * channel through partner-sync's unlist-first flow, checked at the partner simulator.
 */
describe('partner-sharing consent: required to connect, recorded with the transfer, withdrawal unlists at the partner', () => {
  let sim: PartnerSim;
  let t: TestApp;
  const simShop = async (key: string) =>
    ((await (await fetch(`${sim.url}/__sim/state`)).json()) as { shops: Record<string, { active: number; unlisted: number }> }).shops[key];

  beforeAll(async () => {
    sim = await startSim();
    t = await createTestApp({ env: syncEnv(sim) });
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  it('refuses to connect without consent (409 PARTNER_CONSENT_REQUIRED, nothing written); consent given with the request is recorded', async () => {
    const ent = await createVerifiedEnterprise(t);
    const url = `/api/v1/enterprises/${ent.id}/channels`;
    const refused = await t.http
      .post(url)
      .set(ent.owner.auth)
      .send({ channel: 'voso', credentials: vosoCredentials(ent) })
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'PARTNER_CONSENT_REQUIRED', details: [expect.objectContaining({ field: 'shareConsent' })] });
    await t.http.post(url).set(ent.owner.auth).send({ channel: 'shopee', shareConsent: false }).expect(409);
    const bad = await t.http
      .post(url)
      .set(ent.owner.auth)
      .send({ channel: 'voso', shareConsent: 'yes', credentials: vosoCredentials(ent) })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('shareConsent');
    expect(await t.dataSource.query(`SELECT 1 FROM channel_connections WHERE enterprise_id = $1`, [ent.id])).toEqual([]);
    expect(await t.dataSource.query(`SELECT 1 FROM consent_events WHERE user_id = $1`, [ent.owner.id])).toEqual([]);

    await t.http
      .post(url)
      .set(ent.owner.auth)
      .send({ channel: 'voso', shareConsent: true, credentials: vosoCredentials(ent) })
      .expect(201);
    const consents = await t.http.get('/api/v1/me/consents').set(ent.owner.auth).expect(200);
    expect(consents.body.items.find((i: { purpose: string }) => i.purpose === 'partner_sharing:voso')).toMatchObject({ granted: true, transferCountry: null });
    // Feeds are our own public pages: no partner receives data, no consent asked.
    await t.http.post(url).set(ent.owner.auth).send({ channel: 'feed' }).expect(201);
  });

  it('Shopee (servers abroad): the grant records the transfer to SG and an audit event; withdrawing unlists every item at the partner, then disconnects', async () => {
    const ent = await createVerifiedEnterprise(t);
    const shops = await connectAll(t, sim, ent, ['shopee']);
    const [event] = await t.dataSource.query(`SELECT purpose, granted, transfer_country, channel FROM consent_events WHERE user_id = $1`, [ent.owner.id]);
    expect(event).toEqual({ purpose: 'partner_sharing:shopee', granted: true, transfer_country: 'SG', channel: 'api' });
    const [audit] = await t.dataSource.query(`SELECT after FROM audit_events WHERE action = 'privacy.transfer-consent.grant' AND subject_id = $1`, [
      ent.owner.id,
    ]);
    expect(audit.after).toMatchObject({ purpose: 'partner_sharing:shopee', country: 'SG' });

    const ids: string[] = [];
    for (const sku of ['PC-1', 'PC-2']) ids.push((await createProduct(t, ent.id, { name: productName(`Sản phẩm ${sku}`), sku })).id);
    await t.drainJobs();
    await selectProducts(t, ent, 'shopee', ids);
    await t.drainJobs();
    expect(await simShop(`shopee:${shops.shopee}`)).toMatchObject({ active: 2, unlisted: 0 });

    await t.http.post('/api/v1/me/consents').set(ent.owner.auth).send({ purpose: 'partner_sharing:shopee', granted: false }).expect(200);
    await t.drainJobs();
    expect(await simShop(`shopee:${shops.shopee}`)).toMatchObject({ active: 0, unlisted: 2 });
    const [conn] = await t.dataSource.query(`SELECT status, secrets FROM channel_connections WHERE enterprise_id = $1 AND channel = 'shopee'`, [ent.id]);
    expect(conn).toEqual({ status: 'disconnected', secrets: null });
    // Connecting again asks again.
    await t.http.post(`/api/v1/enterprises/${ent.id}/channels`).set(ent.owner.auth).send({ channel: 'shopee' }).expect(409);
  });
});
