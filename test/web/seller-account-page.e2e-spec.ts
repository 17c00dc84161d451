import { createUser, PASSWORD } from '../harness/auth';
import { createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn, type CookieJar } from './web-helpers';

/** The staff page of a seller's account state (issue 14): warn, schedule / carry out a suspension, reinstate, close, the history. */
jest.setTimeout(120_000);

describe('web: seller account page for staff (/quan-ly/tai-khoan-nguoi-ban/:id)', () => {
  let t: TestApp;
  let adminJar: CookieJar;
  let editorJar: CookieJar;
  let ent: FixtureEnterprise;
  const page = (id: string) => `/quan-ly/tai-khoan-nguoi-ban/${id}`;
  const state = async () => (await t.http.get(`/api/v1/enterprises/${ent.id}/account`).set(ent.owner.auth).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    adminJar = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    const editor = await createUser(t, 'editor');
    editorJar = await signIn(t, editor.email, PASSWORD);
    ent = await createVerifiedEnterprise(t);
  });
  afterAll(() => t?.close());

  it('is linked from the staff enterprise queue and shows the state; sellers and strangers are refused', async () => {
    const queue = await t.http.get('/quan-ly/duyet-doanh-nghiep?status=verified').set('Cookie', cookieHeader(adminJar)).expect(200);
    expect(queue.text).toContain(`href="${page(ent.id)}"`);
    const res = await openForm(t, page(ent.id), adminJar);
    expect(res.html).toContain('Hoạt động');
    expect(res.html).toContain(`action="${page(ent.id)}/warn"`);
    expect(res.html).toContain(`action="${page(ent.id)}/suspension"`);
    const sellerJar = await signIn(t, ent.owner.email, PASSWORD);
    await t.http.get(page(ent.id)).set('Cookie', cookieHeader(sellerJar)).expect(403);
    await t.http.get(page('00000000-0000-4000-8000-000000000000')).set('Cookie', cookieHeader(adminJar)).expect(404);
  });

  it('an editor warns (a missing reason is a 400 with the field error, nothing written) but cannot suspend', async () => {
    await openForm(t, page(ent.id), editorJar);
    const empty = await postForm(t, editorJar, `${page(ent.id)}/warn`, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('id="warn-reason-error"');
    expect((await state()).state).toBe('active');
    const warned = await postForm(t, editorJar, `${page(ent.id)}/warn`, { reason: 'Mô tả <sai> xuất xứ' });
    expect(warned.status).toBe(303);
    expect((await state()).state).toBe('warned');
    const html = (
      await t.http
        .get(`${page(ent.id)}?done=warn`)
        .set('Cookie', cookieHeader(editorJar))
        .expect(200)
    ).text;
    expect(html).toContain('Mô tả &lt;sai&gt; xuất xứ');
    expect(html).not.toContain(`action="${page(ent.id)}/suspension"`);
    expect((await postForm(t, editorJar, `${page(ent.id)}/suspension`, { reason: 'x', source: 'staff' })).status).toBe(403);
    expect((await state()).suspensionDueAt).toBeNull();
  });

  it('an admin schedules a suspension with notice, reinstates it, suspends at once on an authority request, and closes; the history lists each step', async () => {
    await openForm(t, page(ent.id), adminJar);
    const bad = await postForm(t, adminJar, `${page(ent.id)}/suspension`, { reason: 'Vi phạm', source: 'neighbour' });
    expect(bad.status).toBe(400);
    const scheduled = await postForm(t, adminJar, `${page(ent.id)}/suspension`, { reason: 'Vi phạm lặp lại', source: 'staff', reference: '' });
    expect(scheduled.status).toBe(303);
    const s1 = await state();
    expect(s1.state).toBe('warned');
    expect(s1.suspensionDueAt).not.toBeNull();
    let html = (await t.http.get(page(ent.id)).set('Cookie', cookieHeader(adminJar)).expect(200)).text;
    expect(html).toContain('id="suspension-due"');
    // A second schedule is a 409 on the page (the form is not offered, the post is refused).
    const again = await postForm(t, adminJar, `${page(ent.id)}/suspension`, { reason: 'Lần nữa', source: 'staff' });
    expect(again.status).toBe(409);

    expect((await postForm(t, adminJar, `${page(ent.id)}/reinstate`, { reason: 'Đã giải trình' })).status).toBe(303);
    expect((await state()).state).toBe('active');
    expect(
      (await postForm(t, adminJar, `${page(ent.id)}/suspension`, { reason: 'Quyết định của Sở', source: 'authority', reference: 'QĐ-15/SCT' })).status,
    ).toBe(303);
    expect((await state()).state).toBe('suspended');
    await t.http.get(`/api/v1/enterprises/${ent.slug}`).expect(404);
    expect((await postForm(t, adminJar, `${page(ent.id)}/close`, { reason: 'Tái phạm nghiêm trọng' })).status).toBe(303);
    expect((await state()).state).toBe('closed');
    // Closed is final: reinstating is refused.
    expect((await postForm(t, adminJar, `${page(ent.id)}/reinstate`, { reason: 'Thử lại' })).status).toBe(409);

    html = (await t.http.get(page(ent.id)).set('Cookie', cookieHeader(adminJar)).expect(200)).text;
    const history = html.slice(html.indexOf('id="account-history"'));
    for (const text of ['Lên lịch đình chỉ', 'Khôi phục', 'Đình chỉ', 'QĐ-15/SCT', 'Đóng', 'Cảnh cáo']) expect(history).toContain(text);
    const audited = await t.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 AND action LIKE 'seller-account.%' ORDER BY seq`, [ent.id]);
    expect(audited.map((r: { action: string }) => r.action)).toEqual([
      'seller-account.warn',
      'seller-account.schedule-suspension',
      'seller-account.reinstate',
      'seller-account.suspend',
      'seller-account.close',
    ]);
  });
});
