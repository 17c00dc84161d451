import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId, createBulletin } from '../news/helpers';

/**
 * Issue 18 §7: moderation cannot be bypassed. Certifications and the GTIN are reviewed content,
 * an edit of content waiting for review sends it back, and an approval can be pinned to the
 * revision the moderator saw.
 */
describe('security: moderation bypass (PRODUCT_EDITS_REQUIRE_REVIEW=true, BULLETIN_REQUIRE_APPROVAL=true)', () => {
  let t: TestApp;
  let shop: FixtureEnterprise;
  let moderator: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { PRODUCT_EDITS_REQUIRE_REVIEW: 'true', BULLETIN_REQUIRE_APPROVAL: 'true' } });
    shop = await createVerifiedEnterprise(t);
    moderator = await createUser(t, 'editor');
  });
  afterAll(() => t.close());

  const patch = (id: string, body: object) => t.http.patch(`/api/v1/products/${id}`).set(shop.owner.auth).send(body).expect(200);

  it.each([
    ['a "typical rural industrial" certification', { certifications: [{ type: 'typical_rural_industrial' }] }],
    ['an organic certification', { certifications: [{ type: 'organic' }] }],
    ['another GTIN', { gtin: '8934588063053' }],
  ])('adding %s to a published product sends it to review instead of publishing it at once', async (_, change) => {
    const p = await createProduct(t, shop.id, { name: `Mật ong ${Math.random()}` });
    const res = await patch(p.id, change);
    expect(res.body.status).toBe('pending_review');
    await t.http.get(`/api/v1/products/${p.slug}`).expect(404);
  });

  it('re-sending the same certifications (another order) with a stock change is no content change and keeps the product published', async () => {
    const p = await createProduct(t, shop.id, { name: 'Bưởi da xanh', certifications: [{ type: 'vietgap' }, { type: 'other', name: 'Halal' }] });
    const res = await patch(p.id, { certifications: [{ name: 'Halal', type: 'other' }, { type: 'vietgap' }], stockQuantity: 5 });
    expect(res.body.status).toBe('published');
  });

  it('a seller edit while pending_review sends the product back to draft: the moderator cannot approve what they never saw', async () => {
    const p = await createProduct(t, shop.id, { name: 'Chuối sấy', status: 'draft' });
    const submitted = await t.http.post(`/api/v1/products/${p.id}/submit`).set(shop.owner.auth).expect(200);
    const seen = submitted.body.revision;
    const edited = await patch(p.id, { description: '<p>Nội dung khác hẳn sau khi gửi duyệt</p>' });
    expect(edited.body).toMatchObject({ status: 'draft', revision: seen + 1 });
    const stale = await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(moderator.auth).send({ revision: seen }).expect(409);
    expect(stale.body.code).toBe('STALE_REVISION');
    // Not pending any more either: a plain approve is refused too, nothing is published.
    await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(moderator.auth).expect(409);
    await t.http.get(`/api/v1/products/${p.slug}`).expect(404);
  });

  it('an approval pinned to an older revision is refused (409 STALE_REVISION) even after the seller resubmitted; the current one passes', async () => {
    const p = await createProduct(t, shop.id, { name: 'Kẹo dừa', status: 'draft' });
    const first = await t.http.post(`/api/v1/products/${p.id}/submit`).set(shop.owner.auth).expect(200);
    await patch(p.id, { gtin: '8936036020366' });
    const second = await t.http.post(`/api/v1/products/${p.id}/submit`).set(shop.owner.auth).expect(200);
    expect(second.body.revision).toBeGreaterThan(first.body.revision);
    const stale = await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(moderator.auth).send({ revision: first.body.revision }).expect(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'STALE_REVISION' });
    const queue = await t.http.get('/api/v1/admin/products').set(moderator.auth).expect(200);
    const listed = queue.body.items.find((i: { id: string }) => i.id === p.id);
    expect(listed.revision).toBe(second.body.revision);
    await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(moderator.auth).send({ revision: listed.revision }).expect(200);
    await t.http.get(`/api/v1/products/${p.slug}`).expect(200);
  });

  it('bulletins: an edit while pending_approval sends it back to draft, and a pinned approval of an older revision is refused', async () => {
    const editor = await createUser(t, 'editor');
    const admin = await loginAdmin(t);
    const cat = await categoryId(t, 'chinh-sach');
    const b = await createBulletin(t, editor, bulletinInput(cat, { title: 'Hỗ trợ vốn cho hợp tác xã' }));
    const pending = await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({}).expect(200);
    expect(pending.body.status).toBe('pending_approval');
    const seen = pending.body.revision;
    const edited = await t.http.patch(`/api/v1/bulletins/${b.id}`).set(editor.auth).send({ body: '<p>Nội dung khác</p>' }).expect(200);
    expect(edited.body.status).toBe('draft');
    await t.http.post(`/api/v1/admin/bulletins/${b.id}/approve`).set(admin.auth).send({ revision: seen }).expect(409);

    await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(editor.auth).send({}).expect(200);
    const stale = await t.http.post(`/api/v1/admin/bulletins/${b.id}/approve`).set(admin.auth).send({ revision: seen }).expect(409);
    expect(stale.body.code).toBe('STALE_REVISION');
    await t.http.get(`/api/v1/bulletins/${b.slug}`).expect(404);
    const approved = await t.http.post(`/api/v1/admin/bulletins/${b.id}/approve`).set(admin.auth).send({ revision: edited.body.revision }).expect(200);
    expect(approved.body.status).toBe('published');
  });
});
