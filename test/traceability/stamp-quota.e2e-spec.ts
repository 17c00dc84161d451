import { createTestApp, type TestApp } from '../harness/test-app';
import { createBatch, issue, ownerWithProduct, serialsOf, type Owner } from './trace-fixtures';

/** Issue 18 §6: stamp issuing is capped per request and per enterprise per Vietnam day. */
describe('traceability: stamp issuing quotas', () => {
  let t: TestApp;
  let a: Owner;

  beforeAll(async () => {
    t = await createTestApp({ env: { STAMP_DAILY_QUOTA: '100', STAMP_MAX_PER_REQUEST: '60' } });
    // 10:00 in Vietnam.
    t.clock.set(new Date('2025-07-10T03:00:00Z'));
    a = await ownerWithProduct(t, { gtin: null });
  });
  afterAll(() => t.close());

  it('refuses more than STAMP_MAX_PER_REQUEST in one request, writing nothing', async () => {
    const batch = await createBatch(t, a);
    const res = await t.http.post(`/api/v1/batches/${batch.id}/stamps`).set(a.owner.auth).send({ count: 61 }).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'count' })]);
    expect(await serialsOf(t, batch.id)).toEqual([]);
  });

  it('counts every batch of the enterprise against the daily quota; 429 with Retry-After until Vietnam midnight', async () => {
    const one = await createBatch(t, a);
    const two = await createBatch(t, a);
    await issue(t, a, one.id, 60);
    await issue(t, a, two.id, 40);
    const over = await t.http.post(`/api/v1/batches/${one.id}/stamps`).set(a.owner.auth).send({ count: 1 }).expect(429);
    expect(over.body.code).toBe('STAMP_QUOTA_EXCEEDED');
    // 14 hours until midnight in Vietnam (UTC+7).
    expect(Number(over.headers['retry-after'])).toBe(14 * 3600);
    expect(await serialsOf(t, one.id)).toHaveLength(60);

    // Another enterprise has its own quota.
    const b = await ownerWithProduct(t, { gtin: null });
    await issue(t, b, (await createBatch(t, b)).id, 60);

    t.clock.set(new Date('2025-07-10T17:00:00Z')); // 00:00 on 11 July in Vietnam
    await issue(t, a, one.id, 60);
  });

  it('holds under concurrent requests for different batches', async () => {
    t.clock.set(new Date('2025-07-12T03:00:00Z'));
    const batches = await Promise.all([createBatch(t, a), createBatch(t, a), createBatch(t, a)]);
    const results = await Promise.all(batches.map((b) => t.http.post(`/api/v1/batches/${b.id}/stamps`).set(a.owner.auth).send({ count: 40 })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 429]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM trace_stamps WHERE batch_id = ANY($1::uuid[])`, [batches.map((b) => b.id)]);
    expect(n).toBe(80);
  });
});
