import { createUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createEnterprise } from '../enterprise/helpers';

/** Authorisation and disclosure classes of issue 18 §8 (what one member may learn about others). */
describe('security: disclosure between accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('adding a member answers the same for an unknown email and for an account of another role', async () => {
    const owner = await createUser(t, 'business');
    const e = await createEnterprise(t, owner);
    const buyer = await createUser(t, 'buyer');
    const editor = await createUser(t, 'editor');
    const answers = [];
    for (const email of ['khong-ai-ca@example.vn', buyer.email, editor.email]) {
      const res = await t.http.post(`/api/v1/enterprises/${e.id}/members`).set(owner.auth).send({ email });
      answers.push({ status: res.status, code: res.body.code, details: res.body.details });
    }
    expect(answers[0].status).toBe(400);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it("staff members do not see the owner's 12-digit personal ID; the owner does", async () => {
    const owner = await createUser(t, 'business');
    const staff = await createUser(t, 'business');
    const e = await createEnterprise(t, owner, { kind: 'household', taxCode: undefined, personalId: '084190001234', displayName: 'Hộ kinh doanh Bảy Tâm' });
    await t.http.post(`/api/v1/enterprises/${e.id}/members`).set(owner.auth).send({ email: staff.email }).expect(201);
    const asStaff = await t.http.get(`/api/v1/enterprises/by-id/${e.id}`).set(staff.auth).expect(200);
    expect(asStaff.body.personalId).not.toContain('084190001');
    const mine = await t.http.get('/api/v1/me/enterprises').set(staff.auth).expect(200);
    expect(JSON.stringify(mine.body)).not.toContain('084190001234');
    const asOwner = await t.http.get(`/api/v1/enterprises/by-id/${e.id}`).set(owner.auth).expect(200);
    expect(asOwner.body.personalId).toBe('084190001234');
  });
});
