import type { PartnerSim } from '../../apps/partner-sim/src';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId as bulletinCategory, publishedBulletin } from '../news/helpers';
import { connectAll, productName, selectProducts, startSim, syncEnv, waitFor } from '../partner-sync/sync-harness';

const CHANNELS = ['voso', 'postmart'] as const;

/**
 * Takedowns through HTTP on real PostgreSQL, Meilisearch (with the PostgreSQL failover engine kept
 * in step, so both engines are checked) and the partner simulator at its normal rate limits.
 */
jest.setTimeout(240_000);

describe('takedowns (issue 14): off every public surface, confirmed, appealed, reinstated', () => {
  let sim: PartnerSim;
  let t: TestApp;
  let admin: TestUser;

  const takedownBody = (subjectType: string, subjectId: string, extra: Record<string, unknown> = {}) => ({
    subjectType,
    subjectId,
    source: 'authority',
    requester: 'Sở Công Thương tỉnh Vĩnh Long',
    reference: `CV-${Math.floor(Math.random() * 1e6)}/SCT`,
    legalBasis: 'Điều 36 Luật Thương mại điện tử 2025',
    receivedAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    reason: 'Sản phẩm giả mạo nhãn hiệu (counterfeit)',
    ...extra,
  });
  const liveItems = (shop: string, channel: string) => Object.values(sim.store.itemsBySku(channel, shop)).filter((i) => i.status === 'active').length;
  const searchNames = async (q: string) =>
    (await t.http.get('/api/v1/search/products').query({ q }).expect(200)).body.hits.map((i: { name: string }) => i.name as string);

  /** A verified enterprise with `n` products, each listed on both channels. */
  async function listedEnterprise(
    n: number,
    what: string,
  ): Promise<{ ent: FixtureEnterprise; shops: Record<string, string>; products: Array<{ id: string; slug: string; name: string }> }> {
    const ent = await createVerifiedEnterprise(t);
    const shops = await connectAll(t, sim, ent, [...CHANNELS]);
    const products = [];
    for (let i = 0; i < n; i++)
      products.push(await createProduct(t, ent.id, { name: productName(`${what} ${i}`), sku: `${what.slice(0, 3).toUpperCase()}-${i}` }));
    await t.drainJobs(undefined, 120_000);
    for (const channel of CHANNELS)
      await selectProducts(
        t,
        ent,
        channel,
        products.map((p) => p.id),
      );
    await t.drainJobs(undefined, 120_000);
    for (const channel of CHANNELS) expect(liveItems(shops[channel], channel)).toBe(n);
    return { ent, shops, products };
  }

  beforeAll(async () => {
    sim = await startSim();
    const env = syncEnv(sim, { SEARCH_FAILOVER: 'postgres' });
    // The partners' normal rate limits, not the fast-test ones.
    for (const key of Object.keys(env)) if (key.endsWith('_RATE_PER_SECOND')) delete env[key];
    t = await createTestApp({ env });
    admin = await loginAdmin(t);
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  it('a product: 451 page at once, gone from search (both engines), sitemap, feed and marketplaces; completed with its time; the seller appeals; reinstating brings all back', async () => {
    const { ent, shops, products } = await listedEnterprise(2, 'Kẹo dừa');
    const [target, other] = products;
    expect(await searchNames(target.name)).toContain(target.name);

    const created = await t.http.post('/api/v1/admin/takedowns').set(admin.auth).send(takedownBody('product', target.id)).expect(201);
    expect(created.body.status).toBe('in_progress');
    expect(new Date(created.body.deadlineAt).getTime() - new Date(created.body.receivedAt).getTime()).toBe(24 * 3600_000);

    // Before any job ran: the page, the API, the sitemap and the enterprise's feed no longer show it.
    const page = await t.http.get(`/san-pham/${target.slug}`).expect(451);
    expect(page.text).toContain('Sản phẩm giả mạo nhãn hiệu');
    await t.http.get(`/san-pham/${other.slug}`).expect(200);
    await t.http.get(`/api/v1/products/${target.slug}`).expect(404);
    expect((await t.http.get('/sitemap.xml').expect(200)).text).not.toContain(target.slug);
    const feed = await t.http.get(`/feeds/enterprises/${ent.slug}/products.json`);
    expect(JSON.stringify(feed.body)).not.toContain(target.id);

    const started = Date.now();
    await waitFor(async () => !(await searchNames(target.name)).includes(target.name), 10_000, 'search');
    const goneFromSearchMs = Date.now() - started;
    await t.drainJobs();
    const done = (await t.http.get(`/api/v1/admin/takedowns/${created.body.id}`).set(admin.auth).expect(200)).body;
    expect(done.status).toBe('completed');
    expect(done.surfaces.every((s: { confirmedAt: string | null }) => s.confirmedAt)).toBe(true);
    expect(done.surfaces.map((s: { name: string }) => s.name).sort()).toEqual(['feeds', 'partners', 'search', 'stamps', 'storefront']);
    expect(done.completionMs).toBeGreaterThan(0);
    for (const channel of CHANNELS) expect(liveItems(shops[channel], channel)).toBe(1);
    process.stdout.write(`takedown of one product: gone from search in ${goneFromSearchMs} ms, completed in ${done.completionMs} ms\n`);

    // The owner cannot relist a withheld product.
    await t.http.post(`/api/v1/products/${target.id}/relist`).set(ent.owner.auth).expect(409);

    // The seller sees it and appeals; another business can neither see nor appeal it.
    const mine = await t.http.get(`/api/v1/enterprises/${ent.id}/takedowns`).set(ent.owner.auth).expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
    const stranger = await createUser(t, 'business');
    await t.http.get(`/api/v1/enterprises/${ent.id}/takedowns`).set(stranger.auth).expect(403);
    await t.http.post(`/api/v1/takedowns/${created.body.id}/appeal`).set(stranger.auth).send({ text: 'Không phải của tôi' }).expect(404);
    await t.http.post(`/api/v1/takedowns/${created.body.id}/appeal`).set(ent.owner.auth).send({ text: 'Sản phẩm là hàng thật, có hoá đơn.' }).expect(200);
    await t.http.post(`/api/v1/admin/takedowns/${created.body.id}/decision`).set(ent.owner.auth).send({ decision: 'reinstated', note: 'x' }).expect(403);

    const decided = await t.http
      .post(`/api/v1/admin/takedowns/${created.body.id}/decision`)
      .set(admin.auth)
      .send({ decision: 'reinstated', note: 'Đã xác minh hoá đơn' })
      .expect(200);
    expect(decided.body.status).toBe('reinstated');
    await t.http.get(`/san-pham/${target.slug}`).expect(200);
    await t.drainJobs();
    expect(await searchNames(target.name)).toContain(target.name);
    for (const channel of CHANNELS) expect(liveItems(shops[channel], channel)).toBe(2);

    // Every step is in the audit log.
    const audit = await t.http.get('/api/v1/admin/audit').query({ subjectId: target.id, action: 'takedown.*' }).set(admin.auth).expect(200);
    expect(audit.body.items.map((i: { action: string }) => i.action).reverse()).toEqual([
      'takedown.create',
      'takedown.complete',
      'takedown.appeal',
      'takedown.reinstate',
    ]);
  });

  it('an enterprise with 50 listings: everything hidden at once, all marketplace items unlisted at the partners’ normal rate', async () => {
    const { ent, shops, products } = await listedEnterprise(25, 'Bánh tét');
    const created = await t.http.post('/api/v1/admin/takedowns').set(admin.auth).send(takedownBody('enterprise', ent.id)).expect(201);
    await t.http.get(`/doanh-nghiep/${ent.slug}`).expect(451);
    for (const p of products.slice(0, 3)) await t.http.get(`/san-pham/${p.slug}`).expect(404);
    await t.drainJobs(undefined, 120_000);
    const done = (await t.http.get(`/api/v1/admin/takedowns/${created.body.id}`).set(admin.auth).expect(200)).body;
    expect(done.status).toBe('completed');
    for (const channel of CHANNELS) expect(liveItems(shops[channel], channel)).toBe(0);
    expect(await searchNames('Bánh tét')).toEqual([]);
    process.stdout.write(`takedown of an enterprise with 50 listings: completed in ${done.completionMs} ms\n`);
    // The 60 s bound of the issue (a requirement, not a benchmark: the time is measured by the floor itself).
    expect(done.completionMs).toBeLessThanOrEqual(60_000);

    const overview = await t.http.get('/api/v1/admin/takedowns').query({ status: 'completed' }).set(admin.auth).expect(200);
    expect(overview.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
  });

  it('a bulletin: 451 page and gone from the RSS feed', async () => {
    const editor = await createUser(t, 'editor');
    const b = await publishedBulletin(t, editor, bulletinInput(await bulletinCategory(t, 'ocop'), { title: 'Bản tin bị gỡ theo yêu cầu' }));
    expect((await t.http.get('/feeds/bulletins.rss').expect(200)).text).toContain(b.slug);
    await t.http.post('/api/v1/admin/takedowns').set(admin.auth).send(takedownBody('bulletin', b.id)).expect(201);
    await t.http.get(`/tin-tuc/${b.slug}`).expect(451);
    expect((await t.http.get('/feeds/bulletins.rss').expect(200)).text).not.toContain(b.slug);
  });

  it('admins only; bad input gets a 400 naming the field and writes nothing; a second takedown of the same subject is a 409; overdue ones are listed', async () => {
    const ent = await createVerifiedEnterprise(t);
    const product = await createProduct(t, ent.id, { name: productName('Mắm') });
    await t.http.post('/api/v1/admin/takedowns').send(takedownBody('product', product.id)).expect(401);
    await t.http.post('/api/v1/admin/takedowns').set(ent.owner.auth).send(takedownBody('product', product.id)).expect(403);
    const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM takedowns`))[0].n;
    const before = await count();
    for (const [field, value] of [
      ['subjectType', 'user'],
      ['subjectId', 'abc'],
      ['source', 'neighbour'],
      ['requester', ''],
      ['receivedAt', 'hôm qua'],
      ['reason', 'x'.repeat(2001)],
    ] as const) {
      const res = await t.http
        .post('/api/v1/admin/takedowns')
        .set(admin.auth)
        .send(takedownBody('product', product.id, { [field]: value }))
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const future = await t.http
      .post('/api/v1/admin/takedowns')
      .set(admin.auth)
      .send(takedownBody('product', product.id, { receivedAt: new Date(Date.now() + 3600_000).toISOString() }))
      .expect(400);
    expect(future.body.details[0].field).toBe('receivedAt');
    const unknown = await t.http
      .post('/api/v1/admin/takedowns')
      .set(admin.auth)
      .send(takedownBody('product', '00000000-0000-4000-8000-000000000000'))
      .expect(400);
    expect(unknown.body.details[0].field).toBe('subjectId');
    expect(await count()).toBe(before);
    expect((await t.http.get(`/api/v1/products/${product.slug}`)).status).toBe(200);

    const old = await t.http
      .post('/api/v1/admin/takedowns')
      .set(admin.auth)
      .send(takedownBody('product', product.id, { receivedAt: new Date(Date.now() - 25 * 3600_000).toISOString() }))
      .expect(201);
    await t.http.post('/api/v1/admin/takedowns').set(admin.auth).send(takedownBody('product', product.id)).expect(409);
    // Overdue while it is still in progress (checked before its confirmation job runs).
    const overdue = await t.http.get('/api/v1/admin/takedowns').query({ status: 'overdue' }).set(admin.auth).expect(200);
    if (overdue.body.items.length) expect(overdue.body.items[0]).toMatchObject({ id: old.body.id, overdue: true });
  });
});
