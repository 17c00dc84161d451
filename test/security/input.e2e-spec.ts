import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createUser, loginAdmin } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createEnterprise } from '../enterprise/helpers';

/** Sends raw bytes (a request no HTTP client library would build) and returns the status line. */
async function rawStatus(t: TestApp, bytes: Buffer): Promise<number> {
  const server = t.app.getHttpServer();
  if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let data = '';
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

/** Input classes refused at the edge (issue 12 §2/§3, issue 18 §8): never a 5xx, never a surprise 400. */
describe('security: input at the edge', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('treats an empty body with content-type application/json as no body on action routes', async () => {
    const owner = await createUser(t, 'business');
    const admin = await loginAdmin(t);
    const e = await createEnterprise(t, owner);
    const empty = (url: string, auth: { Authorization: string }) => t.http.post(url).set(auth).set('content-type', 'application/json').send('');
    expect((await empty(`/api/v1/enterprises/${e.id}/submit`, owner.auth)).status).toBe(200);
    expect((await empty(`/api/v1/admin/enterprises/${e.id}/verify`, admin.auth)).status).toBe(200);
    await t.http.post(`/api/v1/admin/enterprises/${e.id}/suspend`).set(admin.auth).send({ reason: 'Kiểm tra định kỳ' }).expect(200);
    expect((await empty(`/api/v1/admin/enterprises/${e.id}/reinstate`, admin.auth)).status).toBe(200);
    const out = await t.http.post('/api/v1/auth/logout').set(owner.auth).set('content-type', 'application/json; charset=utf-8').send('  ');
    expect(out.status).toBe(204);
  });

  it('a route that needs a body still says which fields are missing when the JSON body is empty', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('').expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('email');
  });

  it('answers deeply nested JSON with 400, not a 500 (recursive normaliser)', async () => {
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    const res = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send(deep).expect(400);
    expect(res.body.details).toEqual([{ field: 'body', message: expect.stringMatching(/nested deeper/) }]);
  });

  it('refuses NUL in the query of a search route with 400 naming the field', async () => {
    const res = await t.http.get('/api/v1/search/products?q=d%E1%BB%ABa%00').expect(400);
    expect(res.body.details).toEqual([{ field: 'query.q', message: expect.stringMatching(/control character/) }]);
  });

  it('refuses a NUL byte in a header value with 400, never a 5xx', async () => {
    const status = await rawStatus(t, Buffer.from('GET /health/live HTTP/1.1\r\nHost: x\r\nX-Note: a\u0000b\r\nConnection: close\r\n\r\n', 'latin1'));
    expect(status).toBe(400);
  });
});
