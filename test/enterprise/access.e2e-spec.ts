import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createEnterprise, createVerified, randomTaxCode } from './helpers';

describe('enterprises: authorisation, members, my enterprises', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createUser(t, 'business');
    other = await createUser(t, 'business');
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('another business user can neither read nor write someone else’s enterprise', async () => {
    const e = await createEnterprise(t, owner, { displayName: 'HTX Dân Tiến' });
    const before = await t.dataSource.query(`SELECT display_name, tax_code, status, updated_at FROM enterprises WHERE id = $1`, [e.id]);

    const patch = await t.http.patch(`/api/v1/enterprises/${e.id}`).set(other.auth).send({ displayName: 'Chiếm quyền' }).expect(403);
    expect(patch.body.code).toBe('FORBIDDEN');
    await t.http.patch(`/api/v1/enterprises/${e.id}`).set(other.auth).send({ taxCode: randomTaxCode() }).expect(403);
    await t.http.post(`/api/v1/enterprises/${e.id}/submit`).set(other.auth).expect(403);
    await t.http.get(`/api/v1/enterprises/by-id/${e.id}`).set(other.auth).expect(403);
    await t.http.get(`/api/v1/enterprises/${e.id}/members`).set(other.auth).expect(403);
    await t.http.post(`/api/v1/enterprises/${e.id}/members`).set(other.auth).send({ email: other.email }).expect(403);
    await t.http.delete(`/api/v1/enterprises/${e.id}/members/${owner.id}`).set(other.auth).expect(403);

    const after = await t.dataSource.query(`SELECT display_name, tax_code, status, updated_at FROM enterprises WHERE id = $1`, [e.id]);
    expect(after).toEqual(before);
    const members = await t.dataSource.query(`SELECT user_id FROM enterprise_members WHERE enterprise_id = $1`, [e.id]);
    expect(members).toEqual([{ user_id: owner.id }]);
  });

  it('buyers, editors and anonymous callers cannot write enterprises; only admins verify', async () => {
    const e = await createEnterprise(t, owner);
    const buyer = await createUser(t, 'buyer');
    const editor = await createUser(t, 'editor');
    await t.http.patch(`/api/v1/enterprises/${e.id}`).send({ displayName: 'X y' }).expect(401);
    await t.http.patch(`/api/v1/enterprises/${e.id}`).set(buyer.auth).send({ displayName: 'X y' }).expect(403);
    await t.http.patch(`/api/v1/enterprises/${e.id}`).set(editor.auth).send({ displayName: 'X y' }).expect(403);
    await t.http.post(`/api/v1/enterprises/${e.id}/submit`).set(owner.auth).expect(200);
    for (const u of [owner, other, buyer, editor]) {
      await t.http.post(`/api/v1/admin/enterprises/${e.id}/verify`).set(u.auth).expect(403);
      await t.http.get(`/api/v1/admin/enterprises`).set(u.auth).expect(403);
    }
    await t.http.post(`/api/v1/admin/enterprises/${e.id}/verify`).expect(401);
    const state = await t.http.get(`/api/v1/enterprises/by-id/${e.id}`).set(owner.auth).expect(200);
    expect(state.body.status).toBe('pending_verification');
  });

  it('admins may read and edit any enterprise', async () => {
    const e = await createEnterprise(t, owner);
    await t.http.get(`/api/v1/enterprises/by-id/${e.id}`).set(admin.auth).expect(200);
    const res = await t.http.patch(`/api/v1/enterprises/${e.id}`).set(admin.auth).send({ representative: 'Trần Thị Bình' }).expect(200);
    expect(res.body.representative).toBe('Trần Thị Bình');
    expect(res.body.myRole).toBeUndefined();
  });

  it('non-public enterprises are invisible to the public, whatever their status', async () => {
    const draft = await createEnterprise(t, owner, { displayName: 'Cơ sở Nháp Ẩn' });
    const pending = await createEnterprise(t, owner, { displayName: 'Cơ sở Chờ Ẩn' });
    await t.http.post(`/api/v1/enterprises/${pending.id}/submit`).set(owner.auth).expect(200);
    for (const slug of [draft.slug, pending.slug]) {
      await t.http.get(`/api/v1/enterprises/${slug}`).expect(404);
      await t.http.get(`/api/v1/enterprises/${slug}`).set(owner.auth).expect(404);
    }
    const list = await t.http.get('/api/v1/enterprises?q=an').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toEqual(expect.arrayContaining([draft.id]));
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(pending.id);
  });

  describe('members', () => {
    it('the owner adds staff by email; staff may edit, list members, but not manage members', async () => {
      const e = await createEnterprise(t, owner);
      const staff = await createUser(t, 'business');
      const added = await t.http.post(`/api/v1/enterprises/${e.id}/members`).set(owner.auth).send({ email: staff.email.toUpperCase() }).expect(201);
      expect(added.body).toMatchObject({ userId: staff.id, email: staff.email, role: 'staff' });

      await t.http.patch(`/api/v1/enterprises/${e.id}`).set(staff.auth).send({ email: 'ban-hang@example.vn' }).expect(200);
      const list = await t.http.get(`/api/v1/enterprises/${e.id}/members`).set(staff.auth).expect(200);
      expect(list.body.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
        [owner.id, 'owner'],
        [staff.id, 'staff'],
      ]);
      const third = await createUser(t, 'business');
      await t.http.post(`/api/v1/enterprises/${e.id}/members`).set(staff.auth).send({ email: third.email }).expect(403);
      await t.http.delete(`/api/v1/enterprises/${e.id}/members/${owner.id}`).set(staff.auth).expect(403);

      const mine = await t.http.get('/api/v1/me/enterprises').set(staff.auth).expect(200);
      expect(mine.body.map((m: { id: string; myRole: string }) => [m.id, m.myRole])).toEqual([[e.id, 'staff']]);
    });

    it('refuses unknown users, non-business accounts and duplicates', async () => {
      const e = await createEnterprise(t, owner);
      // An unknown email and a buyer's email get the same answer (no account or role is revealed).
      const missing = await t.http.post(`/api/v1/enterprises/${e.id}/members`).set(owner.auth).send({ email: 'khong-co@example.vn' }).expect(400);
      const buyer = await createUser(t, 'buyer');
      const notBusiness = await t.http.post(`/api/v1/enterprises/${e.id}/members`).set(owner.auth).send({ email: buyer.email }).expect(400);
      expect(notBusiness.body.details[0].field).toBe('email');
      expect({ ...notBusiness.body, requestId: '' }).toEqual({ ...missing.body, requestId: '' });
      await t.http.post(`/api/v1/enterprises/${e.id}/members`).set(owner.auth).send({ email: 'not-an-email' }).expect(400);
      const dup = await t.http.post(`/api/v1/enterprises/${e.id}/members`).set(owner.auth).send({ email: owner.email }).expect(409);
      expect(dup.body.code).toBe('ALREADY_MEMBER');
    });

    it('removes staff (who then lose access) but never the owner', async () => {
      const e = await createEnterprise(t, owner);
      const staff = await createUser(t, 'business');
      await t.http.post(`/api/v1/enterprises/${e.id}/members`).set(owner.auth).send({ email: staff.email }).expect(201);
      const keep = await t.http.delete(`/api/v1/enterprises/${e.id}/members/${owner.id}`).set(owner.auth).expect(409);
      expect(keep.body.code).toBe('CANNOT_REMOVE_OWNER');
      await t.http.delete(`/api/v1/enterprises/${e.id}/members/${owner.id}`).set(admin.auth).expect(409);
      await t.http.delete(`/api/v1/enterprises/${e.id}/members/${staff.id}`).set(owner.auth).expect(204);
      await t.http.delete(`/api/v1/enterprises/${e.id}/members/${staff.id}`).set(owner.auth).expect(404);
      await t.http.delete(`/api/v1/enterprises/${e.id}/members/not-a-uuid`).set(owner.auth).expect(400);
      await t.http.patch(`/api/v1/enterprises/${e.id}`).set(staff.auth).send({ email: 'x@example.vn' }).expect(403);
    });

    it('admins manage members of any enterprise', async () => {
      const e = await createEnterprise(t, owner);
      const staff = await createUser(t, 'business');
      await t.http.post(`/api/v1/enterprises/${e.id}/members`).set(admin.auth).send({ email: staff.email }).expect(201);
      await t.http.get(`/api/v1/enterprises/${e.id}/members`).set(admin.auth).expect(200);
      await t.http.delete(`/api/v1/enterprises/${e.id}/members/${staff.id}`).set(admin.auth).expect(204);
    });
  });

  it('GET /api/v1/me/enterprises lists only the caller’s enterprises, any status, with rejection reasons', async () => {
    const solo = await createUser(t, 'business');
    const a = await createEnterprise(t, solo, { displayName: 'Cơ sở A' });
    const b = await createVerified(t, solo, { displayName: 'Cơ sở B' });
    const c = await createEnterprise(t, solo, { displayName: 'Cơ sở C' });
    await t.http.post(`/api/v1/enterprises/${c.id}/submit`).set(solo.auth).expect(200);
    await t.http.post(`/api/v1/admin/enterprises/${c.id}/reject`).set(admin.auth).send({ reason: 'Thiếu giấy phép (missing licence)' }).expect(200);
    await createEnterprise(t, other);

    const res = await t.http.get('/api/v1/me/enterprises').set(solo.auth).expect(200);
    const byId = Object.fromEntries(res.body.map((e: { id: string }) => [e.id, e]));
    expect(Object.keys(byId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(byId[a.id]).toMatchObject({ status: 'draft', myRole: 'owner' });
    expect(byId[b.id]).toMatchObject({ status: 'verified' });
    expect(byId[c.id]).toMatchObject({ status: 'rejected', rejectionReason: 'Thiếu giấy phép (missing licence)' });
    await t.http.get('/api/v1/me/enterprises').expect(401);
    const buyer = await createUser(t, 'buyer');
    expect((await t.http.get('/api/v1/me/enterprises').set(buyer.auth).expect(200)).body).toEqual([]);
  });
});
