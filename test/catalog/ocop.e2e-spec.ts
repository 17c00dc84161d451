import { JobQueue, JobRegistry } from '@tradefloor/core';
import { OCOP_EXPIRE_QUEUE } from '@tradefloor/catalog';
import { vietnamDate } from '@tradefloor/core';
import { createUser, type TestUser } from '../harness/auth';
import { createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createPublished, fields, recordProductChanges } from './catalog-helpers';

const DAY = 24 * 3600 * 1000;

describe('catalog: OCOP certificates', () => {
  let t: TestApp;
  let ent: FixtureEnterprise;
  let editor: TestUser;
  let changes: ReturnType<typeof recordProductChanges>;
  let today: string;

  const certificate = (overrides: Record<string, unknown> = {}) => ({
    stars: 4,
    score: 78.5,
    decisionNumber: '1234/QĐ-UBND',
    issuingBody: 'UBND tỉnh Vĩnh Long',
    decisionDate: today,
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2025-09-15T03:00:00Z'));
    today = vietnamDate(t.clock.now());
    changes = recordProductChanges(t);
    ent = await createVerifiedEnterprise(t);
    editor = await createUser(t, 'editor');
  });
  afterAll(() => t.close());

  it('is recorded by moderators only, valid 36 months, and shows its stars on the public product', async () => {
    const p = await createPublished(t, ent.owner, editor, ent.id);
    await t.http.post(`/api/v1/products/${p.id}/ocop-certificates`).set(ent.owner.auth).send(certificate()).expect(403);
    await changes.drain();
    const res = await t.http
      .post(`/api/v1/products/${p.id}/ocop-certificates`)
      .set(editor.auth)
      .send(certificate({ decisionDate: '2025-02-24' }))
      .expect(201);
    expect(res.body).toMatchObject({
      stars: 4,
      potentialFiveStar: false,
      level: '4',
      status: 'valid',
      decisionDate: '2025-02-24',
      validUntil: '2028-02-24',
      productGroup: 'food',
    });
    expect(await changes.drain()).toEqual([p.id]);
    const pub = await t.http.get(`/api/v1/products/${p.slug}`).expect(200);
    expect(pub.body.ocop).toEqual({ stars: 4, potentialFiveStar: false, validUntil: '2028-02-24' });
  });

  it('refuses inconsistent scores, future decision dates and unknown products with field details', async () => {
    const p = await createPublished(t, ent.owner, editor, ent.id);
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM ocop_certificates`);
    const score = await t.http
      .post(`/api/v1/products/${p.id}/ocop-certificates`)
      .set(editor.auth)
      .send(certificate({ stars: 5, score: 85 }))
      .expect(400);
    expect(fields(score.body)).toEqual(['score']);
    const potential = await t.http
      .post(`/api/v1/products/${p.id}/ocop-certificates`)
      .set(editor.auth)
      .send(certificate({ stars: 4, score: 80, potentialFiveStar: true }))
      .expect(400);
    expect(fields(potential.body)).toEqual(['score']);
    const tomorrow = vietnamDate(new Date(t.clock.now().getTime() + DAY));
    const future = await t.http
      .post(`/api/v1/products/${p.id}/ocop-certificates`)
      .set(editor.auth)
      .send(certificate({ decisionDate: tomorrow }))
      .expect(400);
    expect(fields(future.body)).toEqual(['decisionDate']);
    await t.http
      .post(`/api/v1/products/${p.id}/ocop-certificates`)
      .set(editor.auth)
      .send(certificate({ decisionDate: '2025-02-30' }))
      .expect(400);
    await t.http
      .post(`/api/v1/products/${p.id}/ocop-certificates`)
      .set(editor.auth)
      .send(certificate({ stars: 2, score: 40 }))
      .expect(400);
    await t.http.post('/api/v1/products/5d1c1c61-4f61-4a55-9d8e-2b8f0a1e7c11/ocop-certificates').set(editor.auth).send(certificate()).expect(404);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM ocop_certificates`)).toEqual(before);
  });

  it('expires certificates after 36 months through the daily job: the public product loses its stars; re-recognition restores them with history kept', async () => {
    expect(
      t.app
        .get(JobRegistry)
        .recurringTasks()
        .map((r) => r.queue),
    ).toContain(OCOP_EXPIRE_QUEUE);
    const p = await createPublished(t, ent.owner, editor, ent.id, { name: 'Trà mãng cầu' });
    const first = await t.http
      .post(`/api/v1/products/${p.id}/ocop-certificates`)
      .set(editor.auth)
      .send(certificate({ stars: 3, score: 65 }))
      .expect(201);
    expect((await t.http.get(`/api/v1/products/${p.slug}`)).body.ocop.stars).toBe(3);

    t.clock.set(new Date(t.clock.now().getTime() + 37 * 31 * DAY));
    await changes.drain();
    await t.app.get(JobQueue).enqueueNow(OCOP_EXPIRE_QUEUE, {});
    await t.drainJobs([OCOP_EXPIRE_QUEUE]);
    expect(await changes.drain()).toContain(p.id);

    const pub = await t.http.get(`/api/v1/products/${p.slug}`).expect(200);
    expect(pub.body.ocop).toBeNull();
    const history = await t.http.get(`/api/v1/products/${p.id}/ocop-certificates`).set(ent.owner.auth).expect(200);
    expect(history.body).toEqual([expect.objectContaining({ id: first.body.id, status: 'expired' })]);

    // Idempotent: a second run changes nothing and announces nothing.
    await t.app.get(JobQueue).enqueueNow(OCOP_EXPIRE_QUEUE, {});
    await t.drainJobs([OCOP_EXPIRE_QUEUE]);
    expect(await changes.drain()).not.toContain(p.id);

    const renewed = vietnamDate(t.clock.now());
    const second = await t.http
      .post(`/api/v1/products/${p.id}/ocop-certificates`)
      .set(editor.auth)
      .send(certificate({ decisionDate: renewed }))
      .expect(201);
    expect((await t.http.get(`/api/v1/products/${p.slug}`)).body.ocop).toMatchObject({ stars: 4 });
    const both = await t.http.get(`/api/v1/products/${p.id}/ocop-certificates`).set(editor.auth).expect(200);
    expect(both.body.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [second.body.id, 'valid'],
      [first.body.id, 'expired'],
    ]);
    await t.http
      .get(`/api/v1/products/${p.id}/ocop-certificates`)
      .set((await createVerifiedEnterprise(t)).owner.auth)
      .expect(403);
  });

  it('revokes a certificate (moderators), removing the stars', async () => {
    const p = await createPublished(t, ent.owner, editor, ent.id);
    const c = await t.http
      .post(`/api/v1/products/${p.id}/ocop-certificates`)
      .set(editor.auth)
      .send(certificate({ decisionDate: vietnamDate(t.clock.now()) }))
      .expect(201);
    await t.http.post(`/api/v1/admin/ocop-certificates/${c.body.id}/revoke`).set(ent.owner.auth).send({ reason: 'Vi phạm' }).expect(403);
    const revoked = await t.http
      .post(`/api/v1/admin/ocop-certificates/${c.body.id}/revoke`)
      .set(editor.auth)
      .send({ reason: 'Không còn đạt tiêu chuẩn' })
      .expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revocationReason: 'Không còn đạt tiêu chuẩn' });
    expect((await t.http.get(`/api/v1/products/${p.slug}`)).body.ocop).toBeNull();
    await t.http.post(`/api/v1/admin/ocop-certificates/${c.body.id}/revoke`).set(editor.auth).send({ reason: 'lần nữa' }).expect(409);
    await t.http.post('/api/v1/admin/ocop-certificates/not-a-uuid/revoke').set(editor.auth).send({ reason: 'xxx' }).expect(400);
  });

  it('counts "potential 5-star" separately from 4-star in statistics', async () => {
    const shop = await createVerifiedEnterprise(t);
    const date = vietnamDate(t.clock.now());
    const before = (await t.http.get('/api/v1/ocop/statistics').expect(200)).body;
    const potential = await createPublished(t, shop.owner, editor, shop.id);
    const four = await createPublished(t, shop.owner, editor, shop.id);
    const res = await t.http
      .post(`/api/v1/products/${potential.id}/ocop-certificates`)
      .set(editor.auth)
      .send(certificate({ stars: 4, score: 92, potentialFiveStar: true, decisionDate: date }))
      .expect(201);
    expect(res.body.level).toBe('potential5');
    await t.http
      .post(`/api/v1/products/${four.id}/ocop-certificates`)
      .set(editor.auth)
      .send(certificate({ decisionDate: date }))
      .expect(201);
    const after = (await t.http.get('/api/v1/ocop/statistics').expect(200)).body;
    expect(after.potentialFiveStar - before.potentialFiveStar).toBe(1);
    expect(after.fourStar - before.fourStar).toBe(1);
    expect((await t.http.get(`/api/v1/products/${potential.slug}`)).body.ocop).toMatchObject({ stars: 4, potentialFiveStar: true });
  });
});
