import { PHUONG_TRA_VINH, XA_CAU_KE, XA_HUNG_HOA, createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';

const HOUR = 3600_000;

describe('stats: overview and per-commune rules on a small fixture set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    const coop = await createVerifiedEnterprise(t, { kind: 'cooperative', communeCode: XA_HUNG_HOA });
    const household = await createVerifiedEnterprise(t, { kind: 'household', communeCode: XA_CAU_KE });
    const company = await createVerifiedEnterprise(t, { kind: 'company' });
    const suspended = await createVerifiedEnterprise(t, { kind: 'household', status: 'suspended' });

    await createProduct(t, coop.id, { name: 'Bưởi da xanh Hùng Hòa', ocopStars: 4, potentialFiveStar: true, certifications: [{ type: 'vietgap' }] });
    await createProduct(t, coop.id, { name: 'Mứt vỏ bưởi', ocopStars: 4, certifications: [{ type: 'typical_rural_industrial' }, { type: 'haccp' }] });
    await createProduct(t, coop.id, { name: 'Tinh dầu bưởi', status: 'unlisted', ocopStars: 3 });
    await createProduct(t, household.id, { name: 'Kẹo dừa sáp', ocopStars: 3, certifications: [{ type: 'typical_rural_industrial' }] });
    await createProduct(t, household.id, { name: 'Kẹo dừa lá dứa', status: 'draft', certifications: [{ type: 'haccp' }] });
    await createProduct(t, company.id, {
      name: 'Mật ong hoa dừa',
      ocopStars: 5,
      communeCode: PHUONG_TRA_VINH,
      certifications: [{ type: 'other', name: 'Chứng nhận Halal' }],
    });
    await createProduct(t, suspended.id, { name: 'Khô cá lóc', certifications: [{ type: 'typical_rural_industrial' }, { type: 'haccp' }] });
  });
  afterAll(() => t.close());

  it('counts verified enterprises, visible products, certifications and OCOP by best valid certificate', async () => {
    const res = await t.http.get('/api/v1/stats/overview').expect(200);
    expect(res.body).toMatchObject({
      enterprises: { verified: 3, byKind: { household: 1, company: 1, private_enterprise: 0, cooperative: 1, cooperative_group: 0 } },
      // The suspended household's product and the draft are not on the floor.
      products: { published: 4, typicalRuralIndustrial: 2, withOtherCertification: 3 },
      ocop: {
        products: 5,
        fiveStar: 1,
        potentialFiveStar: 1,
        fourStar: 1,
        threeStar: 2,
        published: 4,
        subjects: 3,
        subjectsByKind: { household: 1, company: 1, private_enterprise: 0, cooperative: 1, cooperative_group: 0 },
      },
    });
  });

  it('stops counting a certificate once it is past valid_until (by the Vietnam date of the clock)', async () => {
    const later = await createVerifiedEnterprise(t, { kind: 'cooperative_group' });
    const p = await createProduct(t, later.id, { name: 'Chiếu lác', ocopStars: 3 });
    const before = t.clock.now();
    // A day ten days from now; Vietnam is UTC+7, so its last hour starts at 16:00 UTC.
    const lastDay = new Date(before.getTime() + 10 * 24 * HOUR).toISOString().slice(0, 10);
    await t.dataSource.query(`UPDATE ocop_certificates SET valid_until = $2::date WHERE product_id = $1`, [p.id, lastDay]);
    try {
      t.clock.set(new Date(`${lastDay}T16:30:00Z`));
      const valid = await t.http.get('/api/v1/stats/overview').expect(200);
      expect(valid.body.asOf).toBe(lastDay);
      expect(valid.body.ocop.subjectsByKind.cooperative_group).toBe(1);
      // One hour later it is the next day in Vietnam: expired, although its status is still "valid".
      t.clock.set(new Date(`${lastDay}T17:30:00Z`));
      const expired = await t.http.get('/api/v1/stats/overview').expect(200);
      expect(expired.body.asOf).not.toBe(lastDay);
      expect(expired.body.ocop.subjectsByKind.cooperative_group).toBe(0);
      expect(expired.body.ocop.products).toBe(valid.body.ocop.products - 1);
      expect(expired.body.ocop.threeStar).toBe(valid.body.ocop.threeStar - 1);
    } finally {
      t.clock.set(before);
    }
  });

  it('ignores revoked certificates and prefers the best valid one when a product has several', async () => {
    const e = await createVerifiedEnterprise(t, { kind: 'private_enterprise' });
    const p = await createProduct(t, e.id, { name: 'Rượu Xuân Thạnh', ocopStars: 3 });
    const revoked = await createProduct(t, e.id, { name: 'Rượu nếp than', ocopStars: 4 });
    await t.dataSource.query(`UPDATE ocop_certificates SET status = 'revoked', revoked_at = now() WHERE product_id = $1`, [revoked.id]);
    await t.dataSource.query(
      `INSERT INTO ocop_certificates (product_id, stars, score, decision_number, issuing_body, decision_date, valid_until)
       VALUES ($1, 4, 80, '99/QĐ-UBND', 'UBND tỉnh Vĩnh Long', current_date, current_date + interval '36 months')`,
      [p.id],
    );
    const res = await t.http.get('/api/v1/stats/overview').expect(200);
    // Rượu Xuân Thạnh counts once, as 4-star; the revoked Rượu nếp than not at all.
    expect(res.body.ocop).toMatchObject({ products: 7, fourStar: 2, threeStar: 3, subjects: 5, subjectsByKind: { private_enterprise: 1 } });
  });

  it('counts per commune by the origin commune, else the enterprise commune', async () => {
    const res = await t.http.get('/api/v1/stats/communes').expect(200);
    const byCode = new Map(res.body.map((c: { communeCode: string }) => [c.communeCode, c]));
    expect(byCode.get(XA_HUNG_HOA)).toEqual({ communeCode: XA_HUNG_HOA, communeName: 'Xã Hùng Hòa', enterprises: 1, publishedProducts: 2, ocopProducts: 3 });
    expect(byCode.get(XA_CAU_KE)).toMatchObject({ enterprises: 1, publishedProducts: 1, ocopProducts: 1 });
    // Company, cooperative group and private enterprise sit in Phường Trà Vinh (the suspended household does not count).
    expect(byCode.get(PHUONG_TRA_VINH)).toMatchObject({ enterprises: 3, publishedProducts: 4, ocopProducts: 3 });
    expect(res.body.length).toBeGreaterThanOrEqual(124);
    const total = res.body.reduce((s: number, c: { publishedProducts: number }) => s + c.publishedProducts, 0);
    const overview = await t.http.get('/api/v1/stats/overview').expect(200);
    expect(total).toBe(overview.body.products.published);
  });

  it('documents every stats route in OpenAPI with a success schema', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    expect(doc.paths['/api/v1/stats/overview'].get.responses['200'].content['application/json'].schema.$ref).toMatch(/StatsOverviewDto/);
    expect(doc.paths['/api/v1/stats/overview.csv'].get.responses['200'].content['text/csv'].schema).toEqual({ type: 'string' });
    expect(doc.paths['/api/v1/stats/communes'].get.responses['200'].content['application/json'].schema.type).toBe('array');
  });
});
