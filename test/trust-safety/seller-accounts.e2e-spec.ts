import type { PartnerSim } from '../../apps/partner-sim/src';
import { JobQueue } from '@tradefloor/core';
import { SELLER_SUSPENSIONS_QUEUE } from '@tradefloor/trust-safety';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { FakeSmtpServer, readMail } from '../harness/fake-smtp-server';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, signIn } from '../web/web-helpers';
import { connectAll, productName, selectProducts, startSim, syncEnv, waitFor } from '../partner-sync/sync-harness';

const DAY = 24 * 3600_000;

/**
 * Seller account states and the seller's notices (issue 14) through HTTP on real PostgreSQL,
 * Meilisearch and the partner simulator, with mail caught by a fake SMTP server and time moved by
 * the ManualClock.
 */
jest.setTimeout(240_000);

describe('seller account states and notices (issue 14): warn, suspend with notice, reinstate; takedown notices by mail', () => {
  let sim: PartnerSim;
  let smtp: FakeSmtpServer;
  let t: TestApp;
  let admin: TestUser;
  let editor: TestUser;

  const mailsTo = (email: string, subject: string) =>
    smtp.messages
      .filter((m) => m.to.includes(email))
      .map(readMail)
      .filter((m) => m.subject.includes(subject));
  const searchNames = async (q: string) =>
    (await t.http.get('/api/v1/search/products').query({ q }).expect(200)).body.hits.map((i: { name: string }) => i.name as string);
  const liveItems = (shop: string) => Object.values(sim.store.itemsBySku('voso', shop)).filter((i) => i.status === 'active').length;
  const runSchedule = async () => {
    await t.app.get(JobQueue).enqueueNow(SELLER_SUSPENSIONS_QUEUE, {});
    await t.drainJobs();
  };
  const account = (ent: FixtureEnterprise) => `/api/v1/admin/enterprises/${ent.id}/account`;

  async function listedSeller(what: string): Promise<{ ent: FixtureEnterprise; shop: string; product: FixtureProduct }> {
    const ent = await createVerifiedEnterprise(t);
    const shops = await connectAll(t, sim, ent, ['voso']);
    const product = await createProduct(t, ent.id, { name: productName(what), sku: `${what.slice(0, 3).toUpperCase()}-1` });
    await t.drainJobs(undefined, 120_000);
    await selectProducts(t, ent, 'voso', [product.id]);
    await t.drainJobs(undefined, 120_000);
    expect(liveItems(shops.voso)).toBe(1);
    return { ent, shop: shops.voso, product };
  }

  beforeAll(async () => {
    sim = await startSim();
    smtp = new FakeSmtpServer();
    const port = await smtp.start();
    t = await createTestApp({ env: syncEnv(sim, { SMTP_URL: `smtp://thong.bao:mk@127.0.0.1:${port}`, MAIL_FROM: 'san@example.vn' }) });
    admin = await loginAdmin(t);
    editor = await createUser(t, 'editor');
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
    await smtp?.stop();
  });

  it('the timeline: warned (mailed, seen by the seller), suspension scheduled with 5 days’ notice, carried out on the date by the job, everything hidden, reinstated and everything back', async () => {
    const { ent, shop, product } = await listedSeller('Mắm tôm chua');
    expect(await searchNames(product.name)).toContain(product.name);

    const warned = await t.http
      .post(`${account(ent)}/warn`)
      .set(editor.auth)
      .send({ reason: 'Ảnh sản phẩm sai sự thật' })
      .expect(200);
    expect(warned.body).toMatchObject({ state: 'warned', reason: 'Ảnh sản phẩm sai sự thật', suspensionDueAt: null });
    await t.drainJobs();
    const [warning] = mailsTo(ent.owner.email, 'Cảnh cáo');
    expect(warning.text).toContain('Ảnh sản phẩm sai sự thật');
    const seen = await t.http.get(`/api/v1/enterprises/${ent.id}/account`).set(ent.owner.auth).expect(200);
    expect(seen.body.history).toEqual([
      expect.objectContaining({ action: 'warn', fromState: 'active', toState: 'warned', reason: 'Ảnh sản phẩm sai sự thật' }),
    ]);

    // Editors warn; only admins suspend.
    await t.http
      .post(`${account(ent)}/suspension`)
      .set(editor.auth)
      .send({ reason: 'Tái phạm', source: 'staff' })
      .expect(403);
    const scheduledAt = t.clock.now().getTime();
    const scheduled = await t.http
      .post(`${account(ent)}/suspension`)
      .set(admin.auth)
      .send({ reason: 'Tái phạm nhiều lần', source: 'complaint', reference: 'KN-2026-000001' })
      .expect(200);
    expect(scheduled.body.state).toBe('warned');
    expect(new Date(scheduled.body.suspensionDueAt).getTime() - scheduledAt).toBe(5 * DAY);
    await t.http
      .post(`${account(ent)}/suspension`)
      .set(admin.auth)
      .send({ reason: 'Lần nữa', source: 'staff' })
      .expect(409);
    await t.drainJobs();
    const [notice] = mailsTo(ent.owner.email, 'Thông báo đình chỉ');
    expect(notice.text).toContain('Tái phạm nhiều lần');
    expect(notice.text).toContain('KN-2026-000001');
    expect(notice.subject).toContain('(giờ Việt Nam)');
    const sellerView = await t.http.get(`/api/v1/enterprises/${ent.id}/account`).set(ent.owner.auth).expect(200);
    expect(sellerView.body.suspensionDueAt).toBe(scheduled.body.suspensionDueAt);
    // …and in the back office, linked from the mails.
    const pagePath = `/quan-ly/doanh-nghiep/${ent.id}/tai-khoan`;
    expect(notice.text).toContain(pagePath);
    const page = await t.http
      .get(pagePath)
      .set('Cookie', cookieHeader(await signIn(t, ent.owner.email, ent.owner.password)))
      .expect(200);
    expect(page.text).toContain('Tài khoản sẽ bị đình chỉ từ');
    expect(page.text).toContain('Tái phạm nhiều lần (KN-2026-000001)');
    expect(page.text).toContain('Ảnh sản phẩm sai sự thật');
    const other = await createUser(t, 'business');
    await t.http
      .get(pagePath)
      .set('Cookie', cookieHeader(await signIn(t, other.email, other.password)))
      .expect(403);

    // Four days on: nothing happens yet.
    t.clock.advance(4 * DAY);
    await runSchedule();
    expect((await t.http.get(account(ent)).set(admin.auth).expect(200)).body.state).toBe('warned');
    await t.http.get(`/api/v1/products/${product.slug}`).expect(200);

    // On the date the job suspends: profile, products, search and the marketplace listing are gone.
    t.clock.advance(DAY + 60_000);
    await runSchedule();
    const suspended = (await t.http.get(account(ent)).set(admin.auth).expect(200)).body;
    expect(suspended).toMatchObject({ state: 'suspended', suspensionDueAt: null });
    expect(suspended.history.map((h: { action: string; source: string }) => `${h.action}:${h.source}`)).toEqual([
      'warn:staff',
      'schedule-suspension:complaint',
      'suspend:system',
    ]);
    await t.http.get(`/api/v1/products/${product.slug}`).expect(404);
    await t.http.get(`/api/v1/enterprises/${ent.slug}`).expect(404);
    expect((await t.http.get('/sitemap.xml').expect(200)).text).not.toContain(product.slug);
    await t.drainJobs(undefined, 120_000);
    expect(await searchNames(product.name)).not.toContain(product.name);
    await waitFor(async () => liveItems(shop) === 0, 60_000, 'marketplace listing withdrawn');
    expect(mailsTo(ent.owner.email, 'đã bị đình chỉ')).toHaveLength(1);

    // Reinstated: back to active and back everywhere.
    const back = await t.http
      .post(`${account(ent)}/reinstate`)
      .set(admin.auth)
      .send({ reason: 'Đã khắc phục' })
      .expect(200);
    expect(back.body.state).toBe('active');
    await t.http.get(`/api/v1/products/${product.slug}`).expect(200);
    await t.http.get(`/api/v1/enterprises/${ent.slug}`).expect(200);
    expect((await t.http.get('/sitemap.xml').expect(200)).text).toContain(product.slug);
    await t.drainJobs(undefined, 120_000);
    expect(await searchNames(product.name)).toContain(product.name);
    await waitFor(async () => liveItems(shop) === 1, 60_000, 'marketplace listing back');

    const audit = await t.http.get('/api/v1/admin/audit').query({ subjectId: ent.id, action: 'seller-account.*' }).set(admin.auth).expect(200);
    expect(audit.body.items.map((i: { action: string }) => i.action).reverse()).toEqual([
      'seller-account.warn',
      'seller-account.schedule-suspension',
      'seller-account.suspend',
      'seller-account.reinstate',
    ]);
  });

  it('an authority’s request suspends at once; a cancelled schedule never fires; closed is final', async () => {
    const a = await createVerifiedEnterprise(t);
    const p = await createProduct(t, a.id, { name: 'Rượu dừa Bến Tre' });
    const now = await t.http
      .post(`${account(a)}/suspension`)
      .set(admin.auth)
      .send({ reason: 'Theo yêu cầu của QLTT', source: 'authority', reference: '45/QLTT' })
      .expect(200);
    expect(now.body).toMatchObject({ state: 'suspended', suspensionDueAt: null });
    await t.http.get(`/api/v1/products/${p.slug}`).expect(404);

    const b = await createVerifiedEnterprise(t);
    await t.http
      .post(`${account(b)}/suspension`)
      .set(admin.auth)
      .send({ reason: 'Chưa bổ sung giấy tờ', source: 'staff' })
      .expect(200);
    await t.http
      .post(`${account(b)}/reinstate`)
      .set(admin.auth)
      .send({ reason: 'Đã bổ sung' })
      .expect(200);
    t.clock.advance(6 * DAY);
    await runSchedule();
    expect((await t.http.get(account(b)).set(admin.auth).expect(200)).body.state).toBe('active');
    await t.http.get(`/api/v1/enterprises/${b.slug}`).expect(200);

    await t.http
      .post(`${account(a)}/close`)
      .set(admin.auth)
      .send({ reason: 'Vi phạm nghiêm trọng' })
      .expect(200);
    const closed = await t.http
      .post(`${account(a)}/reinstate`)
      .set(admin.auth)
      .send({ reason: 'thử' })
      .expect(409);
    expect(closed.body.code).toBe('INVALID_ACCOUNT_STATE');
    await t.http
      .post(`${account(a)}/warn`)
      .set(admin.auth)
      .send({ reason: 'thử' })
      .expect(409);
    await t.http.get(`/api/v1/products/${p.slug}`).expect(404);
  });

  it('bad input is a 400 with field details and writes nothing; other businesses and buyers are refused', async () => {
    const ent = await createVerifiedEnterprise(t);
    const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM seller_account_events`))[0].n as number;
    const before = await count();
    const bad = await t.http
      .post(`${account(ent)}/suspension`)
      .set(admin.auth)
      .send({ reason: '', source: 'neighbour' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['reason', 'source']);
    await t.http
      .post(`${account(ent)}/warn`)
      .set(admin.auth)
      .send({})
      .expect(400);
    await t.http.post(`/api/v1/admin/enterprises/00000000-0000-4000-8000-000000000000/account/warn`).set(admin.auth).send({ reason: 'x' }).expect(404);
    expect(await count()).toBe(before);

    const stranger = await createUser(t, 'business');
    await t.http.get(`/api/v1/enterprises/${ent.id}/account`).set(stranger.auth).expect(403);
    await t.http
      .post(`${account(ent)}/warn`)
      .set(stranger.auth)
      .send({ reason: 'x' })
      .expect(403);
    await t.http
      .post(`${account(ent)}/warn`)
      .set(ent.owner.auth)
      .send({ reason: 'x' })
      .expect(403);
    await t.http.get(account(ent)).set(ent.owner.auth).expect(403);
    expect((await t.http.get(`/api/v1/enterprises/${ent.id}/account`).set(ent.owner.auth).expect(200)).body).toMatchObject({ state: 'active', history: [] });
  });

  it('a takedown mails the owners the reason, the reference, the deadline and how to appeal', async () => {
    const ent = await createVerifiedEnterprise(t);
    const product = await createProduct(t, ent.id, { name: 'Bánh pía Sóc Trăng' });
    const created = await t.http
      .post('/api/v1/admin/takedowns')
      .set(admin.auth)
      .send({
        subjectType: 'product',
        subjectId: product.id,
        source: 'authority',
        requester: 'Sở Công Thương tỉnh Vĩnh Long',
        reference: '77/SCT-QLTM',
        legalBasis: 'Điều 36 Luật Thương mại điện tử 2025',
        receivedAt: new Date(t.clock.now().getTime() - 3600_000).toISOString(),
        reason: 'Ghi nhãn sai xuất xứ',
      })
      .expect(201);
    await t.drainJobs(undefined, 120_000);
    const mails = mailsTo(ent.owner.email, 'Thông báo gỡ bỏ');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('77/SCT-QLTM');
    expect(mails[0].text).toContain('Ghi nhãn sai xuất xứ');
    expect(mails[0].text).toContain('Sở Công Thương tỉnh Vĩnh Long');
    expect(mails[0].text).toContain('Thời hạn gỡ bỏ:');
    expect(mails[0].text).toContain(`/api/v1/takedowns/${created.body.id}/appeal`);
    expect(mails[0].text).toContain('Chào ');
    // Nobody else is told.
    expect(smtp.messages.filter((m) => readMail(m).subject.includes('77/SCT-QLTM')).flatMap((m) => m.to)).toEqual([ent.owner.email]);
  });
});
