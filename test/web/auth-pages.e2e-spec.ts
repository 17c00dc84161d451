import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, cookiesOf, openForm, postForm, signIn } from './web-helpers';

describe('web: registration, sign-in and the back office with cookie sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('registers a seller through the form, signs in, sees the back office and signs out', async () => {
    const reg = await openForm(t, '/dang-ky?role=business');
    expect(reg.html).toMatch(/value="business" checked/);
    await t.http
      .post('/dang-ky')
      .type('form')
      .set('Cookie', cookieHeader(reg.jar))
      .send({
        _csrf: reg.csrf,
        role: 'business',
        displayName: 'Hộ kinh doanh Bà Sáu',
        email: 'ba.sau@example.vn',
        password: 'mat-khau-dai-10',
        phone: '0912345678',
        acceptTerms: 'yes',
      })
      .expect(303)
      .expect('location', '/dang-nhap?registered=1');

    const login = await openForm(t, '/dang-nhap?registered=1', reg.jar);
    expect(login.html).toContain('Đã nhận đăng ký');
    const signedIn = await t.http
      .post('/dang-nhap')
      .type('form')
      .set('Cookie', cookieHeader(login.jar))
      .send({ _csrf: login.csrf, email: 'Ba.Sau@example.vn', password: 'mat-khau-dai-10' })
      .expect(303)
      .expect('location', '/quan-ly');
    const session = { ...login.jar, ...cookiesOf(signedIn) };
    expect(([] as string[]).concat(signedIn.headers['set-cookie']).join('\n')).toMatch(/tf_at=[^;]+; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly/);

    const office = await t.http.get('/quan-ly').set('Cookie', cookieHeader(session)).expect(200);
    expect(office.text).toContain('Hộ kinh doanh Bà Sáu');
    // Not verified yet: the back office says so and offers to send the mail again.
    expect(office.text).toContain('id="email-not-verified"');
    expect(office.text).toContain('action="/xac-minh-email/gui-lai"');
    expect(office.headers['cache-control']).toContain('no-store');
    // The header offers the back office instead of signing in, on public pages too.
    const nav = (page: string) => /<nav class="main"[\s\S]*?<\/nav>/.exec(page)![0];
    expect(nav(office.text)).toContain('<a href="/quan-ly" aria-current="page">Trang quản lý</a>');
    const home = await t.http.get('/').set('Cookie', cookieHeader(session)).expect(200);
    expect(nav(home.text)).toContain('<a href="/quan-ly">Trang quản lý</a>');
    expect(nav(home.text)).not.toContain('/dang-nhap');
    expect(nav((await t.http.get('/').expect(200)).text)).toContain('<a href="/dang-nhap">Đăng nhập</a>');

    const csrf = /name="_csrf" value="([^"]+)"/.exec(office.text)![1];
    await t.http.post('/dang-xuat').type('form').set('Cookie', cookieHeader(session)).send({ _csrf: csrf }).expect(303);
    const revoked = await t.dataSource.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE revoked_at IS NULL`);
    expect(revoked[0].n).toBe(0);
  });

  it('shows field errors in the form for bad input and creates nothing', async () => {
    const reg = await openForm(t, '/dang-ky');
    const res = await postForm(t, reg.jar, '/dang-ky', { role: 'buyer', displayName: 'A', email: 'khong-phai-email', password: 'ngan', phone: '0123' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('Email không hợp lệ');
    expect(res.text).toContain('value="khong-phai-email"');
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = 'khong-phai-email'`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a form post without the CSRF token', async () => {
    await t.http.post('/dang-nhap').type('form').send({ email: 'a@b.vn', password: 'whatever-123' }).expect(403);
  });

  describe('a form posted with an expired or missing CSRF token', () => {
    const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const EXPIRED = 'Phiên làm việc đã hết hạn — vui lòng tải lại trang và thử lại';
    const backField = (page: string) => /name="_back" value="([^"]*)"/.exec(page)?.[1].replace(/&amp;/g, '&');

    it('shows a browser the "session expired" page (403) with a link back to the form, and signs nobody in', async () => {
      const login = await openForm(t, '/dang-nhap?registered=1');
      expect(backField(login.html)).toBe('/dang-nhap?registered=1');
      const res = await t.http
        .post('/dang-nhap')
        .type('form')
        .set('Accept', BROWSER_ACCEPT)
        .set('Cookie', cookieHeader(login.jar))
        .send({ _csrf: 'x'.repeat(login.csrf.length), _back: backField(login.html), email: t.config.adminEmail, password: t.config.adminPassword })
        .expect(403);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toMatch(/^<!doctype html><html lang="vi">/);
      expect(res.text).toContain('<h1>Phiên làm việc đã hết hạn</h1>');
      expect(res.text).toContain(EXPIRED);
      expect(res.text).toContain('<a href="/dang-nhap?registered=1">Tải lại trang và thử lại</a>');
      expect(cookiesOf(res).tf_at).toBeUndefined();

      const en = await t.http.post('/dang-nhap').type('form').set('Accept', BROWSER_ACCEPT).set('Cookie', 'lang=en').send({ _back: '/dang-nhap' }).expect(403);
      expect(en.text).toContain('<h1>Your session has expired</h1>');
      expect(en.text).toContain('<a href="/dang-nhap">Reload the page and try again</a>');
    });

    it('links home instead of to another site or a script', async () => {
      for (const back of ['//evil.example/dang-nhap', 'https://evil.example/', 'javascript:alert(1)', '/\\evil.example', '/a"><script>alert(1)</script>']) {
        const res = await t.http.post('/dang-xuat').type('form').set('Accept', BROWSER_ACCEPT).send({ _back: back }).expect(403);
        expect(res.text).toContain(EXPIRED);
        expect(res.text).toContain('<p><a href="/">Về trang chủ</a></p>');
        expect(res.text).not.toContain('evil.example');
        expect(res.text).not.toContain('<script>alert');
      }
    });

    it('keeps the JSON envelope for API clients', async () => {
      for (const accept of [undefined, 'application/json', '*/*']) {
        const req = t.http.post('/dang-nhap').type('form');
        if (accept) void req.set('Accept', accept);
        const res = await req.send({ email: 'a@b.vn', password: 'whatever-123' }).expect(403);
        expect(res.headers['content-type']).toMatch(/application\/json/);
        expect(res.body).toMatchObject({ statusCode: 403, code: 'CSRF_FAILED', requestId: expect.any(String) });
      }
    });

    it('keeps the page the form came from when the form is shown again with errors', async () => {
      const reg = await openForm(t, '/dang-ky?role=business');
      const res = await postForm(t, reg.jar, '/dang-ky', {
        _back: backField(reg.html)!,
        role: 'business',
        displayName: 'A',
        email: 'khong-phai-email',
        password: 'ngan',
      });
      expect(res.status).toBe(400);
      expect(backField(res.text)).toBe('/dang-ky?role=business');
    });
  });

  it('reports wrong credentials on the page', async () => {
    const login = await openForm(t, '/dang-nhap');
    const res = await postForm(t, login.jar, '/dang-nhap', { email: 'nobody@example.vn', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('role="alert"');
  });

  it('renews an expired access cookie from the refresh cookie, and sends strangers to sign in', async () => {
    await t.http.get('/quan-ly').expect(303).expect('location', '/dang-nhap');
    const jar = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    const onlyRefresh = { tf_rt: jar.tf_rt };
    const res = await t.http.get('/quan-ly').set('Cookie', cookieHeader(onlyRefresh)).expect(200);
    expect(res.text).toContain('Quản trị viên');
    expect(cookiesOf(res).tf_rt).not.toBe(jar.tf_rt);
  });
});
