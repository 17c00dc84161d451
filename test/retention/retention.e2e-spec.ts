import { FileStorage, JobQueue, RETENTION_QUEUE } from '@tradefloor/core';
import { ViewCounter } from '@tradefloor/news-bulletin';
import { createUser, login, loginAdmin, PASSWORD, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { bulletinInput, categoryId, publishedBulletin } from '../news/helpers';
import { createBatch, issue, ownerWithProduct, serialsOf } from '../traceability/trace-fixtures';

/**
 * "Keep less" (issue 15): each kind of personal data has a retention period in config
 * (`RETENTION_DAYS_<KIND>`), enforced by the daily durable job `core.retention` by the injected
 * clock. Rows are made through the real flows; one of each kind is then dated just past its
 * period, another just inside it, and the job must delete exactly the first.
 */
jest.setTimeout(180_000);

const DAY = 86_400_000;

describe('retention schedule: a daily job deletes what is older than its period, per kind', () => {
  let t: TestApp;
  let admin: TestUser;
  const count = async (sql: string, params: unknown[] = []) => ((await t.dataSource.query(sql, params)) as Array<{ n: number }>)[0].n;
  const ago = (days: number) => new Date(t.clock.now().getTime() - days * DAY);

  beforeAll(async () => {
    t = await createTestApp({ env: { RETENTION_DAYS_INQUIRIES: '30', TRUST_PROXY: '1', STAMP_SCAN_RATE_PER_MINUTE: '1000' } });
    admin = await loginAdmin(t);
  });
  afterAll(() => t?.close());

  it('publishes the schedule (config with defaults) to administrators only', async () => {
    const res = await t.http.get('/api/v1/admin/retention').set(admin.auth).expect(200);
    const days = Object.fromEntries(res.body.rules.map((r: { kind: string; days: number }) => [r.kind, r.days]));
    expect(days).toEqual({
      carts: 90,
      'data-request-archives': 30,
      inquiries: 30,
      orders: 1095,
      'orders-household': 365,
      'personal-data-exports': 1,
      'review-reports': 365,
      'reviews-rejected': 365,
      'shipment-webhooks': 90,
      shipments: 1095,
      'sign-ins': 90,
      'trace-scans': 365,
      'view-dedup': 2,
    });
    expect(res.body.rules.find((r: { kind: string }) => r.kind === 'inquiries').envVar).toBe('RETENTION_DAYS_INQUIRIES');
    const buyer = await createUser(t, 'buyer');
    await t.http.get('/api/v1/admin/retention').set(buyer.auth).expect(403);
  });

  it('deletes inquiries, stamp scans, sign-in records, view de-duplication rows and data-request archives past their period; newer ones stay', async () => {
    // Inquiries (30 days here, from config).
    const ent = await createVerifiedEnterprise(t);
    const product = await createProduct(t, ent.id, { name: 'Mắm tôm chà Gò Công' });
    const buyer = await createUser(t, 'buyer');
    const inq = [];
    for (let i = 0; i < 2; i++)
      inq.push(
        (
          await t.http
            .post(`/api/v1/products/${product.id}/inquiries`)
            .set(buyer.auth)
            .send({ quantity: 1 + i, message: `Hỏi giá ${i}` })
            .expect(201)
        ).body.reference,
      );
    await t.dataSource.query(`UPDATE inquiries SET created_at = $2 WHERE id = $1`, [inq[0], ago(31)]);
    await t.dataSource.query(`UPDATE inquiries SET created_at = $2 WHERE id = $1`, [inq[1], ago(29)]);

    // Stamp scans (365 days).
    const owner = await ownerWithProduct(t);
    const batch = await createBatch(t, owner);
    await issue(t, owner, batch.id, 2);
    const serials = await serialsOf(t, batch.id);
    await t.http.get(`/api/v1/stamps/${serials[0]}`).set('x-forwarded-for', '100.64.1.1').expect(200);
    await t.http.get(`/api/v1/stamps/${serials[1]}`).set('x-forwarded-for', '100.64.1.2').expect(200);
    await t.dataSource.query(`UPDATE trace_stamp_scans SET scanned_at = $2 WHERE serial = $1`, [serials[0], ago(366)]);
    await t.dataSource.query(`UPDATE trace_stamp_scans SET scanned_at = $2 WHERE serial = $1`, [serials[1], ago(364)]);

    // Sign-in records (90 days): two sessions of one user, one long expired.
    const signer = await createUser(t, 'buyer');
    await login(t, signer.email, PASSWORD);
    const userId = (await t.http.get('/api/v1/me').set(signer.auth).expect(200)).body.id;
    const tokens: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at`, [userId]);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    await t.dataSource.query(`UPDATE refresh_tokens SET created_at = $2, expires_at = $3 WHERE id = $1`, [tokens[0].id, ago(130), ago(91)]);

    // View de-duplication rows (2 days).
    const editor = await createUser(t, 'editor');
    const bulletin = await publishedBulletin(t, editor, bulletinInput(await categoryId(t, 'ocop'), { title: 'Phiên chợ nông sản cuối tuần' }));
    await t.http.get(`/api/v1/bulletins/${bulletin.slug}`).set('x-forwarded-for', '100.64.2.1').expect(200);
    await t.http.get(`/api/v1/bulletins/${bulletin.slug}`).set('x-forwarded-for', '100.64.2.2').expect(200);
    await t.app.get(ViewCounter).flush();
    const views: Array<{ visitor_hash: string }> = await t.dataSource.query(`SELECT visitor_hash FROM bulletin_views WHERE bulletin_id = $1`, [bulletin.id]);
    expect(views).toHaveLength(2);
    await t.dataSource.query(`UPDATE bulletin_views SET hour = $2 WHERE visitor_hash = $1`, [views[0].visitor_hash, ago(3)]);
    await t.dataSource.query(`UPDATE bulletin_views SET hour = $2 WHERE visitor_hash = $1`, [views[1].visitor_hash, ago(1)]);

    // Data-request archives (30 days after they were built).
    const request = (reference: string) =>
      t.http
        .post('/api/v1/admin/data-requests')
        .set(admin.auth)
        .send({
          authority: 'Công an tỉnh',
          reference,
          legalBasis: 'Điều 56 Luật Thương mại điện tử 2025',
          receivedAt: new Date(t.clock.now().getTime() - 3600_000).toISOString(),
          requestedBy: 'Cán bộ điều tra',
          subjectType: 'enterprise',
          subjectId: ent.id,
        })
        .expect(201);
    const oldRequest = (await request('CV-1')).body.id;
    const newRequest = (await request('CV-2')).body.id;
    await t.drainJobs();
    await t.dataSource.query(`UPDATE data_requests SET completed_at = $2 WHERE id = $1`, [oldRequest, ago(31)]);
    await t.dataSource.query(`UPDATE data_requests SET completed_at = $2 WHERE id = $1`, [newRequest, ago(29)]);

    // "My data" archives never downloaded (1 day after their download window closed).
    const exporters = [await createUser(t, 'buyer'), await createUser(t, 'buyer')];
    const exportIds: string[] = [];
    for (const u of exporters) exportIds.push((await t.http.post('/api/v1/me/data-export').set(u.auth).expect(202)).body.id);
    await t.drainJobs();
    await t.dataSource.query(`UPDATE personal_data_exports SET expires_at = $2 WHERE id = $1`, [exportIds[0], ago(1.5)]);
    await t.dataSource.query(`UPDATE personal_data_exports SET expires_at = $2 WHERE id = $1`, [exportIds[1], ago(0.5)]);
    const exportFile = async (id: string) =>
      (
        (await t.dataSource.query(`SELECT status, file_key FROM personal_data_exports WHERE id = $1`, [id])) as Array<{
          status: string;
          file_key: string | null;
        }>
      )[0];
    const keptKey = (await exportFile(exportIds[1])).file_key!;
    const purgedKey = (await exportFile(exportIds[0])).file_key!;

    // The daily job.
    await t.app.get(JobQueue).enqueueNow(RETENTION_QUEUE, {});
    await t.drainJobs([RETENTION_QUEUE]);

    expect(await count(`SELECT count(*)::int AS n FROM inquiries WHERE id = ANY($1)`, [inq])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM inquiries WHERE id = $1`, [inq[1]])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM trace_stamp_scans WHERE serial = $1`, [serials[0]])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM trace_stamp_scans WHERE serial = $1`, [serials[1]])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM refresh_tokens WHERE id = $1`, [tokens[0].id])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1`, [userId])).toBe(tokens.length - 1);
    expect(await count(`SELECT count(*)::int AS n FROM bulletin_views WHERE bulletin_id = $1`, [bulletin.id])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM bulletin_views WHERE visitor_hash = $1`, [views[1].visitor_hash])).toBe(1);
    // The old archive is gone (the request stays, expired: 410); the newer one still downloads.
    const expired = await t.http.get(`/api/v1/admin/data-requests/${oldRequest}/archive`).set(admin.auth).expect(410);
    expect(expired.body.code).toBe('DATA_REQUEST_EXPIRED');
    expect((await t.http.get(`/api/v1/admin/data-requests/${oldRequest}`).set(admin.auth).expect(200)).body.status).toBe('expired');
    await t.http.get(`/api/v1/admin/data-requests/${newRequest}/archive`).set(admin.auth).expect(200);
    // The unread export past its window left the storage; the other is still there.
    expect(await exportFile(exportIds[0])).toEqual({ status: 'expired', file_key: null });
    expect(await t.app.get(FileStorage).get(purgedKey)).toBeNull();
    expect((await exportFile(exportIds[1])).file_key).toBe(keptKey);
    expect(await t.app.get(FileStorage).get(keptKey)).not.toBeNull();

    // The run is recorded with its counts (no personal data) and shown to administrators.
    const schedule = (await t.http.get('/api/v1/admin/retention').set(admin.auth).expect(200)).body;
    expect(schedule.lastRun.counts).toMatchObject({ inquiries: 1, 'trace-scans': 1, 'view-dedup': 1, 'data-request-archives': 1, 'personal-data-exports': 1 });
    expect(schedule.lastRun.counts['sign-ins']).toBeGreaterThanOrEqual(1);
    expect(new Date(schedule.lastRun.ranAt).getTime()).toBe(t.clock.now().getTime());

    // A later day by the clock: what was kept ages out in turn.
    t.clock.advance(2 * DAY);
    await t.app.get(JobQueue).enqueueNow(RETENTION_QUEUE, {});
    await t.drainJobs([RETENTION_QUEUE]);
    expect(await count(`SELECT count(*)::int AS n FROM inquiries WHERE id = $1`, [inq[1]])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM bulletin_views WHERE bulletin_id = $1`, [bulletin.id])).toBe(0);
    await t.http.get(`/api/v1/admin/data-requests/${newRequest}/archive`).set(admin.auth).expect(410);
  });
});
