import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';

/** The breach register (issue 15): incidents, the 72-hour authority-notification clock, notices rendered from the record; admins only. */
jest.setTimeout(120_000);

const HOUR = 3600_000;

describe('breach register (/api/v1/admin/breaches)', () => {
  let t: TestApp;
  let admin: TestUser;
  let editor: TestUser;
  let buyer: TestUser;
  let buyerId: string;
  const URL = '/api/v1/admin/breaches';
  const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM breaches`))[0].n as number;
  const valid = () => ({
    detectedAt: new Date(t.clock.now().getTime() - 2 * HOUR).toISOString(),
    description: 'Một bản sao lưu cơ sở dữ liệu bị để công khai trên kho lưu trữ tệp.',
    dataKinds: ['email', 'số điện thoại', 'họ tên'],
    affectedCount: 120,
    affectedUserIds: [buyerId],
    measures: 'Đã thu hồi đường dẫn công khai, đổi khoá truy cập, rà soát nhật ký truy cập.',
  });

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    admin = await loginAdmin(t);
    editor = await createUser(t, 'editor');
    buyer = await createUser(t, 'buyer');
    buyerId = (await t.http.get('/api/v1/me').set(buyer.auth).expect(200)).body.id;
  });
  afterAll(() => t?.close());

  it('refuses bad input with field details and writes nothing; non-admins get 403', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid(), detectedAt: 'hôm qua' }, 'detectedAt'],
      [{ ...valid(), detectedAt: new Date(t.clock.now().getTime() + 2 * HOUR).toISOString() }, 'detectedAt'],
      [{ ...valid(), dataKinds: [] }, 'dataKinds'],
      [{ ...valid(), description: '' }, 'description'],
      [{ ...valid(), measures: undefined }, 'measures'],
      [{ ...valid(), affectedCount: -1 }, 'affectedCount'],
      [{ ...valid(), affectedCount: undefined, affectedUserIds: [] }, 'affectedCount'],
      [{ ...valid(), affectedUserIds: ['khong-phai-uuid'] }, 'affectedUserIds'],
      [{ ...valid(), affectedUserIds: ['00000000-0000-4000-8000-000000000000'] }, 'affectedUserIds'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post(URL).set(admin.auth).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await count()).toBe(0);
    for (const who of [editor, buyer]) {
      await t.http.post(URL).set(who.auth).send(valid()).expect(403);
      await t.http.get(URL).set(who.auth).expect(403);
    }
    await t.http.get(URL).expect(401);
    expect(await count()).toBe(0);
  });

  it('records an incident with its 72-hour clock, flags it overdue until the authority is notified, renders the notices, and audits each change', async () => {
    const created = await t.http.post(URL).set(admin.auth).send(valid()).expect(201);
    const b = created.body;
    expect(b).toMatchObject({ status: 'open', affectedCount: 120, affectedUserIds: [buyerId], overdue: false, notifiedAuthorityAt: null });
    expect(new Date(b.notificationDeadline).getTime() - new Date(b.detectedAt).getTime()).toBe(72 * HOUR);

    // 71 hours after detection: still within the clock; past 72: overdue, and counted in the list.
    t.clock.advance(69 * HOUR);
    expect((await t.http.get(`${URL}/${b.id}`).set(admin.auth).expect(200)).body.overdue).toBe(false);
    t.clock.advance(2 * HOUR);
    const list = (await t.http.get(URL).set(admin.auth).expect(200)).body;
    expect(list.overdue).toBe(1);
    expect(list.items[0]).toMatchObject({ id: b.id, overdue: true });

    const notices = (await t.http.get(`${URL}/${b.id}/notices`).set(admin.auth).expect(200)).body;
    expect(notices.authority.text).toContain('A05');
    expect(notices.authority.text).toContain('email, số điện thoại, họ tên');
    expect(notices.authority.text).toContain('120');
    expect(notices.authority.text).toContain('Đã thu hồi đường dẫn công khai');
    expect(notices.users.text).toContain('đổi mật khẩu');
    expect(notices.users.text).toContain('Một bản sao lưu cơ sở dữ liệu');

    // Bad update: 400, nothing changed.
    await t.http.patch(`${URL}/${b.id}`).set(admin.auth).send({ status: 'forgotten' }).expect(400);
    await t.http
      .patch(`${URL}/${b.id}`)
      .set(admin.auth)
      .send({ notifiedAuthorityAt: new Date(t.clock.now().getTime() + 10 * HOUR).toISOString() })
      .expect(400);
    await t.http.patch(`${URL}/${b.id}`).set(editor.auth).send({ status: 'closed' }).expect(403);
    const notified = await t.http
      .patch(`${URL}/${b.id}`)
      .set(admin.auth)
      .send({ notifiedAuthorityAt: t.clock.now().toISOString(), status: 'contained' })
      .expect(200);
    expect(notified.body).toMatchObject({ status: 'contained', overdue: false });
    expect((await t.http.get(URL).set(admin.auth).expect(200)).body.overdue).toBe(0);
    await t.http.get(`${URL}/00000000-0000-4000-8000-000000000000`).set(admin.auth).expect(404);

    const audit = (await t.http.get('/api/v1/admin/audit').query({ subjectId: b.id }).set(admin.auth).expect(200)).body;
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['breach.create', 'breach.update']);
    // The audit keeps a count of the affected accounts, not their ids.
    expect(JSON.stringify(audit.items)).not.toContain(buyerId);
  });
});
