import { ManualClock } from '@tradefloor/core';
import { createUser, loginAdmin } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn } from '../web/web-helpers';

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

  it('pages: anyone files from /yeu-cau-du-lieu-ca-nhan (bad input re-renders with field errors, nothing written); staff acknowledge, extend and conclude from the queue page', async () => {
    const form = await openForm(t, '/yeu-cau-du-lieu-ca-nhan');
    expect(form.html).toContain('Phản đối xử lý');
    expect(form.html).not.toMatch(/<input type="radio"[^>]* checked/); // nothing chosen for the visitor
    const before = await count();
    const bad = await postForm(t, form.jar, '/yeu-cau-du-lieu-ca-nhan', { kind: '', name: '', email: 'khong-phai-email', message: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="f-email-error"');
    expect(bad.text).toContain('id="f-kind-error"');
    expect(await count()).toBe(before);
    const filed = await postForm(t, form.jar, '/yeu-cau-du-lieu-ca-nhan', {
      kind: 'deletion',
      name: 'Lê Thị Cúc',
      email: 'cuc@example.vn',
      phone: '',
      message: 'Xin xoá thông tin liên hệ của tôi trong các yêu cầu hỏi mua.',
    });
    expect(filed.status).toBe(200);
    const code = /<code>(YC-\d{4}-\d{6})<\/code>/.exec(filed.text)?.[1];
    expect(code).toBeDefined();
    const [row] = await t.dataSource.query(`SELECT id, kind, status FROM privacy_requests WHERE code = $1`, [code]);
    expect(row).toMatchObject({ kind: 'deletion', status: 'received' });

    // Staff, through the queue page: acknowledge (with a processor), the one extension, conclude as refused.
    const jar = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    await openForm(t, '/quan-ly/yeu-cau-du-lieu', jar);
    const path = `/quan-ly/yeu-cau-du-lieu/${row.id}`;
    const acked = await postForm(t, jar, `${path}/nhan`, { processorInvolved: 'true' });
    expect(acked.status).toBe(303);
    expect(acked.headers.location).toBe('/quan-ly/yeu-cau-du-lieu?done=nhan');
    const noReason = await postForm(t, jar, `${path}/gia-han`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Cần lý do gia hạn');
    expect((await t.dataSource.query(`SELECT extension_reason FROM privacy_requests WHERE id = $1`, [row.id]))[0].extension_reason).toBeNull();
    expect((await postForm(t, jar, `${path}/gia-han`, { reason: 'Cần bên xử lý dữ liệu xác minh' })).status).toBe(303);
    const twice = await postForm(t, jar, `${path}/gia-han`, { reason: 'Lần hai' });
    expect(twice.status).toBe(409);
    const concluded = await postForm(t, jar, `${path}/hoan-tat`, { resolution: 'Yêu cầu hỏi mua phải giữ theo luật; đã ẩn số điện thoại.', rejected: 'true' });
    expect(concluded.status).toBe(303);
    expect((await t.dataSource.query(`SELECT status, processor_involved, extension_reason FROM privacy_requests WHERE id = $1`, [row.id]))[0]).toEqual({
      status: 'rejected',
      processor_involved: true,
      extension_reason: 'Cần bên xử lý dữ liệu xác minh',
    });
    const page = await t.http.get('/quan-ly/yeu-cau-du-lieu?done=hoan-tat').set('Cookie', cookieHeader(jar)).expect(200);
    expect(page.text).toContain('Đã hoàn tất yêu cầu.');
    // A seller has no business in the queue.
    const seller = await createUser(t, 'business');
    const sellerJar = await signIn(t, seller.email, seller.password);
    expect((await t.http.get('/quan-ly/yeu-cau-du-lieu').set('Cookie', cookieHeader(sellerJar))).status).toBe(403);
  });
});
