import { JobQueue, RetentionSchedule } from '@tradefloor/core';
import { LEGAL_EFFECT_QUEUE, LEGAL_PAGE_PATHS, LEGAL_DOCUMENTS } from '@tradefloor/legal';
import { SearchRanking } from '@tradefloor/search';
import { createUser, loginAdmin, PASSWORD, type TestUser } from '../harness/auth';
import { FakeSmtpServer, readMail } from '../harness/fake-smtp-server';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, cookiesOf, openForm, postForm, signIn } from '../web/web-helpers';

const DAY = 86_400_000;
const OPERATOR = {
  OPERATOR_NAME: 'Sở Công Thương tỉnh Vĩnh Long',
  OPERATOR_HEAD_OFFICE: 'Số 1 Đường 3/2, Phường 1, TP Vĩnh Long',
  OPERATOR_LEGAL_REPRESENTATIVE: 'Nguyễn Văn A, Giám đốc',
  OPERATOR_REGISTRATION_NUMBER: 'QĐ-123/UBND',
  OPERATOR_REGISTRATION_DATE: '15/03/2024',
  OPERATOR_REGISTRATION_ISSUER: 'UBND tỉnh Vĩnh Long',
  MOIT_REGISTRATION_NUMBER: 'TMĐT-2026-0042',
};

