import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId, createBulletin } from './helpers';

describe('news bulletins: admin approval of editors’ bulletins (BULLETIN_REQUIRE_APPROVAL=true)', () => {
  let t: TestApp;
  let editor: TestUser;
  let admin: TestUser;
  let cat: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { BULLETIN_REQUIRE_APPROVAL: 'true' } });
    editor = await createUser(t, 'editor');
    admin = await loginAdmin(t);
    cat = await categoryId(t, 'chinh-sach');
  });
  afterAll(() => t.close());

  it('puts an editor’s publish request in pending_approval until an admin approves it', async () => {
    const b = await createBulletin(t, editor, bulletinInput(cat, { title: 'Chính sách hỗ trợ chủ thể OCOP' }));
    const pending = await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({}).expect(200);
    expect(pending.body).toMatchObject({ status: 'pending_approval', publishedAt: null });
    await t.http.get(`/api/v1/bulletins/${b.slug}`).expect(404);
    const queue = await t.http.get('/api/v1/bulletins?status=pending_approval').set(admin.auth).expect(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(b.id);

    await t.http.post(`/api/v1/admin/bulletins/${b.id}/approve`).set(editor.auth).expect(403);
    const approved = await t.http.post(`/api/v1/admin/bulletins/${b.id}/approve`).set(admin.auth).expect(200);
    expect(approved.body.status).toBe('published');
    await t.http.get(`/api/v1/bulletins/${b.slug}`).expect(200);
    await t.http.post(`/api/v1/admin/bulletins/${b.id}/approve`).set(admin.auth).expect(409);
  });

  it('sends a rejected bulletin back to draft with the reason, which is required', async () => {
    const b = await createBulletin(t, editor, bulletinInput(cat, { title: 'Chính sách chưa đủ căn cứ' }));
    await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({}).expect(200);
    const noReason = await t.http.post(`/api/v1/admin/bulletins/${b.id}/reject`).set(admin.auth).send({}).expect(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const rejected = await t.http.post(`/api/v1/admin/bulletins/${b.id}/reject`).set(admin.auth).send({ reason: 'Cần dẫn số quyết định' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'draft', rejectionReason: 'Cần dẫn số quyết định' });
    await t.http.post(`/api/v1/admin/bulletins/${b.id}/reject`).set(admin.auth).send({ reason: 'Lần nữa' }).expect(409);
    // The editor fixes it and asks again; the reason is cleared.
    await t.http.patch(`/api/v1/bulletins/${b.id}`).set(editor.auth).send({ summary: 'Theo Quyết định 148/QĐ-TTg.' }).expect(200);
    const again = await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({}).expect(200);
    expect(again.body).toMatchObject({ status: 'pending_approval', rejectionReason: null });
  });

  it('keeps the requested publishAt: approval of a future time schedules the bulletin', async () => {
    const b = await createBulletin(t, editor, bulletinInput(cat, { title: 'Chính sách có hiệu lực tháng sau' }));
    const publishAt = new Date(t.clock.now().getTime() + 24 * 3_600_000);
    await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({ publishAt: publishAt.toISOString() }).expect(200);
    const approved = await t.http.post(`/api/v1/admin/bulletins/${b.id}/approve`).set(admin.auth).expect(200);
    expect(approved.body.status).toBe('scheduled');
    expect(new Date(approved.body.publishAt).getTime()).toBe(publishAt.getTime());
  });

  it('lets admins publish directly, and only admins change approved bulletins', async () => {
    const own = await createBulletin(t, admin, bulletinInput(cat, { title: 'Thông tin chính sách do quản trị đăng' }));
    const direct = await t.http.post(`/api/v1/bulletins/${own.id}/publish`).set(admin.auth).send({}).expect(200);
    expect(direct.body.status).toBe('published');

    const edit = await t.http.patch(`/api/v1/bulletins/${own.id}`).set(editor.auth).send({ title: 'Sửa không duyệt' }).expect(403);
    expect(edit.body.code).toBe('APPROVAL_REQUIRED');
    await t.http.post(`/api/v1/bulletins/${own.id}/archive`).set(editor.auth).expect(403);
    const stillPublic = await t.http.get(`/api/v1/bulletins/${own.slug}`).expect(200);
    expect(stillPublic.body.title).toBe('Thông tin chính sách do quản trị đăng');
    await t.http.patch(`/api/v1/bulletins/${own.id}`).set(admin.auth).send({ summary: 'Cập nhật bởi quản trị' }).expect(200);
    await t.http.post(`/api/v1/bulletins/${own.id}/archive`).set(admin.auth).expect(200);
  });
});
