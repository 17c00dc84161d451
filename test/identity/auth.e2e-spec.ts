import { createUser, login, loginAdmin } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';

describe('identity: register, login, refresh rotation, logout, roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_PER_ACCOUNT: '3', LOGIN_MAX_PER_IP: '1000' } });
  });
  afterAll(() => t.close());

  it('registers a user without exposing password fields and normalises email and phone', async () => {
    const res = await t.http
      .post('/api/v1/auth/register')
      .send({ email: '  Chu.Ho@Example.VN ', password: 'mat-khau-dai-10', displayName: 'Chủ hộ', phone: '+84912345678', role: 'business', acceptTerms: true })
      .expect(202);
    expect(res.body).toMatchObject({ status: 'verification_sent' });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
    const [row] = await t.dataSource.query(`SELECT password_hash, phone, role, status, email_verified_at FROM users WHERE email = 'chu.ho@example.vn'`);
    expect(row).toMatchObject({ phone: '0912345678', role: 'business', status: 'active', email_verified_at: null });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers a duplicate email exactly like a new one (no 409 that tells which emails exist)', async () => {
    const res = await t.http
      .post('/api/v1/auth/register')
      .send({ email: 'chu.ho@example.vn', password: 'mat-khau-dai-10', displayName: 'Khác', role: 'buyer', acceptTerms: true })
      .expect(202);
    expect(res.body).toEqual({ status: 'verification_sent', message: expect.any(String) });
    const rows = await t.dataSource.query(`SELECT display_name FROM users WHERE email = 'chu.ho@example.vn'`);
    expect(rows).toEqual([{ display_name: 'Chủ hộ' }]);
  });

  it('rejects bad input with field-level details and writes nothing', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM users`);
    const res = await t.http
      .post('/api/v1/auth/register')
      .send({ email: 'not-an-email', password: 'short', displayName: 'X', phone: '0123', role: 'admin', isAdmin: true })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(typeof res.body.requestId).toBe('string');
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['displayName', 'email', 'isAdmin', 'password', 'phone', 'role']));
    const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM users`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('logs in, reads /me, and rejects a wrong password with 401', async () => {
    const u = await createUser(t, 'buyer');
    const me = await t.http.get('/api/v1/me').set(u.auth).expect(200);
    expect(me.body.email).toBe(u.email);
    const bad = await t.http.post('/api/v1/auth/login').send({ email: u.email, password: 'wrong-password-x' }).expect(401);
    expect(bad.body.code).toBe('INVALID_CREDENTIALS');
    await t.http.get('/api/v1/me').expect(401);
    await t.http.get('/api/v1/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
  });

  it('issues access tokens that live at most 15 minutes', async () => {
    const u = await createUser(t, 'buyer');
    const res = await t.http.post('/api/v1/auth/login').send({ email: u.email, password: u.password }).expect(200);
    expect(res.body.expiresIn).toBeLessThanOrEqual(900);
    const claims = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(900);
  });

  it('rotates refresh tokens and revokes the family when a used token is presented again', async () => {
    const u = await createUser(t, 'buyer');
    const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
    expect(first.body.refreshToken).not.toBe(u.refreshToken);
    const second = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);

    const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    // The whole family is gone, including the newest token the legitimate client holds.
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
  });

  it('logout revokes the session refresh token', async () => {
    const u = await createUser(t, 'buyer');
    await t.http.post('/api/v1/auth/logout').set(u.auth).send({ refreshToken: u.refreshToken }).expect(204);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
  });

  it('denies admin routes to non-admins and lets admins list users and change roles', async () => {
    const buyer = await createUser(t, 'buyer');
    const business = await createUser(t, 'business');
    await t.http.get('/api/v1/admin/users').set(buyer.auth).expect(403);
    await t.http.get('/api/v1/admin/users').set(business.auth).expect(403);
    await t.http.get('/api/v1/admin/users').expect(401);
    const admin = await loginAdmin(t);
    const list = await t.http.get('/api/v1/admin/users?role=business').set(admin.auth).expect(200);
    expect(list.body.items.every((u: { role: string }) => u.role === 'business')).toBe(true);
    await t.http.patch(`/api/v1/admin/users/${buyer.id}/role`).set(admin.auth).send({ role: 'editor' }).expect(200);
    const me = await t.http.get('/api/v1/me').set(buyer.auth).expect(200);
    expect(me.body.role).toBe('editor');
    await t.http.patch(`/api/v1/admin/users/${buyer.id}/role`).set(admin.auth).send({ role: 'superuser' }).expect(400);
    await t.http.patch(`/api/v1/admin/users/not-a-uuid/role`).set(admin.auth).send({ role: 'buyer' }).expect(400);
  });

  it('stops a disabled user at once: access token, refresh token and login all fail', async () => {
    const u = await createUser(t, 'business');
    const admin = await loginAdmin(t);
    await t.http.patch(`/api/v1/admin/users/${u.id}/status`).set(admin.auth).send({ status: 'disabled' }).expect(200);
    const res = await t.http.get('/api/v1/me').set(u.auth).expect(401);
    expect(res.body.code).toBe('ACCOUNT_DISABLED');
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: u.email, password: u.password }).expect(401);
  });

  it('throttles login per account with 429 and Retry-After', async () => {
    const u = await createUser(t, 'buyer');
    for (let i = 0; i < 3; i++) {
      await t.http.post('/api/v1/auth/login').send({ email: u.email, password: 'wrong-password-x' }).expect(401);
    }
    const res = await t.http.post('/api/v1/auth/login').send({ email: u.email, password: u.password }).expect(429);
    expect(res.body.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('bootstraps the admin idempotently', async () => {
    const rows = await t.dataSource.query(`SELECT role FROM users WHERE email = $1`, [t.config.adminEmail]);
    expect(rows).toEqual([{ role: 'admin' }]);
    const admin = await login(t, t.config.adminEmail!, t.config.adminPassword!);
    expect(admin.token).toBeTruthy();
  });
});

describe('identity: login throttling per IP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_MAX_PER_IP: '4', LOGIN_MAX_PER_ACCOUNT: '100' } });
  });
  afterAll(() => t.close());

  it('answers 429 once one address has tried too many accounts', async () => {
    for (let i = 0; i < 4; i++) {
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: `nobody${i}@example.vn`, password: 'whatever-123' })
        .expect(401);
    }
    const res = await t.http.post('/api/v1/auth/login').send({ email: 'nobody9@example.vn', password: 'whatever-123' }).expect(429);
    expect(res.headers['retry-after']).toBeDefined();
    // The limiter's keys live in the database: they hold a hash, not the client's address.
    const keys: Array<{ key: string }> = await t.dataSource.query(`SELECT key FROM rate_limit_buckets`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => /127\.0\.0\.1|::1|::ffff/.test(k.key))).toBe(false);
  });
});
