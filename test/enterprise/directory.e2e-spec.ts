import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { XA_CAU_KE, XA_HUNG_HOA, createProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createEnterprise, createVerified } from './helpers';

describe('enterprises: public directory, public profile, verification queue', () => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  const ids: Record<string, string> = {};
  const slugs: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createUser(t, 'business');
    admin = await loginAdmin(t);
    const dua = await createVerified(t, owner, {
      displayName: 'HTX Dừa sáp Cầu Kè',
      kind: 'cooperative',
      address: { provinceCode: '86', communeCode: XA_CAU_KE },
    });
    const dua2 = await createVerified(t, owner, {
      displayName: 'Cơ sở Dưa lưới Hùng Hòa',
      kind: 'household',
      address: { provinceCode: '86', communeCode: XA_HUNG_HOA },
    });
    const dua3 = await createVerified(t, owner, {
      displayName: 'Công ty Dứa 50%_off',
      kind: 'company',
      legalForm: 'llc',
      address: { provinceCode: '86', communeCode: XA_HUNG_HOA },
    });
    const hidden = await createVerified(t, owner, { displayName: 'HTX Dừa bị tạm ngưng', address: { provinceCode: '86', communeCode: XA_CAU_KE } });
    await t.http.post(`/api/v1/admin/enterprises/${hidden.id}/suspend`).set(admin.auth).send({ reason: 'Vi phạm (violation)' }).expect(200);
    const draft = await createEnterprise(t, owner, { displayName: 'HTX Dừa nháp' });
    Object.assign(ids, { dua: dua.id, dua2: dua2.id, dua3: dua3.id, hidden: hidden.id, draft: draft.id });
    Object.assign(slugs, { dua: dua.slug, hidden: hidden.slug });
  });
  afterAll(() => t.close());

  const names = (body: { items: Array<{ displayName: string }> }) => body.items.map((i) => i.displayName);

  it('lists verified enterprises only, paginated', async () => {
    const res = await t.http.get('/api/v1/enterprises').expect(200);
    expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.dua, ids.dua2, ids.dua3].sort());
    expect(res.body.items[0]).not.toHaveProperty('status');
    expect(res.body.items[0]).not.toHaveProperty('personalId');
    const p2 = await t.http.get('/api/v1/enterprises?page=2&pageSize=2').expect(200);
    expect(p2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(p2.body.items).toHaveLength(1);
  });

  it('searches without diacritics, ranks exact diacritics first, and treats wildcards literally', async () => {
    const folded = await t.http.get('/api/v1/enterprises?q=dua').expect(200);
    expect(folded.body.total).toBe(3);
    const exact = await t.http.get(`/api/v1/enterprises?q=${encodeURIComponent('Dưa')}`).expect(200);
    expect(names(exact.body)[0]).toBe('Cơ sở Dưa lưới Hùng Hòa');
    expect(exact.body.total).toBe(3);
    // Alphabetically last, but the only exact "Dừa": ranked first.
    const coconut = await t.http.get(`/api/v1/enterprises?q=${encodeURIComponent('dừa')}`).expect(200);
    expect(names(coconut.body)[0]).toBe('HTX Dừa sáp Cầu Kè');
    const twoWords = await t.http.get('/api/v1/enterprises?q=sap%20cau').expect(200);
    expect(names(twoWords.body)).toEqual(['HTX Dừa sáp Cầu Kè']);
    const pct = await t.http.get(`/api/v1/enterprises?q=${encodeURIComponent('%')}`).expect(200);
    expect(names(pct.body)).toEqual(['Công ty Dứa 50%_off']);
    // "_" is a literal: "0_" is not in any name (unescaped it would match "0%").
    const underscore = await t.http.get(`/api/v1/enterprises?q=${encodeURIComponent('0_')}`).expect(200);
    expect(underscore.body.total).toBe(0);
    const quote = await t.http.get(`/api/v1/enterprises?q=${encodeURIComponent("'; DROP TABLE enterprises; --")}`).expect(200);
    expect(quote.body.total).toBe(0);
  });

  it('filters by kind and commune, and refuses malformed filters with 400', async () => {
    const hh = await t.http.get('/api/v1/enterprises?kind=household').expect(200);
    expect(hh.body.items.map((i: { id: string }) => i.id)).toEqual([ids.dua2]);
    const commune = await t.http.get(`/api/v1/enterprises?commune=${XA_HUNG_HOA}`).expect(200);
    expect(commune.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.dua2, ids.dua3].sort());
    const both = await t.http.get(`/api/v1/enterprises?commune=${XA_HUNG_HOA}&kind=company&q=dua`).expect(200);
    expect(both.body.items.map((i: { id: string }) => i.id)).toEqual([ids.dua3]);
    await t.http.get('/api/v1/enterprises?kind=bank').expect(400);
    await t.http.get('/api/v1/enterprises?commune=abc').expect(400);
    await t.http.get('/api/v1/enterprises?page=0').expect(400);
    await t.http.get('/api/v1/enterprises?page=x').expect(400);
    await t.http.get('/api/v1/enterprises?pageSize=1000').expect(400);
  });

  it('shows the public profile by slug with its published products (from the catalog)', async () => {
    const product = await createProduct(t, ids.dua, { name: 'Dừa sáp', priceVnd: 120_000, ocopStars: 4 });
    await createProduct(t, ids.dua, { name: 'Dừa nháp', status: 'draft' });
    const res = await t.http.get(`/api/v1/enterprises/${slugs.dua}`).expect(200);
    expect(res.body).toMatchObject({ id: ids.dua, displayName: 'HTX Dừa sáp Cầu Kè', address: { communeCode: XA_CAU_KE, communeName: 'Xã Cầu Kè' } });
    expect(res.body).not.toHaveProperty('status');
    expect(res.body).not.toHaveProperty('personalId');
    expect(res.body).not.toHaveProperty('rejectionReason');
    expect(res.body.products).toEqual([
      { id: product.id, slug: product.slug, name: 'Dừa sáp', priceVnd: 120000, unit: 'kg', thumbnailUrl: null, ocopStars: 4 },
    ]);
  });

  it('404s for suspended, draft and unknown slugs (never 500)', async () => {
    await t.http.get(`/api/v1/enterprises/${slugs.hidden}`).expect(404);
    await t.http.get('/api/v1/enterprises/khong-ton-tai').expect(404);
    await t.http.get(`/api/v1/enterprises/${encodeURIComponent("a'b%00<script>")}`).expect(404);
    await t.http.get(`/api/v1/enterprises/${'x'.repeat(100)}`).expect(404);
    const long = await t.http.get(`/api/v1/enterprises/${'x'.repeat(500)}`);
    expect(long.status).toBe(414);
  });

  it('the admin queue lists pending enterprises oldest submission first, with filters', async () => {
    const a = await createEnterprise(t, owner, { displayName: 'Hàng đợi Một' });
    const b = await createEnterprise(t, owner, { displayName: 'Hàng đợi Hai' });
    await t.http.post(`/api/v1/enterprises/${b.id}/submit`).set(owner.auth).expect(200);
    t.clock.advance(60_000);
    await t.http.post(`/api/v1/enterprises/${a.id}/submit`).set(owner.auth).expect(200);
    const res = await t.http.get('/api/v1/admin/enterprises?status=pending_verification').set(admin.auth).expect(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([b.id, a.id]);
    expect(res.body.items[0]).toMatchObject({ status: 'pending_verification', taxCode: expect.any(String) });
    expect(res.body.total).toBe(2);
    const suspended = await t.http.get('/api/v1/admin/enterprises?status=suspended').set(admin.auth).expect(200);
    expect(suspended.body.items.map((i: { id: string }) => i.id)).toEqual([ids.hidden]);
    const q = await t.http.get('/api/v1/admin/enterprises?q=hang%20doi%20hai').set(admin.auth).expect(200);
    expect(q.body.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    await t.http.get('/api/v1/admin/enterprises?status=archived').set(admin.auth).expect(400);
  });
});
