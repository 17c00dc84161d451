import { createHash } from 'node:crypto';
import { createUser, PASSWORD } from '../harness/auth';
import { FakeSmtpServer, readMail } from '../harness/fake-smtp-server';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, openForm, postForm, signIn } from '../web/web-helpers';
import { EmailVerification1765800000000 } from '../../libs/core/src/database/migrations/1765800000000-email-verification';

const ENV = { TRUST_PROXY: '1', REGISTER_MAX_PER_IP: '3', REGISTER_WINDOW_SECONDS: '3600' };

/** Issue 18 §6: self-registration is limited per client, does not tell which emails exist, and writes wait for a verified email. */
describe('security: self-registration abuse', () => {
  let t: TestApp;
  let replica: TestApp;
  let smtp: FakeSmtpServer;
  let n = 0;
  const register = (app: TestApp, email: string, client: string) =>
    app.http
      .post('/api/v1/auth/register')
      .set('x-forwarded-for', client)
      .send({ email, password: PASSWORD, displayName: 'Người bán thử', role: 'business', acceptTerms: true });
  // Each test registers from its own client address, so the per-client limit only bites where it is meant to.
  const client = () => `198.51.100.${++n}`;
  const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email)).map(readMail);
  const tokenIn = (text: string) => /\/xac-minh-email\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

  beforeAll(async () => {
    smtp = new FakeSmtpServer();
    const port = await smtp.start();
    const env = { ...ENV, SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'no-reply@san.example.vn' };
    t = await createTestApp({ env });
    replica = await createTestApp({ replicaOf: t, worker: false, env });
  });
  afterAll(async () => {
    await replica.close();
    await t.close();
    await smtp.stop();
  });

  it('limits registrations per client across API replicas (429, Retry-After), keyed by a hash of the address', async () => {
    const statuses = [
      (await register(t, 'gioi-han-1@example.vn', '203.0.113.50')).status,
      (await register(replica, 'gioi-han-2@example.vn', '203.0.113.50')).status,
      (await register(t, 'gioi-han-3@example.vn', '203.0.113.50')).status,
    ];
    expect(statuses).toEqual([202, 202, 202]);
    const refused = await register(replica, 'gioi-han-4@example.vn', '203.0.113.50').expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await register(t, 'gioi-han-5@example.vn', '203.0.113.50').expect(429);
    // Nothing was created for the refused ones; another client is not affected.
    expect(await t.dataSource.query(`SELECT email FROM users WHERE email IN ('gioi-han-4@example.vn', 'gioi-han-5@example.vn')`)).toEqual([]);
    await register(t, 'gioi-han-6@example.vn', '203.0.113.51').expect(202);
    const keys = (await t.dataSource.query(`SELECT key FROM rate_limit_buckets WHERE key LIKE 'register:%'`)).map((r: { key: string }) => r.key);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const key of keys) expect(key).not.toMatch(/203\.0\.113|\d+\.\d+\.\d+\.\d+/);
  });

  it('answers a taken email exactly like a new one, and mails the owner a notice instead of a 409', async () => {
    const fresh = await register(t, 'chu-that@example.vn', client()).expect(202);
    const taken = await register(t, 'chu-that@example.vn', client()).expect(202);
    expect(taken.body).toEqual(fresh.body);
    expect(Object.keys(taken.headers).sort()).toEqual(Object.keys(fresh.headers).sort());
    await t.drainJobs();
    const mails = mailsTo('chu-that@example.vn');
    expect(mails).toHaveLength(2);
    expect(mails.filter((m) => tokenIn(m.text))).toHaveLength(1);
    const notice = mails.find((m) => !tokenIn(m.text))!;
    expect(notice.subject).toContain('Có người thử đăng ký bằng email của bạn');
    // The second attempt changed nothing about the account.
    expect(await t.dataSource.query(`SELECT display_name FROM users WHERE email = 'chu-that@example.vn'`)).toHaveLength(1);
  });

  it('an unverified account signs in and reads, every write gets 403 EMAIL_NOT_VERIFIED until it follows its single-use link', async () => {
    const email = 'chua-xac-minh@example.vn';
    await register(t, email, client()).expect(202);
    await t.drainJobs();
    const token = tokenIn(mailsTo(email)[0].text)!;
    expect(token).toBeDefined();
    // Hashed at rest.
    const stored = (await t.dataSource.query(`SELECT token_hash FROM email_verification_tokens`)).map((r: { token_hash: string }) => r.token_hash);
    expect(stored).not.toContain(token);
    expect(stored).toContain(createHash('sha256').update(token).digest('hex'));

    const login = await t.http.post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const me = await t.http.get('/api/v1/me').set(auth).expect(200);
    expect(me.body.emailVerified).toBe(false);
    await t.http.get('/api/v1/me/enterprises').set(auth).expect(200);
    for (const write of [t.http.post('/api/v1/enterprises').set(auth).send({}), t.http.post('/api/v1/products').set(auth).send({})]) {
      const res = await write;
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        statusCode: 403,
        code: 'EMAIL_NOT_VERIFIED',
        message: expect.stringContaining('xác minh email'),
        requestId: expect.any(String),
      });
    }

    await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(200, { status: 'verified' });
    // Single use.
    const again = await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(400);
    expect(again.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'token' }] });
    expect((await t.http.get('/api/v1/me').set(auth).expect(200)).body.emailVerified).toBe(true);
    // Now the same write reaches validation (400), no longer the verification gate.
    const create = await t.http.post('/api/v1/enterprises').set(auth).send({});
    expect(create.status).toBe(400);
  });

  it('an expired link does not verify', async () => {
    const email = 'het-han@example.vn';
    await register(t, email, client()).expect(202);
    await t.drainJobs();
    const token = tokenIn(mailsTo(email)[0].text)!;
    await t.dataSource.query(`UPDATE email_verification_tokens SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`, [
      createHash('sha256').update(token).digest('hex'),
    ]);
    await t.http.post('/api/v1/auth/verify-email').send({ token }).expect(400);
    expect(await t.dataSource.query(`SELECT email_verified_at FROM users WHERE email = $1`, [email])).toEqual([{ email_verified_at: null }]);
  });

  it('resending the verification mail is limited per account (429 after 3 an hour)', async () => {
    const u = await createUser(t, 'business', { unverified: true });
    for (let i = 0; i < 3; i++) await t.http.post('/api/v1/auth/verify-email/resend').set(u.auth).expect(202, { status: 'verification_sent' });
    const res = await t.http.post('/api/v1/auth/verify-email/resend').set(u.auth).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    await t.drainJobs();
    // The registration mail plus the three resent ones, each with its own link.
    const links = mailsTo(u.email).map((m) => tokenIn(m.text));
    expect(links).toHaveLength(4);
    expect(new Set(links).size).toBe(4);
  });

  it('the web: an unverified seller sees the banner with "send again", form posts get the 403 page, the mailed link verifies', async () => {
    const email = 'web-chua-xac-minh@example.vn';
    await register(t, email, client()).expect(202);
    await t.drainJobs();
    const jar = await signIn(t, email, PASSWORD);
    const office = await openForm(t, '/quan-ly', jar);
    expect(office.html).toContain('id="email-not-verified"');
    await openForm(t, '/quan-ly/doanh-nghiep/moi', jar);
    const refused = await postForm(t, jar, '/quan-ly/doanh-nghiep/moi', { legalName: 'HTX Thử' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('xác minh email');
    const resent = await postForm(t, jar, '/xac-minh-email/gui-lai', {});
    expect(resent.status).toBe(303);
    expect(resent.headers.location).toBe('/quan-ly?done=verification-sent');

    const token = tokenIn(mailsTo(email)[0].text)!;
    const page = await t.http.get(`/xac-minh-email?token=${token}`).expect(200);
    expect(page.text).toContain('đã được xác minh');
    const after = await t.http.get('/quan-ly').set('Cookie', cookieHeader(jar)).expect(200);
    expect(after.text).not.toContain('id="email-not-verified"');
    // Verified: the same post now reaches the form's validation instead of the gate.
    expect((await postForm(t, jar, '/quan-ly/doanh-nghiep/moi', { legalName: 'HTX Thử' })).status).toBe(400);
    await t.http.get(`/xac-minh-email?token=${token}`).expect(400);
  });

  it('the migration marks every account that already exists verified (nobody is locked out)', async () => {
    const runner = t.dataSource.createQueryRunner();
    const migration = new EmailVerification1765800000000();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      await runner.query(
        `INSERT INTO users (email, display_name, password_hash, role, status) VALUES ('cu@example.vn', 'Tài khoản cũ', 'x', 'business', 'active')`,
      );
      await migration.up(runner);
      const [{ unverified }] = await runner.query(`SELECT count(*)::int AS unverified FROM users WHERE email_verified_at IS NULL`);
      expect(unverified).toBe(0);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
