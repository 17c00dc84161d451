import { createUser, loginAdmin, PASSWORD, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn, type CookieJar } from './web-helpers';

/** Takedown pages: the administrators' list and detail (deadline, surfaces, decision), the counts on /quan-ly, the seller's page and appeal. */
jest.setTimeout(120_000);

describe('web: takedown pages for administrators and sellers', () => {
  let t: TestApp;
  let admin: TestUser;
  let adminJar: CookieJar;
  let ent: FixtureEnterprise;
  let sellerJar: CookieJar;
  let takedownId: string;

  beforeAll(async () => {
    // No worker: the takedown stays in progress (its confirming job would complete it in a moment).
    t = await createTestApp({ worker: false });
    admin = await loginAdmin(t);
    adminJar = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    ent = await createVerifiedEnterprise(t);
    sellerJar = await signIn(t, ent.owner.email, PASSWORD);
    const product = await createProduct(t, ent.id, { name: 'Nước mắm <Phú Quốc>' });
    const created = await t.http
      .post('/api/v1/admin/takedowns')
      .set(admin.auth)
      .send({
        subjectType: 'product',
        subjectId: product.id,
        source: 'authority',
        requester: 'Sở Công Thương tỉnh Vĩnh Long',
        reference: 'CV-12/SCT',
        legalBasis: 'Điều 36 Luật Thương mại điện tử 2025',
        receivedAt: new Date(t.clock.now().getTime() - 3600_000).toISOString(),
        reason: 'Nhãn <sai> xuất xứ',
      })
      .expect(201);
    takedownId = created.body.id;
  });
  afterAll(() => t?.close());

  it('administrators see open and overdue counts on /quan-ly, the list with the 24-hour deadline (overdue highlighted) and each surface', async () => {
    const home = await t.http.get('/quan-ly').set('Cookie', cookieHeader(adminJar)).expect(200);
    expect(home.text).toMatch(/id="takedown-counts"><a href="\/quan-ly\/go-bo">[^<]+<\/a>: <strong>1<\/strong> \/ <strong>0<\/strong>/);
    const list = await t.http.get('/quan-ly/go-bo').set('Cookie', cookieHeader(adminJar)).expect(200);
    expect(list.text).toContain(`href="/quan-ly/go-bo/${takedownId}"`);
    expect(list.text).toContain('Nhãn &lt;sai&gt; xuất xứ');

    t.clock.advance(24 * 3600_000);
    const overdue = await t.http.get('/quan-ly/go-bo?status=overdue').set('Cookie', cookieHeader(adminJar)).expect(200);
    expect(overdue.text).toMatch(new RegExp(`<tr class="overdue"><th scope="row"><a href="/quan-ly/go-bo/${takedownId}">`));
    const home2 = await t.http.get('/quan-ly').set('Cookie', cookieHeader(adminJar)).expect(200);
    expect(home2.text).toMatch(/<strong>1<\/strong> \/ <strong class="badge badge-bad">1<\/strong>/);

    const detail = await t.http.get(`/quan-ly/go-bo/${takedownId}`).set('Cookie', cookieHeader(adminJar)).expect(200);
    for (const surface of ['storefront', 'feeds', 'stamps']) expect(detail.text).toMatch(new RegExp(`<tr><th scope="row">${surface}</th><td>\\d`));
    // The surfaces that follow by jobs are still waiting (highlighted).
    for (const surface of ['search', 'partners']) expect(detail.text).toContain(`<tr class="overdue"><th scope="row">${surface}</th><td>Đang chờ`);
    expect(detail.text).toContain('CV-12/SCT');
    // Editors and sellers: not theirs.
    const editor = await createUser(t, 'editor');
    await t.http
      .get('/quan-ly/go-bo')
      .set('Cookie', cookieHeader(await signIn(t, editor.email, PASSWORD)))
      .expect(403);
    await t.http.get('/quan-ly/go-bo').set('Cookie', cookieHeader(sellerJar)).expect(403);
  });

  it('the seller sees the takedown and appeals from the page; the administrator reads the appeal and reinstates', async () => {
    const page = await openForm(t, '/quan-ly/go-bo-cua-toi', sellerJar);
    expect(page.html).toContain('Nhãn &lt;sai&gt; xuất xứ');
    expect(page.html).toContain(`action="/quan-ly/go-bo-cua-toi/${takedownId}/khieu-nai"`);
    // Someone else's enterprise or takedown: refused.
    const other = await createUser(t, 'business');
    const otherJar = await signIn(t, other.email, PASSWORD);
    await t.http.get(`/quan-ly/go-bo-cua-toi?dn=${ent.id}`).set('Cookie', cookieHeader(otherJar)).expect(403);
    await openForm(t, '/quan-ly/go-bo-cua-toi', otherJar).catch(() => undefined);
    expect((await postForm(t, otherJar, `/quan-ly/go-bo-cua-toi/${takedownId}/khieu-nai`, { text: 'Không phải của tôi' })).status).toBe(404);

    expect((await postForm(t, sellerJar, `/quan-ly/go-bo-cua-toi/${takedownId}/khieu-nai`, { text: ' ' })).status).toBe(400);
    const appealed = await postForm(t, sellerJar, `/quan-ly/go-bo-cua-toi/${takedownId}/khieu-nai`, { text: 'Nhãn đã được sửa theo <quy định>' });
    expect(appealed.status).toBe(303);
    expect(appealed.headers.location).toBe(`/quan-ly/go-bo-cua-toi?dn=${ent.id}&done=appealed`);

    await openForm(t, `/quan-ly/go-bo/${takedownId}`, adminJar);
    const detail = await t.http.get(`/quan-ly/go-bo/${takedownId}`).set('Cookie', cookieHeader(adminJar)).expect(200);
    expect(detail.text).toContain('Nhãn đã được sửa theo &lt;quy định&gt;');
    const decided = await postForm(t, adminJar, `/quan-ly/go-bo/${takedownId}/quyet-dinh`, { decision: 'reinstated', note: 'Đã sửa nhãn' });
    expect(decided.status).toBe(303);
    expect((await t.http.get(`/api/v1/admin/takedowns/${takedownId}`).set(admin.auth).expect(200)).body).toMatchObject({
      status: 'reinstated',
      decision: 'reinstated',
    });
  });
});
