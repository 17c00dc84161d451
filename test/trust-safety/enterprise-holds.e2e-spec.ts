import { JobQueue } from '@tradefloor/core';
import { IDENTITY_REMINDER_QUEUE, IDENTITY_SWEEP_QUEUE } from '@tradefloor/trust-safety';
import { loginAdmin, type TestUser } from '../harness/auth';
import { createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';

/**
 * Holds on an enterprise (issue 14): a takedown, a seller-account suspension and an identity hide
 * each keep the enterprise suspended until their own decision lifts them; the administrators'
 * plain reinstate is refused while any is in force, and the enterprise is public again only when
 * no hold remains.
 */
jest.setTimeout(180_000);

const DAY = 86_400_000;
const cccd = () => `0840${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

describe('enterprise holds: each hold is released only by its own decision', () => {
  let t: TestApp;
  let admin: TestUser;
  const hideAfter = new Date(Date.now() + 200 * DAY);

  const isPublic = async (ent: FixtureEnterprise) => (await t.http.get(`/api/v1/enterprises/${ent.slug}`)).status === 200;
  const enterpriseStatus = async (ent: FixtureEnterprise) =>
    ((await t.dataSource.query(`SELECT status FROM enterprises WHERE id = $1`, [ent.id])) as Array<{ status: string }>)[0].status;
  const sweep = async () => {
    await t.app.get(JobQueue).enqueueNow(IDENTITY_SWEEP_QUEUE, {});
    await t.drainJobs([IDENTITY_SWEEP_QUEUE, IDENTITY_REMINDER_QUEUE], 60_000);
  };
  const takedown = async (ent: FixtureEnterprise) =>
    (
      await t.http
        .post('/api/v1/admin/takedowns')
        .set(admin.auth)
        .send({
          subjectType: 'enterprise',
          subjectId: ent.id,
          source: 'authority',
          requester: 'Sở Công Thương',
          reference: 'CV-7/SCT',
          legalBasis: 'Điều 36 Luật Thương mại điện tử 2025',
          receivedAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
          reason: 'Hàng giả',
        })
        .expect(201)
    ).body.id as string;
  const reinstateTakedown = (id: string) =>
    t.http.post(`/api/v1/admin/takedowns/${id}/decision`).set(admin.auth).send({ decision: 'reinstated', note: 'Đã khắc phục' }).expect(200);
  const verifyIdentity = async (ent: FixtureEnterprise) => {
    const proof = await t.http
      .post(`/api/v1/enterprises/${ent.id}/identity/proofs`)
      .set(ent.owner.auth)
      .send({
        documentKind: 'cccd',
        documentNumber: cccd(),
        expiresOn: new Date(t.clock.now().getTime() + 400 * DAY).toISOString().slice(0, 10),
        holderName: 'Lê Văn Tám',
      })
      .expect(201);
    await t.http.post(`/api/v1/admin/identity/requests/${proof.body.id}/decision`).set(admin.auth).send({ decision: 'approve', checks: [] }).expect(200);
  };
  const adminReinstate = (ent: FixtureEnterprise) => t.http.post(`/api/v1/admin/enterprises/${ent.id}/reinstate`).set(admin.auth);

  beforeAll(async () => {
    t = await createTestApp({ env: { IDENTITY_HIDE_UNVERIFIED_AFTER: hideAfter.toISOString() } });
    admin = await loginAdmin(t);
  });
  afterAll(() => t?.close());

  it('identity hide + takedown: reinstating the takedown leaves it hidden; verifying the identity makes it public again', async () => {
    const ent = await createVerifiedEnterprise(t);
    expect(await isPublic(ent)).toBe(true);
    t.clock.set(new Date(hideAfter.getTime() + 1000));
    await sweep();
    expect(await isPublic(ent)).toBe(false);
    const takedownId = await takedown(ent);

    // The administrators' plain reinstate would undo both: refused, naming the holds.
    const refused = await adminReinstate(ent).expect(409);
    expect(refused.body.code).toBe('ENTERPRISE_HELD');
    expect(refused.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['holds.identity-hidden', 'holds.takedown']);
    expect(await enterpriseStatus(ent)).toBe('suspended');

    await reinstateTakedown(takedownId);
    expect(await enterpriseStatus(ent)).toBe('suspended');
    expect(await isPublic(ent)).toBe(false);
    expect((await adminReinstate(ent).expect(409)).body.details).toEqual([expect.objectContaining({ field: 'holds.identity-hidden' })]);

    await verifyIdentity(ent);
    expect(await enterpriseStatus(ent)).toBe('verified');
    expect(await isPublic(ent)).toBe(true);
  });

  it('takedown then identity verified: still held until the takedown is reinstated (the status before the first hold comes back)', async () => {
    t.clock.set(new Date(hideAfter.getTime() - 10 * DAY));
    const ent = await createVerifiedEnterprise(t);
    const takedownId = await takedown(ent);
    t.clock.set(new Date(hideAfter.getTime() + 2 * DAY));
    await sweep();
    // The identity hide found it already suspended by the takedown; it remembers the status before the takedown.
    const [row] = await t.dataSource.query(`SELECT hidden_status FROM seller_identities WHERE enterprise_id = $1`, [ent.id]);
    expect(row?.hidden_status ?? 'not hidden').toMatch(/verified|not hidden/);
    await verifyIdentity(ent);
    expect(await isPublic(ent)).toBe(false);
    await reinstateTakedown(takedownId);
    expect(await enterpriseStatus(ent)).toBe('verified');
    expect(await isPublic(ent)).toBe(true);
  });

  it('an account suspension (authority) holds the enterprise against a plain reinstate; the account reinstatement releases it', async () => {
    const ent = await createVerifiedEnterprise(t);
    await verifyIdentity(ent);
    const account = `/api/v1/admin/enterprises/${ent.id}/account`;
    await t.http.post(`${account}/suspension`).set(admin.auth).send({ reason: 'Yêu cầu của cơ quan', source: 'authority', reference: 'QĐ-9' }).expect(200);
    expect(await isPublic(ent)).toBe(false);
    const refused = await adminReinstate(ent).expect(409);
    expect(refused.body).toMatchObject({ code: 'ENTERPRISE_HELD', details: [expect.objectContaining({ field: 'holds.account-suspended' })] });
    expect(refused.body.message).toContain('đình chỉ tài khoản');
    await t.http.post(`${account}/reinstate`).set(admin.auth).send({ reason: 'Đã giải trình' }).expect(200);
    expect(await enterpriseStatus(ent)).toBe('verified');
    expect(await isPublic(ent)).toBe(true);
    // Nothing held: the plain admin suspend/reinstate still works as before.
    await t.http.post(`/api/v1/admin/enterprises/${ent.id}/suspend`).set(admin.auth).send({ reason: 'Kiểm tra' }).expect(200);
    await adminReinstate(ent).expect(200);
    expect(await isPublic(ent)).toBe(true);
  });
});
