import { DomainEvents } from '@tradefloor/core';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { PHUONG_TRA_VINH, XA_HUNG_HOA } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { TEST_QUEUE, changeEvents, createEnterprise, createVerified, enterpriseBody, randomTaxCode } from './helpers';

describe('enterprises: create, validate, edit, slug, lifecycle', () => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM enterprises`))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(DomainEvents).subscribe('enterprise.changed', TEST_QUEUE);
    owner = await createUser(t, 'business');
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  describe('POST /api/v1/enterprises', () => {
    it('creates a draft owned by the caller, with a slug, sanitised description and a change event', async () => {
      const taxCode = randomTaxCode();
      const res = await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(
          enterpriseBody({
            displayName: 'HTX Dừa sáp Cầu Kè',
            taxCode,
            phone: '+84 912 345 678',
            description: '<p onclick="x()">Dừa sáp <em>đặc sản</em></p><script>alert(1)</script>',
          }),
        )
        .expect(201);
      expect(res.body).toMatchObject({
        slug: 'htx-dua-sap-cau-ke',
        status: 'draft',
        kind: 'cooperative',
        taxCode,
        phone: '0912345678',
        ownerId: owner.id,
        myRole: 'owner',
        description: '<p>Dừa sáp <em>đặc sản</em></p>',
        address: { provinceCode: '86', communeCode: PHUONG_TRA_VINH, communeName: 'Phường Trà Vinh', street: 'Ấp Cây Gòn' },
      });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      const members = await t.dataSource.query(`SELECT user_id, role FROM enterprise_members WHERE enterprise_id = $1`, [res.body.id]);
      expect(members).toEqual([{ user_id: owner.id, role: 'owner' }]);
      expect(await changeEvents(t, res.body.id)).toBe(1);
    });

    it('gives the same display name a -2, -3 suffix', async () => {
      const a = await createEnterprise(t, owner, { displayName: 'Cơ sở Bánh tét Trà Cuôn' });
      const b = await createEnterprise(t, owner, { displayName: 'Co so banh tet Tra Cuon' });
      const c = await createEnterprise(t, owner, { displayName: 'CƠ SỞ BÁNH TÉT TRÀ CUÔN!' });
      expect([a.slug, b.slug, c.slug]).toEqual(['co-so-banh-tet-tra-cuon', 'co-so-banh-tet-tra-cuon-2', 'co-so-banh-tet-tra-cuon-3']);
    });

    it('refuses invalid tax code, phone, unknown commune and markup with field details, writing nothing', async () => {
      const before = await count();
      const res = await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(
          enterpriseBody({
            taxCode: '0100233480',
            phone: '0123456',
            displayName: '<script>alert(1)</script>',
            website: 'javascript:alert(1)',
            address: { provinceCode: '86', communeCode: '99999' },
            status: 'verified',
          }),
        )
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['taxCode', 'phone', 'displayName', 'website', 'status']));
      expect(res.body.details.find((d: { field: string }) => d.field === 'taxCode').message).toMatch(/Mã số thuế.*invalid tax code/);
      expect(await count()).toBe(before);
    });

    it('refuses a commune that does not exist or is not in the province', async () => {
      const before = await count();
      const unknown = await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ address: { provinceCode: '86', communeCode: '99999' } }))
        .expect(400);
      expect(unknown.body.details).toEqual([{ field: 'address.communeCode', message: expect.stringContaining('unknown commune') }]);
      const elsewhere = await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ address: { provinceCode: '01', communeCode: XA_HUNG_HOA } }))
        .expect(400);
      expect(elsewhere.body.details[0].field).toBe('address.communeCode');
      const badProvince = await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ address: { provinceCode: '00', communeCode: XA_HUNG_HOA } }))
        .expect(400);
      expect(badProvince.body.details[0].field).toBe('address.provinceCode');
      await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ address: 'Trà Vinh' }))
        .expect(400);
      await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ address: undefined }))
        .expect(400);
      expect(await count()).toBe(before);
    });

    it('requires a legal form for companies only, and taxCode or personalId for households', async () => {
      const noForm = await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ kind: 'company' }))
        .expect(400);
      expect(noForm.body.details.map((d: { field: string }) => d.field)).toEqual(['legalForm']);
      const company = await createEnterprise(t, owner, { kind: 'company', legalForm: 'jsc', displayName: 'Công ty CP Thủy sản' });
      expect(company.legalForm).toBe('jsc');
      const coopWithForm = await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ legalForm: 'llc' }))
        .expect(400);
      expect(coopWithForm.body.details.map((d: { field: string }) => d.field)).toEqual(['legalForm']);
      await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ legalForm: 'corporation', kind: 'company' }))
        .expect(400);

      const household = await createEnterprise(t, owner, {
        kind: 'household',
        taxCode: undefined,
        personalId: '084190001234',
        displayName: 'Hộ kinh doanh Bảy Tâm',
      });
      expect(household).toMatchObject({ kind: 'household', taxCode: null, personalId: '084190001234' });
      const neither = await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ kind: 'household', taxCode: undefined }))
        .expect(400);
      expect(neither.body.details[0].field).toBe('taxCode');
      const coopWithPersonalId = await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ personalId: '084190001234' }))
        .expect(400);
      expect(coopWithPersonalId.body.details.map((d: { field: string }) => d.field)).toEqual(['personalId']);
      await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ kind: 'household', taxCode: undefined, personalId: '12345' }))
        .expect(400);
    });

    it('accepts a branch tax code (-NNN) and refuses a tax code already registered with 409', async () => {
      const taxCode = randomTaxCode();
      await createEnterprise(t, owner, { taxCode });
      const branch = await createEnterprise(t, owner, { taxCode: `${taxCode}001` });
      expect(branch.taxCode).toBe(`${taxCode}-001`);
      const before = await count();
      const dup = await t.http.post('/api/v1/enterprises').set(owner.auth).send(enterpriseBody({ taxCode })).expect(409);
      expect(dup.body).toMatchObject({ code: 'TAX_CODE_TAKEN', details: [{ field: 'taxCode' }] });
      expect(await count()).toBe(before);
    });

    it('refuses a founding year in the future and out-of-range values', async () => {
      const next = t.clock.now().getFullYear() + 1;
      const res = await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ foundingYear: next }))
        .expect(400);
      expect(res.body.details[0].field).toBe('foundingYear');
      await t.http
        .post('/api/v1/enterprises')
        .set(owner.auth)
        .send(enterpriseBody({ foundingYear: '2010' }))
        .expect(400);
      const ok = await createEnterprise(t, owner, { foundingYear: 2010, website: 'https://hunghoa.example.vn', representative: 'Nguyễn Văn An' });
      expect(ok).toMatchObject({ foundingYear: 2010, website: 'https://hunghoa.example.vn', representative: 'Nguyễn Văn An' });
    });

    it('is for business accounts only', async () => {
      const buyer = await createUser(t, 'buyer');
      await t.http.post('/api/v1/enterprises').set(buyer.auth).send(enterpriseBody()).expect(403);
      await t.http.post('/api/v1/enterprises').send(enterpriseBody()).expect(401);
    });
  });

  describe('PATCH /api/v1/enterprises/:id', () => {
    it('edits display fields, re-derives the slug before verification, and publishes a change', async () => {
      const e = await createEnterprise(t, owner, { displayName: 'Lò bánh pía Sóc Trăng' });
      await t.dataSource.query(`DELETE FROM jobs WHERE queue = $1`, [TEST_QUEUE]);
      const res = await t.http
        .patch(`/api/v1/enterprises/${e.id}`)
        .set(owner.auth)
        .send({
          displayName: 'Lò bánh tét Trà Cuôn',
          website: null,
          description: '<p>Mới</p><img src=x onerror=alert(1)>',
          address: { provinceCode: '86', communeCode: XA_HUNG_HOA },
        })
        .expect(200);
      expect(res.body).toMatchObject({
        displayName: 'Lò bánh tét Trà Cuôn',
        slug: 'lo-banh-tet-tra-cuon',
        website: null,
        description: '<p>Mới</p>',
        status: 'draft',
      });
      expect(res.body.address).toMatchObject({ communeCode: XA_HUNG_HOA, communeName: 'Xã Hùng Hòa', street: null });
      expect(await changeEvents(t, e.id)).toBe(1);
    });

    it('refuses bad values and null for required fields, writing nothing', async () => {
      const e = await createEnterprise(t, owner);
      await t.dataSource.query(`DELETE FROM jobs WHERE queue = $1`, [TEST_QUEUE]);
      for (const body of [
        { taxCode: '0100233480' },
        { phone: '12345' },
        { displayName: null },
        { legalName: '<b>x</b>' },
        { address: { provinceCode: '86', communeCode: '00000' } },
        { kind: 'company' },
        { slug: 'tu-dat' },
        { status: 'verified' },
        { ownerId: owner.id },
      ]) {
        const res = await t.http.patch(`/api/v1/enterprises/${e.id}`).set(owner.auth).send(body);
        expect([JSON.stringify(body), res.status, res.body.code]).toEqual([JSON.stringify(body), 400, 'VALIDATION_FAILED']);
      }
      const row = await t.http.get(`/api/v1/enterprises/by-id/${e.id}`).set(owner.auth).expect(200);
      expect(row.body).toMatchObject({ displayName: e.displayName, taxCode: e.taxCode, phone: '0912345678', kind: 'cooperative', slug: e.slug });
      expect(await changeEvents(t, e.id)).toBe(0);
    });

    it('switching kind away from company drops the legal form', async () => {
      const e = await createEnterprise(t, owner, { kind: 'company', legalForm: 'llc' });
      const res = await t.http.patch(`/api/v1/enterprises/${e.id}`).set(owner.auth).send({ kind: 'private_enterprise' }).expect(200);
      expect(res.body).toMatchObject({ kind: 'private_enterprise', legalForm: null });
    });

    it('refuses taking another enterprise’s tax code with 409', async () => {
      const a = await createEnterprise(t, owner);
      const b = await createEnterprise(t, owner);
      const res = await t.http.patch(`/api/v1/enterprises/${b.id}`).set(owner.auth).send({ taxCode: a.taxCode }).expect(409);
      expect(res.body.code).toBe('TAX_CODE_TAKEN');
      await t.http.patch(`/api/v1/enterprises/${b.id}`).set(owner.auth).send({ taxCode: b.taxCode }).expect(200);
    });

    it('answers 400/404 (never 500) for malformed or unknown ids', async () => {
      await t.http.patch(`/api/v1/enterprises/not-a-uuid`).set(owner.auth).send({ phone: '0912345678' }).expect(400);
      await t.http.patch(`/api/v1/enterprises/00000000-0000-4000-8000-000000000000`).set(owner.auth).send({ phone: '0912345678' }).expect(404);
      await t.http.post(`/api/v1/enterprises/00000000-0000-4000-8000-000000000000/submit`).set(owner.auth).expect(404);
      await t.http.post(`/api/v1/enterprises/x'--/submit`).set(owner.auth).expect(400);
      await t.http.get(`/api/v1/enterprises/by-id/123`).set(owner.auth).expect(400);
    });
  });

  describe('lifecycle', () => {
    it('draft → pending → rejected (reason shown to the owner) → edited → pending → verified', async () => {
      const e = await createEnterprise(t, owner);
      await t.dataSource.query(`DELETE FROM jobs WHERE queue = $1`, [TEST_QUEUE]);
      const submitted = await t.http.post(`/api/v1/enterprises/${e.id}/submit`).set(owner.auth).expect(200);
      expect(submitted.body).toMatchObject({ status: 'pending_verification' });
      expect(submitted.body.submittedAt).toBeTruthy();
      expect(await changeEvents(t, e.id)).toBe(1);

      const again = await t.http.post(`/api/v1/enterprises/${e.id}/submit`).set(owner.auth).expect(409);
      expect(again.body.code).toBe('INVALID_STATE');

      const reason = 'Mã số thuế không khớp giấy phép (tax code mismatch)';
      await t.http.post(`/api/v1/admin/enterprises/${e.id}/reject`).set(admin.auth).send({}).expect(400);
      await t.http.post(`/api/v1/admin/enterprises/${e.id}/reject`).set(admin.auth).send({ reason }).expect(200);
      const seen = await t.http.get(`/api/v1/enterprises/by-id/${e.id}`).set(owner.auth).expect(200);
      expect(seen.body).toMatchObject({ status: 'rejected', rejectionReason: reason });

      await t.http.patch(`/api/v1/enterprises/${e.id}`).set(owner.auth).send({ taxCode: randomTaxCode() }).expect(200);
      const resubmitted = await t.http.post(`/api/v1/enterprises/${e.id}/submit`).set(owner.auth).expect(200);
      expect(resubmitted.body).toMatchObject({ status: 'pending_verification', rejectionReason: null });

      const verified = await t.http.post(`/api/v1/admin/enterprises/${e.id}/verify`).set(admin.auth).expect(200);
      expect(verified.body.status).toBe('verified');
      expect(verified.body.verifiedAt).toBeTruthy();
    });

    it('a verified enterprise keeps its slug and status on display edits, but legal identity changes send it back to verification', async () => {
      const e = await createVerified(t, owner, { displayName: 'HTX Gạo hữu cơ Phú Cần' });
      const renamed = await t.http
        .patch(`/api/v1/enterprises/${e.id}`)
        .set(owner.auth)
        .send({ displayName: 'HTX Gạo sạch Phú Cần', phone: '0987654321' })
        .expect(200);
      expect(renamed.body).toMatchObject({ slug: 'htx-gao-huu-co-phu-can', status: 'verified', displayName: 'HTX Gạo sạch Phú Cần' });
      await t.http.get('/api/v1/enterprises/htx-gao-huu-co-phu-can').expect(200);

      await t.dataSource.query(`DELETE FROM jobs WHERE queue = $1`, [TEST_QUEUE]);
      const relegal = await t.http.patch(`/api/v1/enterprises/${e.id}`).set(owner.auth).send({ legalName: 'Hợp tác xã Gạo sạch Phú Cần' }).expect(200);
      expect(relegal.body).toMatchObject({ status: 'pending_verification', slug: 'htx-gao-huu-co-phu-can' });
      expect(await changeEvents(t, e.id)).toBe(1);
      await t.http.get('/api/v1/enterprises/htx-gao-huu-co-phu-can').expect(404);
      await t.http.post(`/api/v1/admin/enterprises/${e.id}/verify`).set(admin.auth).expect(200);
      await t.http.get('/api/v1/enterprises/htx-gao-huu-co-phu-can').expect(200);
    });

    it('verified → suspended (hidden, reason kept, no identity edits) → reinstated', async () => {
      const e = await createVerified(t, owner);
      await t.dataSource.query(`DELETE FROM jobs WHERE queue = $1`, [TEST_QUEUE]);
      const reason = 'Vi phạm quy chế sàn (rule violation)';
      const suspended = await t.http.post(`/api/v1/admin/enterprises/${e.id}/suspend`).set(admin.auth).send({ reason }).expect(200);
      expect(suspended.body).toMatchObject({ status: 'suspended', suspensionReason: reason });
      expect(await changeEvents(t, e.id)).toBe(1);
      await t.http.get(`/api/v1/enterprises/${e.slug}`).expect(404);

      const escape = await t.http.patch(`/api/v1/enterprises/${e.id}`).set(owner.auth).send({ taxCode: randomTaxCode() }).expect(409);
      expect(escape.body.code).toBe('INVALID_STATE');
      await t.http.patch(`/api/v1/enterprises/${e.id}`).set(owner.auth).send({ email: 'moi@example.vn' }).expect(200);
      const submit = await t.http.post(`/api/v1/enterprises/${e.id}/submit`).set(owner.auth).expect(409);
      expect(submit.body.code).toBe('INVALID_STATE');

      const back = await t.http.post(`/api/v1/admin/enterprises/${e.id}/reinstate`).set(admin.auth).expect(200);
      expect(back.body).toMatchObject({ status: 'verified', suspensionReason: null, email: 'moi@example.vn' });
      await t.http.get(`/api/v1/enterprises/${e.slug}`).expect(200);
    });

    it('refuses every transition not in the lifecycle with 409 INVALID_STATE', async () => {
      const e = await createEnterprise(t, owner);
      const reason = { reason: 'Không đủ hồ sơ (incomplete)' };
      for (const [path, body] of [
        ['verify', {}],
        ['reject', reason],
        ['suspend', reason],
        ['reinstate', {}],
      ] as const) {
        const res = await t.http.post(`/api/v1/admin/enterprises/${e.id}/${path}`).set(admin.auth).send(body);
        expect([path, res.status, res.body.code]).toEqual([path, 409, 'INVALID_STATE']);
      }
      const v = await createVerified(t, owner);
      await t.http.post(`/api/v1/admin/enterprises/${v.id}/verify`).set(admin.auth).expect(409);
      await t.http.post(`/api/v1/admin/enterprises/${v.id}/reinstate`).set(admin.auth).expect(409);
      await t.http.post(`/api/v1/enterprises/${v.id}/submit`).set(owner.auth).expect(409);
      await t.http.post(`/api/v1/admin/enterprises/00000000-0000-4000-8000-000000000000/verify`).set(admin.auth).expect(404);
      await t.http.post(`/api/v1/admin/enterprises/nope/verify`).set(admin.auth).expect(400);
    });
  });
});
