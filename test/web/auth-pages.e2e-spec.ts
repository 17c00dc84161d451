import { createTestApp, type TestApp } from '../harness/test-app';

function cookiesOf(res: { headers: Record<string, unknown> }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of (res.headers['set-cookie'] as string[] | undefined) ?? []) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
  }
  return out;
}

function cookieHeader(jar: Record<string, string>): string {
  return Object.entries(jar)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('; ');
}

/** Loads a form page and returns its CSRF value plus the cookies a browser would hold. */
async function openForm(t: TestApp, path: string, jar: Record<string, string> = {}) {
  const res = await t.http.get(path).set('Cookie', cookieHeader(jar)).expect(200);
  Object.assign(jar, cookiesOf(res));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
  if (!csrf) throw new Error(`no CSRF field on ${path}`);
  return { csrf, jar, html: res.text };
}

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
      .send({ _csrf: reg.csrf, role: 'business', displayName: 'Hộ kinh doanh Bà Sáu', email: 'ba.sau@example.vn', password: 'mat-khau-dai-10', phone: '0912345678' })
      .expect(303)
      .expect('location', '/dang-nhap?registered=1');

    const login = await openForm(t, '/dang-nhap?registered=1', reg.jar);
    expect(login.html).toContain('Đăng ký thành công');
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
    expect(office.headers['cache-control']).toContain('no-store');

    const csrf = /name="_csrf" value="([^"]+)"/.exec(office.text)![1];
    await t.http.post('/dang-xuat').type('form').set('Cookie', cookieHeader(session)).send({ _csrf: csrf }).expect(303);
    const revoked = await t.dataSource.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE revoked_at IS NULL`);
    expect(revoked[0].n).toBe(0);
  });

  it('shows field errors in the form for bad input and creates nothing', async () => {
    const reg = await openForm(t, '/dang-ky');
    const res = await t.http
      .post('/dang-ky')
      .type('form')
      .set('Cookie', cookieHeader(reg.jar))
      .send({ _csrf: reg.csrf, role: 'buyer', displayName: 'A', email: 'khong-phai-email', password: 'ngan', phone: '0123' })
      .expect(400);
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('Email không hợp lệ');
    expect(res.text).toContain('value="khong-phai-email"');
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = 'khong-phai-email'`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a form post without the CSRF token', async () => {
    await t.http.post('/dang-nhap').type('form').send({ email: 'a@b.vn', password: 'whatever-123' }).expect(403);
  });

  it('reports wrong credentials on the page', async () => {
    const login = await openForm(t, '/dang-nhap');
    const res = await t.http
      .post('/dang-nhap')
      .type('form')
      .set('Cookie', cookieHeader(login.jar))
      .send({ _csrf: login.csrf, email: 'nobody@example.vn', password: 'wrong-password' })
      .expect(401);
    expect(res.text).toContain('role="alert"');
  });

  it('renews an expired access cookie from the refresh cookie, and sends strangers to sign in', async () => {
    await t.http.get('/quan-ly').expect(303).expect('location', '/dang-nhap');
    const login = await openForm(t, '/dang-nhap');
    const signedIn = await t.http
      .post('/dang-nhap')
      .type('form')
      .set('Cookie', cookieHeader(login.jar))
      .send({ _csrf: login.csrf, email: t.config.adminEmail, password: t.config.adminPassword })
      .expect(303);
    const jar = cookiesOf(signedIn);
    const onlyRefresh = { tf_rt: jar.tf_rt };
    const res = await t.http.get('/quan-ly').set('Cookie', cookieHeader(onlyRefresh)).expect(200);
    expect(res.text).toContain('Quản trị viên');
    expect(cookiesOf(res).tf_rt).not.toBe(jar.tf_rt);
  });
});
