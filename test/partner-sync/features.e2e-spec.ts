import { DomainEvents, JobQueue } from '@tradefloor/core';
import { createHmac } from 'node:crypto';
import { SIM_DEFAULTS, type PartnerSim } from '../../apps/partner-sim/src';
import { createUser, loginAdmin } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import {
  AUTHORIZATION_CHANNELS,
  connectAll,
  consent,
  editProduct,
  listingStates,
  productName,
  PUSH_CHANNELS,
  selectProducts,
  settled,
  startSim,
  syncEnv,
  vosoCredentials,
  waitFor,
  type AuthorizationChannel,
  type PushChannelName,
} from './sync-harness';

/** A push as each partner signs it (docs/partners/): the body naming one item, and the answer it expects. */
function signedPush(channel: AuthorizationChannel, url: string, shop: string, externalId: string) {
  if (channel === 'shopee') {
    const body = JSON.stringify({ shop_id: Number(shop), code: 8, timestamp: Math.floor(Date.now() / 1000), data: { item_id: Number(externalId) } });
    return { body, sign: (b: string) => createHmac('sha256', SIM_DEFAULTS.partnerKey).update(`${url}|${b}`).digest('hex'), ack: 204 };
  }
  const body = JSON.stringify({
    type: 5,
    tts_notification_id: `n-${externalId}`,
    shop_id: shop,
    timestamp: Math.floor(Date.now() / 1000),
    data: { product_id: externalId, status: 'ACTIVATE' },
  });
  const { appKey, appSecret } = SIM_DEFAULTS.tiktok;
  return { body, sign: (b: string) => createHmac('sha256', appSecret).update(`${appKey}${b}`).digest('hex'), ack: 200 };
}

