import { createUser } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, cookiesOf, openForm, signIn } from '../web/web-helpers';

/** Browser-facing classes of issue 18 §8: CSRF binding, off-site links, body limits. */
describe('security: web pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('GET //evil.example/x renders a 404 whose links stay on this site', async () => {
    const res = await t.http.get('//evil.example/x').set('Accept', 'text/html').expect(404);
    const hrefs = [...res.text.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).not.toMatch(/^(\/\/|\/\\|[a-z]+:\/\/evil)/i);
    expect(res.text).toContain('href="/evil.example/x?lang=en"');
  });

  it('a CSRF token of a different byte length is a 403, not a 500', async () => {
    const form = await openForm(t, '/dang-nhap');
    const multibyte = 'é'.repeat(form.csrf.length);
    const res = await t.http
      .post('/dang-nhap')
      .type('form')
      .set('Cookie', cookieHeader(form.jar))
      .send({ _csrf: multibyte, email: 'a@example.vn', password: 'x' });
    expect(res.status).toBe(403);
  });

  it('a CSRF pair obtained by someone else does not pass for a signed-in session', async () => {
    const victim = await createUser(t, 'business');
    const jar = await signIn(t, victim.email, victim.password);
    // The attacker loads a form anonymously and plants that cookie + field pair in the victim's browser.
    const attacker = await openForm(t, '/dang-nhap');
    const planted = { ...jar, tf_csrf: attacker.jar.tf_csrf };
    const res = await t.http.post('/dang-xuat').type('form').set('Cookie', cookieHeader(planted)).send({ _csrf: attacker.csrf });
    expect(res.status).toBe(403);
    // The victim's own token still works.
    const own = await openForm(t, '/quan-ly', jar);
    await t.http.post('/dang-xuat').type('form').set('Cookie', cookieHeader(own.jar)).send({ _csrf: own.csrf }).expect(303);
  });

  it('a POST with a text/csv body outside the import route gets the ordinary body limit (413)', async () => {
    const res = await t.http
      .post('/api/v1/auth/register')
      .set('content-type', 'text/csv')
      .send(Buffer.alloc(2 * 1024 * 1024, 'a').toString());
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('security: web pages over https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { PUBLIC_BASE_URL: 'https://sangiaodich.example.vn' } });
  });
  afterAll(() => t.close());

  it('names the CSRF cookie with the __Host- prefix (Secure, Path=/, no Domain)', async () => {
    const res = await t.http.get('/dang-nhap').expect(200);
    const cookie = ((res.headers['set-cookie'] as unknown as string[]) ?? []).find((c) => c.includes('csrf'));
    expect(cookie).toMatch(/^__Host-tf_csrf=/);
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toMatch(/Domain=/i);
    const jar = cookiesOf(res);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)![1];
    const bad = await t.http
      .post('/dang-nhap')
      .type('form')
      .set('Cookie', cookieHeader(jar))
      .send({ _csrf: csrf, email: 'no@example.vn', password: 'wrong-password-1' });
    expect(bad.status).toBe(401);
  });
});
