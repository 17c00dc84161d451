import { createUser, login } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { dangers } from '../fixtures/xss-vectors';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn, type CookieJar } from './web-helpers';

describe('web: back office of editors and admins', () => {
  let t: TestApp;
  let admin: CookieJar;
  let editor: CookieJar;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    const ed = await createUser(t, 'editor');
    editor = await signIn(t, ed.email, ed.password);
  });
  afterAll(() => t.close());

  describe('verification queue', () => {
    it('lists pending enterprises oldest first with their identity data, and verifies one', async () => {
      const older = await createVerifiedEnterprise(t, { status: 'pending_verification', displayName: 'HTX Bưởi Da Xanh <Cầu Kè>' });
      await t.dataSource.query(
        `UPDATE enterprises SET submitted_at = now() - interval '2 days', tax_code = '2100123456', representative = 'Nguyễn Văn Ba' WHERE id = $1`,
        [older.id],
      );
      const newer = await createVerifiedEnterprise(t, { status: 'pending_verification', displayName: 'Hộ Bà Tư' });
      await t.dataSource.query(`UPDATE enterprises SET submitted_at = now() - interval '1 day' WHERE id = $1`, [newer.id]);

      const page = await openForm(t, '/quan-ly/duyet-doanh-nghiep', admin);
      expect(page.html).toContain('HTX Bưởi Da Xanh &lt;Cầu Kè&gt;');
      expect(page.html).toContain('2100123456');
      expect(page.html).toContain('Nguyễn Văn Ba');
      expect(page.html.indexOf('HTX Bưởi Da Xanh')).toBeLessThan(page.html.indexOf('Hộ Bà Tư'));

      const res = await postForm(t, admin, `/quan-ly/duyet-doanh-nghiep/${older.id}/verify`, {});
      expect(res.status).toBe(303);
      expect(res.headers.location).toContain('done=verify');
      await t.http.get(`/api/v1/enterprises/${older.slug}`).expect(200);
      const after = await t.http.get(res.headers.location).set('Cookie', cookieHeader(admin)).expect(200);
      expect(after.text).toContain('Đã xác minh doanh nghiệp.');
    });

    it('rejects with a reason, shows the form again for a short reason, and suspends a verified one', async () => {
      const e = await createVerifiedEnterprise(t, { status: 'pending_verification' });
      await openForm(t, '/quan-ly/duyet-doanh-nghiep', admin);
      const short = await postForm(t, admin, `/quan-ly/duyet-doanh-nghiep/${e.id}/reject`, { reason: 'ab' });
      expect(short.status).toBe(400);
      expect(short.text).toContain('aria-invalid="true"');
      expect(short.text).toContain('Lý do tối thiểu 5 ký tự');
      let [row] = await t.dataSource.query(`SELECT status FROM enterprises WHERE id = $1`, [e.id]);
      expect(row.status).toBe('pending_verification');

      await postForm(t, admin, `/quan-ly/duyet-doanh-nghiep/${e.id}/reject`, { reason: 'Mã số thuế không khớp giấy phép' }).then((r) =>
        expect(r.status).toBe(303),
      );
      [row] = await t.dataSource.query(`SELECT status, rejection_reason FROM enterprises WHERE id = $1`, [e.id]);
      expect(row).toEqual({ status: 'rejected', rejection_reason: 'Mã số thuế không khớp giấy phép' });

      const v = await createVerifiedEnterprise(t);
      await postForm(t, admin, `/quan-ly/duyet-doanh-nghiep/${v.id}/suspend`, { reason: 'Vi phạm quy chế sàn' }).then((r) => expect(r.status).toBe(303));
      await t.http.get(`/api/v1/enterprises/${v.slug}`).expect(404);
      const suspended = await t.http.get('/quan-ly/duyet-doanh-nghiep?status=suspended').set('Cookie', cookieHeader(admin)).expect(200);
      expect(suspended.text).toContain(`/quan-ly/duyet-doanh-nghiep/${v.id}/reinstate`);
      await postForm(t, admin, `/quan-ly/duyet-doanh-nghiep/${v.id}/reinstate`, {}).then((r) => expect(r.status).toBe(303));
      await t.http.get(`/api/v1/enterprises/${v.slug}`).expect(200);
    });

    it('answers a wrong state with a message, a bad id with a 404 page, and a missing CSRF token with 403', async () => {
      const v = await createVerifiedEnterprise(t);
      const conflict = await postForm(t, admin, `/quan-ly/duyet-doanh-nghiep/${v.id}/verify`, {});
      expect(conflict.status).toBe(409);
      expect(conflict.text).toContain('role="alert"');
      const bad = await postForm(t, admin, `/quan-ly/duyet-doanh-nghiep/khong-phai-id/verify`, {});
      expect(bad.status).toBe(404);
      expect(bad.headers['content-type']).toContain('text/html');

      const p = await createVerifiedEnterprise(t, { status: 'pending_verification' });
      await t.http.post(`/quan-ly/duyet-doanh-nghiep/${p.id}/verify`).type('form').set('Cookie', cookieHeader(admin)).send({}).expect(403);
      const [row] = await t.dataSource.query(`SELECT status FROM enterprises WHERE id = $1`, [p.id]);
      expect(row.status).toBe('pending_verification');
    });

    it('is for admins only: editors get a 403 page, strangers go to sign in', async () => {
      const res = await t.http.get('/quan-ly/duyet-doanh-nghiep').set('Cookie', cookieHeader(editor)).expect(403);
      expect(res.text).toContain('Không có quyền truy cập');
      const e = await createVerifiedEnterprise(t, { status: 'pending_verification' });
      await openForm(t, '/quan-ly', editor);
      expect((await postForm(t, editor, `/quan-ly/duyet-doanh-nghiep/${e.id}/verify`, {})).status).toBe(403);
      await t.http.get('/quan-ly/duyet-doanh-nghiep').expect(303).expect('location', '/dang-nhap');
    });
  });

  describe('moderation queue', () => {
    it('shows a pending product with its preview; approving makes it public', async () => {
      const e = await createVerifiedEnterprise(t, { displayName: 'HTX Dừa Sáp Cầu Kè' });
      const p = await createProduct(t, e.id, { name: 'Dừa sáp Cầu Kè loại 1', status: 'pending_review', priceVnd: 150_000, unit: 'trái' });
      await t.dataSource.query(`UPDATE products SET submitted_at = now() WHERE id = $1`, [p.id]);
      await t.http.get(`/api/v1/products/${p.slug}`).expect(404);

      const page = await openForm(t, '/quan-ly/duyet-san-pham', editor);
      expect(page.html).toContain('Dừa sáp Cầu Kè loại 1');
      expect(page.html).toContain('HTX Dừa Sáp Cầu Kè');
      expect(page.html).toContain('150.000');
      expect(page.html).toContain('đặc sản Trà Vinh');

      const res = await postForm(t, editor, `/quan-ly/duyet-san-pham/${p.id}/approve`, {});
      expect(res.status).toBe(303);
      const pub = await t.http.get(`/api/v1/products/${p.slug}`).expect(200);
      expect(pub.body.name).toBe('Dừa sáp Cầu Kè loại 1');
    });

    it('rejects with a reason the owner sees through the API', async () => {
      const e = await createVerifiedEnterprise(t);
      const p = await createProduct(t, e.id, { name: 'Kẹo dừa sữa', status: 'pending_review' });
      await openForm(t, '/quan-ly/duyet-san-pham', admin);
      const empty = await postForm(t, admin, `/quan-ly/duyet-san-pham/${p.id}/reject`, { reason: '' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('aria-invalid="true"');
      await postForm(t, admin, `/quan-ly/duyet-san-pham/${p.id}/reject`, { reason: 'Ảnh sản phẩm không rõ nét' }).then((r) => expect(r.status).toBe(303));
      const owner = await login(t, e.owner.email, e.owner.password);
      const mine = await t.http.get(`/api/v1/products/by-id/${p.id}`).set(owner.auth).expect(200);
      expect(mine.body).toMatchObject({ status: 'rejected', rejectionReason: 'Ảnh sản phẩm không rõ nét' });
    });
  });

  describe('bulletins editor', () => {
    async function category(): Promise<string> {
      const [row] = await t.dataSource.query(`SELECT id FROM bulletin_categories ORDER BY position, id LIMIT 1`);
      return row.id;
    }

    it('lets an editor write a bulletin with hostile HTML, preview it neutralised, and publish it', async () => {
      const form = await openForm(t, '/quan-ly/ban-tin/moi', editor);
      expect(form.html).toContain('name="categoryId"');
      // The toolbar's button names come from the page's language (the script only draws them).
      expect(form.html).toContain('data-labels="Chữ đậm|Chữ nghiêng|Tiêu đề mục|Đoạn văn|Danh sách|Liên kết"');
      const english = await t.http.get('/quan-ly/ban-tin/moi?lang=en').set('Cookie', cookieHeader(editor)).expect(200);
      expect(english.text).toContain('data-labels="Bold|Italic|Section heading|Paragraph|Bulleted list|Link"');
      const created = await postForm(t, editor, '/quan-ly/ban-tin/moi', {
        title: 'Hội chợ OCOP Vĩnh Long 2025',
        summary: 'Hơn 200 gian hàng đặc sản.',
        body: '<p>Khai mạc <strong>sáng thứ Bảy</strong>.</p><script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">xem</a>',
        categoryId: await category(),
        tags: 'OCOP, hội chợ',
        authorByline: 'Phòng Thương mại',
        kind: 'article',
      });
      expect(created.status).toBe(303);
      const id = /\/quan-ly\/ban-tin\/([0-9a-f-]{36})/.exec(created.headers.location)![1];

      const preview = await t.http.get(`/quan-ly/ban-tin/${id}/xem-truoc`).set('Cookie', cookieHeader(editor)).expect(200);
      expect(preview.text).toContain('Xem trước');
      expect(preview.text).toContain('<strong>sáng thứ Bảy</strong>');
      const body = /<div class="body">([\s\S]*?)<\/div>\n/.exec(preview.text)![1];
      expect(dangers(body)).toEqual([]);
      expect(preview.text).not.toContain('alert(1)');

      const edit = await openForm(t, created.headers.location, editor);
      expect(edit.html).toContain('Đã tạo bản nháp.');
      const published = await postForm(t, editor, `/quan-ly/ban-tin/${id}/xuat-ban`, { publishAt: '' });
      expect(published.status).toBe(303);
      const list = await t.http.get('/api/v1/bulletins').expect(200);
      expect(list.body.items.map((b: { title: string }) => b.title)).toContain('Hội chợ OCOP Vĩnh Long 2025');
    });

    it('shows field errors for bad input and writes nothing', async () => {
      await openForm(t, '/quan-ly/ban-tin/moi', editor);
      const res = await postForm(t, editor, '/quan-ly/ban-tin/moi', {
        title: 'A',
        summary: '',
        body: '<p>x</p>',
        categoryId: 'khong-phai',
        kind: 'event',
        startsAt: '2030-02-31T08:00',
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Tiêu đề tối thiểu 3 ký tự');
      expect(res.text).toContain('aria-invalid="true"');
      expect(res.text).toMatch(/id="f-startsAt-error"/);
      const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM bulletins WHERE title = 'A'`);
      expect(row.n).toBe(0);
    });

    it('stores event times typed in Vietnam time as UTC and schedules publishing', async () => {
      await openForm(t, '/quan-ly/ban-tin/moi', admin);
      const created = await postForm(t, admin, '/quan-ly/ban-tin/moi', {
        title: 'Phiên chợ nông sản cuối tuần',
        summary: 'Chợ phiên tại quảng trường.',
        body: '<p>Mời bà con tham gia.</p>',
        categoryId: await category(),
        kind: 'event',
        startsAt: '2030-05-01T08:00',
        endsAt: '2030-05-01T17:30',
        location: 'Quảng trường tỉnh',
        organiser: 'Sở Công Thương',
      });
      expect(created.status).toBe(303);
      const id = /([0-9a-f-]{36})/.exec(created.headers.location)![1];
      const [ev] = await t.dataSource.query(`SELECT event_starts_at, event_ends_at FROM bulletins WHERE id = $1`, [id]);
      expect(ev.event_starts_at.toISOString()).toBe('2030-05-01T01:00:00.000Z');
      expect(ev.event_ends_at.toISOString()).toBe('2030-05-01T10:30:00.000Z');

      await postForm(t, admin, `/quan-ly/ban-tin/${id}/xuat-ban`, { publishAt: '2030-04-20T07:00' }).then((r) => expect(r.status).toBe(303));
      const [row] = await t.dataSource.query(`SELECT status, publish_at FROM bulletins WHERE id = $1`, [id]);
      expect(row.status).toBe('scheduled');
      expect(row.publish_at.toISOString()).toBe('2030-04-20T00:00:00.000Z');
      const page = await t.http.get('/quan-ly/ban-tin?status=scheduled').set('Cookie', cookieHeader(admin)).expect(200);
      expect(page.text).toContain('Phiên chợ nông sản cuối tuần');
      await t.http.get('/quan-ly/ban-tin/00000000-0000-0000-0000-000000000000').set('Cookie', cookieHeader(admin)).expect(404);
      await t.http.get('/quan-ly/ban-tin/khong-co').set('Cookie', cookieHeader(admin)).expect(404);
    });
  });

  describe('users and roles', () => {
    it('lets an admin find a user, make them an editor, and disable then enable them, but not themselves', async () => {
      const u = await createUser(t, 'buyer', { displayName: 'Chị Năm <Bến Tre>' });
      const page = await openForm(t, `/quan-ly/nguoi-dung?q=${encodeURIComponent(u.email)}`, admin);
      expect(page.html).toContain('Chị Năm &lt;Bến Tre&gt;');
      expect(page.html).not.toContain(`/quan-ly/nguoi-dung/${(await login(t, t.config.adminEmail!, t.config.adminPassword!)).id}/vai-tro`);

      await postForm(t, admin, `/quan-ly/nguoi-dung/${u.id}/vai-tro`, { role: 'editor' }).then((r) => expect(r.status).toBe(303));
      await postForm(t, admin, `/quan-ly/nguoi-dung/${u.id}/trang-thai`, { status: 'disabled' }).then((r) => expect(r.status).toBe(303));
      let [row] = await t.dataSource.query(`SELECT role, status FROM users WHERE id = $1`, [u.id]);
      expect(row).toEqual({ role: 'editor', status: 'disabled' });
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: u.email, password: u.password })
        .expect((r) => expect(r.status).not.toBe(200));
      await postForm(t, admin, `/quan-ly/nguoi-dung/${u.id}/trang-thai`, { status: 'active' }).then((r) => expect(r.status).toBe(303));
      [row] = await t.dataSource.query(`SELECT status FROM users WHERE id = $1`, [u.id]);
      expect(row.status).toBe('active');

      const me = await login(t, t.config.adminEmail!, t.config.adminPassword!);
      const self = await postForm(t, admin, `/quan-ly/nguoi-dung/${me.id}/trang-thai`, { status: 'disabled' });
      expect(self.status).toBe(400);
      const bad = await postForm(t, admin, `/quan-ly/nguoi-dung/${u.id}/vai-tro`, { role: 'superuser' });
      expect(bad.status).toBe(400);
    });

    it('is closed to editors (403)', async () => {
      const res = await t.http.get('/quan-ly/nguoi-dung').set('Cookie', cookieHeader(editor)).expect(403);
      expect(res.headers['content-type']).toContain('text/html');
    });
  });

  describe('statistics', () => {
    it('draws OCOP stars, enterprise kinds and communes as SVG with the right numbers', async () => {
      const e = await createVerifiedEnterprise(t, { kind: 'household' });
      await createProduct(t, e.id, { name: 'Bưởi năm roi', ocopStars: 5 });
      await createProduct(t, e.id, { name: 'Mật ong rừng', ocopStars: 4, potentialFiveStar: true });
      await createProduct(t, e.id, { name: 'Bánh tét lá cẩm', ocopStars: 4 });
      await createProduct(t, e.id, { name: 'Chuối sấy', ocopStars: 4 });
      const overview = (await t.http.get('/api/v1/stats/overview').expect(200)).body;
      const res = await t.http.get('/quan-ly/thong-ke').set('Cookie', cookieHeader(editor)).expect(200);
      const ocop = /<figure class="chart" aria-labelledby="ocop-cap">([\s\S]*?)<\/figure>/.exec(res.text)![1];
      expect(ocop).toContain('role="img"');
      expect(ocop).toContain('<title id="ocop-title">Sản phẩm OCOP theo số sao</title>');
      const values = [...ocop.matchAll(/data-value="(\d+)"/g)].map((m) => Number(m[1]));
      // The only OCOP certificates of this suite: one 5-star, one potential 5-star (4 stars), two 4-star.
      expect(values).toEqual([1, 1, 2, 0]);
      expect(values).toEqual([overview.ocop.fiveStar, overview.ocop.potentialFiveStar, overview.ocop.fourStar, overview.ocop.threeStar]);
      expect(ocop).toContain('<td>Tiềm năng 5 sao</td><td class="num">1</td>');
      const kinds = /<figure class="chart" aria-labelledby="kinds-cap">([\s\S]*?)<\/figure>/.exec(res.text)![1];
      expect(kinds).toContain('<td>Hộ kinh doanh</td><td class="num">1</td>');
      expect(res.text).toContain('href="/api/v1/stats/communes.csv"');
      expect(res.text).toContain('aria-labelledby="communes-cap"');
    });
  });

  it('keeps buyers and sellers out of every back office page', async () => {
    const buyer = await createUser(t, 'buyer');
    const seller = await createUser(t, 'business');
    const paths = [
      '/quan-ly/duyet-doanh-nghiep',
      '/quan-ly/duyet-san-pham',
      '/quan-ly/ban-tin',
      '/quan-ly/ban-tin/moi',
      '/quan-ly/nguoi-dung',
      '/quan-ly/thong-ke',
    ];
    for (const u of [buyer, seller]) {
      const jar = await signIn(t, u.email, u.password);
      for (const path of paths) await t.http.get(path).set('Cookie', cookieHeader(jar)).expect(403);
    }
  });
});
