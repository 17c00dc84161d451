import { randomBytes } from 'node:crypto';
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

/** Registers a user through the public API; editors and admins are promoted by the bootstrap admin. */
export async function createUser(
  t: TestApp,
  role: 'buyer' | 'business' | 'editor' | 'admin' = 'buyer',
  overrides: { email?: string; displayName?: string } = {},
): Promise<TestUser> {
  const email = overrides.email ?? `${role}-${randomBytes(4).toString('hex')}@example.vn`;
  const registerRole = role === 'business' ? 'business' : 'buyer';
  const reg = await t.http
    .post('/api/v1/auth/register')
    .send({ email, password: PASSWORD, displayName: overrides.displayName ?? `Người dùng ${role}`, role: registerRole })
    .expect(201);
  if (role === 'editor' || role === 'admin') {
    const admin = await loginAdmin(t);
    await t.http.patch(`/api/v1/admin/users/${reg.body.id}/role`).set(admin.auth).send({ role }).expect(200);
  }
  return login(t, email, PASSWORD);
}
