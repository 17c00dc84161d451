import { createUser, loginAdmin, PASSWORD, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn } from './web-helpers';

/** The public complaint form and the complainant's status page, through HTTP (the complaints service behind both). */
jest.setTimeout(120_000);

describe('web: public complaint form (/khieu-nai) and status page (/khieu-nai/tra-cuu)', () => {
  let t: TestApp;
  let admin: TestUser;
  let product: { id: string };
  const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM complaints`))[0].n as number;

  // Each post a new client address, deterministically (random ones among 250 could collide and hit the per-client limit).
  let clients = 0;
  const nextClient = () => {
    clients++;
    return `100.64.${(clients >> 8) & 255}.${clients & 255}`;
  };

  async function post(path: string, fields: Record<string, string>, ip = nextClient()) {
    const form = await openForm(t, path);
    return t.http
      .post(path)
      .type('form')
      .set('Cookie', cookieHeader(form.jar))
      .set('x-forwarded-for', ip)
      .send({ _csrf: form.csrf, ...fields });
  }

  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { TRUST_PROXY: '1', COMPLAINT_DAYS_SELLER_CONDUCT: '4' } });
    admin = await loginAdmin(t);
    const ent = await createVerifiedEnterprise(t);
    product = await createProduct(t, ent.id, { name: 'Kẹo dừa Bến Tre' });
  });
  afterAll(() => t?.close());

  it('shows the kinds with their published deadlines, the honeypot hidden, and the subject when linked from one', async () => {
    const res = await t.http.get('/khieu-nai').expect(200);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.text).toContain('<h1>Gửi khiếu nại</h1>');
    expect(res.text).toContain('Hành vi của người bán (seller conduct) — trả lời trong 4 ngày');
    expect(res.text).toContain('Hàng giả, hàng nhái (counterfeit goods) — trả lời trong 2 ngày');
    expect(res.text).toMatch(/class="inq-hp" aria-hidden="true">.*name="website".*tabindex="-1"/s);
    expect(res.text).toMatch(/<label for="f-email">/);
    const linked = await t.http.get(`/khieu-nai?doi-tuong=product&id=${product.id}`).expect(200);
    expect(linked.text).toContain(`name="subjectId" value="${product.id}"`);
    expect((await t.http.get('/khieu-nai?lang=en').expect(200)).text).toContain('File a complaint');
  });

  it('refuses bad input beside the fields and stores nothing; a filled honeypot gets a receipt and stores nothing', async () => {
    const before = await count();
    const bad = await post('/khieu-nai', { kind: '', name: '', email: 'khong-phai-email', message: '' });
    expect(bad.status).toBe(400);
    for (const f of ['kind', 'name', 'email', 'message']) expect(bad.text).toContain(`id="f-${f}-error"`);
    const bot = await post('/khieu-nai', { kind: 'other', name: 'Bot', email: 'bot@example.vn', message: 'spam', website: 'http://spam.example' });
    expect(bot.status).toBe(200);
    expect(bot.text).toMatch(/KN-\d{4}-\d{6}/);
    expect(await count()).toBe(before);
  });

  it('files a complaint, then the complainant follows it by code and email and sees the staff reply (escaped)', async () => {
    const filed = await post('/khieu-nai', {
      kind: 'counterfeit',
      subjectType: 'product',
      subjectId: product.id,
      name: 'Đặng Thu Hà',
      email: 'thu.ha@example.vn',
      phone: '0987 654 321',
      message: 'Kẹo dừa không đúng nhãn <b>OCOP</b>',
    });
    expect(filed.status).toBe(200);
    const code = /KN-\d{4}-\d{6}/.exec(filed.text)![0];
    const [row] = await t.dataSource.query(`SELECT id, subject_id, message FROM complaints WHERE code = $1`, [code]);
    expect(row).toMatchObject({ subject_id: product.id, message: 'Kẹo dừa không đúng nhãn <b>OCOP</b>' });
    await t.http.post(`/api/v1/admin/complaints/${row.id}/replies`).set(admin.auth).send({ message: 'Đã yêu cầu người bán <giải trình>' }).expect(200);

    const seen = await post('/khieu-nai/tra-cuu', { code: code.toLowerCase(), email: 'Thu.Ha@example.vn' });
    expect(seen.status).toBe(200);
    expect(seen.text).toContain('Đang xử lý');
    expect(seen.text).toContain('Đã yêu cầu người bán &lt;giải trình&gt;');
    const wrong = await post('/khieu-nai/tra-cuu', { code, email: 'nguoi-khac@example.vn' });
    expect(wrong.status).toBe(404);
    expect(wrong.text).toContain('Không tìm thấy khiếu nại với mã và email này.');
    expect(wrong.text).not.toContain('giải trình');
    // Without the CSRF token: refused.
    await t.http.post('/khieu-nai/tra-cuu').type('form').send({ code, email: 'thu.ha@example.vn' }).expect(403);
  });

  it('staff work the queue: overdue highlighted, filters, detail with replies, assign, reply, escalate, resolve; takedowns for admins only', async () => {
    const editor = await createUser(t, 'editor');
    const editorJar = await signIn(t, editor.email, PASSWORD);
    const adminJar = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    const filed = await post('/khieu-nai', {
      kind: 'seller_conduct',
      subjectType: 'product',
      subjectId: product.id,
      name: 'Lý Văn Bình',
      email: 'binh@example.vn',
      message: 'Người bán <i>không</i> giao hàng',
    });
    const code = /KN-\d{4}-\d{6}/.exec(filed.text)![0];
    const [{ id }] = await t.dataSource.query(`SELECT id FROM complaints WHERE code = $1`, [code]);

    // Not staff: refused.
    const seller = await createUser(t, 'business');
    await t.http
      .get('/quan-ly/khieu-nai')
      .set('Cookie', cookieHeader(await signIn(t, seller.email, PASSWORD)))
      .expect(403);

    const list = await t.http.get('/quan-ly/khieu-nai').set('Cookie', cookieHeader(editorJar)).expect(200);
    expect(list.text).toContain(`href="/quan-ly/khieu-nai/${id}"`);
    expect(list.text).not.toMatch(new RegExp(`<tr class="overdue"><th scope="row"><a href="/quan-ly/khieu-nai/${id}"`));
    // Five days later (the kind's deadline is 4): overdue, highlighted, and in the overdue filter.
    t.clock.advance(5 * 86_400_000);
    const overdue = await t.http.get('/quan-ly/khieu-nai?status=overdue').set('Cookie', cookieHeader(editorJar)).expect(200);
    expect(overdue.text).toMatch(new RegExp(`<tr class="overdue"><th scope="row"><a href="/quan-ly/khieu-nai/${id}">${code}</a>`));
    expect(overdue.text).toContain('Quá hạn');
    expect((await t.http.get('/quan-ly').set('Cookie', cookieHeader(editorJar)).expect(200)).text).toContain('href="/quan-ly/khieu-nai"');

    const detail = await openForm(t, `/quan-ly/khieu-nai/${id}`, editorJar);
    expect(detail.html).toContain('Người bán &lt;i&gt;không&lt;/i&gt; giao hàng');
    expect(detail.html).toContain('binh@example.vn');
    // The editor sees no takedown form, and posting one is refused.
    expect(detail.html).not.toContain(`/quan-ly/khieu-nai/${id}/go-bo`);
    expect((await postForm(t, editorJar, `/quan-ly/khieu-nai/${id}/go-bo`, { legalBasis: 'x', reason: 'y' })).status).toBe(403);

    expect((await postForm(t, editorJar, `/quan-ly/khieu-nai/${id}/nhan`, {})).headers.location).toBe(`/quan-ly/khieu-nai/${id}?done=nhan`);
    const empty = await postForm(t, editorJar, `/quan-ly/khieu-nai/${id}/tra-loi`, { message: '  ' });
    expect(empty.status).toBe(400);
    expect((await postForm(t, editorJar, `/quan-ly/khieu-nai/${id}/tra-loi`, { message: 'Chúng tôi đang xác minh với người bán.' })).status).toBe(303);
    expect((await postForm(t, editorJar, `/quan-ly/khieu-nai/${id}/chuyen`, { note: 'Cần Sở Công Thương xem xét' })).status).toBe(303);
    const api = (await t.http.get(`/api/v1/admin/complaints/${id}`).set(admin.auth).expect(200)).body;
    expect(api).toMatchObject({ status: 'escalated', assignedTo: editor.id, replies: [{ body: 'Chúng tôi đang xác minh với người bán.' }] });

    // The administrator takes the product down from the complaint (the complaints service links it).
    await openForm(t, `/quan-ly/khieu-nai/${id}`, adminJar);
    const down = await postForm(t, adminJar, `/quan-ly/khieu-nai/${id}/go-bo`, {
      legalBasis: 'Điều 36 Luật Thương mại điện tử 2025',
      reason: 'Người bán không giao hàng',
    });
    expect(down.status).toBe(303);
    expect((await t.http.get(`/api/v1/admin/complaints/${id}`).set(admin.auth).expect(200)).body.takedownId).toMatch(/^[0-9a-f-]{36}$/);

    const resolved = await postForm(t, editorJar, `/quan-ly/khieu-nai/${id}/ket-luan`, { outcome: 'resolved', resolution: 'Đã gỡ sản phẩm.' });
    expect(resolved.status).toBe(303);
    const closed = await t.http.get(`/quan-ly/khieu-nai/${id}?done=ket-luan`).set('Cookie', cookieHeader(editorJar)).expect(200);
    expect(closed.text).toContain('Đã kết luận khiếu nại.');
    expect(closed.text).toContain('Đã gỡ sản phẩm.');
    // Closed: the service refuses further changes, shown on the page.
    const late = await postForm(t, editorJar, `/quan-ly/khieu-nai/${id}/tra-loi`, { message: 'Thêm' });
    expect(late.status).toBe(409);
  });
});
