import type { PartnerSim } from '../../apps/partner-sim/src';
import { CHANNELS } from '@tradefloor/partner-sync';
import { formatDateTime } from '../../apps/api/src/web/kit/format';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { categoryId, createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { PARTNER_CATEGORY, startSim, syncEnv } from '../partner-sync/sync-harness';
import { cookieHeader, openForm, postForm, signIn, type CookieJar } from './web-helpers';

const BASE = '/quan-ly/kenh-ban';

describe('web: sales channels for sellers (/quan-ly/kenh-ban) and the sync overview for admins (/quan-ly/dong-bo)', () => {
  let sim: PartnerSim;
  let t: TestApp;
  let ent: FixtureEnterprise;
  let jar: CookieJar;
  let other: TestUser;
  let otherJar: CookieJar;
  let fruit: string;
  let buoi: FixtureProduct;
  let unmapped: FixtureProduct;

  const get = (path: string, cookies: CookieJar = jar) => t.http.get(path).set('Cookie', cookieHeader(cookies));
  const listing = async (productId: string, channel = 'voso') =>
    (await t.dataSource.query(`SELECT * FROM listings WHERE product_id = $1 AND channel = $2`, [productId, channel]))[0];
  /**
   * No drain after creating: the product's own change event may be reviewed while its listing's
   * first job runs, and must not start a second job (one job chain per listing).
   */
  const newProduct = (input: Parameters<typeof createProduct>[2]) => createProduct(t, ent.id, input);
  const connection = async (channel: string) =>
    (await t.dataSource.query(`SELECT * FROM channel_connections WHERE enterprise_id = $1 AND channel = $2`, [ent.id, channel]))[0];

  beforeAll(async () => {
    sim = await startSim();
    // Three attempts: a partner outage dead-letters a listing quickly.
    t = await createTestApp({ env: syncEnv(sim, { SYNC_MAX_ATTEMPTS: '3' }) });
    ent = await createVerifiedEnterprise(t);
    jar = await signIn(t, ent.owner.email, ent.owner.password);
    other = await createUser(t, 'business');
    otherJar = await signIn(t, other.email, other.password);
    fruit = await categoryId(t, 'trai-cay');
    buoi = await newProduct({ name: 'Bưởi da xanh Cầu Kè', sku: 'BUOI-1' });
    unmapped = await newProduct({ name: 'Mật ong rừng U Minh', sku: 'MO-1', categorySlug: 'mat-ong' });
  });
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  it('lists every registered channel of every enterprise the seller owns or works for, from a tile of the back office', async () => {
    const landing = await get('/quan-ly').expect(200);
    expect(landing.text).toContain(`href="${BASE}"`);
    expect(landing.text).not.toContain('href="/quan-ly/dong-bo"');

    const page = await get(BASE).expect(200);
    expect(page.headers['cache-control']).toContain('no-store');
    // The page is built from the channel registry: each channel with the name it declares.
    for (const channel of CHANNELS) {
      expect(page.text).toContain(`href="${BASE}/${ent.id}/${channel.name}"`);
      expect(page.text).toContain(`>${channel.labels.vi}</a>`);
    }
    expect(page.text.match(/Chưa kết nối/g)).toHaveLength(CHANNELS.length);
    const english = await get(`${BASE}/${ent.id}/voso?lang=en`).expect(200);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Not connected');
    expect(english.text).toContain('Check and connect');

    // A staff member of the enterprise sees it too; a stranger's list does not have it.
    const staff = await createUser(t, 'business');
    await t.dataSource.query(`INSERT INTO enterprise_members (enterprise_id, user_id, role) VALUES ($1, $2, 'staff')`, [ent.id, staff.id]);
    const staffPage = await get(BASE, await signIn(t, staff.email, staff.password)).expect(200);
    expect(staffPage.text).toContain(`href="${BASE}/${ent.id}/voso"`);
    const strangers = await get(BASE, otherJar).expect(200);
    expect(strangers.text).not.toContain(ent.id);
    expect(strangers.text).toContain('Bạn cần có hồ sơ doanh nghiệp');
  });

  it('re-renders the Voso form with field errors for bad credentials and stores nothing', async () => {
    const form = await openForm(t, `${BASE}/${ent.id}/voso`, jar);
    expect(form.html).toContain('id="f-credentials.username"');
    expect(form.html).toContain('id="f-credentials.password" name="credentials.password" type="password"');

    const missing = await postForm(t, jar, `${BASE}/${ent.id}/voso/ket-noi`, {
      shareConsent: '1',
      'credentials.username': ent.slug,
      'credentials.password': '',
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/id="f-credentials\.password-error"/);
    expect(missing.text).toContain(`id="f-credentials.username" name="credentials.username" type="text" value="${ent.slug}"`);
    expect(missing.text).toContain('aria-invalid="true"');

    const refused = await postForm(t, jar, `${BASE}/${ent.id}/voso/ket-noi`, {
      shareConsent: '1',
      'credentials.username': ent.slug,
      'credentials.password': 'sai-mat-khau-123',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Voso từ chối thông tin đăng nhập');
    expect(refused.text).not.toContain('sai-mat-khau-123');
    expect(await connection('voso')).toBeUndefined();
  });

  it('connects Voso through the form, saves the mapping, adds a product and shows it listed once the jobs ran', async () => {
    const connected = await postForm(t, jar, `${BASE}/${ent.id}/voso/ket-noi`, {
      shareConsent: '1',
      'credentials.username': ent.slug,
      'credentials.password': `pw-${ent.slug}`,
    });
    expect(connected.status).toBe(303);
    expect(connected.headers.location).toBe(`${BASE}/${ent.id}/voso?done=connected`);
    expect((await connection('voso')).status).toBe('active');
    const page = await get(connected.headers.location).expect(200);
    expect(page.text).toContain('Đã kết nối kênh.');
    expect(page.text).not.toContain(`pw-${ent.slug}`);
    expect(page.text).toContain(`name="categoryMap.${fruit}"`);

    // Bad settings: the DTO refuses the weight, the service refuses a malformed partner category; nothing is saved.
    const version = (await connection('voso')).settings_version;
    const badWeight = await postForm(t, jar, `${BASE}/${ent.id}/voso/cai-dat`, { [`categoryMap.${fruit}`]: PARTNER_CATEGORY, defaultWeightGrams: 'nặng' });
    expect(badWeight.status).toBe(400);
    expect(badWeight.text).toMatch(/id="f-defaultWeightGrams-error"[^>]*>Khối lượng phải là số nguyên gam/);
    const badCategory = await postForm(t, jar, `${BASE}/${ent.id}/voso/cai-dat`, { [`categoryMap.${fruit}`]: 'không hợp lệ!', defaultWeightGrams: '500' });
    expect(badCategory.status).toBe(400);
    expect(badCategory.text).toContain(`id="f-categoryMap.${fruit}-error"`);
    expect(badCategory.text).toContain('value="không hợp lệ!"');
    expect((await connection('voso')).settings_version).toBe(version);

    const saved = await postForm(t, jar, `${BASE}/${ent.id}/voso/cai-dat`, { [`categoryMap.${fruit}`]: PARTNER_CATEGORY, defaultWeightGrams: '500' });
    expect(saved.status).toBe(303);
    expect((await connection('voso')).settings).toEqual({ categoryMap: { [fruit]: PARTNER_CATEGORY }, defaultWeightGrams: 500 });

    // Choosing products: nothing ticked, or a product of another enterprise, is refused and writes nothing.
    const withCandidates = await get(`${BASE}/${ent.id}/voso`).expect(200);
    expect(withCandidates.text).toContain(`value="${buoi.id}"`);
    const none = await postForm(t, jar, `${BASE}/${ent.id}/voso/san-pham`, { mode: 'add' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Chọn ít nhất một sản phẩm');
    const foreign = await createProduct(t, (await createVerifiedEnterprise(t)).id, { name: 'Hàng của người khác' });
    const notOurs = await postForm(t, jar, `${BASE}/${ent.id}/voso/san-pham`, { mode: 'add', productIds: foreign.id });
    expect(notOurs.status).toBe(400);
    expect(notOurs.text).toContain('không thuộc doanh nghiệp này');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM listings WHERE enterprise_id = $1`, [ent.id]);
    expect(n).toBe(0);

    const added = await postForm(t, jar, `${BASE}/${ent.id}/voso/san-pham`, { mode: 'add', productIds: buoi.id });
    expect(added.status).toBe(303);
    await t.drainJobs();
    expect((await listing(buoi.id)).state).toBe('listed');
    expect(sim.store.itemsBySku('voso', ent.slug)['BUOI-1']).toBeDefined();

    const listed = await get(`${BASE}/${ent.id}/voso?state=listed`).expect(200);
    const row = rowOf(listed.text, (await listing(buoi.id)).id);
    expect(row).toContain('Bưởi da xanh Cầu Kè');
    expect(row).toContain('Đã đăng');
    expect(row).toMatch(/href="https:\/\/voso\.vn\/p\/[^"]+"/);
    expect(row).not.toContain('Chưa</td>'); // last synced time is shown
    expect(row).not.toContain('thu-lai');
  });

  it('clears the logistics id and default weight when the seller empties them (blank means clear, not keep)', async () => {
    await openForm(t, `${BASE}/${ent.id}/voso`, jar);
    const map = { [`categoryMap.${fruit}`]: PARTNER_CATEGORY };
    expect((await postForm(t, jar, `${BASE}/${ent.id}/voso/cai-dat`, { ...map, logisticsChannelId: 'GHN-1', defaultWeightGrams: '750' })).status).toBe(303);
    expect((await connection('voso')).settings).toEqual({ categoryMap: { [fruit]: PARTNER_CATEGORY }, logisticsChannelId: 'GHN-1', defaultWeightGrams: 750 });
    const version = (await connection('voso')).settings_version;
    expect((await postForm(t, jar, `${BASE}/${ent.id}/voso/cai-dat`, { ...map, logisticsChannelId: '  ', defaultWeightGrams: '' })).status).toBe(303);
    expect(await connection('voso')).toMatchObject({ settings: { categoryMap: { [fruit]: PARTNER_CATEGORY } }, settings_version: version + 1 });
    const page = await get(`${BASE}/${ent.id}/voso`).expect(200);
    expect(page.text).toContain('id="f-logisticsChannelId" name="logisticsChannelId" type="text" value=""');
    expect(page.text).toContain('id="f-defaultWeightGrams" name="defaultWeightGrams" type="number" value=""');
    // The API keeps what is omitted and clears what is null.
    await t.http.put(`/api/v1/enterprises/${ent.id}/channels/voso/settings`).set(ent.owner.auth).send({ defaultWeightGrams: 500 }).expect(200);
    await t.http.put(`/api/v1/enterprises/${ent.id}/channels/voso/settings`).set(ent.owner.auth).send({ logisticsChannelId: 'X-1' }).expect(200);
    expect((await connection('voso')).settings).toEqual({ categoryMap: { [fruit]: PARTNER_CATEGORY }, logisticsChannelId: 'X-1', defaultWeightGrams: 500 });
    await t.http.put(`/api/v1/enterprises/${ent.id}/channels/voso/settings`).set(ent.owner.auth).send({ logisticsChannelId: null }).expect(200);
    expect((await connection('voso')).settings).toEqual({ categoryMap: { [fruit]: PARTNER_CATEGORY }, defaultWeightGrams: 500 });
    await t.drainJobs();
  });

  it('shows dead letters with a readable reason, filters by state, and retry queues the listing again', async () => {
    // Our own check: no Voso category for honey.
    await postForm(t, jar, `${BASE}/${ent.id}/voso/san-pham`, { mode: 'add', productIds: unmapped.id });
    await t.drainJobs();
    const honey = await listing(unmapped.id);
    expect(honey).toMatchObject({ state: 'rejected', error_class: 'validation' });
    const dead = await get(`${BASE}/${ent.id}/voso?state=dead`).expect(200);
    expect(dead.text).toContain('aria-current="page">Cần xử lý</a>');
    const honeyRow = rowOf(dead.text, honey.id);
    expect(honeyRow).toContain('Dữ liệu chưa đạt yêu cầu của sàn');
    expect(honeyRow).toContain('Chưa ánh xạ danh mục');
    expect(honeyRow).toContain(`action="${BASE}/tin-dang/${honey.id}/thu-lai"`);
    expect(dead.text).not.toContain('Bưởi da xanh Cầu Kè');

    // A partner outage: every call fails until the attempts run out.
    const cam = await newProduct({ name: 'Cam sành Tam Bình', sku: 'CAM-1' });
    sim.setFaults({ transientRate: 1 });
    try {
      await postForm(t, jar, `${BASE}/${ent.id}/voso/san-pham`, { mode: 'add', productIds: cam.id });
      await t.drainJobs();
    } finally {
      sim.setFaults({ transientRate: 0 });
    }
    const failed = await listing(cam.id);
    expect(failed.state).toBe('failed');
    expect(failed.dead_lettered_at).not.toBeNull();
    const camRow = rowOf((await get(`${BASE}/${ent.id}/voso?state=failed`).expect(200)).text, failed.id);
    expect(camRow).toContain('Sàn tạm thời không phản hồi.');
    expect(camRow).toContain('Hệ thống đã ngừng tự thử lại');
    expect(camRow).toContain('hết số lần thử');

    const retried = await postForm(t, jar, `${BASE}/tin-dang/${failed.id}/thu-lai`, {});
    expect(retried.status).toBe(303);
    expect(retried.headers.location).toBe(`${BASE}/${ent.id}/voso?done=retried#l-${failed.id}`);
    await t.drainJobs();
    expect(await listing(cam.id)).toMatchObject({ state: 'listed', dead_lettered_at: null });
    expect(sim.store.itemsBySku('voso', ent.slug)['CAM-1']).toBeDefined();
    // A listed listing cannot be retried: the page says so instead of failing.
    const again = await postForm(t, jar, `${BASE}/tin-dang/${failed.id}/thu-lai`, {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('Chỉ thử lại được tin đăng bị từ chối hoặc lỗi');
  });

  it('turns the feed on and shows a feed URL that works, with the token only once', async () => {
    await openForm(t, `${BASE}/${ent.id}/feed`, jar);
    const res = await postForm(t, jar, `${BASE}/${ent.id}/feed/ket-noi`, { feedToken: '1' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('mã truy cập chỉ hiển thị một lần');
    const url = new URL(/href="([^"]+\/products\.json\?token=[^"]+)"/.exec(res.text)![1].replace(/&amp;/g, '&'));
    expect(url.pathname).toBe(`/feeds/enterprises/${ent.slug}/products.json`);
    const feed = await t.http.get(`${url.pathname}${url.search}`).expect(200);
    expect(feed.body.items.map((i: { sku: string }) => i.sku)).toEqual(expect.arrayContaining(['BUOI-1', 'CAM-1', 'MO-1']));
    const csv = /href="([^"]+\/products\.csv\?token=[^"]+)"/.exec(res.text)![1];
    expect((await t.http.get(new URL(csv).pathname + new URL(csv).search).expect(200)).text).toContain('"BUOI-1"');

    const later = await get(`${BASE}/${ent.id}/feed`).expect(200);
    expect(later.text).toContain(`/feeds/enterprises/${ent.slug}/products.json"`);
    expect(later.text).not.toContain(url.searchParams.get('token')!);
    expect(later.text).toContain('mã chỉ hiển thị lúc tạo');
  });

  it('keeps another business out of this enterprise’s channels and listings, and checks the form token', async () => {
    const honey = await listing(unmapped.id);
    const page = await get(`${BASE}/${ent.id}/voso`, otherJar).expect(403);
    expect(page.text).not.toContain('Mật ong rừng U Minh');
    await get(`${BASE}/${ent.id}/voso?state=dead`, otherJar).expect(403);

    await openForm(t, '/quan-ly', otherJar);
    const posts: Array<[string, Record<string, string>]> = [
      [`${BASE}/tin-dang/${honey.id}/thu-lai`, {}],
      [`${BASE}/${ent.id}/voso/ket-noi`, { shareConsent: '1', 'credentials.username': 'x', 'credentials.password': 'y' }],
      [`${BASE}/${ent.id}/voso/cai-dat`, { [`categoryMap.${fruit}`]: 'khac' }],
      [`${BASE}/${ent.id}/voso/san-pham`, { mode: 'remove', productIds: buoi.id }],
      [`${BASE}/${ent.id}/voso/ngat-ket-noi`, {}],
    ];
    for (const [path, fields] of posts) {
      const res = await postForm(t, otherJar, path, fields);
      expect([path, res.status]).toEqual([path, 403]);
    }
    expect(await listing(unmapped.id)).toMatchObject({ state: 'rejected', dead_lettered_at: honey.dead_lettered_at });
    expect(await listing(buoi.id)).toMatchObject({ selected: true, state: 'listed' });
    expect((await connection('voso')).status).toBe('active');
    await t.http.get(`/api/v1/enterprises/${ent.id}/listings`).set(other.auth).expect(403);

    // Unknown things are 404 pages; a buyer gets the sellers-only page; a post without the form token writes nothing.
    await get(`${BASE}/${ent.id}/ebay`).expect(404);
    await get(`${BASE}/khong-phai-ma/voso`).expect(404);
    await postForm(t, jar, `${BASE}/tin-dang/khong-phai-ma/thu-lai`, {}).then((r) => expect(r.status).toBe(404));
    const buyer = await createUser(t, 'buyer');
    await get(BASE, await signIn(t, buyer.email, buyer.password)).expect(403);
    await t.http.get(BASE).expect(303).expect('location', '/dang-nhap');
    const forged = await t.http
      .post(`${BASE}/${ent.id}/voso/san-pham`)
      .type('form')
      .set('Cookie', cookieHeader(jar))
      .send({ _csrf: 'x'.repeat(32), mode: 'remove', productIds: buoi.id });
    expect(forged.status).toBe(403);
    expect((await listing(buoi.id)).selected).toBe(true);
  });

  it('connects Shopee through its consent page and our return page, and shows a quota pause with its end', async () => {
    await openForm(t, `${BASE}/${ent.id}/shopee`, jar);
    const start = await postForm(t, jar, `${BASE}/${ent.id}/shopee/ket-noi`, { shareConsent: '1' });
    expect(start.status).toBe(303);
    const consentUrl = new URL(start.headers.location);
    expect(`${consentUrl.origin}${consentUrl.pathname}`).toBe(`${sim.url}/api/v2/shop/auth_partner`);
    expect(consentUrl.searchParams.get('redirect')).toMatch(new RegExp(`^${t.config.publicBaseUrl}${BASE}/uy-quyen-shopee\\?state=`));

    // The simulated seller consents at once; Shopee sends the browser back to our return page.
    const back = new URL((await fetch(consentUrl, { redirect: 'manual' })).headers.get('location')!);
    const returned = await get(`${back.pathname}${back.search}`).expect(303);
    expect(returned.headers.location).toBe(`${BASE}/${ent.id}/shopee?done=connected`);
    expect(await connection('shopee')).toMatchObject({ status: 'active', shop_id: back.searchParams.get('shop_id') });
    const reused = await get(`${back.pathname}${back.search}`).expect(400);
    expect(reused.text).toContain('Chưa kết nối được Shopee');
    expect(reused.text).toContain('không hợp lệ hoặc đã hết hạn');

    await openForm(t, `${BASE}/${ent.id}/shopee`, jar);
    const noLogistics = await postForm(t, jar, `${BASE}/${ent.id}/shopee/cai-dat`, {
      [`categoryMap.${fruit}`]: PARTNER_CATEGORY,
      logisticsChannelId: 'kho hàng',
    });
    expect(noLogistics.status).toBe(400);
    expect(noLogistics.text).toContain('id="f-logisticsChannelId-error"');
    const saved = await postForm(t, jar, `${BASE}/${ent.id}/shopee/cai-dat`, {
      [`categoryMap.${fruit}`]: PARTNER_CATEGORY,
      logisticsChannelId: '50018',
      defaultWeightGrams: '500',
    });
    expect(saved.status).toBe(303);
    // Shopee needs a logistics channel: emptying it is refused with a field error and changes nothing.
    const cleared = await postForm(t, jar, `${BASE}/${ent.id}/shopee/cai-dat`, {
      [`categoryMap.${fruit}`]: PARTNER_CATEGORY,
      logisticsChannelId: '',
      defaultWeightGrams: '500',
    });
    expect(cleared.status).toBe(400);
    expect(cleared.text).toContain('id="f-logisticsChannelId-error"');
    expect((await connection('shopee')).settings.logisticsChannelId).toBe('50018');

    // Shopee's daily quota is used up: the channel pauses until 00:00 UTC+8, nothing fails.
    sim.setFaults({ shopeeRefuse: 'quota' });
    try {
      await postForm(t, jar, `${BASE}/${ent.id}/shopee/san-pham`, { mode: 'add', productIds: buoi.id });
      await t.drainJobs();
    } finally {
      sim.setFaults({ shopeeRefuse: 'none' });
    }
    const paused = await connection('shopee');
    expect(paused.paused_until).not.toBeNull();
    expect(await listing(buoi.id, 'shopee')).toMatchObject({ state: 'queued', error_class: 'quota', dead_lettered_at: null });
    const page = await get(`${BASE}/${ent.id}/shopee`).expect(200);
    expect(page.text).toContain('Tạm dừng đến');
    expect(page.text).toContain(formatDateTime('vi', paused.paused_until));
    expect(page.text).toContain('Hết lượt gọi sàn trong ngày');
  });

  it('gives admins counts per state and channel that match the database, dead letters with reasons, and retry', async () => {
    const admin = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    await t.drainJobs();
    const page = await openForm(t, '/quan-ly/dong-bo', admin);
    expect((await get('/quan-ly', admin).expect(200)).text).toContain('href="/quan-ly/dong-bo"');

    const rows: Array<{ channel: string; state: string; n: number }> = await t.dataSource.query(
      `SELECT channel, state, count(*)::int AS n FROM listings GROUP BY channel, state`,
    );
    const cells = Object.fromEntries([...page.html.matchAll(/data-count="([a-z]+:[a-z]+)">([\d.]+)</g)].map((m) => [m[1], Number(m[2].replace(/\./g, ''))]));
    for (const channel of ['shopee', 'voso', 'postmart']) {
      for (const state of ['queued', 'syncing', 'listed', 'rejected', 'failed', 'delisting', 'delisted']) {
        expect([channel, state, cells[`${channel}:${state}`]]).toEqual([channel, state, rows.find((r) => r.channel === channel && r.state === state)?.n ?? 0]);
      }
    }
    expect(cells['all:all']).toBe(rows.reduce((s, r) => s + r.n, 0));
    expect(cells['voso:listed']).toBe(2);
    const api = await t.http
      .get('/api/v1/admin/sync')
      .set((await loginAdmin(t)).auth)
      .expect(200);
    expect(api.body.deadLetterTotal).toBe(1);

    // The dead letter, its enterprise and its reason; the paused Shopee connection with its resume time.
    const honey = await listing(unmapped.id);
    const row = rowOf(page.html, honey.id);
    expect(row).toContain('Mật ong rừng U Minh');
    expect(row).toMatch(/HTX Nông nghiệp/);
    expect(row).toContain('Chưa ánh xạ danh mục');
    expect(page.html).toMatch(/data-dead="voso">1</);
    const paused = await connection('shopee');
    expect(page.html).toMatch(
      new RegExp(`data-paused="${ent.id}:shopee"><td>[^<]+</td><td>Shopee</td><td>${escapeRegExp(formatDateTime('vi', paused.paused_until))}</td>`),
    );

    // Two more dead letters after an outage; "retry all" lists them once the partner is back.
    const extra = [await newProduct({ name: 'Khóm Cầu Đúc', sku: 'KHOM-1' }), await newProduct({ name: 'Dừa sáp Cầu Kè', sku: 'DUA-1' })];
    sim.setFaults({ transientRate: 1 });
    try {
      for (const p of extra) await postForm(t, jar, `${BASE}/${ent.id}/voso/san-pham`, { mode: 'add', productIds: p.id });
      await t.drainJobs();
    } finally {
      sim.setFaults({ transientRate: 0 });
    }
    const [{ n: deadBefore }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM listings WHERE channel = 'voso' AND dead_lettered_at IS NOT NULL`);
    expect(deadBefore).toBe(3);
    const before = await get('/quan-ly/dong-bo', admin).expect(200);
    expect(before.text).toMatch(/data-dead="voso">3</);
    const all = await postForm(t, admin, '/quan-ly/dong-bo/voso/thu-lai-tat-ca', {});
    expect(all.status).toBe(303);
    expect(all.headers.location).toBe('/quan-ly/dong-bo?done=retriedAll');
    await t.drainJobs();
    for (const p of extra) expect((await listing(p.id)).state).toBe('listed');
    // Honey has no mapping still: it is a dead letter again, with the same reason.
    expect(await listing(unmapped.id)).toMatchObject({ state: 'rejected', error_class: 'validation' });
    const after = await get('/quan-ly/dong-bo?done=retriedAll', admin).expect(200);
    expect(after.text).toContain('Đã đưa mọi tin cần xử lý của kênh trở lại hàng chờ.');
    expect(after.text).toMatch(/data-dead="voso">1</);

    // Mapping the category later re-checks every listing of the channel: no retry needed.
    await postForm(t, jar, `${BASE}/${ent.id}/voso/cai-dat`, {
      [`categoryMap.${fruit}`]: PARTNER_CATEGORY,
      [`categoryMap.${await categoryId(t, 'mat-ong')}`]: '100700',
      defaultWeightGrams: '500',
    });
    await t.drainJobs();
    expect(await listing(unmapped.id)).toMatchObject({ state: 'listed', dead_lettered_at: null });
  });

  it('lets an admin retry one dead letter, and keeps everyone else out of /quan-ly/dong-bo', async () => {
    const admin = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    const p = await newProduct({ name: 'Xoài cát Hòa Lộc', sku: 'XOAI-1', categorySlug: 'gao' });
    await postForm(t, jar, `${BASE}/${ent.id}/voso/san-pham`, { mode: 'add', productIds: p.id });
    await t.drainJobs();
    const deadOne = await listing(p.id);
    expect(deadOne.dead_lettered_at).not.toBeNull();
    const attemptsBefore = (await t.dataSource.query(`SELECT count(*)::int AS n FROM listing_attempts WHERE listing_id = $1`, [deadOne.id]))[0].n;

    await openForm(t, '/quan-ly/dong-bo', admin);
    const res = await postForm(t, admin, `/quan-ly/dong-bo/tin-dang/${deadOne.id}/thu-lai`, {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/quan-ly/dong-bo?done=retried');
    await t.drainJobs();
    // Still unmapped, so rejected again, but it did run again: one more attempt on record.
    const [{ n: attemptsAfter }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM listing_attempts WHERE listing_id = $1`, [deadOne.id]);
    expect(attemptsAfter).toBe(attemptsBefore + 1);

    const editor = await createUser(t, 'editor');
    for (const cookies of [jar, await signIn(t, editor.email, editor.password)]) {
      const denied = await get('/quan-ly/dong-bo', cookies).expect(403);
      expect(denied.text).not.toContain('Mật ong');
      await openForm(t, '/quan-ly', cookies);
      expect((await postForm(t, cookies, '/quan-ly/dong-bo/voso/thu-lai-tat-ca', {})).status).toBe(403);
      expect((await postForm(t, cookies, `/quan-ly/dong-bo/tin-dang/${deadOne.id}/thu-lai`, {})).status).toBe(403);
    }
    await t.http.get('/quan-ly/dong-bo').expect(303).expect('location', '/dang-nhap');
    await openForm(t, '/quan-ly/dong-bo', admin);
    expect((await postForm(t, admin, '/quan-ly/dong-bo/ebay/thu-lai-tat-ca', {})).status).toBe(404);
  });

  it('disconnecting from the page unlists the items on the marketplace first, reports those it could not remove, then forgets the credentials', async () => {
    const live = () =>
      Object.values(sim.store.itemsBySku('voso', ent.slug))
        .filter((i) => i.status === 'active')
        .map((i) => i.sku)
        .sort();
    const before = live();
    expect(before.length).toBeGreaterThanOrEqual(4);

    // Voso rate-limits every call: the unlisting waits (without failing) and the page says so.
    await openForm(t, `${BASE}/${ent.id}/voso`, jar);
    sim.setFaults({ throttleRate: 1 });
    try {
      const res = await postForm(t, jar, `${BASE}/${ent.id}/voso/ngat-ket-noi`, {});
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`${BASE}/${ent.id}/voso?done=disconnecting`);
      expect(await connection('voso')).toMatchObject({ status: 'disconnecting', secrets: expect.stringMatching(/^v1\./) });
      const page = await get(res.headers.location).expect(200);
      expect(page.text).toContain('Đang gỡ sản phẩm khỏi sàn…');
      expect(page.text).toContain('data-disconnecting');
      expect(page.text).not.toContain(`action="${BASE}/${ent.id}/voso/ngat-ket-noi"`);
      expect(page.text).not.toContain(`action="${BASE}/${ent.id}/voso/cai-dat"`);
      expect((await get(BASE).expect(200)).text).toContain('Đang gỡ sản phẩm khỏi sàn…');

      // Then the partner fails outright: each unlist is retried up to SYNC_MAX_ATTEMPTS (3), then reported.
      sim.setFaults({ throttleRate: 0, transientRate: 1 });
      await t.drainJobs();
    } finally {
      sim.setFaults({ throttleRate: 0, transientRate: 0 });
    }
    expect(await connection('voso')).toMatchObject({ status: 'disconnected', secrets: null });
    expect(live()).toEqual(before);
    const left: Array<{ id: string; n: number }> = await t.dataSource.query(
      `SELECT l.id, (SELECT count(*)::int FROM listing_attempts a WHERE a.listing_id = l.id AND a.action = 'unlist' AND a.outcome = 'error' AND a.error_class <> 'throttled') AS n
       FROM listings l WHERE l.enterprise_id = $1 AND l.channel = 'voso' AND l.unlist_failed_at IS NOT NULL`,
      [ent.id],
    );
    expect(left).toHaveLength(before.length);
    for (const l of left) expect(l.n).toBe(3);
    const after = await get(`${BASE}/${ent.id}/voso`).expect(200);
    expect(after.text).toContain('Sản phẩm chưa gỡ được khỏi sàn');
    for (const l of left) expect(after.text).toContain(`id="left-${l.id}"`);
    expect(after.text).toContain('Bưởi da xanh Cầu Kè');
    expect(after.text).toContain('Chưa kết nối');

    // Reconnecting lists them again (the report clears); disconnecting with the partner up removes them all.
    const reconnected = await postForm(t, jar, `${BASE}/${ent.id}/voso/ket-noi`, {
      shareConsent: '1',
      'credentials.username': ent.slug,
      'credentials.password': `pw-${ent.slug}`,
    });
    expect(reconnected.status).toBe(303);
    await t.drainJobs();
    expect(live()).toEqual(before);
    expect((await get(`${BASE}/${ent.id}/voso`).expect(200)).text).not.toContain('Sản phẩm chưa gỡ được khỏi sàn');
    await openForm(t, `${BASE}/${ent.id}/voso`, jar);
    const again = await postForm(t, jar, `${BASE}/${ent.id}/voso/ngat-ket-noi`, {});
    expect(again.status).toBe(303);
    await t.drainJobs();
    expect(live()).toEqual([]);
    expect(await connection('voso')).toMatchObject({ status: 'disconnected', secrets: null });
    const page = await get(`${BASE}/${ent.id}/voso?done=disconnected`).expect(200);
    expect(page.text).toContain('Đã ngắt kết nối kênh.');
    expect(page.text).toContain('Chưa kết nối');
    expect(page.text).toContain('id="f-credentials.password"');
    expect(page.text).not.toContain('Sản phẩm chưa gỡ được khỏi sàn');
  });
});

/** The table row of one listing (rows carry id="l-<listing id>"). */
function rowOf(page: string, listingId: string): string {
  const start = page.indexOf(`id="l-${listingId}"`);
  if (start < 0) throw new Error(`no row for listing ${listingId}`);
  return page.slice(start, page.indexOf('</tr>', start));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
