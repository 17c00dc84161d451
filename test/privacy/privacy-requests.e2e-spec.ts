import { ManualClock } from '@tradefloor/core';
import { createUser, loginAdmin } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, signIn } from '../web/web-helpers';

/** Staff-handled privacy requests (issue 15): public filing with spam defences, the queue and its timers in Vietnamese working days. */
describe('privacy requests: filed by anyone, acknowledged within 2 working days (Tết skipped), completed within 15 days, one extension', () => {
  let t: TestApp;
  const URL = '/api/v1/privacy-requests';
  const QUEUE = '/api/v1/admin/privacy-requests';
  const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM privacy_requests`))[0].n as number;
  const body = (extra: Record<string, unknown> = {}) => ({
    kind: 'objection',
    name: 'Trần Văn Bình',
    email: 'binh@example.vn',
    message: 'Tôi phản đối việc dùng số điện thoại của tôi cho quảng cáo.',
    ...extra,
  });

  beforeAll(async () => {
    // Friday 13 February 2026, 09:00 in Vietnam: the day before the Tết holiday (14–22 Feb).
    t = await createTestApp({ clock: new ManualClock(new Date('2026-02-13T02:00:00Z')), env: { TRUST_PROXY: '1', PRIVACY_REQUEST_MAX_PER_CLIENT: '3' } });
  });
  afterAll(() => t?.close());

  it('files with a code and deadlines that skip the weekend and Tết; bad input is a 400 and writes nothing; the honeypot stores nothing', async () => {
    const receipt = await t.http.post(URL).set('x-forwarded-for', '203.0.113.20').send(body()).expect(201);
    expect(receipt.body.code).toMatch(/^YC-2026-\d{6}$/);
    expect(receipt.body.ackDueAt).toBe('2026-02-24T16:59:59.999Z'); // end of Tuesday 24 Feb in Vietnam
    expect(receipt.body.dueAt).toBe('2026-02-28T16:59:59.999Z'); // 15 days
    const before = await count();
    const bad = await t.http.post(URL).send({ kind: 'spam', email: 'khong-phai-email', message: '' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['kind', 'name', 'email', 'message']));
    await t.http
      .post(URL)
      .set('x-forwarded-for', '203.0.113.21')
      .send(body({ website: 'http://spam.example' }))
      .expect(201);
    expect(await count()).toBe(before);
    // Per-client limit, like complaints.
    for (let i = 0; i < 2; i++)
      await t.http
        .post(URL)
        .set('x-forwarded-for', '203.0.113.20')
        .send(body({ email: `b${i}@example.vn` }))
        .expect(201);
    await t.http
      .post(URL)
      .set('x-forwarded-for', '203.0.113.20')
      .send(body({ email: 'b9@example.vn' }))
      .expect(429);
  });

  it('the staff queue shows the timers, flags overdue, acknowledges (20 days with a processor), extends once with a reason, completes', async () => {
    const buyer = await createUser(t, 'buyer');
    await t.http.get(QUEUE).set(buyer.auth).expect(403);
    let admin = await loginAdmin(t);
    const first = (await t.http.get(QUEUE).set(admin.auth).expect(200)).body.items[0];
    expect(first).toMatchObject({ status: 'received', overdue: false, name: 'Trần Văn Bình' });

    t.clock.advance(12 * 86_400_000); // 25 Feb: past the acknowledgement deadline
    admin = await loginAdmin(t);
    const late = (await t.http.get(QUEUE).set(admin.auth).expect(200)).body.items.find((i: { id: string }) => i.id === first.id);
    expect(late.overdue).toBe(true);
    // The back-office page highlights it.
    const jar = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    const page = await t.http.get('/quan-ly/yeu-cau-du-lieu').set('Cookie', cookieHeader(jar)).expect(200);
    expect(page.text).toMatch(new RegExp(`<tr class="overdue"><th scope="row">${late.code}</th>`));
    expect(page.text).toContain('Quá hạn');

    const acked = await t.http.post(`${QUEUE}/${first.id}/acknowledge`).set(admin.auth).send({ processorInvolved: true }).expect(200);
    expect(acked.body).toMatchObject({ status: 'acknowledged', processorInvolved: true, dueAt: '2026-03-05T16:59:59.999Z', overdue: false });
    await t.http.post(`${QUEUE}/${first.id}/extend`).set(admin.auth).send({}).expect(400);
    const extended = await t.http.post(`${QUEUE}/${first.id}/extend`).set(admin.auth).send({ reason: 'Chờ đơn vị xử lý dữ liệu trả lời' }).expect(200);
    expect(extended.body).toMatchObject({ extensionReason: 'Chờ đơn vị xử lý dữ liệu trả lời', dueAt: '2026-03-25T16:59:59.999Z' });
    const again = await t.http.post(`${QUEUE}/${first.id}/extend`).set(admin.auth).send({ reason: 'Lần nữa' }).expect(409);
    expect(again.body.code).toBe('PRIVACY_REQUEST_STATE');
    const done = await t.http
      .post(`${QUEUE}/${first.id}/complete`)
      .set(admin.auth)
      .send({ resolution: 'Đã ngừng dùng số điện thoại cho quảng cáo.' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'completed', overdue: false });
  });
});
