import { createUser, PASSWORD } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn, type CookieJar } from './web-helpers';

/** The breach register page (/quan-ly/su-co-du-lieu, administrators): record, 72-hour clock, notices, progress. */
jest.setTimeout(120_000);

describe('web: breach register page', () => {
  let t: TestApp;
  let adminJar: CookieJar;
  const PATH = '/quan-ly/su-co-du-lieu';

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    adminJar = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
  });
  afterAll(() => t?.close());

  it('an administrator records an incident (bad input: 400 with field errors), sees the deadline and the notices, and records the notification', async () => {
    const home = await t.http.get('/quan-ly').set('Cookie', cookieHeader(adminJar)).expect(200);
    expect(home.text).toContain(`href="${PATH}"`);
    await openForm(t, PATH, adminJar);
    const bad = await postForm(t, adminJar, PATH, { detectedAt: '', description: 'Lộ <dữ liệu>', dataKinds: '', affectedCount: '10', measures: 'Khoá' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-detectedAt-error"');
    expect(bad.text).toContain('id="f-dataKinds-error"');
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM breaches`))[0].n).toBe(0);

    // Two hours ago, Vietnam time, as the datetime-local field sends it.
    const local = new Date(t.clock.now().getTime() - 2 * 3600_000 + 7 * 3600_000).toISOString().slice(0, 16);
    const ok = await postForm(t, adminJar, PATH, {
      detectedAt: local,
      description: 'Lộ <dữ liệu> khách hàng qua tệp xuất',
      dataKinds: 'email, số điện thoại',
      affectedCount: '42',
      measures: 'Thu hồi tệp, đổi mật khẩu dịch vụ',
    });
    expect(ok.status).toBe(303);
    const detailPath = (ok.headers.location as string).split('?')[0];
    let page = (await t.http.get(detailPath).set('Cookie', cookieHeader(adminJar)).expect(200)).text;
    expect(page).toContain('Lộ &lt;dữ liệu&gt; khách hàng qua tệp xuất');
    expect(page).toContain('id="notice-authority"');
    expect(page).toMatch(/id="notice-authority">[^<]*A05/);
    expect(page).toContain('email, số điện thoại');
    expect(page).not.toContain('badge-bad');

    t.clock.advance(71 * 3600_000);
    page = (await t.http.get(PATH).set('Cookie', cookieHeader(adminJar)).expect(200)).text;
    expect(page).toContain('<tr class="overdue">');
    expect((await postForm(t, adminJar, `${detailPath}/cap-nhat`, { notified: '1' })).status).toBe(303);
    page = (await t.http.get(detailPath).set('Cookie', cookieHeader(adminJar)).expect(200)).text;
    expect(page).not.toContain('badge-bad');
    expect((await postForm(t, adminJar, `${detailPath}/cap-nhat`, { status: 'lost' })).status).toBe(400);
    expect((await postForm(t, adminJar, `${detailPath}/cap-nhat`, { status: 'closed' })).status).toBe(303);

    // Editors: not theirs.
    const editor = await createUser(t, 'editor');
    await t.http
      .get(PATH)
      .set('Cookie', cookieHeader(await signIn(t, editor.email, PASSWORD)))
      .expect(403);
  });
});