describe('legal documents: versions, publishing with notice, banner, acceptance (issue 15)', () => {
  let t: TestApp;
  let smtp: FakeSmtpServer;
  let admin: TestUser;
  let buyer: TestUser;
  let seller: TestUser;
  let webUser: TestUser;
  let unverified: TestUser;

  beforeAll(async () => {
    smtp = new FakeSmtpServer();
    const port = await smtp.start();
    t = await createTestApp({ env: { SMTP_URL: `smtp://u:p@127.0.0.1:${port}`, MAIL_FROM: 'san@example.vn', LEGAL_MAIL_BATCH: '2', ...OPERATOR } });
    admin = await loginAdmin(t);
    buyer = await createUser(t, 'buyer');
    seller = await createUser(t, 'business');
    webUser = await createUser(t, 'buyer');
    unverified = await createUser(t, 'buyer', { unverified: true });
    await t.drainJobs();
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('serves the version in force, every version, and one version with its diff', async () => {
    for (const doc of LEGAL_DOCUMENTS) {
      // The operating rules' version 2 (the payments section, issue 17) is seeded in force.
      const number = doc === 'operating-rules' ? 2 : 1;
      const cur = await t.http.get(`/api/v1/legal/${doc}`).expect(200);
      expect(cur.body).toMatchObject({ document: doc, number, status: 'in-force', url: `${LEGAL_PAGE_PATHS[doc]}/phien-ban/${number}` });
    }
    const rules = await t.http.get('/api/v1/legal/operating-rules').expect(200);
    expect(rules.body.body).toContain('24 giờ');
    const privacy = await t.http.get('/api/v1/legal/privacy-policy').expect(200);
    // The eight items a privacy policy must have.
    for (const heading of [
      'Dữ liệu được thu thập',
      'Mục đích',
      'Cách thức sử dụng',
      'Thời gian lưu trữ',
      'được nhận dữ liệu',
      'Biện pháp bảo vệ',
      'Quyền của chủ thể',
      'Khiếu nại',
    ]) {
      expect(privacy.body.body).toContain(heading);
    }
    const fees = await t.http.get('/api/v1/legal/fee-schedule').expect(200);
    expect(fees.body.body).toContain('miễn phí');
    const list = await t.http.get('/api/v1/legal/terms-of-use/versions').expect(200);
    expect(list.body.items).toHaveLength(1);
    const v1 = await t.http.get('/api/v1/legal/terms-of-use/versions/1').expect(200);
    expect(v1.body.previous).toBeNull();
    expect(v1.body.diff.every((d: { change: string }) => d.change === 'added')).toBe(true);
    expect((await t.http.get('/api/v1/legal/khong-co').expect(404)).body.code).toBe('NOT_FOUND');
    await t.http.get('/api/v1/legal/terms-of-use/versions/abc').expect(404);
    await t.http.get('/api/v1/legal/terms-of-use/versions/9').expect(404);
  });

  it('refuses a material version with too short notice (400 with details, nothing written) and non-admins (403)', async () => {
    const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM legal_versions`))[0].n;
    const before = await count();
    const short = await t.http
      .post('/api/v1/admin/legal/terms-of-use/versions')
      .set(admin.auth)
      .send({
        title: 'Điều khoản sử dụng',
        body: '<p>Mới</p>',
        summary: 'Thay đổi',
        material: true,
        effectiveAt: new Date(t.clock.now().getTime() + 4 * DAY).toISOString(),
      })
      .expect(400);
    expect(short.body.code).toBe('VALIDATION_FAILED');
    expect(short.body.details).toEqual([expect.objectContaining({ field: 'effectiveAt' })]);
    // Fees need 20 days even when 6 would do for other documents.
    const fee = await t.http
      .post('/api/v1/admin/legal/fee-schedule/versions')
      .set(admin.auth)
      .send({
        title: 'Biểu phí',
        body: '<p>Phí mới</p>',
        summary: 'Thu phí',
        material: true,
        effectiveAt: new Date(t.clock.now().getTime() + 10 * DAY).toISOString(),
      })
      .expect(400);
    expect(fee.body.details[0].message).toContain('20 ngày');
    const bad = await t.http.post('/api/v1/admin/legal/terms-of-use/versions').set(admin.auth).send({ title: 'x', body: 3, material: 'yes' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['title', 'body', 'summary', 'material']));
    await t.http
      .post('/api/v1/admin/legal/terms-of-use/versions')
      .set(seller.auth)
      .send({ title: 'Điều khoản', body: '<p>x</p>', summary: 'x', material: false })
      .expect(403);
    await t.http.post('/api/v1/admin/legal/terms-of-use/versions').send({ title: 'Điều khoản', body: '<p>x</p>', summary: 'x', material: false }).expect(401);
    expect(await count()).toBe(before);
  });

  it('lets admins publish from the back office page (too short a notice shows the error, nothing written; sellers get 403)', async () => {
    const jar = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    const page = await openForm(t, '/quan-ly/van-ban-phap-ly', jar);
    expect(page.html).toContain('Công bố phiên bản mới');
    const soon = new Date(t.clock.now().getTime() + 2 * DAY + 7 * 3_600_000).toISOString().slice(0, 16);
    const refused = await postForm(t, jar, '/quan-ly/van-ban-phap-ly', {
      document: 'complaint-policy',
      title: 'Chính sách giải quyết khiếu nại',
      summary: 'Rút ngắn thời hạn',
      body: '<p>Mới</p>',
      material: 'yes',
      effectiveAt: soon,
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('cần thông báo trước ít nhất 5 ngày');
    expect((await t.http.get('/api/v1/legal/complaint-policy/versions').expect(200)).body.items).toHaveLength(1);
    const done = await postForm(t, jar, '/quan-ly/van-ban-phap-ly', {
      document: 'complaint-policy',
      title: 'Chính sách giải quyết khiếu nại',
      summary: 'Sửa lỗi chính tả',
      body: '<p>Mọi người có thể gửi khiếu nại tại trang Khiếu nại.</p>',
      effectiveAt: '',
    });
    expect(done.status).toBe(303);
    const cur = await t.http.get('/api/v1/legal/complaint-policy').expect(200);
    expect(cur.body).toMatchObject({ number: 2, material: false, status: 'in-force', publishedBy: admin.id });

    const sellerJar = await signIn(t, seller.email, PASSWORD);
    await t.http.get('/quan-ly/van-ban-phap-ly').set('Cookie', cookieHeader(sellerJar)).expect(403);
  });

  it('publishes a material version with notice: audited, mails verified users, shows a banner until it takes effect', async () => {
    const effectiveAt = new Date(t.clock.now().getTime() + 6 * DAY);
    const current = await t.http.get('/api/v1/legal/terms-of-use').expect(200);
    const body = `${current.body.body}<h2>6. Xác minh người bán</h2><p>Người bán phải xác minh danh tính điện tử trước khi đăng bán.</p><script>alert(1)</script>`;
    const res = await t.http
      .post('/api/v1/admin/legal/terms-of-use/versions')
      .set(admin.auth)
      .send({
        title: 'Điều khoản sử dụng',
        body,
        summary: 'Bổ sung nghĩa vụ xác minh danh tính của người bán',
        material: true,
        effectiveAt: effectiveAt.toISOString(),
      })
      .expect(201);
    expect(res.body).toMatchObject({ number: 2, status: 'upcoming', material: true, publishedBy: admin.id });
    expect(res.body.body).not.toContain('<script');
    const [audit] = await t.dataSource.query(
      `SELECT actor_id, after FROM audit_events WHERE action = 'legal.version.publish' AND after->>'document' = 'terms-of-use'`,
    );
    expect(audit).toMatchObject({ actor_id: admin.id, after: expect.objectContaining({ document: 'terms-of-use', number: 2 }) });

    // Still version 1 in force; version 2 listed as upcoming, with its diff.
    expect((await t.http.get('/api/v1/legal/terms-of-use').expect(200)).body.number).toBe(1);
    const v2 = await t.http.get('/api/v1/legal/terms-of-use/versions/2').expect(200);
    expect(v2.body.previous).toBe(1);
    expect(v2.body.diff.filter((d: { change: string }) => d.change === 'added').map((d: { text: string }) => d.text)).toEqual([
      '6. Xác minh người bán',
      'Người bán phải xác minh danh tính điện tử trước khi đăng bán.',
    ]);

    // Mail to every active account with a verified email (batches of 2), none to the unverified one.
    await t.drainJobs();
    const notices = smtp.messages.map((m) => ({ to: m.to, ...readMail(m) })).filter((m) => m.subject.includes('Điều khoản sử dụng'));
    const recipients = notices.flatMap((m) => m.to);
    for (const u of [buyer, seller, webUser]) expect(recipients).toContain(u.email);
    expect(recipients).not.toContain(unverified.email);
    expect(notices[0].text).toContain('/dieu-khoan-su-dung/phien-ban/2');

    // The banner on a storefront page (and a cached one: the publication dropped it).
    for (const path of ['/', '/tim-kiem', '/lien-he']) {
      const page = await t.http.get(path).expect(200);
      expect(page.text).toContain('class="legal-banner"');
      expect(page.text).toContain('href="/dieu-khoan-su-dung/phien-ban/2"');
    }

    // Taking effect: the minute sweep drops cached pages, the banner goes, version 2 is in force.
    t.clock.advance(6 * DAY + 60_000);
    await t.app.get(JobQueue).enqueueNow(LEGAL_EFFECT_QUEUE, {});
    await t.drainJobs([LEGAL_EFFECT_QUEUE]);
    for (const path of ['/', '/lien-he']) {
      const page = await t.http.get(path).expect(200);
      expect(page.text).not.toContain('class="legal-banner"');
    }
    expect((await t.http.get('/api/v1/legal/terms-of-use').expect(200)).body.number).toBe(2);
  });

  it('asks for the new version at the next API sign-in and refresh, then lets the user continue', async () => {
    const login = await t.http.post('/api/v1/auth/login').send({ email: buyer.email, password: PASSWORD }).expect(403);
    expect(login.body.code).toBe('LEGAL_ACCEPTANCE_REQUIRED');
    expect(login.body.details).toEqual([{ field: 'terms-of-use', message: '2: Điều khoản sử dụng' }]);
    const ticket = login.headers['x-legal-acceptance-ticket'];
    expect(ticket).toBeTruthy();
    const refused = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: buyer.refreshToken }).expect(403);
    expect(refused.body.code).toBe('LEGAL_ACCEPTANCE_REQUIRED');

    const stale = await t.http
      .post('/api/v1/auth/legal-acceptances')
      .send({ ticket, accept: [{ document: 'terms-of-use', version: 1 }] })
      .expect(400);
    expect(stale.body.details).toEqual([expect.objectContaining({ field: 'accept.0.version' })]);
    await t.http
      .post('/api/v1/auth/legal-acceptances')
      .send({ ticket: 'not-a-ticket', accept: [{ document: 'terms-of-use', version: 2 }] })
      .expect(401);
    const accepted = await t.http
      .post('/api/v1/auth/legal-acceptances')
      .send({ ticket, accept: [{ document: 'terms-of-use', version: 2 }] })
      .expect(200);
    expect(accepted.body.accessToken).toBeTruthy();
    await t.http.post('/api/v1/auth/login').send({ email: buyer.email, password: PASSWORD }).expect(200);
    const rows = await t.dataSource.query(
      `SELECT document, version, channel FROM legal_acceptances WHERE user_id = $1 AND document = 'terms-of-use' AND version = 2`,
      [buyer.id],
    );
    expect(rows).toEqual([{ document: 'terms-of-use', version: 2, channel: 'api' }]);
    const [audit] = await t.dataSource.query(
      `SELECT actor_id, after FROM audit_events WHERE action = 'legal.acceptance.record' AND actor_id = $1 ORDER BY seq DESC LIMIT 1`,
      [buyer.id],
    );
    expect(audit.after).toEqual({ channel: 'api', versions: [{ document: 'terms-of-use', version: 2 }] });

    // A signed-in client with a valid access token accepts through /me, then refresh works again.
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: seller.refreshToken }).expect(403);
    await t.http
      .post('/api/v1/me/legal-acceptances')
      .set(seller.auth)
      .send({ accept: [{ document: 'terms-of-use', version: 2 }] })
      .expect(204);
    const again = await t.http.post('/api/v1/auth/login').send({ email: seller.email, password: PASSWORD }).expect(200);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: again.body.refreshToken }).expect(200);
  });

  it('shows the acceptance page at web sign-in before continuing', async () => {
    const form = await openForm(t, '/dang-nhap');
    const asked = await t.http
      .post('/dang-nhap')
      .type('form')
      .set('Cookie', cookieHeader(form.jar))
      .send({ _csrf: form.csrf, email: webUser.email, password: PASSWORD })
      .expect(200);
    expect(asked.text).toContain('Đồng ý phiên bản mới');
    expect(asked.text).toContain('href="/dieu-khoan-su-dung/phien-ban/2"');
    expect(asked.text).toMatch(/<input type="checkbox" name="accept" value="yes">/);
    expect(cookiesOf(asked).tf_at).toBeUndefined();
    const jar = { ...form.jar, ...cookiesOf(asked) };
    const csrf = /name="_csrf" value="([^"]+)"/.exec(asked.text)![1];
    const ticket = /name="ticket" value="([^"]+)"/.exec(asked.text)![1];
    const versions = /name="versions" value="([^"]+)"/.exec(asked.text)![1];
    const unticked = await t.http.post('/dang-nhap/dong-y').type('form').set('Cookie', cookieHeader(jar)).send({ _csrf: csrf, ticket, versions }).expect(400);
    expect(unticked.text).toContain('Cần đánh dấu ô đồng ý');
    const csrf2 = /name="_csrf" value="([^"]+)"/.exec(unticked.text)![1];
    const done = await t.http
      .post('/dang-nhap/dong-y')
      .type('form')
      .set('Cookie', cookieHeader({ ...jar, ...cookiesOf(unticked) }))
      .send({ _csrf: csrf2, ticket, versions, accept: 'yes' })
      .expect(303)
      .expect('location', '/quan-ly');
    expect(cookiesOf(done).tf_at).toBeTruthy();
    const rows = await t.dataSource.query(`SELECT channel FROM legal_acceptances WHERE user_id = $1 AND document = 'terms-of-use' AND version = 2`, [
      webUser.id,
    ]);
    expect(rows).toEqual([{ channel: 'web' }]);
  });

  it('records the accepted versions at registration and refuses one without explicit acceptance', async () => {
    const email = 'nguoi.moi@example.vn';
    const refused = await t.http.post('/api/v1/auth/register').send({ email, password: PASSWORD, displayName: 'Người mới', role: 'buyer' }).expect(400);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(['acceptTerms']);
    await t.http.post('/api/v1/auth/register').send({ email, password: PASSWORD, displayName: 'Người mới', role: 'buyer', acceptTerms: false }).expect(400);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [email]))[0].n).toBe(0);

    const form = await openForm(t, '/dang-ky');
    expect(form.html).toMatch(/<input type="checkbox" name="acceptTerms" value="yes">/);
    const web = await t.http
      .post('/dang-ky')
      .type('form')
      .set('Cookie', cookieHeader(form.jar))
      .send({ _csrf: form.csrf, role: 'buyer', displayName: 'Người mới', email, password: PASSWORD })
      .expect(400);
    expect(web.text).toContain('Cần đồng ý Điều khoản sử dụng');

    const form2 = await openForm(t, '/dang-ky');
    await t.http
      .post('/dang-ky')
      .type('form')
      .set('Cookie', cookieHeader(form2.jar))
      .send({
        _csrf: form2.csrf,
        role: 'buyer',
        displayName: 'Người mới trên web',
        email: 'nguoi.moi.web@example.vn',
        password: PASSWORD,
        phone: '',
        acceptTerms: 'yes',
      })
      .expect(303);
    const webRows = await t.dataSource.query(
      `SELECT a.channel FROM legal_acceptances a JOIN users u ON u.id = a.user_id WHERE u.email = 'nguoi.moi.web@example.vn'`,
    );
    expect(webRows).toEqual([{ channel: 'web' }, { channel: 'web' }, { channel: 'web' }]);

    await t.http.post('/api/v1/auth/register').send({ email, password: PASSWORD, displayName: 'Người mới', role: 'buyer', acceptTerms: true }).expect(202);
    const rows = await t.dataSource.query(
      `SELECT a.document, a.version, a.channel FROM legal_acceptances a JOIN users u ON u.id = a.user_id WHERE u.email = $1 ORDER BY a.document`,
      [email],
    );
    expect(rows).toEqual([
      { document: 'operating-rules', version: 2, channel: 'api' },
      { document: 'privacy-policy', version: 1, channel: 'api' },
      { document: 'terms-of-use', version: 2, channel: 'api' },
    ]);
  });

  it("shows the operator's identity and the document links in the footer of storefront pages", async () => {
    for (const path of ['/', '/dang-nhap', '/chinh-sach-bao-mat']) {
      const page = await t.http.get(path).expect(200);
      const footer = page.text.slice(page.text.indexOf('<footer'));
      for (const value of Object.values(OPERATOR)) expect(footer).toContain(value);
      for (const href of Object.values(LEGAL_PAGE_PATHS)) expect(footer).toContain(`href="${href}"`);
    }
    const api = await t.http.get('/api/v1/legal/operator').expect(200);
    expect(api.body.moitRegistrationNumber).toBe(OPERATOR.MOIT_REGISTRATION_NUMBER);
  });

  it("generates the ranking page from the search engines' settings and states there is no paid placement", async () => {
    const ranking = await t.app.get(SearchRanking).describe();
    expect(ranking.meiliRankingRules.length).toBeGreaterThan(0);
    expect(ranking.pgWeights).toEqual(expect.arrayContaining([{ field: 'name_folded', label: 'A', weight: 1 }]));
    const page = (await t.http.get('/cach-sap-xep-ket-qua').expect(200)).text;
    const list = (attr: string) =>
      [...(new RegExp(`<(?:ol|ul) ${attr}>([\\s\\S]*?)</(?:ol|ul)>`).exec(page)?.[1] ?? '').matchAll(/<code>([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(list('data-meili-rules')).toEqual(ranking.meiliRankingRules);
    expect(list('data-searchable')).toEqual(ranking.searchableFields);
    expect(list('data-sorts')).toEqual([...ranking.sorts]);
    const rows = [...page.matchAll(/<tr><td><code>([a-z_]+)<\/code><\/td><td>([ABCD])<\/td><td>([\d.]+)<\/td><\/tr>/g)].map((m) => ({
      field: m[1],
      label: m[2],
      weight: Number(m[3]),
    }));
    expect(rows).toEqual(ranking.pgWeights);
    expect(page).toContain('data-paid-placement="false"');
    expect(page).toContain('Không có vị trí trả tiền');
  });

  it('states in the privacy policy the retention periods the daily job enforces, read from the same configuration', async () => {
    const rules = t.app.get(RetentionSchedule).rules();
    expect(rules.map((r) => r.kind)).toEqual(expect.arrayContaining(['inquiries', 'sign-ins']));
    const page = (await t.http.get('/chinh-sach-bao-mat').expect(200)).text;
    const shown = [...page.matchAll(/<tr data-kind="([^"]+)"><td>[^<]*<\/td><td>(\d+)<\/td><\/tr>/g)].map((m) => ({ kind: m[1], days: Number(m[2]) }));
    expect(shown).toEqual(rules.map((r) => ({ kind: r.kind, days: r.days })));
  });

  it('renders every document page and version page in Vietnamese and with ?lang=en', async () => {
    for (const doc of LEGAL_DOCUMENTS) {
      const path = LEGAL_PAGE_PATHS[doc];
      const vi = await t.http.get(path).expect(200);
      expect(vi.text).toContain('<html lang="vi">');
      expect(vi.text).toContain('Các phiên bản');
      expect(vi.text).toContain(`href="${path}/phien-ban/1"`);
      const en = await t.http.get(`${path}?lang=en`).expect(200);
      expect(en.text).toContain('<html lang="en">');
      expect(en.text).toContain('The official text is in Vietnamese.');
      const version = await t.http.get(`${path}/phien-ban/1?lang=en`).expect(200);
      expect(version.text).toContain('This is the first version.');
      await t.http.get(`${path}/phien-ban/99`).expect(404);
    }
    const v2 = await t.http.get('/dieu-khoan-su-dung/phien-ban/2').expect(200);
    expect(v2.text).toContain('Thay đổi so với phiên bản trước');
    expect(v2.text).toMatch(/<li class="added"><span class="tag">Thêm:<\/span><span class="text">6\. Xác minh người bán<\/span><\/li>/);
    const en = await t.http.get('/dieu-khoan-su-dung/phien-ban/2?lang=en').expect(200);
    expect(en.text).toContain('Changes from the previous version');
  });
});