describe('partner sync: connections, authorisation, secrets, dead letters, push, feed, reconciliation', () => {
  let sim: PartnerSim;
  let t: TestApp;
  let ent: FixtureEnterprise;
  let shops: Record<PushChannelName, string>;

  beforeAll(async () => {
    sim = await startSim();
    t = await createTestApp({ env: syncEnv(sim) });
    ent = await createVerifiedEnterprise(t);
    shops = await connectAll(t, sim, ent);
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  const listingsOf = async (productId: string) =>
    (await t.http.get(`/api/v1/products/${productId}/listings`).set(ent.owner.auth).expect(200)).body.items as Array<Record<string, unknown>>;

  it('keeps secrets encrypted at rest and out of every response', async () => {
    const res = await t.http.get(`/api/v1/enterprises/${ent.id}/channels`).set(ent.owner.auth).expect(200);
    expect(res.body.items.map((c: { channel: string; status: string }) => [c.channel, c.status])).toEqual([
      ['postmart', 'active'],
      ['shopee', 'active'],
      ['tiktok-shop', 'active'],
      ['voso', 'active'],
    ]);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/secret|password|token|pw-|sk-pm/i);
    const rows: Array<{ channel: string; secrets: string }> = await t.dataSource.query(
      `SELECT channel, secrets FROM channel_connections WHERE enterprise_id = $1`,
      [ent.id],
    );
    for (const r of rows) {
      expect(r.secrets).toMatch(/^v1\./);
      expect(r.secrets).not.toContain(`pw-${ent.slug}`);
      expect(r.secrets).not.toContain(`sk-pm_${ent.slug}`);
      expect(r.secrets).not.toMatch(/accessToken|refreshToken|password/);
    }
  });

  it('lets only members and admins touch an enterprise’s channels', async () => {
    const other = await createUser(t, 'business');
    const buyer = await createUser(t, 'buyer');
    const product = await createProduct(t, ent.id, { name: 'Dừa sáp', sku: 'DUA-1' });
    for (const u of [other, buyer]) {
      await t.http.get(`/api/v1/enterprises/${ent.id}/channels`).set(u.auth).expect(403);
      await t.http
        .post(`/api/v1/enterprises/${ent.id}/channels`)
        .set(u.auth)
        .send({ channel: 'voso', shareConsent: true, credentials: vosoCredentials(ent) })
        .expect(403);
      await t.http.put(`/api/v1/enterprises/${ent.id}/channels/shopee/settings`).set(u.auth).send({ defaultWeightGrams: 100 }).expect(403);
      await t.http
        .put(`/api/v1/enterprises/${ent.id}/channels/shopee/products`)
        .set(u.auth)
        .send({ productIds: [product.id], mode: 'add' })
        .expect(403);
      await t.http.delete(`/api/v1/enterprises/${ent.id}/channels/voso`).set(u.auth).expect(403);
      await t.http.get(`/api/v1/products/${product.id}/listings`).set(u.auth).expect(403);
      await t.http.get('/api/v1/admin/sync').set(u.auth).expect(403);
    }
    await t.http.get(`/api/v1/enterprises/${ent.id}/channels`).expect(401);
    const admin = await loginAdmin(t);
    await t.http.get(`/api/v1/enterprises/${ent.id}/channels`).set(admin.auth).expect(200);
  });

  it('answers bad input with 400/422 and writes nothing', async () => {
    const url = `/api/v1/enterprises/${ent.id}/channels`;
    const bad1 = await t.http.post(url).set(ent.owner.auth).send({ channel: 'ebay' }).expect(400);
    expect(bad1.body.code).toBe('VALIDATION_FAILED');
    const bad2 = await t.http
      .post(url)
      .set(ent.owner.auth)
      .send({ channel: 'voso', shareConsent: true, credentials: { username: 'x' } })
      .expect(400);
    expect(bad2.body.details.map((d: { field: string }) => d.field)).toContain('credentials.password');
    const rejected = await t.http
      .post(url)
      .set(ent.owner.auth)
      .send({ channel: 'voso', shareConsent: true, credentials: { username: ent.slug, password: 'wrong-password' } })
      .expect(422);
    expect(rejected.body.code).toBe('CHANNEL_CREDENTIALS_REJECTED');
    expect(JSON.stringify(rejected.body)).not.toContain('wrong-password');
    await t.http
      .put(`${url}/shopee/settings`)
      .set(ent.owner.auth)
      .send({ categoryMap: { 'not-a-uuid': '1' } })
      .expect(400);
    await t.http.put(`${url}/shopee/settings`).set(ent.owner.auth).send({ defaultWeightGrams: -5 }).expect(400);
    const foreign = await createVerifiedEnterprise(t);
    const theirs = await createProduct(t, foreign.id, { name: 'Khác' });
    await t.http
      .put(`${url}/shopee/products`)
      .set(ent.owner.auth)
      .send({ productIds: [theirs.id], mode: 'add' })
      .expect(400);
    await t.http
      .put(`${url}/shopee/products`)
      .set(ent.owner.auth)
      .send({ productIds: ['x'], mode: 'add' })
      .expect(400);
    const forged = await t.http.get('/api/v1/channels/shopee/callback').set(ent.owner.auth).query({ code: 'c', shop_id: '1', state: 'forged' }).expect(400);
    expect(forged.body.code).toBe('INVALID_AUTH_STATE');
    await t.http.get('/api/v1/channels/shopee/callback').set(ent.owner.auth).query({ state: 'forged' }).expect(400);
    await t.http.post('/api/v1/listings/not-a-uuid/retry').set(ent.owner.auth).expect(404);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM listings WHERE product_id = $1`, [theirs.id]);
    expect(n).toBe(0);
  });

  it.each(AUTHORIZATION_CHANNELS)('refuses a reused %s authorisation state', async (channel) => {
    // Reconnecting the same shop (the simulated seller picks it again).
    const c = await consent(t, sim, ent, channel, ent.owner, shops[channel]);
    const back = await t.http.get(`/api/v1/channels/${channel}/callback`).query(c.query).set(ent.owner.auth).set('Cookie', c.cookie).expect(200);
    expect(back.body).toMatchObject({ channel, status: 'active', shopId: shops[channel], enterpriseId: ent.id });
    const again = await t.http.get(`/api/v1/channels/${channel}/callback`).query(c.query).set(ent.owner.auth).set('Cookie', c.cookie).expect(400);
    expect(again.body.code).toBe('INVALID_AUTH_STATE');
  });

  it('dead-letters invalid data with a readable reason, and an owner can retry once it is fixed', async () => {
    const unmapped = await createProduct(t, ent.id, { name: 'Mật ong rừng', sku: 'MO-1', categorySlug: 'mat-ong' });
    const cheap = await createProduct(t, ent.id, { name: 'Chanh không hạt', sku: 'CH-1', priceVnd: 500 });
    await selectProducts(t, ent, 'shopee', [unmapped.id, cheap.id]);
    await waitFor(
      () => settled(t, ['rejected'], 'product_id = ANY($1::uuid[])', [[unmapped.id, cheap.id]]),
      60_000,
      'rejections',
      () => listingStates(t),
    );

    const [u] = await listingsOf(unmapped.id);
    expect(u).toMatchObject({ channel: 'shopee', state: 'rejected', deadLettered: true, errorClass: 'validation' });
    expect(u.lastError).toMatch(/Chưa ánh xạ danh mục .*no category mapping/);
    const [c] = await listingsOf(cheap.id);
    expect(c).toMatchObject({ state: 'rejected', deadLettered: true });
    expect(c.lastError).toMatch(/product\.error_busi.*minimum price is 1000/);

    const admin = await loginAdmin(t);
    const overview = await t.http.get('/api/v1/admin/sync').set(admin.auth).expect(200);
    expect(overview.body.counts).toEqual(expect.arrayContaining([{ channel: 'shopee', state: 'rejected', count: 2 }]));
    expect(overview.body.deadLetters.map((d: { productId: string }) => d.productId)).toEqual(expect.arrayContaining([unmapped.id, cheap.id]));

    // Retrying without a fix ends in the same place; a listed listing cannot be retried.
    await t.http.post(`/api/v1/listings/${c.id}/retry`).set(ent.owner.auth).expect(200);
    await waitFor(() => settled(t, ['rejected'], 'id = $1', [c.id]), 30_000, 'rejected again');
    // The owner fixes the price: the edit itself re-queues the listing.
    await editProduct(t, cheap.id, { priceVnd: 25_000 });
    await waitFor(() => settled(t, ['listed'], 'id = $1', [c.id]), 30_000, 'listed after fix');
    await t.http.post(`/api/v1/listings/${c.id}/retry`).set(ent.owner.auth).expect(409);
    // A mapping added later re-queues the other one; an admin may retry too.
    await t.http.post(`/api/v1/listings/${u.id}/retry`).set(admin.auth).expect(200);
    await t.http
      .put(`/api/v1/enterprises/${ent.id}/channels/shopee/settings`)
      .set(ent.owner.auth)
      .send({
        categoryMap: {
          ...(await t.dataSource.query(`SELECT settings FROM channel_connections WHERE enterprise_id = $1 AND channel = 'shopee'`, [ent.id]))[0].settings
            .categoryMap,
          [(await t.dataSource.query(`SELECT id FROM categories WHERE slug = 'mat-ong'`))[0].id]: '100700',
        },
      })
      .expect(200);
    await waitFor(() => settled(t, ['listed'], 'id = $1', [u.id]), 30_000, 'listed after mapping');
  });

  it.each(AUTHORIZATION_CHANNELS)('verifies %s pushes (bad HMAC refused), answers an empty 2xx, and re-fetches the item', async (channel) => {
    const sku = `KHOM-${channel}`;
    const p = await createProduct(t, ent.id, { name: productName('Khóm Cầu Đúc'), sku, stockQuantity: 42 });
    await selectProducts(t, ent, channel, [p.id]);
    await waitFor(() => settled(t, ['listed'], 'product_id = $1', [p.id]), 30_000, 'listed');
    const [listing] = await listingsOf(p.id);
    const path = `/api/v1/channels/${channel}/push`;
    const push = signedPush(channel, `${t.config.publicBaseUrl}${path}`, shops[channel], String(listing.externalId));

    const bad = await t.http.post(path).set('content-type', 'application/json').set('authorization', 'deadbeef').send(push.body).expect(401);
    expect(bad.body.code).toBe('INVALID_PUSH_SIGNATURE');
    await t.http
      .post(path)
      .set('content-type', 'application/json')
      .set('authorization', push.sign(`${push.body} `))
      .send(push.body)
      .expect(401);

    // Someone changed the stock on the marketplace behind our back; the push makes us look and put it right.
    sim.store.itemsBySku(channel, shops[channel])[sku].stock = 3;
    const ok = await t.http.post(path).set('content-type', 'application/json').set('authorization', push.sign(push.body)).send(push.body).expect(push.ack);
    expect(ok.text).toBe('');
    await waitFor(
      async () => sim.store.itemsBySku(channel, shops[channel])[sku].stock === 42 && (await settled(t, ['listed'], 'product_id = $1', [p.id])),
      30_000,
      're-fetch',
    );
    const attempts = (await listingsOf(p.id))[0].attempts as Array<{ action: string }>;
    expect(attempts.map((a) => a.action)).toEqual(expect.arrayContaining(['refetch', 'update_stock']));
    // Other JSON routes still parse bodies normally.
    await t.http.post(`/api/v1/enterprises/${ent.id}/channels`).set(ent.owner.auth).send({ channel: 'nope' }).expect(400);
  });

  it.each(PUSH_CHANNELS)('reconciles against %s’s item list: an item deleted remotely is listed again', async (channel) => {
    const sku = `CAM-${channel}`;
    const p = await createProduct(t, ent.id, { name: productName('Cam sành'), sku });
    await selectProducts(t, ent, channel, [p.id]);
    await waitFor(() => settled(t, ['listed'], 'product_id = $1', [p.id]), 30_000, 'listed');
    sim.store.itemsBySku(channel, shops[channel])[sku].status = 'deleted';
    const [conn] = await t.dataSource.query(`SELECT id FROM channel_connections WHERE enterprise_id = $1 AND channel = $2`, [ent.id, channel]);
    await t.app.get(JobQueue).enqueueNow('partner-sync.reconcile-connection', { connectionId: conn.id }, { dedupeKey: conn.id });
    await waitFor(
      async () => !!sim.store.itemsBySku(channel, shops[channel])[sku] && (await settled(t, ['listed'], 'product_id = $1', [p.id])),
      30_000,
      're-created',
    );
    const [row] = await t.dataSource.query(`SELECT reconcile_summary FROM channel_connections WHERE id = $1`, [conn.id]);
    expect(row.reconcile_summary.missingRemotely).toBe(1);
    expect(sim.state().duplicateSkus).toBe(0);
  });

  it('delists everything of a suspended enterprise and relists on reinstatement', async () => {
    const p = await createProduct(t, ent.id, { name: 'Xoài cát', sku: 'XOAI-1' });
    await selectProducts(t, ent, 'postmart', [p.id]);
    await waitFor(() => settled(t, ['listed'], 'product_id = $1', [p.id]), 30_000, 'listed');
    const events = t.app.get(DomainEvents);
    const setStatus = (status: string) =>
      t.dataSource.transaction(async (m) => {
        await m.query(`UPDATE enterprises SET status = $2 WHERE id = $1`, [ent.id, status]);
        await events.publish(m, 'enterprise.changed', { enterpriseId: ent.id });
      });
    await setStatus('suspended');
    await waitFor(
      () => settled(t, ['delisted'], 'enterprise_id = $1 AND selected', [ent.id]),
      60_000,
      'all delisted',
      () => listingStates(t, 'enterprise_id = $1', [ent.id]),
    );
    expect(sim.store.itemsBySku('postmart', shops.postmart)['XOAI-1'].status).toBe('unlisted');
    await setStatus('verified');
    await waitFor(() => settled(t, ['listed'], 'product_id = $1', [p.id]), 60_000, 'relisted');
    expect(sim.store.itemsBySku('postmart', shops.postmart)['XOAI-1'].status).toBe('active');
  });

  it('serves the product feed as JSON and CSV behind its token (published products only)', async () => {
    const res = await t.http.post(`/api/v1/enterprises/${ent.id}/channels`).set(ent.owner.auth).send({ channel: 'feed' }).expect(201);
    expect(res.body.feed.tokenProtected).toBe(true);
    const json = new URL(res.body.feed.jsonUrl);
    await createProduct(t, ent.id, { name: 'Bản nháp', sku: 'DRAFT-1', status: 'draft' });
    const feed = await t.http
      .get(json.pathname)
      .query({ token: json.searchParams.get('token') })
      .expect(200);
    const skus = feed.body.items.map((i: { sku: string }) => i.sku);
    expect(skus).toEqual(expect.arrayContaining(['DUA-1', 'KHOM-shopee']));
    expect(skus).not.toContain('DRAFT-1');
    await t.http.get(json.pathname).expect(401);
    await t.http.get(json.pathname).query({ token: 'wrong' }).expect(401);
    const csvUrl = new URL(res.body.feed.csvUrl);
    const csv = await t.http
      .get(csvUrl.pathname)
      .query({ token: csvUrl.searchParams.get('token') })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toMatch(/sku,name,description,priceVnd/);
    expect(csv.text).toContain('"KHOM-shopee"');
    const listed = await t.http.get(`/api/v1/enterprises/${ent.id}/channels`).set(ent.owner.auth).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(json.searchParams.get('token'));
    await t.http.get('/feeds/enterprises/khong-co/products.json').expect(404);
  });

  it('disconnects a channel, unlisting its items there first, and forgets its secrets', async () => {
    await t.http.delete(`/api/v1/enterprises/${ent.id}/channels/voso`).set(ent.owner.auth).expect(204);
    await t.drainJobs();
    expect(sim.state().shops[`voso:${shops.voso}`]?.active ?? 0).toBe(0);
    const [row] = await t.dataSource.query(`SELECT status, secrets FROM channel_connections WHERE enterprise_id = $1 AND channel = 'voso'`, [ent.id]);
    expect(row).toEqual({ status: 'disconnected', secrets: null });
    await t.http.delete(`/api/v1/enterprises/${ent.id}/channels/voso`).set(ent.owner.auth).expect(404);
  });
});

describe.each(AUTHORIZATION_CHANNELS)('partner sync (%s): token expiry and refresh', (channel: AuthorizationChannel) => {
  let sim: PartnerSim;
  let t: TestApp;

  beforeAll(async () => {
    // Access tokens that live 4 s.
    sim = await startSim(channel === 'shopee' ? { shopee: { accessTtlSeconds: 4 } } : { tiktok: { accessTtlSeconds: 4 } });
    t = await createTestApp({ env: syncEnv(sim) });
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  it('refreshes expired tokens once per shop, persists the new pair, and never presents a refresh token twice', async () => {
    const ent = await createVerifiedEnterprise(t);
    const shops = await connectAll(t, sim, ent, [channel]);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await createProduct(t, ent.id, { name: productName(`Sản phẩm ${i}`), sku: `TK-${i}` })).id);
    await selectProducts(t, ent, channel, ids);
    await waitFor(
      () => settled(t, ['listed']),
      60_000,
      'listed',
      () => listingStates(t),
    );
    const versionBefore = (
      await t.dataSource.query(`SELECT token_version FROM channel_connections WHERE enterprise_id = $1 AND channel = $2`, [ent.id, channel])
    )[0].token_version;
    // Tokens live 4 s: on a slow machine refreshes already happened while the first listings were pushed.
    const refreshesBefore = sim.state().refreshes;

    // Tokens die behind our back (revoked or expired early): the first call fails with invalid_acceess_token.
    await fetch(`${sim.url}/__sim/expire-tokens`, { method: 'POST' });
    for (const [i, id] of ids.entries()) await editProduct(t, id, { priceVnd: 90_000 + i });
    await waitFor(
      () => settled(t, ['listed']),
      60_000,
      'edits after expiry',
      () => listingStates(t),
    );
    // And again by plain expiry (4 s lifetime).
    await new Promise((r) => setTimeout(r, 4500));
    for (const [i, id] of ids.entries()) await editProduct(t, id, { stockQuantity: 200 + i });
    await waitFor(
      () => settled(t, ['listed']),
      60_000,
      'edits after ttl',
      () => listingStates(t),
    );

    const state = sim.state();
    expect(state.refreshTokenReuse).toBe(0);
    expect(state.refreshes).toBeGreaterThanOrEqual(2);
    const items = sim.store.itemsBySku(channel, shops[channel]);
    ids.forEach((_, i) => expect([items[`TK-${i}`].price, items[`TK-${i}`].stock]).toEqual([90_000 + i, 200 + i]));
    const [conn] = await t.dataSource.query(`SELECT status, token_version FROM channel_connections WHERE enterprise_id = $1 AND channel = $2`, [
      ent.id,
      channel,
    ]);
    expect(conn.status).toBe('active');
    // Every refresh the partner saw was persisted exactly once (the pair is stored before use).
    expect(conn.token_version).toBe(versionBefore + (state.refreshes - refreshesBefore));
  }, 200_000);
});
