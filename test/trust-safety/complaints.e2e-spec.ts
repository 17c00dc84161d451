import { randomBytes } from 'node:crypto';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';

/** Complaints through HTTP on real PostgreSQL + Meilisearch: filing, following, the staff queue, takedowns, privacy. */
jest.setTimeout(120_000);

describe('complaints (issue 14): anyone files, staff answer within the published deadline', () => {
  let t: TestApp;
  let admin: TestUser;
  let editor: TestUser;
  let seller: FixtureEnterprise;
  let product: { id: string; slug: string; name: string };
  // Each call a new client address, deterministically (random ones among 250 collided now and then and hit the per-client limit).
  let clients = 0;
  const client = () => {
    clients++;
    return `100.64.${(clients >> 8) & 255}.${clients & 255}`;
  };
  const email = () => `khach-${randomBytes(3).toString('hex')}@example.vn`;
  const body = (extra: Record<string, unknown> = {}) => ({
    kind: 'counterfeit',
    subjectType: 'product',
    subjectId: product.id,
    name: 'Nguyễn Thị Hoa',
    email: email(),
    phone: '0912 345 678',
    message: `Sản phẩm nghi là hàng giả ${randomBytes(3).toString('hex')}`,
    ...extra,
  });
  const file = (payload: Record<string, unknown>, ip = client()) => t.http.post('/api/v1/complaints').set('x-forwarded-for', ip).send(payload);
  const idOf = async (code: string) => (await t.dataSource.query(`SELECT id FROM complaints WHERE code = $1`, [code]))[0]?.id as string;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1', COMPLAINT_MAX_PER_CLIENT: '3', COMPLAINT_DAYS_COUNTERFEIT: '3' } });
    admin = await loginAdmin(t);
    editor = await createUser(t, 'editor');
    seller = await createVerifiedEnterprise(t);
    product = await createProduct(t, seller.id, { name: `Mật ong rừng U Minh ${randomBytes(2).toString('hex')}`, sku: 'MO-1' });
    await t.drainJobs();
  });
  afterAll(() => t?.close());

  it('publishes the kinds with their deadlines (configurable), files with a KN-year code and shows the status to whoever has code and email', async () => {
    const kinds = (await t.http.get('/api/v1/complaints/kinds').expect(200)).body;
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual([
      'counterfeit',
      'wrong_information',
      'intellectual_property',
      'seller_conduct',
      'order_problem',
      'other',
    ]);
    expect(kinds.find((k: { kind: string }) => k.kind === 'counterfeit').deadlineDays).toBe(3);

    const payload = body();
    const res = await file(payload).expect(201);
    expect(res.body.code).toMatch(/^KN-20\d\d-\d{6}$/);
    const seen = await t.http.get(`/api/v1/complaints/${res.body.code}`).query({ email: payload.email.toUpperCase() }).expect(200);
    expect(seen.body).toMatchObject({ code: res.body.code, kind: 'counterfeit', status: 'open', replies: [], resolution: null });
    // The configured deadline of the kind: 3 days from filing.
    expect(new Date(seen.body.dueAt).getTime() - new Date(seen.body.createdAt).getTime()).toBe(3 * 86400_000);
    expect(new Date(res.body.dueAt).getTime()).toBe(new Date(seen.body.dueAt).getTime());
    // Someone else's email learns nothing, not even that the code exists.
    const wrong = await t.http.get(`/api/v1/complaints/${res.body.code}`).query({ email: 'ai-do@example.vn' }).expect(404);
    expect(wrong.body.code).toBe('COMPLAINT_NOT_FOUND');

    // Codes count up within the year.
    const next = await file(body()).expect(201);
    expect(Number(next.body.code.slice(-6))).toBe(Number(res.body.code.slice(-6)) + 1);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM complaints`))[0].n as number;
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [body({ kind: 'rude' }), 'kind'],
      [body({ email: 'not-an-email' }), 'email'],
      [body({ message: '   ' }), 'message'],
      [body({ subjectId: 'abc' }), 'subjectId'],
      [body({ subjectType: undefined }), 'subjectType'],
      [body({ subjectId: '7f1c1c3e-8d7a-4a53-9a77-1d2f9b1f0c11' }), 'subjectId'],
      [body({ phone: 'call me' }), 'phone'],
    ];
    for (const [payload, field] of cases) {
      const res = await file(payload).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('drops a filled honeypot silently, gives a repeated complaint its first code, and limits each client', async () => {
    const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM complaints`))[0].n as number;
    const before = await count();
    const bot = await file(body({ website: 'http://spam.example' })).expect(201);
    expect(bot.body.code).toMatch(/^KN-/);
    expect(await count()).toBe(before);

    const payload = body();
    const first = await file(payload).expect(201);
    const again = await file(payload).expect(201);
    expect(again.body.code).toBe(first.body.code);
    expect(await count()).toBe(before + 1);

    const ip = client();
    for (let i = 0; i < 3; i++) await file(body(), ip).expect(201);
    const limited = await file(body(), ip).expect(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('staff work the queue: assign, reply (seen by the complainant), escalate, resolve; closed complaints refuse changes; every step is audited', async () => {
    const payload = body({ kind: 'wrong_information' });
    const { code } = (await file(payload).expect(201)).body;
    const id = await idOf(code);

    const queue = (await t.http.get('/api/v1/admin/complaints').query({ status: 'active', pageSize: 100 }).set(editor.auth).expect(200)).body;
    const listed = queue.items.find((c: { code: string }) => c.code === code);
    expect(listed).toMatchObject({ name: 'Nguyễn Thị Hoa', email: payload.email, status: 'open', overdue: false, enterpriseId: seller.id });

    await t.http.post(`/api/v1/admin/complaints/${id}/assign`).set(editor.auth).send({}).expect(200);
    const mine = (await t.http.get('/api/v1/admin/complaints').query({ assignedTo: 'me' }).set(editor.auth).expect(200)).body;
    expect(mine.items.map((c: { code: string }) => c.code)).toContain(code);
    // Only staff can be assigned.
    const buyer = await createUser(t, 'buyer');
    const meId = (await t.http.get('/api/v1/me').set(buyer.auth).expect(200)).body.id;
    await t.http.post(`/api/v1/admin/complaints/${id}/assign`).set(editor.auth).send({ userId: meId }).expect(400);

    await t.http.post(`/api/v1/admin/complaints/${id}/replies`).set(editor.auth).send({ message: 'Chúng tôi đang xác minh với người bán.' }).expect(200);
    const followed = (await t.http.get(`/api/v1/complaints/${code}`).query({ email: payload.email }).expect(200)).body;
    expect(followed.status).toBe('in_progress');
    expect(followed.replies).toEqual([expect.objectContaining({ author: 'staff', body: 'Chúng tôi đang xác minh với người bán.' })]);

    await t.http.post(`/api/v1/admin/complaints/${id}/escalate`).set(editor.auth).send({ note: 'Cần lãnh đạo Sở xem xét' }).expect(200);
    const resolved = await t.http
      .post(`/api/v1/admin/complaints/${id}/resolution`)
      .set(editor.auth)
      .send({ outcome: 'resolved', resolution: 'Người bán đã sửa thông tin khối lượng.' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: 'Người bán đã sửa thông tin khối lượng.' });
    const closed = await t.http.post(`/api/v1/admin/complaints/${id}/replies`).set(editor.auth).send({ message: 'Thêm' }).expect(409);
    expect(closed.body.code).toBe('COMPLAINT_CLOSED');

    const audit = (await t.http.get('/api/v1/admin/audit').query({ subjectId: id }).set(admin.auth).expect(200)).body;
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'complaint.assign',
      'complaint.escalate',
      'complaint.reply',
      'complaint.resolve',
    ]);
  });

  it('lists overdue complaints first by deadline', async () => {
    const { code } = (await file(body({ kind: 'other' })).expect(201)).body;
    const id = await idOf(code);
    await t.dataSource.query(`UPDATE complaints SET due_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    const overdue = (await t.http.get('/api/v1/admin/complaints').query({ status: 'overdue' }).set(admin.auth).expect(200)).body;
    expect(overdue.items[0]).toMatchObject({ code, overdue: true });
    expect(overdue.items.every((c: { overdue: boolean }) => c.overdue)).toBe(true);
  });

  it('an administrator opens a takedown from a complaint: the product leaves the storefront, the notice names the code and never the complainant', async () => {
    const payload = body({ name: 'Trần Văn Bí Mật' });
    const { code } = (await file(payload).expect(201)).body;
    const id = await idOf(code);
    const takedown = { legalBasis: 'Điều 36 Luật Thương mại điện tử 2025', reason: 'Hàng giả mạo nhãn hiệu (counterfeit)' };
    // Editors answer complaints; taking content down is an administrator's decision.
    await t.http.post(`/api/v1/admin/complaints/${id}/takedown`).set(editor.auth).send(takedown).expect(403);
    const res = await t.http.post(`/api/v1/admin/complaints/${id}/takedown`).set(admin.auth).send(takedown).expect(200);
    expect(res.body.takedownId).toEqual(expect.any(String));
    const td = (await t.http.get(`/api/v1/admin/takedowns/${res.body.takedownId}`).set(admin.auth).expect(200)).body;
    expect(td).toMatchObject({ source: 'complaint', reference: code, subjectId: product.id });

    await t.http.get(`/api/v1/products/${product.slug}`).expect(404);
    const page = await t.http.get(`/san-pham/${product.slug}`).expect(451);
    expect(page.text).toContain(code);
    expect(page.text).not.toContain('Trần Văn Bí Mật');
    expect(page.text).not.toContain(payload.email);

    const again = await t.http.post(`/api/v1/admin/complaints/${id}/takedown`).set(admin.auth).send(takedown).expect(409);
    expect(again.body.code).toBe('COMPLAINT_TAKEDOWN_EXISTS');
  });

  it('the seller sees complaints about it without contact details; another business sees nothing and staff routes refuse sellers', async () => {
    const payload = body({ kind: 'seller_conduct', subjectType: 'enterprise', subjectId: seller.id });
    const { code } = (await file(payload).expect(201)).body;
    const own = (await t.http.get(`/api/v1/enterprises/${seller.id}/complaints`).set(seller.owner.auth).expect(200)).body;
    const mine = own.items.find((c: { code: string }) => c.code === code);
    expect(mine).toMatchObject({ kind: 'seller_conduct', subjectType: 'enterprise', message: payload.message });
    expect(JSON.stringify(own)).not.toContain(payload.email);
    expect(JSON.stringify(own)).not.toContain('Nguyễn Thị Hoa');

    const other = await createVerifiedEnterprise(t);
    await t.http.get(`/api/v1/enterprises/${seller.id}/complaints`).set(other.owner.auth).expect(403);
    await t.http.get('/api/v1/admin/complaints').set(seller.owner.auth).expect(403);
    await t.http
      .post(`/api/v1/admin/complaints/${await idOf(code)}/replies`)
      .set(other.owner.auth)
      .send({ message: 'x' })
      .expect(403);
    await t.http.get('/api/v1/admin/complaints').expect(401);
  });
});
