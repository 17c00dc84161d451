import { generateSerials } from '@tradefloor/traceability';
import { productBody } from '../catalog/catalog-helpers';
import { enterpriseBody } from '../enterprise/helpers';
import { createUser, loginAdmin, type TestUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createBatch, issue, moveToNoonUtc, ownerWithProduct, serialsOf, type Owner } from './trace-fixtures';

/** A GTIN-13 under the GS1 company prefix 8935555 with its check digit (weights 1,3,… from the left). */
function gtin13(body12: string): string {
  const sum = [...body12].reduce((a, d, i) => a + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body12 + String((10 - (sum % 10)) % 10);
}

/**
 * Issue 18 §1 and §3: a stamp says "genuine" only while the floor vouches for its issuer
 * (verified, not suspended, product moderated, GTIN confirmed), and scans are de-duplicated per
 * client whatever the user agent, weighed by distinct clients, and reviewable by the owner.
 */
describe('traceability: stamps vouch only for what the floor checked', () => {
  let t: TestApp;
  let admin: TestUser;
  let ip = 0;
  const client = () => `203.0.${113 + (ip % 3)}.${++ip % 250}`;
  const verify = async (serial: string, from = client()) => (await t.http.get(`/api/v1/stamps/${serial}`).set('x-forwarded-for', from).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1', STAMP_SCAN_RATE_PER_MINUTE: '1000', STAMP_WARN_SCANS: '3', STAMP_WARN_PLACES: '50' } });
    admin = await loginAdmin(t);
  });
  afterAll(() => t.close());

  it('the review repro: a draft household with a draft product cannot issue, and its stamps never read "genuine"', async () => {
    const seller = await createUser(t, 'business');
    const ent = await t.http
      .post('/api/v1/enterprises')
      .set(seller.auth)
      .send(enterpriseBody({ kind: 'household', taxCode: undefined, personalId: '084190009876', displayName: 'Thương hiệu nổi tiếng' }))
      .expect(201);
    expect(ent.body.status).toBe('draft');
    const product = await t.http
      .post('/api/v1/products')
      .set(seller.auth)
      .send(await productBody(t, ent.body.id, { gtin: gtin13('893777700001') }))
      .expect(201);
    const batch = await t.http
      .post('/api/v1/batches')
      .set(seller.auth)
      .send({ productId: product.body.id, lotCode: 'FAKE-1', producedAt: '2025-07-01', quantity: 10, unit: 'kg' })
      .expect(201);
    const refused = await t.http.post(`/api/v1/batches/${batch.body.id}/stamps`).set(seller.auth).send({ count: 5 }).expect(409);
    expect(refused.body.code).toBe('ENTERPRISE_NOT_VERIFIED');
    expect(await serialsOf(t, batch.body.id)).toEqual([]);

    // Stamps issued before this rule existed stay in the database: their verdict says what is true.
    const [legacy] = generateSerials(1);
    await t.dataSource.query(`INSERT INTO trace_stamps (serial, batch_id, seq) VALUES ($1, $2, 1)`, [legacy, batch.body.id]);
    const v = await verify(legacy);
    expect(v.verdict).toBe('seller_unverified');
    expect(v.message).toContain('not verified');

    // Verified, but the product never passed moderation.
    await t.http.post(`/api/v1/enterprises/${ent.body.id}/submit`).set(seller.auth).expect(200);
    await t.http.post(`/api/v1/admin/enterprises/${ent.body.id}/verify`).set(admin.auth).expect(200);
    expect((await verify(legacy)).verdict).toBe('product_unapproved');
    const draft = await t.http.post(`/api/v1/batches/${batch.body.id}/stamps`).set(seller.auth).send({ count: 5 }).expect(409);
    expect(draft.body.code).toBe('PRODUCT_NOT_PUBLISHED');
  });

  it('suspending the enterprise flips the verdict and stops issuing and activation; reinstating flips it back', async () => {
    const o = await ownerWithProduct(t, { gtin: gtin13('893555500001') });
    const batch = await createBatch(t, o);
    const { firstSerial } = await issue(t, o, batch.id, 3);
    // One buyer checking again and again: the scan count stays below the warning.
    const me = '192.0.2.10';
    expect((await verify(firstSerial, me)).verdict).toBe('genuine');

    await t.http.post(`/api/v1/admin/enterprises/${o.enterprise.id}/suspend`).set(admin.auth).send({ reason: 'Bán hàng giả mạo thương hiệu' }).expect(200);
    const suspended = await verify(firstSerial, me);
    expect(suspended.verdict).toBe('seller_suspended');
    expect(suspended.message).not.toContain('genuine');
    const page = await t.http.get(`/t/${firstSerial}`).set('x-forwarded-for', me).expect(200);
    expect(page.text).toContain('data-verdict="seller_suspended"');
    expect(page.text).not.toContain('Sản phẩm chính hãng');
    expect((await t.http.post(`/api/v1/batches/${batch.id}/stamps`).set(o.owner.auth).send({ count: 1 }).expect(409)).body.code).toBe('ENTERPRISE_SUSPENDED');
    await t.http.post(`/api/v1/batches/${batch.id}/stamps/activate`).set(o.owner.auth).send({}).expect(409);

    await t.http.post(`/api/v1/admin/enterprises/${o.enterprise.id}/reinstate`).set(admin.auth).expect(200);
    expect((await verify(firstSerial, me)).verdict).toBe('genuine');
    await issue(t, o, batch.id, 1);
  });

  it('a withdrawn (archived) product reads "withdrawn"; revocation still says "revoked"', async () => {
    const o = await ownerWithProduct(t, { gtin: null });
    const batch = await createBatch(t, o);
    await issue(t, o, batch.id, 2);
    const [s1, s2] = await serialsOf(t, batch.id);
    await t.http
      .post('/api/v1/stamps/revoke')
      .set(o.owner.auth)
      .send({ serials: [s2], reason: 'Mất cuộn tem' })
      .expect(200);
    await t.http.post(`/api/v1/products/${o.product.id}/archive`).set(o.owner.auth).expect(200);
    expect((await verify(s1)).verdict).toBe('withdrawn');
    expect((await verify(s2)).verdict).toBe('revoked');
  });

  describe('GTIN ownership', () => {
    const gtin = gtin13('893555500002');
    const gtin14 = `0${gtin}`;
    let rightful: Owner;
    let rightfulBatch: { id: string; lotCode: string };

    beforeAll(async () => {
      rightful = await ownerWithProduct(t, { gtin });
      rightfulBatch = await createBatch(t, rightful, { lotCode: 'BRAND-7' });
      await issue(t, rightful, rightfulBatch.id, 2);
    });

    it('a second enterprise using the same GTIN goes to moderation, and fake serials of that GTIN + lot reach only the holder', async () => {
      const copier = await ownerWithProduct(t, { gtin });
      const copyBatch = await createBatch(t, copier, { lotCode: 'BRAND-7' });
      const refused = await t.http.post(`/api/v1/batches/${copyBatch.id}/stamps`).set(copier.owner.auth).send({ count: 5 }).expect(409);
      expect(refused.body.code).toBe('GTIN_NOT_CONFIRMED');

      const queue = await t.http.get('/api/v1/admin/gtin-claims').set(admin.auth).expect(200);
      const claim = queue.body.items.find((c: { enterpriseId: string }) => c.enterpriseId === copier.enterprise.id);
      expect(claim).toMatchObject({ gtin14, status: 'pending_review', heldBy: rightful.enterprise.id });
      await t.http.get('/api/v1/admin/gtin-claims').set(copier.owner.auth).expect(403);

      const [fake] = generateSerials(1);
      await t.http.get(`/01/${gtin14}/10/BRAND-7/21/${fake}`).set('x-forwarded-for', client()).expect(200);
      const [row] = await t.dataSource.query(`SELECT batch_id FROM trace_stamp_scans WHERE claimed_serial = $1`, [fake]);
      expect(row.batch_id).toBe(rightfulBatch.id);
      const copierAnomalies = await t.http.get(`/api/v1/enterprises/${copier.enterprise.id}/traceability/anomalies`).set(copier.owner.auth).expect(200);
      expect(copierAnomalies.body.unknownScans).toEqual([]);

      await t.http.post(`/api/v1/admin/gtin-claims/${claim.id}/reject`).set(admin.auth).send({ reason: 'Không có giấy tờ GS1' }).expect(204);
      const [audit] = await t.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1`, [claim.id]);
      expect(audit.action).toBe('traceability.gtin-claim-reject');
      await t.http.post(`/api/v1/admin/gtin-claims/${claim.id}/approve`).set(admin.auth).expect(409);
    });

    it('a moderator can give the GTIN to another enterprise: the former holder’s stamps then read "gtin_unconfirmed"', async () => {
      const [serial] = await serialsOf(t, rightfulBatch.id);
      expect((await verify(serial)).verdict).toBe('genuine');
      const owner = await ownerWithProduct(t, { gtin });
      const batch = await createBatch(t, owner);
      await t.http.post(`/api/v1/batches/${batch.id}/stamps`).set(owner.owner.auth).send({ count: 1 }).expect(409);
      const queue = await t.http.get('/api/v1/admin/gtin-claims').set(admin.auth).expect(200);
      const claim = queue.body.items.find((c: { enterpriseId: string }) => c.enterpriseId === owner.enterprise.id);
      await t.http.post(`/api/v1/admin/gtin-claims/${claim.id}/approve`).set(admin.auth).expect(204);
      const { firstSerial } = await issue(t, owner, batch.id, 1);
      expect((await verify(firstSerial)).verdict).toBe('genuine');
      expect((await verify(serial)).verdict).toBe('gtin_unconfirmed');
    });

    it('a GTIN under another enterprise’s declared GS1 company prefix, or outside one’s own, goes to moderation', async () => {
      const brand = await createVerifiedEnterprise(t);
      await t.http.put(`/api/v1/enterprises/${brand.id}/gs1-prefix`).set(brand.owner.auth).send({ prefix: '8936666' }).expect(200);
      const other = await createVerifiedEnterprise(t);
      const overlap = await t.http.put(`/api/v1/enterprises/${other.id}/gs1-prefix`).set(other.owner.auth).send({ prefix: '89366661' }).expect(409);
      expect(overlap.body.code).toBe('GS1_PREFIX_TAKEN');
      await t.http.put(`/api/v1/enterprises/${other.id}/gs1-prefix`).set(other.owner.auth).send({ prefix: '89x' }).expect(400);
      await t.http.put(`/api/v1/enterprises/${other.id}/gs1-prefix`).set(brand.owner.auth).send({ prefix: '8937777' }).expect(403);
      await t.http.put(`/api/v1/enterprises/${other.id}/gs1-prefix`).set(other.owner.auth).send({ prefix: '8937777' }).expect(200);

      const attempt = async (ent: typeof brand, gtinValue: string) => {
        const product = await createProduct(t, ent.id, { name: 'Kẹo dừa', gtin: gtinValue });
        const o: Owner = { enterprise: ent, owner: ent.owner, product };
        const batch = await createBatch(t, o);
        return (await t.http.post(`/api/v1/batches/${batch.id}/stamps`).set(ent.owner.auth).send({ count: 1 })).status;
      };
      expect(await attempt(other, gtin13('893666600001'))).toBe(409); // the brand's prefix
      expect(await attempt(other, gtin13('893888800001'))).toBe(409); // outside its own prefix
      expect(await attempt(other, gtin13('893777700002'))).toBe(201); // its own prefix
      expect(await attempt(brand, gtin13('893666600002'))).toBe(201);
    });
  });

  describe('scans weighed by distinct clients', () => {
    let o: Owner;
    let serials: string[];

    beforeAll(async () => {
      o = await ownerWithProduct(t, { gtin: null });
      const batch = await createBatch(t, o);
      await issue(t, o, batch.id, 3);
      serials = await serialsOf(t, batch.id);
    });

    it('21 requests with different user agents from one client count once and stay genuine', async () => {
      const from = '198.51.100.77';
      moveToNoonUtc(t);
      for (let i = 0; i < 21; i++) {
        const res = await t.http.get(`/api/v1/stamps/${serials[0]}`).set('x-forwarded-for', from).set('user-agent', `Scanner/${i}.0`).expect(200);
        expect(res.body.verdict).toBe('genuine');
      }
      expect((await verify(serials[0], from)).scanCount).toBe(1);
      // The same client coming back after the visit window is counted again, but stays one client.
      for (let i = 0; i < 5; i++) {
        t.clock.advance(11 * 60_000);
        expect((await verify(serials[0], from)).verdict).toBe('genuine');
      }
      const [row] = await t.dataSource.query(`SELECT scan_count, distinct_clients FROM trace_stamps WHERE serial = $1`, [serials[0]]);
      expect(row).toEqual({ scan_count: 6, distinct_clients: 1 });
    });

    it('more distinct clients than STAMP_WARN_SCANS give "warning"; the owner can review and clear it (recorded)', async () => {
      const s = serials[1];
      for (let i = 0; i < 4; i++) await verify(s);
      expect((await verify(s)).verdict).toBe('warning');

      const stranger = await createUser(t, 'business');
      await t.http.post(`/api/v1/stamps/${s}/warning/clear`).set(stranger.auth).send({}).expect(403);
      const cleared = await t.http.post(`/api/v1/stamps/${s}/warning/clear`).set(o.owner.auth).send({ note: 'Nhân viên quét thử tại hội chợ' }).expect(200);
      expect(cleared.body).toMatchObject({ serial: s, reviewedBy: o.owner.id, distinctClients: 5, note: 'Nhân viên quét thử tại hội chợ' });
      const [review] = await t.dataSource.query(`SELECT reviewed_by, reviewed_at, distinct_clients FROM trace_warning_reviews WHERE serial = $1`, [s]);
      expect(review).toMatchObject({ reviewed_by: o.owner.id, distinct_clients: 5 });
      expect(new Date(review.reviewed_at).getTime()).toBe(t.clock.now().getTime());
      const history = await t.http.get(`/api/v1/stamps/${s}/warning/reviews`).set(o.owner.auth).expect(200);
      expect(history.body.items).toHaveLength(1);
      const [audit] = await t.dataSource.query(`SELECT actor_id, action FROM audit_events WHERE subject_type = 'stamp' AND subject_id = $1`, [s]);
      expect(audit).toEqual({ actor_id: o.owner.id, action: 'traceability.stamp-warning-clear' });

      expect((await verify(s)).verdict).toBe('genuine');
      for (let i = 0; i < 3; i++) await verify(s);
      expect((await verify(s)).verdict).toBe('warning');
    });
  });
});
