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
  const taken = { email: 'da.co@example.vn', password: 'mat-khau-dai-10', displayName: 'Đã có', role: 'buyer' };

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    await t.http.post('/api/v1/auth/register').send(taken).expect(201);
  });
  afterAll(() => t.close());

  it('keeps the API envelope as it is: code, bilingual message, field details, request id', async () => {
    const res = await t.http.post('/api/v1/auth/register').send(taken).expect(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      code: 'EMAIL_TAKEN',
      message: 'Email đã được đăng ký (email already registered)',
      details: [{ field: 'email', message: 'Email đã được đăng ký (email already registered)' }],
    });
    expect(typeof res.body.requestId).toBe('string');
  });

  it('shows a domain error and its field message in English on an English form', async () => {
    const form = await openForm(t, '/dang-ky?lang=en');
    const res = await postForm(t, form.jar, '/dang-ky', { ...taken, displayName: 'Someone else' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('<html lang="en"');
    expect(res.text).toContain('This email is already registered');
    expect(res.text).toContain('Email already registered');
    expect(res.text).not.toContain('Email đã được đăng ký');
  });

  it('shows the same error in Vietnamese only on a Vietnamese form', async () => {
    const form = await openForm(t, '/dang-ky');
    const res = await postForm(t, form.jar, '/dang-ky', { ...taken, displayName: 'Người khác' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Email đã được đăng ký');
    expect(res.text).not.toContain('email already registered');
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
