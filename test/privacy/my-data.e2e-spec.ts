import { randomBytes } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { createUser, login, loginAdmin, PASSWORD, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';

/** "Dữ liệu của tôi" (issue 15): consent ledger, export, closing the account — through HTTP on real PostgreSQL. */
describe('my data (issue 15): consents, export of everything held about me and nobody else, deletion with pseudonyms', () => {
  let t: TestApp;
  let admin: TestUser;
  let alice: FixtureEnterprise; // a seller with a product and a received inquiry
  let aliceProduct: FixtureProduct;
  let bob: TestUser; // a buyer who sent an inquiry and filed a complaint
  let carol: TestUser; // another buyer: her data must never appear in the others' exports
  const ME = '/api/v1/me';
  const tag = randomBytes(3).toString('hex');
  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  const binary = (r: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    const stream = r as unknown as NodeJS.ReadableStream;
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  async function exportOf(user: TestUser): Promise<{ id: string; files: Record<string, string> }> {
    const started = await t.http.post(`${ME}/data-export`).set(user.auth).expect(202);
    expect(started.body.status).toBe('pending');
    await t.drainJobs();
    const ready = await t.http.get(`${ME}/data-export`).set(user.auth).expect(200);
    expect(ready.body).toMatchObject({ id: started.body.id, status: 'ready', downloadUrl: `${ME}/data-export/${started.body.id}/archive` });
    const res = await t.http.get(ready.body.downloadUrl).set(user.auth).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const files = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(res.body as Buffer))).map(([n, b]) => [n, strFromU8(b)]));
    return { id: started.body.id, files };
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
    admin = await loginAdmin(t);
    alice = await createVerifiedEnterprise(t, { displayName: `HTX Alice ${tag}` });
    aliceProduct = await createProduct(t, alice.id, { name: `Bưởi Alice ${tag}` });
    bob = await createUser(t, 'buyer', { displayName: `Bob Buyer ${tag}` });
    carol = await createUser(t, 'buyer', { displayName: `Carol Other ${tag}` });
    await t.drainJobs();
    await t.http
      .post(`/api/v1/products/${aliceProduct.id}/inquiries`)
      .set(bob.auth)
      .send({ quantity: 3, message: `Bob hỏi mua ${tag}` })
      .expect(201);
    await t.http
      .post(`/api/v1/products/${aliceProduct.id}/inquiries`)
      .set(carol.auth)
      .send({ quantity: 1, message: `Carol hỏi ${tag}` })
      .expect(201);
    await t.http
      .post('/api/v1/complaints')
      .set('x-forwarded-for', '203.0.113.7')
      .send({ kind: 'other', name: `Bob Buyer ${tag}`, email: bob.email, phone: '0912345678', message: `Bob khiếu nại ${tag}` })
      .expect(201);
    await t.drainJobs();
  });
  afterAll(() => t?.close());

  it('lists every purpose unticked (silence is not consent), records grant and withdrawal append-only, one partner purpose per channel', async () => {
    const first = await t.http.get(`${ME}/consents`).set(bob.auth).expect(200);
    const purposes = first.body.items.map((i: { purpose: string }) => i.purpose);
    expect(purposes).toEqual(expect.arrayContaining(['marketing_email', 'analytics', 'partner_sharing:shopee', 'partner_sharing:tiktok-shop']));
    expect(first.body.items.every((i: { granted: boolean }) => i.granted === false)).toBe(true);
    expect(first.body.items.find((i: { purpose: string }) => i.purpose === 'partner_sharing:shopee').transferCountry).toBe('SG');

    await t.http.post(`${ME}/consents`).set(bob.auth).send({ purpose: 'marketing_email', granted: true }).expect(200);
    const withdrawn = await t.http.post(`${ME}/consents`).set(bob.auth).send({ purpose: 'marketing_email', granted: false }).expect(200);
    expect(withdrawn.body.items.find((i: { purpose: string }) => i.purpose === 'marketing_email')).toMatchObject({ granted: false, channel: 'api' });
    expect(withdrawn.body.history.map((h: { granted: boolean }) => h.granted)).toEqual([true, false]);
    const again = await t.http.post(`${ME}/consents`).set(bob.auth).send({ purpose: 'analytics', granted: true }).expect(200);
    expect(again.body.items.find((i: { purpose: string }) => i.purpose === 'analytics').granted).toBe(true);
    // Carol's state is her own.
    const carols = await t.http.get(`${ME}/consents`).set(carol.auth).expect(200);
    expect(carols.body.items.every((i: { granted: boolean }) => !i.granted)).toBe(true);
  });

  it('bad input is a 400 envelope with field details and writes nothing', async () => {
    const before = await count('consent_events');
    for (const body of [
      {},
      { purpose: 'spam', granted: true },
      { purpose: 'analytics', granted: 'yes' },
      { purpose: 'partner_sharing:nowhere', granted: true },
    ]) {
      const res = await t.http.post(`${ME}/consents`).set(bob.auth).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.length).toBeGreaterThan(0);
    }
    expect(await count('consent_events')).toBe(before);
    await t.http.get(`${ME}/consents`).expect(401);
    const del = await t.http.delete(ME).set(bob.auth).send({}).expect(400);
    expect(del.body.details.map((d: { field: string }) => d.field)).toContain('password');
    await t.http.delete(ME).set(bob.auth).send({ password: 'sai-mat-khau-roi' }).expect(401);
    expect((await t.http.get(ME).set(bob.auth).expect(200)).body.email).toBe(bob.email);
  });

  it("the export holds the buyer's account, sign-ins, inquiries sent, complaint and consents — nothing of anyone else; downloaded once, by the owner only", async () => {
    const { id, files } = await exportOf(bob);
    const data = JSON.parse(files['data.json']);
    expect(data.sections.account[0]).toMatchObject({ id: bob.id, email: bob.email, displayName: `Bob Buyer ${tag}` });
    expect(data.sections['sign-ins'].length).toBeGreaterThanOrEqual(1);
    expect(data.sections['inquiries-sent'].map((i: { message: string }) => i.message)).toEqual([`Bob hỏi mua ${tag}`]);
    expect(data.sections.complaints.map((c: { message: string }) => c.message)).toEqual([`Bob khiếu nại ${tag}`]);
    expect(data.sections.consents.map((c: { purpose: string }) => c.purpose)).toEqual(['marketing_email', 'marketing_email', 'analytics']);
    // Consents carry the privacy policy in force; sign-up recorded the accepted legal versions.
    expect(data.sections.consents[0].policyVersion).toMatch(/^privacy-policy v\d+$/);
    expect(data.sections['legal-acceptances'].map((a: { document: string }) => a.document)).toEqual(expect.arrayContaining(['terms-of-use', 'privacy-policy']));
    expect(files['inquiries-sent.csv']).toContain(`Bob hỏi mua ${tag}`);
    expect(files['account.csv']).toContain(bob.email);
    for (const content of Object.values(files)) {
      expect(content).not.toContain(carol.email);
      expect(content).not.toContain(carol.id);
      expect(content).not.toContain('Carol');
    }
    // Once only; someone else gets a 404 (not even told it exists).
    await t.http.get(`${ME}/data-export/${id}/archive`).set(carol.auth).expect(404);
    const gone = await t.http.get(`${ME}/data-export/${id}/archive`).set(bob.auth).expect(410);
    expect(gone.body.code).toBe('EXPORT_GONE');
  });

  it("the seller's export has the enterprise membership, the product and the inquiries received (with the buyers' messages)", async () => {
    const { files } = await exportOf(alice.owner);
    const data = JSON.parse(files['data.json']);
    expect(data.sections['enterprise-memberships']).toEqual([expect.objectContaining({ enterpriseId: alice.id, role: 'owner' })]);
    expect(data.sections.products.map((p: { id: string }) => p.id)).toEqual([aliceProduct.id]);
    expect(data.sections['inquiries-received'].map((i: { message: string }) => i.message).sort()).toEqual([`Bob hỏi mua ${tag}`, `Carol hỏi ${tag}`]);
    expect(data.sections['inquiries-sent']).toEqual([]);
    expect(files['data.json']).not.toContain(bob.email);
  });

  it('closing the account erases and pseudonymises, revokes sessions, keeps the audit chain valid, and frees the email', async () => {
    await t.http.delete(ME).set(bob.auth).send({ password: PASSWORD }).expect(200);
    const [user] = await t.dataSource.query(`SELECT email, phone, display_name, status FROM users WHERE id = $1`, [bob.id]);
    expect(user.email).toMatch(/^user-[0-9a-f]{12}@deleted\.invalid$/);
    expect(user.display_name).toMatch(/^user-[0-9a-f]{12}$/);
    expect(user.status).toBe('disabled');
    expect(await t.dataSource.query(`SELECT 1 FROM refresh_tokens WHERE user_id = $1`, [bob.id])).toEqual([]);
    const [inquiry] = await t.dataSource.query(`SELECT buyer_name, buyer_phone, message FROM inquiries WHERE buyer_user_id = $1`, [bob.id]);
    expect(inquiry).toMatchObject({ buyer_name: user.display_name, buyer_phone: null, message: `Bob hỏi mua ${tag}` });
    const [complaint] = await t.dataSource.query(`SELECT name, email, phone FROM complaints WHERE message = $1`, [`Bob khiếu nại ${tag}`]);
    expect(complaint).toEqual({ name: user.display_name, email: user.email, phone: null });
    // The whole database holds Bob's email and name nowhere any more (audit rows never contained them).
    const [{ hits }] = await t.dataSource.query(`SELECT count(*)::int AS hits FROM users u WHERE u.email = $1 OR u.display_name = $2`, [
      bob.email,
      `Bob Buyer ${tag}`,
    ]);
    expect(hits).toBe(0);

    // Sessions are gone: the access token and the refresh token stop working, the password too.
    await t.http.get(ME).set(bob.auth).expect(401);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: bob.refreshToken }).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: bob.email, password: PASSWORD }).expect(401);

    // The audit chain (append-only, hash-chained) still verifies, and records the closing under the id.
    const verification = await t.http.get('/api/v1/admin/audit/verification').set(admin.auth).expect(200);
    expect(verification.body.ok).toBe(true);
    const [closing] = await t.dataSource.query(`SELECT after FROM audit_events WHERE action = 'privacy.account.close' AND subject_id = $1`, [bob.id]);
    expect(closing.after.pseudonym).toBe(user.display_name);

    // The email can register again, as a new account.
    const again = await createUser(t, 'buyer', { email: bob.email });
    expect(again.id).not.toBe(bob.id);
    expect((await t.http.get(`${ME}/consents`).set(again.auth).expect(200)).body.history).toEqual([]);
    await login(t, bob.email, PASSWORD);
  });

  it('an export expires after the configured time (default 24 h): 410', async () => {
    // Last: the clock jump outlives every access token of this suite.
    const started = await t.http.get(`${ME}/data-export`).set(carol.auth).expect(202);
    await t.drainJobs();
    t.clock.advance(25 * 3600_000);
    carol = await login(t, carol.email, PASSWORD);
    const status = await t.http.get(`${ME}/data-export`).set(carol.auth).expect(202);
    expect(status.body.id).not.toBe(started.body.id);
    await t.http.get(`${ME}/data-export/${started.body.id}/archive`).set(carol.auth).expect(410);
  });
});
