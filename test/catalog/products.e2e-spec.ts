import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { categoryId, createVerifiedEnterprise, PHUONG_TRA_VINH, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { countRows, createDraft, createPublished, fields, productBody, recordProductChanges, VALID_GTIN } from './catalog-helpers';

describe('catalog: products, validation and authorisation', () => {
  let t: TestApp;
  let ent: FixtureEnterprise;
  let other: FixtureEnterprise;
  let editor: TestUser;
  let changes: ReturnType<typeof recordProductChanges>;

  beforeAll(async () => {
    t = await createTestApp();
    changes = recordProductChanges(t);
    ent = await createVerifiedEnterprise(t);
    other = await createVerifiedEnterprise(t);
    editor = await createUser(t, 'editor');
  });
  afterAll(() => t.close());

  it('creates a draft with a folded slug, sanitised description, canonical unit and announces it', async () => {
    const body = await productBody(t, ent.id, {
      name: 'Bánh tét lá cẩm Trà Cuôn',
      description: '<p onclick="x()">Ngon<script>alert(1)</script></p><img src=x onerror=alert(1)>',
      unit: 'Hộp',
      gtin: VALID_GTIN,
      priceMaxVnd: 150000,
      certifications: [{ type: 'vietgap' }, { type: 'other', name: 'Chứng nhận Halal' }],
    });
    const res = await t.http.post('/api/v1/products').set(ent.owner.auth).send(body).expect(201);
    expect(res.body).toMatchObject({
      slug: 'banh-tet-la-cam-tra-cuon',
      status: 'draft',
      unit: 'hộp',
      gtin: VALID_GTIN,
      priceVnd: 120000,
      priceMaxVnd: 150000,
      enterpriseId: ent.id,
      certifications: [{ type: 'vietgap' }, { type: 'other', name: 'Chứng nhận Halal' }],
      rejectionReason: null,
      images: [],
      ocop: null,
    });
    expect(res.body.description).toBe('<p>Ngon</p>');
    expect(await changes.drain()).toContain(res.body.id);

    const again = await t.http
      .post('/api/v1/products')
      .set(ent.owner.auth)
      .send({ ...body, sku: 'KHAC-1' })
      .expect(201);
    expect(again.body.slug).toBe('banh-tet-la-cam-tra-cuon-2');
  });

  it('refuses bad input with 400 and field details, and writes nothing', async () => {
    const before = await countRows(t, 'products');
    const bad = await t.http
      .post('/api/v1/products')
      .set(ent.owner.auth)
      .send(
        await productBody(t, ent.id, { gtin: '8934588063054', priceVnd: 0, unit: 'bao tải', stockQuantity: -1, certifications: [{ type: 'other' }], extra: 1 }),
      )
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(fields(bad.body)).toEqual(expect.arrayContaining(['gtin', 'priceVnd', 'unit', 'stockQuantity', 'certifications.0.name', 'extra']));

    const refs = await t.http
      .post('/api/v1/products')
      .set(ent.owner.auth)
      .send(await productBody(t, ent.id, { originCommuneCode: '99999', categoryId: '0b7f6a0e-3f0a-4b8e-9a57-0d6c3f1f2a11', priceMaxVnd: 1000 }))
      .expect(400);
    expect(fields(refs.body)).toEqual(['categoryId', 'originCommuneCode', 'priceMaxVnd']);

    await t.http
      .post('/api/v1/products')
      .set(ent.owner.auth)
      .send(await productBody(t, ent.id, { priceVnd: 12.5 }))
      .expect(400);
    await t.http
      .post('/api/v1/products')
      .set(ent.owner.auth)
      .send(await productBody(t, ent.id, { priceVnd: '120000' }))
      .expect(400);
    expect(await countRows(t, 'products')).toBe(before);
  });

  it('keeps SKUs unique per enterprise (409) but not across enterprises', async () => {
    const p = await createDraft(t, ent.owner, ent.id, { sku: 'SKU-TRUNG' });
    const dup = await t.http
      .post('/api/v1/products')
      .set(ent.owner.auth)
      .send(await productBody(t, ent.id, { sku: 'SKU-TRUNG' }))
      .expect(409);
    expect(dup.body).toMatchObject({ code: 'SKU_TAKEN', details: [{ field: 'sku' }] });
    await createDraft(t, other.owner, other.id, { sku: 'SKU-TRUNG' });
    const second = await createDraft(t, ent.owner, ent.id, { sku: 'SKU-KHAC' });
    await t.http.patch(`/api/v1/products/${second.id}`).set(ent.owner.auth).send({ sku: 'SKU-TRUNG' }).expect(409);
    expect(p.id).toBeTruthy();
  });

  it('lets only members (and admins) write an enterprise’s products', async () => {
    const buyer = await createUser(t, 'buyer');
    const stranger = await createUser(t, 'business');
    const body = await productBody(t, ent.id);
    await t.http.post('/api/v1/products').send(body).expect(401);
    await t.http.post('/api/v1/products').set(buyer.auth).send(body).expect(403);
    await t.http.post('/api/v1/products').set(other.owner.auth).send(body).expect(403);
    await t.http.post('/api/v1/products').set(stranger.auth).send(body).expect(403);
    await t.http
      .post('/api/v1/products')
      .set(ent.owner.auth)
      .send({ ...body, enterpriseId: '5d1c1c61-4f61-4a55-9d8e-2b8f0a1e7c11' })
      .expect(404);

    const p = await createDraft(t, ent.owner, ent.id);
    const before = await t.dataSource.query(`SELECT name, price_vnd FROM products WHERE id = $1`, [p.id]);
    await t.http.patch(`/api/v1/products/${p.id}`).set(other.owner.auth).send({ priceVnd: 1 }).expect(403);
    await t.http.post(`/api/v1/products/${p.id}/submit`).set(other.owner.auth).expect(403);
    await t.http.post(`/api/v1/products/${p.id}/archive`).set(other.owner.auth).expect(403);
    await t.http.get(`/api/v1/products/by-id/${p.id}`).set(other.owner.auth).expect(403);
    await t.http.get(`/api/v1/enterprises/${ent.id}/products`).set(other.owner.auth).expect(403);
    expect(await t.dataSource.query(`SELECT name, price_vnd FROM products WHERE id = $1`, [p.id])).toEqual(before);

    const admin = await loginAdmin(t);
    await t.http.patch(`/api/v1/products/${p.id}`).set(admin.auth).send({ stockQuantity: 7 }).expect(200);
    await t.http.get(`/api/v1/products/by-id/${p.id}`).set(editor.auth).expect(200);
  });

  it('answers bad or unknown ids with 400/404, never 500', async () => {
    await t.http.patch('/api/v1/products/not-a-uuid').set(ent.owner.auth).send({ priceVnd: 5 }).expect(400);
    await t.http.get('/api/v1/products/by-id/123').set(ent.owner.auth).expect(400);
    await t.http.patch('/api/v1/products/5d1c1c61-4f61-4a55-9d8e-2b8f0a1e7c11').set(ent.owner.auth).send({ priceVnd: 5 }).expect(404);
    await t.http.post('/api/v1/admin/products/nope/approve').set(editor.auth).expect(400);
    await t.http.post('/api/v1/admin/products/5d1c1c61-4f61-4a55-9d8e-2b8f0a1e7c11/approve').set(editor.auth).expect(404);
    await t.http.get('/api/v1/products/khong-co-san-pham-nay').expect(404);
    await t.http.get(`/api/v1/products/${'x'.repeat(90)}`).expect(404);
    await t.http.get('/api/v1/enterprises/abc/products').set(ent.owner.auth).expect(400);
  });

  it('edits price, stock and content, validating like create and announcing the change', async () => {
    const p = await createDraft(t, ent.owner, ent.id, { name: 'Mật ong hoa dừa' });
    await changes.drain();
    const res = await t.http
      .patch(`/api/v1/products/${p.id}`)
      .set(ent.owner.auth)
      .send({
        name: 'Mật ong hoa dừa Bến Tre',
        priceVnd: 90000,
        priceMaxVnd: 110000,
        stockQuantity: 3,
        gtin: null,
        description: '<h2>Mô tả</h2><script>x</script>',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'Mật ong hoa dừa Bến Tre',
      slug: 'mat-ong-hoa-dua-ben-tre',
      priceVnd: 90000,
      priceMaxVnd: 110000,
      stockQuantity: 3,
      description: '<h2>Mô tả</h2>',
    });
    expect(await changes.drain()).toEqual([p.id]);

    const bad = await t.http.patch(`/api/v1/products/${p.id}`).set(ent.owner.auth).send({ priceVnd: 200000 }).expect(400);
    expect(fields(bad.body)).toEqual(['priceMaxVnd']);
    await t.http.patch(`/api/v1/products/${p.id}`).set(ent.owner.auth).send({ originCommuneCode: '00001' }).expect(400);
    await t.http.patch(`/api/v1/products/${p.id}`).set(ent.owner.auth).send({ enterpriseId: other.id }).expect(400);
    const row = await t.dataSource.query(`SELECT price_vnd::int AS price, enterprise_id FROM products WHERE id = $1`, [p.id]);
    expect(row).toEqual([{ price: 90000, enterprise_id: ent.id }]);
  });

  it('serves the category tree with the six OCOP groups and general agricultural categories', async () => {
    const res = await t.http.get('/api/v1/categories').expect(200);
    const groups = res.body.filter((c: { ocopGroup: string | null }) => c.ocopGroup).map((c: { ocopGroup: string }) => c.ocopGroup);
    expect(groups.sort()).toEqual(['beverage', 'food', 'handicraft', 'herbal', 'ornamental', 'tourism']);
    const food = res.body.find((c: { slug: string }) => c.slug === 'thuc-pham');
    expect(food.children.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).toContain('"slug":"trai-cay"');
    expect(res.body.some((c: { slug: string }) => c.slug === 'nong-nghiep-khac')).toBe(true);
  });

  it('renames a category (moderators only), publishing category.changed', async () => {
    const id = await categoryId(t, 'gao');
    // Suggestions read the category list the read model keeps in memory: a rename must show at once.
    const categoryNames = async (q: string) =>
      (await t.http.get('/api/v1/search/suggest').query({ q }).expect(200)).body.categories.map((c: { name: string }) => c.name);
    expect(await categoryNames('gao')).toContain('Gạo');
    await t.http.patch(`/api/v1/admin/categories/${id}`).set(ent.owner.auth).send({ name: 'Gạo đặc sản' }).expect(403);
    await t.http.patch(`/api/v1/admin/categories/${id}`).set(editor.auth).send({ name: 'Gạo đặc sản' }).expect(200);
    const tree = await t.http.get('/api/v1/categories').expect(200);
    expect(JSON.stringify(tree.body)).toContain('Gạo đặc sản');
    expect(await categoryNames('gao')).toEqual(expect.arrayContaining(['Gạo đặc sản']));
    expect(await categoryNames('gao')).not.toContain('Gạo');
  });

  it('shows the public product with enterprise card, category path and no internal fields', async () => {
    const admin = await loginAdmin(t);
    const p = await createPublished(t, ent.owner, admin, ent.id, {
      name: 'Dừa sáp Cầu Kè',
      certifications: [{ type: 'organic' }],
      originCommuneCode: PHUONG_TRA_VINH,
    });
    const res = await t.http.get(`/api/v1/products/${p.slug}`).expect(200);
    expect(res.body).toMatchObject({
      id: p.id,
      name: 'Dừa sáp Cầu Kè',
      priceVnd: 120000,
      unit: 'kg',
      inStock: true,
      ocop: null,
      certifications: [{ type: 'organic' }],
      originCommuneCode: PHUONG_TRA_VINH,
      originCommuneName: 'Phường Trà Vinh',
      enterprise: { id: ent.id, slug: ent.slug, kind: 'cooperative', phone: '0912345678', communeCode: PHUONG_TRA_VINH },
    });
    expect(res.body.categoryPath.map((c: { slug: string }) => c.slug)).toEqual(['thuc-pham', 'nong-san-tuoi', 'trai-cay']);
    expect(res.body).not.toHaveProperty('sku');
    expect(res.body).not.toHaveProperty('status');
    expect(res.body).not.toHaveProperty('rejectionReason');
  });

  it('lists an enterprise’s own products by status', async () => {
    const mine = await t.http.get(`/api/v1/enterprises/${ent.id}/products?status=draft&pageSize=100`).set(ent.owner.auth).expect(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((p: { status: string; enterpriseId: string }) => p.status === 'draft' && p.enterpriseId === ent.id)).toBe(true);
    await t.http.get(`/api/v1/enterprises/${ent.id}/products?status=bogus`).set(ent.owner.auth).expect(400);
    await t.http.get(`/api/v1/enterprises/${ent.id}/products?pageSize=1000`).set(ent.owner.auth).expect(400);
  });
});
