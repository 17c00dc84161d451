import { randomUUID } from 'node:crypto';
import { createUser, PASSWORD } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn } from './web-helpers';

/**
 * Domain errors carry a stable code and one bilingual message ("Vietnamese (English)") that the
 * JSON API sends unchanged; a page shows the message in its own language only.
 */
describe('web: errors in the language of the page', () => {
  let t: TestApp;
  let known: { email: string };
  const wrong = 'sai-mat-khau-10';

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    known = await createUser(t, 'buyer');
  });
  afterAll(() => t.close());

  it('keeps the API envelope as it is: code, bilingual message, field details, request id', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: known.email, password: wrong }).expect(401);
    expect(res.body).toMatchObject({
      statusCode: 401,
      code: 'INVALID_CREDENTIALS',
      message: 'Email hoặc mật khẩu không đúng (wrong email or password)',
    });
    expect(typeof res.body.requestId).toBe('string');
    const invalid = await t.http.post('/api/v1/auth/register').send({ email: 'not-an-email', password: PASSWORD, displayName: 'X', role: 'buyer' }).expect(400);
    expect(invalid.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(invalid.body.details.map((d: { field: string }) => d.field)).toContain('email');
  });

  it('shows a domain error in English on an English form', async () => {
    const form = await openForm(t, '/dang-nhap?lang=en');
    const res = await postForm(t, form.jar, '/dang-nhap', { email: known.email, password: wrong });
    expect(res.status).toBe(401);
    expect(res.text).toContain('<html lang="en"');
    expect(res.text).toContain('Wrong email or password');
    expect(res.text).not.toContain('Email hoặc mật khẩu không đúng');
  });

  it('shows the same error in Vietnamese only on a Vietnamese form', async () => {
    const form = await openForm(t, '/dang-nhap');
    const res = await postForm(t, form.jar, '/dang-nhap', { email: known.email, password: wrong });
    expect(res.status).toBe(401);
    expect(res.text).toContain('Email hoặc mật khẩu không đúng');
    expect(res.text).not.toContain('wrong email or password');
  });

  it('shows validation messages of the shared DTOs in English', async () => {
    const form = await openForm(t, '/dang-ky?lang=en');
    const res = await postForm(t, form.jar, '/dang-ky', { role: 'buyer', displayName: 'Someone', email: 'not-an-email', password: 'mat-khau-dai-10' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Invalid email');
    expect(res.text).not.toContain('Email không hợp lệ');
  });

  it('shows a back office domain error (an unknown product) as an English error page', async () => {
    const seller = await createUser(t, 'business');
    const jar = await signIn(t, seller.email, PASSWORD);
    const res = await t.http.get(`/quan-ly/san-pham/${randomUUID()}?lang=en`).set('Cookie', cookieHeader(jar)).expect(404);
    expect(res.text).toContain('Product not found');
    expect(res.text).not.toContain('Sản phẩm không tồn tại');
  });
});
