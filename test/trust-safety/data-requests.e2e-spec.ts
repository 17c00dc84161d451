import { unzipSync, strFromU8 } from 'fflate';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';

/** Authority data requests (issue 14) through HTTP on real PostgreSQL, with the export job run by the in-process worker. */
describe('authority data requests (issue 14): recorded, archived by a job, downloaded by admins only, all audited', () => {
  let t: TestApp;
  let admin: TestUser;
  let a: FixtureEnterprise;
  let b: FixtureEnterprise;
  let aProducts: FixtureProduct[];
  let bProduct: FixtureProduct;
  const URL = '/api/v1/admin/data-requests';

  const body = (subjectType: string, subjectId: string, extra: Record<string, unknown> = {}) => ({
    authority: 'Công an tỉnh Vĩnh Long',
    reference: '123/CV-PC03',
    legalBasis: 'Điều 56 Luật Thương mại điện tử 2025; Bộ luật Tố tụng hình sự',
    receivedAt: new Date(Date.now() - 3600_000).toISOString(),
    requestedBy: 'Đại uý Nguyễn Văn A',
    subjectType,
    subjectId,
    ...extra,
  });
  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  async function archive(id: string, who: TestUser = admin): Promise<Record<string, string>> {
    const res = await t.http
      .get(`${URL}/${id}/archive`)
      .set(who.auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="yeu-cau-du-lieu-123-CV-PC03-[0-9a-f]{8}\.zip"$/);
    return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(res.body as Buffer))).map(([name, bytes]) => [name, strFromU8(bytes)]));
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    a = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi Năm Roi Alpha' });
    b = await createVerifiedEnterprise(t, { displayName: 'Cơ sở Kẹo Dừa Beta' });
    aProducts = [
      await createProduct(t, a.id, { name: 'Bưởi Năm Roi Alpha loại 1' }),
      await createProduct(t, a.id, { name: 'Mứt bưởi Alpha', status: 'draft' }),
    ];
    bProduct = await createProduct(t, b.id, { name: 'Kẹo dừa Beta sữa' });
    await t.drainJobs();
  });
  afterAll(() => t?.close());

  it("an enterprise's archive holds its profile, members, products (any status) and audit trail in JSON and CSV, and nothing of another enterprise", async () => {
    const created = await t.http.post(URL).set(admin.auth).send(body('enterprise', a.id)).expect(201);
    expect(created.body).toMatchObject({ subjectType: 'enterprise', subjectId: a.id, enterpriseId: a.id, authority: 'Công an tỉnh Vĩnh Long', downloads: 0 });
    await t.drainJobs();
    const ready = await t.http.get(`${URL}/${created.body.id}`).set(admin.auth).expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', downloadUrl: `${URL}/${created.body.id}/archive` });
    expect(ready.body.archiveSha256).toMatch(/^[0-9a-f]{64}$/);

    const files = await archive(created.body.id);
    expect(Object.keys(files).sort()).toEqual(['audit.csv', 'complaints.csv', 'data.json', 'enterprise.csv', 'members.csv', 'products.csv', 'takedowns.csv']);
    const data = JSON.parse(files['data.json']);
    expect(data.request).toMatchObject({ reference: '123/CV-PC03', requestedBy: 'Đại uý Nguyễn Văn A', subject: { type: 'enterprise', id: a.id } });
    expect(data.enterprise).toMatchObject({ id: a.id, displayName: 'HTX Bưởi Năm Roi Alpha' });
    expect(data.members.map((m: { email: string }) => m.email)).toEqual([a.owner.email]);
    expect(data.products.map((p: { name: string }) => p.name).sort()).toEqual(['Bưởi Năm Roi Alpha loại 1', 'Mứt bưởi Alpha']);
    expect(data.auditEvents.map((e: { action: string }) => e.action)).toContain('data-request.create');
    expect(files['products.csv']).toContain('Mứt bưởi Alpha');
    expect(files['enterprise.csv']).toContain('HTX Bưởi Năm Roi Alpha');
    expect(files['members.csv']).toContain(a.owner.email);
    for (const content of Object.values(files)) {
      expect(content).not.toContain(b.id);
      expect(content).not.toContain(bProduct.id);
      expect(content).not.toContain('Beta');
      expect(content).not.toContain(b.owner.email);
    }

    const again = await t.http.get(`${URL}/${created.body.id}`).set(admin.auth).expect(200);
    expect(again.body.downloads).toBe(1);
    const audit = (await t.http.get('/api/v1/admin/audit').query({ subjectId: a.id, action: 'data-request.*' }).set(admin.auth).expect(200)).body.items;
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['data-request.create', 'data-request.download', 'data-request.ready']);
    expect(audit.find((e: { action: string }) => e.action === 'data-request.download').after).toMatchObject({
      dataRequestId: created.body.id,
      sha256: ready.body.archiveSha256,
    });
  });

  it("a product's archive holds that product and its seller's identity only", async () => {
    const created = await t.http.post(URL).set(admin.auth).send(body('product', aProducts[0].id)).expect(201);
    expect(created.body.enterpriseId).toBe(a.id);
    await t.drainJobs();
    const files = await archive(created.body.id);
    const data = JSON.parse(files['data.json']);
    expect(data.products.map((p: { id: string }) => p.id)).toEqual([aProducts[0].id]);
    expect(data.enterprise).toMatchObject({ id: a.id, displayName: 'HTX Bưởi Năm Roi Alpha' });
    expect(data.members).toEqual([]);
    for (const content of Object.values(files)) {
      expect(content).not.toContain(aProducts[1].id);
      expect(content).not.toContain('Mứt bưởi Alpha');
      expect(content).not.toContain('Beta');
    }
    const list = await t.http.get(URL).set(admin.auth).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    expect(list.body.total).toBe(2);
  });

  it('non-admins get 403 (anonymous 401); bad input is a 400 with field details and writes nothing', async () => {
    const created = await t.http.post(URL).set(admin.auth).send(body('enterprise', b.id)).expect(201);
    await t.drainJobs();
    for (const role of ['editor', 'business'] as const) {
      const user = role === 'business' ? b.owner : await createUser(t, role);
      await t.http.post(URL).set(user.auth).send(body('enterprise', b.id)).expect(403);
      await t.http.get(URL).set(user.auth).expect(403);
      await t.http.get(`${URL}/${created.body.id}`).set(user.auth).expect(403);
      await t.http.get(`${URL}/${created.body.id}/archive`).set(user.auth).expect(403);
    }
    await t.http.get(`${URL}/${created.body.id}/archive`).expect(401);

    const requests = await count('data_requests');
    const events = await count('audit_events');
    const jobs = await count('jobs');
    const bad = await t.http
      .post(URL)
      .set(admin.auth)
      .send({ authority: '', reference: 'x', legalBasis: 'y', receivedAt: 'hôm qua', requestedBy: 'z', subjectType: 'user', subjectId: 'abc' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['authority', 'receivedAt', 'subjectId', 'subjectType']);
    const unknown = await t.http.post(URL).set(admin.auth).send(body('product', b.id)).expect(400);
    expect(unknown.body.details).toEqual([{ field: 'subjectId', message: expect.stringContaining('product not found') }]);
    const future = await t.http
      .post(URL)
      .set(admin.auth)
      .send(body('enterprise', a.id, { receivedAt: new Date(Date.now() + 86400_000).toISOString() }))
      .expect(400);
    expect(future.body.details[0].field).toBe('receivedAt');
    expect(await count('data_requests')).toBe(requests);
    expect(await count('audit_events')).toBe(events);
    expect(await count('jobs')).toBe(jobs);
    await t.http.get(`${URL}/00000000-0000-4000-8000-000000000000/archive`).set(admin.auth).expect(404);
  });

  it('an archive not built yet answers 409 DATA_REQUEST_NOT_READY', async () => {
    const [row] = await t.dataSource.query(
      `INSERT INTO data_requests (authority, reference, legal_basis, received_at, requested_by, subject_type, subject_id, enterprise_id, created_by, created_at)
       VALUES ('x', 'y', 'z', now(), 'w', 'enterprise', $1, $1, $2, now()) RETURNING id`,
      [a.id, admin.id],
    );
    const res = await t.http.get(`${URL}/${row.id}/archive`).set(admin.auth).expect(409);
    expect(res.body.code).toBe('DATA_REQUEST_NOT_READY');
  });
});
