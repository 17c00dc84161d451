import { Writable } from 'node:stream';
import { HealthChecks, JobQueue, createLogger } from '@tradefloor/core';
import { createUser, loginAdmin } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';

const login = (t: TestApp, email: string, password: string, client: string) =>
  t.http.post('/api/v1/auth/login').set('x-forwarded-for', client).send({ email, password });

/** Abuse limits of issue 18 §4, §5 and §8, behind one proxy (TRUST_PROXY=1) as in production. */
describe('security: per-IP sign-in limit behind a proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false, env: { TRUST_PROXY: '1', LOGIN_MAX_PER_IP: '8' } });
  });
  afterAll(() => t.close());

  it('forged left-most X-Forwarded-For entries do not escape the per-IP login limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      // The client writes the first entry; the proxy appends the address it saw.
      const res = await login(t, `nobody${i}@example.vn`, 'wrong-password-x', `10.9.${i}.1, 203.0.113.9`);
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(8)).toEqual([429, 429]);
  });
});

describe('security: sign-in abuse limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1', LOGIN_MAX_PER_IP: '1000', LOGIN_MAX_PER_ACCOUNT: '5' } });
  });
  afterAll(() => t.close());

  it('counts an account attempt before the password check: 12 parallel guesses get at most 5 verifications', async () => {
    const u = await createUser(t, 'buyer');
    const results = await Promise.all(Array.from({ length: 12 }, () => login(t, u.email, 'wrong-password-x', '198.51.100.20')));
    const verified = results.filter((r) => r.status === 401).length;
    const refused = results.filter((r) => r.status === 429);
    expect(verified).toBeLessThanOrEqual(5);
    expect(verified + refused.length).toBe(12);
    expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);
  });

  it('an attacker failing from another client does not lock the owner out; the attacker waits (429, Retry-After)', async () => {
    const owner = await createUser(t, 'business');
    const attacker: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 10; i++) {
      const res = await login(t, owner.email, 'guessed-password-1', '198.51.100.66');
      attacker.push(res.status);
      if (res.status === 429) retryAfter = Number(res.headers['retry-after']);
    }
    expect(attacker.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(attacker.slice(5).every((s) => s === 429)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    await login(t, owner.email, owner.password, '203.0.113.77').expect(200);
  });

  it('stores no email address or IP in rate-limit keys', async () => {
    const keys = (await t.dataSource.query(`SELECT key FROM rate_limit_buckets UNION ALL SELECT key FROM login_throttle`)).map((r: { key: string }) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).not.toMatch(/@|example\.vn|\d+\.\d+\.\d+\.\d+/);
  });

  it('purges expired rate-limit buckets, throttle rows and refresh tokens with recurring jobs', async () => {
    const u = await createUser(t, 'buyer');
    await t.dataSource.query(
      `INSERT INTO rate_limit_buckets (key, window_start, hits, expires_at) VALUES ('old', now() - interval '2 hours', 3, now() - interval '1 hour')`,
    );
    await t.dataSource.query(
      `INSERT INTO login_throttle (key, attempts, allowed, next_at, updated_at) VALUES ('old', 3, true, now() - interval '1 day', now() - interval '1 day')`,
    );
    await t.dataSource.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [u.id]);
    await t.dataSource.query(`INSERT INTO email_verification_tokens (token_hash, user_id, expires_at) VALUES ('old', $1, now() - interval '1 minute')`, [u.id]);
    const queue = t.app.get(JobQueue);
    await t.dataSource.transaction(async (m) => {
      await queue.enqueue(m, 'core.purge-rate-limits', {});
      await queue.enqueue(m, 'identity.purge-expired', {});
    });
    await t.drainJobs(['core.purge-rate-limits', 'identity.purge-expired']);
    expect(await t.dataSource.query(`SELECT key FROM rate_limit_buckets WHERE key = 'old'`)).toEqual([]);
    expect(await t.dataSource.query(`SELECT key FROM login_throttle WHERE key = 'old'`)).toEqual([]);
    expect(await t.dataSource.query(`SELECT id FROM refresh_tokens WHERE user_id = $1`, [u.id])).toEqual([]);
    expect(await t.dataSource.query(`SELECT user_id FROM email_verification_tokens WHERE token_hash = 'old'`)).toEqual([]);
  });
});

/** Issue 18 §8: readiness tells anonymous callers up or down, nothing an attacker could map the system with. */
describe('security: /health/ready details only for administrators', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('answers anonymous callers and non-admins with the status only; an admin token gets the details', async () => {
    await t.dataSource.query(`INSERT INTO jobs (queue) VALUES ('security.depth')`);
    const anonymous = await t.http.get('/health/ready').expect(200);
    expect(anonymous.body).toEqual({ status: 'ok' });
    const buyer = await createUser(t, 'buyer');
    expect((await t.http.get('/health/ready').set(buyer.auth).expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/health/ready').set('Authorization', 'Bearer not.a.jwt').expect(200)).body).toEqual({ status: 'ok' });

    const admin = await loginAdmin(t);
    const detailed = await t.http.get('/health/ready').set(admin.auth).expect(200);
    expect(detailed.body).toMatchObject({ status: 'ok', database: { status: 'up' }, jobs: { queues: { 'security.depth': { pending: 1 } } } });
  });

  it('a failing critical component gives anonymous callers 503 {status:"error"} without its error message', async () => {
    t.app.get(HealthChecks).register(
      'security.critical',
      async () => {
        throw new Error('connect ECONNREFUSED 10.1.2.3:5432 password authentication failed');
      },
      { critical: true },
    );
    const anonymous = await t.http.get('/health/ready').expect(503);
    expect(anonymous.body).toEqual({ status: 'error' });
    expect(anonymous.text).not.toContain('ECONNREFUSED');
    const admin = await loginAdmin(t);
    const detailed = await t.http.get('/health/ready').set(admin.auth).expect(503);
    expect(detailed.body.components['security.critical']).toMatchObject({ status: 'down', detail: expect.stringContaining('ECONNREFUSED') });
  });
});

/** Issue 18 §8: feed tokens and OAuth codes travel in query strings; request logs keep only the path. */
describe('security: request logs redact query strings', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    t = await createTestApp({ worker: false, logger: createLogger('info', sink) });
  });
  afterAll(() => t.close());

  it('logs the path of a request with a token in its query string, never the token', async () => {
    await t.http.get('/health/live?token=bi-mat-feed-token-123&code=ma-oauth-456').expect(200);
    const logged = lines.filter((l) => l.includes('/health/live'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('')).toContain('/health/live?[redacted]');
    expect(lines.join('')).not.toMatch(/bi-mat-feed-token-123|ma-oauth-456/);
  });
});
