import { createUser, loginAdmin, PASSWORD } from '../harness/auth';
import { createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { cookieHeader, signIn, type CookieJar } from './web-helpers';

/** The administrators' audit log page: filters, paging, the CSV of the same filter, the chain's verification. */
jest.setTimeout(120_000);

describe('web: audit log page (/quan-ly/nhat-ky)', () => {
  let t: TestApp;
  let jar: CookieJar;
  let enterpriseId: string;
  const get = (path: string, cookies = jar) => t.http.get(path).set('Cookie', cookieHeader(cookies));

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    const admin = await loginAdmin(t);
    jar = await signIn(t, t.config.adminEmail!, t.config.adminPassword!);
    const ent = await createVerifiedEnterprise(t);
    enterpriseId = ent.id;
    await t.http.post(`/api/v1/admin/enterprises/${ent.id}/suspend`).set(admin.auth).send({ reason: 'Kiểm tra <định kỳ>' }).expect(200);
    await t.http.post(`/api/v1/admin/enterprises/${ent.id}/reinstate`).set(admin.auth).expect(200);
    await t.http
      .post(`/api/v1/enterprises/${ent.id}/identity/proofs`)
      .set(ent.owner.auth)
      .send({ documentKind: 'cccd', documentNumber: '084095007777', expiresOn: '2035-01-01', holderName: 'Mai Anh' })
      .expect(201);
  });
  afterAll(() => t?.close());

  it('lists the log newest first with filters (a prefix action, a subject), escapes values, and refuses non-admins', async () => {
    const all = await get('/quan-ly/nhat-ky').expect(200);
    expect(all.text).toContain('<code>enterprise.suspend</code>');
    expect(all.text).toContain('<code>identity.submit</code>');
    expect(all.text).toContain('Kiểm tra &lt;định kỳ&gt;');
    expect(all.text.indexOf('identity.submit')).toBeLessThan(all.text.indexOf('enterprise.suspend'));

    const filtered = await get(`/quan-ly/nhat-ky?action=enterprise.*&subjectId=${enterpriseId}`).expect(200);
    expect(filtered.text).toContain('<code>enterprise.reinstate</code>');
    expect(filtered.text).not.toContain('<code>identity.submit</code>');
    // The CSV link carries the same filter.
    expect(filtered.text).toContain(`href="/quan-ly/nhat-ky/export.csv?action=enterprise.*&amp;subjectId=${enterpriseId}"`);

    // Period: today (Vietnam) includes them, a past day does not.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await get(`/quan-ly/nhat-ky?from=${today}&to=${today}&action=identity.*`).expect(200)).text).toContain('<code>identity.submit</code>');
    expect((await get('/quan-ly/nhat-ky?from=2020-01-01&to=2020-01-02').expect(200)).text).not.toContain('<code>identity.submit</code>');

    const bad = await get('/quan-ly/nhat-ky?actorId=nobody').expect(400);
    expect(bad.text).toContain('id="f-actorId-error"');

    const editor = await createUser(t, 'editor');
    await get('/quan-ly/nhat-ky', await signIn(t, editor.email, PASSWORD)).expect(403);
  });

  it('exports the filtered CSV and shows the chain verification on demand', async () => {
    const csv = await get(`/quan-ly/nhat-ky/export.csv?action=enterprise.*&subjectId=${enterpriseId}`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('nhat-ky-kiem-toan.csv');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toContain('seq,occurred_at,actor_id');
    expect(lines.slice(1).map((l) => /enterprise\.[a-z]+/.exec(l)?.[0])).toEqual(['enterprise.suspend', 'enterprise.reinstate']);

    const verified = await get('/quan-ly/nhat-ky?kiem-tra=1').expect(200);
    expect(verified.text).toMatch(/id="chain-result">Chuỗi nguyên vẹn: \d+ dòng đã kiểm tra/);
    expect((await get('/quan-ly').expect(200)).text).toContain('href="/quan-ly/nhat-ky"');
  });
});
