import { createHash, randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
  auth: { Authorization: string };
}

export const PASSWORD = 'mat-khau-that-dai-123';

export async function login(t: TestApp, email: string, password: string): Promise<TestUser> {
  const res = await t.http.post('/api/v1/auth/login').send({ email, password }).expect(200);
  const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
  return {
    id: me.body.id,
    email,
    password,
    token: res.body.accessToken,
    refreshToken: res.body.refreshToken,
    auth: { Authorization: `Bearer ${res.body.accessToken}` },
  };
}

export function loginAdmin(t: TestApp): Promise<TestUser> {
  return login(t, t.config.adminEmail!, t.config.adminPassword!);
}

/**
 * Marks a registered account's email verified through the public endpoint, with a token the test
 * plants (the real one only travels by mail; test/security/abuse.e2e-spec.ts follows the mail).
 */
export async function verifyEmail(t: TestApp, email: string): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await t.dataSource.query(
    `INSERT INTO email_verification_tokens (token_hash, user_id, expires_at) SELECT $1, id, now() + interval '1 hour' FROM users WHERE email = $2`,
    [createHash('sha256').update(token).digest('hex'), email],
  );
  await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(200);
}

/**
 * Registers a user through the public API and verifies its email (like its owner following the
 * mailed link), unless `unverified`; editors and admins are promoted by the bootstrap admin.
 */
export async function createUser(
  t: TestApp,
  role: 'buyer' | 'business' | 'editor' | 'admin' = 'buyer',
  overrides: { email?: string; displayName?: string; unverified?: boolean } = {},
): Promise<TestUser> {
  const email = overrides.email ?? `${role}-${randomBytes(4).toString('hex')}@example.vn`;
  const registerRole = role === 'business' ? 'business' : 'buyer';
  await t.http
    .post('/api/v1/auth/register')
    .send({ email, password: PASSWORD, displayName: overrides.displayName ?? `Người dùng ${role}`, role: registerRole, acceptTerms: true })
    .expect(202);
  if (!overrides.unverified) await verifyEmail(t, email);
  if (role === 'editor' || role === 'admin') {
    const admin = await loginAdmin(t);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [email]);
    await t.http.patch(`/api/v1/admin/users/${id}/role`).set(admin.auth).send({ role }).expect(200);
  }
  return login(t, email, PASSWORD);
}

/** `/health/ready` as an administrator reads it (anonymous callers get up/down only, issue 18 §8). */
export async function readyDetails(t: TestApp, status = 200) {
  const admin = await loginAdmin(t);
  return t.http.get('/health/ready').set(admin.auth).expect(status);
}
