import { DomainEvents } from '@tradefloor/core';
import { PublicProducts } from '@tradefloor/catalog';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createDraft, createPublished, recordProductChanges } from './catalog-helpers';

async function setEnterpriseStatus(t: TestApp, id: string, status: string): Promise<void> {
  await t.dataSource.transaction(async (m) => {
    await m.query(`UPDATE enterprises SET status = $2 WHERE id = $1`, [id, status]);
    await t.app.get(DomainEvents).publish(m, 'enterprise.changed', { enterpriseId: id });
  });
}

describe('catalog: product lifecycle and moderation', () => {
  let t: TestApp;
  let ent: FixtureEnterprise;
  let editor: TestUser;
  let admin: TestUser;
  let changes: ReturnType<typeof recordProductChanges>;

  beforeAll(async () => {
    t = await createTestApp();
    changes = recordProductChanges(t);
    ent = await createVerifiedEnterprise(t);
    editor = await createUser(t, 'editor');
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('draft → pending_review → published, through the moderation queue, visible to the public', async () => {
    const p = await createDraft(t, ent.owner, ent.id, { name: 'Kẹo dừa Bến Tre' });
    await t.http.get(`/api/v1/products/${p.slug}`).expect(404);
    await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(editor.auth).expect(409);
    await changes.drain();

    const submitted = await t.http.post(`/api/v1/products/${p.id}/submit`).set(ent.owner.auth).expect(200);
    expect(submitted.body.status).toBe('pending_review');
    expect(await changes.drain()).toEqual([p.id]);
    await t.http.post(`/api/v1/products/${p.id}/submit`).set(ent.owner.auth).expect(409);

    await t.http.get('/api/v1/admin/products?status=pending_review').set(ent.owner.auth).expect(403);
    const queue = await t.http.get('/api/v1/admin/products?status=pending_review&pageSize=100').set(editor.auth).expect(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect(queue.body.items.every((i: { status: string }) => i.status === 'pending_review')).toBe(true);
    await t.http.get(`/api/v1/products/${p.slug}`).expect(404);

    await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(ent.owner.auth).expect(403);
    const approved = await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(editor.auth).expect(200);
    expect(approved.body.status).toBe('published');
    expect(approved.body.publishedAt).toBeTruthy();
    expect(await changes.drain()).toEqual([p.id]);
    const pub = await t.http.get(`/api/v1/products/${p.slug}`).expect(200);
    expect(pub.body.name).toBe('Kẹo dừa Bến Tre');
  });

  it('rejects with a reason the owner sees; the owner fixes and resubmits', async () => {
    const p = await createDraft(t, ent.owner, ent.id);
    await t.http.post(`/api/v1/products/${p.id}/submit`).set(ent.owner.auth).expect(200);
    await t.http.post(`/api/v1/admin/products/${p.id}/reject`).set(editor.auth).send({}).expect(400);
    await t.http.post(`/api/v1/admin/products/${p.id}/reject`).set(admin.auth).send({ reason: 'Ảnh mờ, thiếu thông tin xuất xứ' }).expect(200);
    const mine = await t.http.get(`/api/v1/products/by-id/${p.id}`).set(ent.owner.auth).expect(200);
    expect(mine.body).toMatchObject({ status: 'rejected', rejectionReason: 'Ảnh mờ, thiếu thông tin xuất xứ' });
    await t.http.get(`/api/v1/products/${p.slug}`).expect(404);
    await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(editor.auth).expect(409);

    await t.http.patch(`/api/v1/products/${p.id}`).set(ent.owner.auth).send({ description: '<p>Xuất xứ: Cầu Kè</p>' }).expect(200);
    const again = await t.http.post(`/api/v1/products/${p.id}/submit`).set(ent.owner.auth).expect(200);
    expect(again.body).toMatchObject({ status: 'pending_review', rejectionReason: null });
  });

  it('unlists and relists a published product; archives for good', async () => {
    const p = await createPublished(t, ent.owner, editor, ent.id);
    await t.http.post(`/api/v1/products/${p.id}/relist`).set(ent.owner.auth).expect(409);
    await t.http.post(`/api/v1/products/${p.id}/unlist`).set(ent.owner.auth).expect(200);
    await t.http.get(`/api/v1/products/${p.slug}`).expect(404);
    await t.http.post(`/api/v1/products/${p.id}/relist`).set(ent.owner.auth).expect(200);
    await t.http.get(`/api/v1/products/${p.slug}`).expect(200);
    await changes.drain();

    const archived = await t.http.post(`/api/v1/products/${p.id}/archive`).set(ent.owner.auth).expect(200);
    expect(archived.body.status).toBe('archived');
    expect(await changes.drain()).toEqual([p.id]);
    await t.http.get(`/api/v1/products/${p.slug}`).expect(404);
    await t.http.post(`/api/v1/products/${p.id}/archive`).set(ent.owner.auth).expect(409);
    await t.http.post(`/api/v1/products/${p.id}/submit`).set(ent.owner.auth).expect(409);
    await t.http.patch(`/api/v1/products/${p.id}`).set(ent.owner.auth).send({ priceVnd: 1000 }).expect(409);

    const draft = await createDraft(t, ent.owner, ent.id);
    await t.http.post(`/api/v1/admin/products/${draft.id}/archive`).set(editor.auth).expect(200);
  });

  it('keeps the slug stable once published, and applies edits of a published product at once by default', async () => {
    const p = await createPublished(t, ent.owner, editor, ent.id, { name: 'Chuối sấy dẻo' });
    const res = await t.http.patch(`/api/v1/products/${p.id}`).set(ent.owner.auth).send({ name: 'Chuối sấy dẻo Tiểu Cần', priceVnd: 45000 }).expect(200);
    expect(res.body).toMatchObject({ slug: p.slug, status: 'published', priceVnd: 45000 });
    const pub = await t.http.get(`/api/v1/products/${p.slug}`).expect(200);
    expect(pub.body).toMatchObject({ name: 'Chuối sấy dẻo Tiểu Cần', priceVnd: 45000 });
  });

  it('refuses to publish for an enterprise that is not verified (409), and hides products of a suspended one', async () => {
    const pending = await createVerifiedEnterprise(t, { status: 'pending_verification' });
    const p = await createDraft(t, pending.owner, pending.id);
    await t.http.post(`/api/v1/products/${p.id}/submit`).set(pending.owner.auth).expect(200);
    const refused = await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(editor.auth).expect(409);
    expect(refused.body.code).toBe('ENTERPRISE_NOT_VERIFIED');
    expect((await t.http.get(`/api/v1/products/by-id/${p.id}`).set(pending.owner.auth)).body.status).toBe('pending_review');

    const shop = await createVerifiedEnterprise(t);
    const visible = await createPublished(t, shop.owner, editor, shop.id, { name: 'Nước mắm Duyên Hải' });
    const unlisted = await createPublished(t, shop.owner, editor, shop.id);
    await t.http.post(`/api/v1/products/${unlisted.id}/unlist`).set(shop.owner.auth).expect(200);
    await t.http.get(`/api/v1/products/${visible.slug}`).expect(200);
    const listed = await t.app.get(PublicProducts).publishedProductsOf(shop.id);
    expect(listed.map((x) => x.id)).toEqual([visible.id]);
    expect(listed[0]).toMatchObject({ slug: visible.slug, name: 'Nước mắm Duyên Hải', priceVnd: 120000, unit: 'kg', thumbnailUrl: null, ocopStars: null });

    await setEnterpriseStatus(t, shop.id, 'suspended');
    await t.http.get(`/api/v1/products/${visible.slug}`).expect(404);
    expect(await t.app.get(PublicProducts).publishedProductsOf(shop.id)).toEqual([]);
    await t.http.post(`/api/v1/products/${unlisted.id}/relist`).set(shop.owner.auth).expect(409);

    await setEnterpriseStatus(t, shop.id, 'verified');
    await t.http.get(`/api/v1/products/${visible.slug}`).expect(200);
  });
});

describe('catalog: content edits of published products with PRODUCT_EDITS_REQUIRE_REVIEW=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PRODUCT_EDITS_REQUIRE_REVIEW: 'true' } });
  });
  afterAll(() => t.close());

  it('sends name/description/category changes back to review but applies price and stock at once', async () => {
    const ent = await createVerifiedEnterprise(t);
    const editor = await createUser(t, 'editor');
    const p = await createPublished(t, ent.owner, editor, ent.id);
    const price = await t.http.patch(`/api/v1/products/${p.id}`).set(ent.owner.auth).send({ priceVnd: 99000, stockQuantity: 1 }).expect(200);
    expect(price.body.status).toBe('published');
    const content = await t.http.patch(`/api/v1/products/${p.id}`).set(ent.owner.auth).send({ description: '<p>Mô tả mới</p>' }).expect(200);
    expect(content.body.status).toBe('pending_review');
    await t.http.get(`/api/v1/products/${p.slug}`).expect(404);
    await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(editor.auth).expect(200);
    await t.http.get(`/api/v1/products/${p.slug}`).expect(200);
  });
});
