import { HealthChecks } from '@tradefloor/core';
import { createTestApp, type TestApp } from '../harness/test-app';
import { readyDetails } from '../harness/auth';

const ENVELOPE_KEYS = ['code', 'message', 'requestId', 'statusCode'];

describe('HTTP: health, error envelope, request ids, security headers, CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048', CORS_ORIGINS: 'https://sangiaodich.vinhlong.gov.vn' } });
  });
  afterAll(() => t.close());

  it('/health/live answers ok', async () => {
    const res = await t.http.get('/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/health/ready reports database, search and jobs with queue depth', async () => {
    await t.dataSource.query(`INSERT INTO jobs (queue) VALUES ('http.test'), ('http.test')`);
    const res = await readyDetails(t);
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { status: 'up' },
      search: { status: 'up', detail: 'meilisearch' },
      jobs: { status: 'up', queues: { 'http.test': { pending: 2, running: 0, dead: 0 } } },
    });
  });

  it('/health/ready reports registered components; only a critical one that is down makes it 503', async () => {
    const checks = t.app.get(HealthChecks);
    let critical: 'up' | 'down' = 'up';
    checks.register('test.reported', async () => ({ status: 'down', detail: 'reported only', figures: { lag: 3 } }));
    checks.register('test.critical', async () => ({ status: critical }), { critical: true });
    const res = await readyDetails(t);
    // Components the contexts register (search-index…) are reported beside these, never critical.
    expect(res.body.components).toMatchObject({
      'test.reported': { status: 'down', detail: 'reported only', figures: { lag: 3 } },
      'test.critical': { status: 'up' },
    });
    expect(res.body.components['test.critical']).toEqual({ status: 'up' });
    critical = 'down';
    const down = await readyDetails(t, 503);
    expect(down.body).toMatchObject({ status: 'error', components: { 'test.critical': { status: 'down' } } });
    expect(() => checks.register('test.critical', async () => ({ status: 'up' }))).toThrow(/registered twice/);
    critical = 'up';
  });

  it('answers an unknown route with a 404 envelope', async () => {
    const res = await t.http.get('/api/v1/khong-ton-tai').expect(404);
    expect(Object.keys(res.body).sort()).toEqual(ENVELOPE_KEYS);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy (Cannot GET /api/v1/khong-ton-tai)' });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers invalid JSON with a 400 envelope, not a 500', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email": "a@b.vn",').expect(400);
    expect(Object.keys(res.body).sort()).toEqual(ENVELOPE_KEYS);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
    expect(res.body.message).toMatch(/^Yêu cầu không hợp lệ \(Body is not valid JSON/);
  });

  it('answers a body over BODY_LIMIT_BYTES with a 413 envelope', async () => {
    const res = await t.http
      .post('/api/v1/auth/register')
      .send({ email: 'a@example.vn', password: 'x'.repeat(4096), displayName: 'A', role: 'buyer' })
      .expect(413);
    expect(Object.keys(res.body).sort()).toEqual(ENVELOPE_KEYS);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn (Request body is too large)' });
    const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = 'a@example.vn'`);
    expect(count[0].n).toBe(0);
  });

  it('echoes x-request-id and uses it in the error envelope', async () => {
    const ok = await t.http.get('/health/live').set('x-request-id', 'client-abc.123').expect(200);
    expect(ok.headers['x-request-id']).toBe('client-abc.123');
    const err = await t.http.get('/nowhere').set('x-request-id', 'client-err-42').expect(404);
    expect(err.headers['x-request-id']).toBe('client-err-42');
    expect(err.body.requestId).toBe('client-err-42');
  });

  it('generates a request id when absent or unusable, the same in header and envelope', async () => {
    const res = await t.http.get('/nowhere').expect(404);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    const bad = await t.http.get('/nowhere').set('x-request-id', 'not allowed <script>').expect(404);
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(bad.body.requestId).toBe(bad.headers['x-request-id']);
  });

  it('sets security headers (helmet)', async () => {
    const res = await t.http.get('/health/live').expect(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows CORS only for the configured origins', async () => {
    const allowed = 'https://sangiaodich.vinhlong.gov.vn';
    const pre = await t.http
      .options('/api/v1/auth/login')
      .set('Origin', allowed)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers['access-control-allow-origin']).toBe(allowed);
    const simple = await t.http.get('/health/live').set('Origin', allowed).expect(200);
    expect(simple.headers['access-control-allow-origin']).toBe(allowed);
    expect(simple.headers['access-control-expose-headers']).toContain('x-request-id');

    const other = await t.http.get('/health/live').set('Origin', 'https://evil.example.com').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const otherPre = await t.http.options('/api/v1/auth/login').set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'POST');
    expect(otherPre.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('HTTP: CORS without CORS_ORIGINS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('sends no CORS headers to any origin', async () => {
    const res = await t.http.get('/health/live').set('Origin', 'https://sangiaodich.vinhlong.gov.vn').expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
