import { parse } from 'csv-parse/sync';
import { SEED_FIGURES } from '../../apps/api/src/cli/demo-data/figures';
import { seedDemoData } from '../../apps/api/src/cli/demo-data/seed-demo-data';
import { DEMO_PASSWORD } from '../../apps/api/src/cli/demo-data/demo-users';
import { login } from '../harness/auth';
import { createTestApp, type TestApp } from '../harness/test-app';

function pathValue(obj: unknown, path: string): unknown {
  return path.split('.').reduce((o, k) => (o as Record<string, unknown>)[k], obj);
}

describe('demo data: seed:demo reproduces the seed article figures', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('loads the base set and /api/v1/stats/overview shows exactly the seed figures', async () => {
    const report = await seedDemoData(t.app);
    expect(report.enterprisesCreated).toBe(136);
    // One change event per created enterprise and product (search and partner feeds subscribe to them).
    expect(report.eventsPublished).toBe(136 + report.productsCreated);
    const res = await t.http.get('/api/v1/stats/overview').expect(200);
    const { asOf: _asOf, ...figures } = res.body;
    expect(figures).toEqual(SEED_FIGURES);
    // The article's own numbers, spelled out.
    expect(res.body.ocop).toMatchObject({ products: 184, potentialFiveStar: 9, fourStar: 38, threeStar: 137, subjects: 118 });
    expect(res.body.ocop.subjectsByKind).toEqual({ household: 72, company: 20, private_enterprise: 5, cooperative: 19, cooperative_group: 2 });
    expect(res.body.enterprises.verified).toBe(132);
    expect(res.body.products).toMatchObject({ published: 662, typicalRuralIndustrial: 67 });
    expect(res.body.products.withOtherCertification).toBeGreaterThanOrEqual(300);
  });

  it('is idempotent: a second run creates nothing and the figures stay the same', async () => {
    const jobsBefore = await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs`);
    const report = await seedDemoData(t.app);
    expect(report).toMatchObject({ usersCreated: 0, enterprisesCreated: 0, productsCreated: 0, productsCertified: 0, eventsPublished: 0 });
    const jobsAfter = await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs`);
    expect(jobsAfter[0].n).toBe(jobsBefore[0].n);
    const res = await t.http.get('/api/v1/stats/overview').expect(200);
    const { asOf: _asOf, ...figures } = res.body;
    expect(figures).toEqual(SEED_FIGURES);
  });

  it('includes the products of the search relevance cases and honey at several OCOP levels', async () => {
    const names: Array<{ name: string }> = await t.dataSource.query(
      `SELECT p.name FROM products p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.status = 'published' AND e.status = 'verified'`,
    );
    for (const wanted of ['Bưởi da xanh', 'Dưa hấu', 'Dừa sáp', 'Kẹo dừa', 'Dưa lưới', 'Dứa', 'Xoài cát Hòa Lộc', 'Thanh long ruột đỏ', 'Mật ong']) {
      expect(names.some((n) => n.name.startsWith(wanted))).toBe(true);
    }
    const honey: Array<{ level: string }> = await t.dataSource.query(
      `SELECT DISTINCT CASE WHEN oc.potential_five_star THEN 'potential' ELSE oc.stars::text END AS level
       FROM products p JOIN ocop_certificates oc ON oc.product_id = p.id
       WHERE p.name LIKE 'Mật ong%' AND oc.status = 'valid' AND oc.valid_until >= current_date`,
    );
    expect(honey.map((h) => h.level).sort()).toEqual(['3', '4', 'potential']);
  });

  it('creates demo accounts that can log in with the documented password', async () => {
    const [owner] = await t.dataSource.query(
      `SELECT u.email FROM enterprises e JOIN users u ON u.id = e.owner_id WHERE e.slug = 'htx-buoi-da-xanh-hung-hoa'`,
    );
    const user = await login(t, owner.email, DEMO_PASSWORD);
    const me = await t.http.get('/api/v1/me').set(user.auth).expect(200);
    expect(me.body.role).toBe('business');
  });

  it('exports the same figures as CSV (UTF-8 with BOM, attachment)', async () => {
    const json = (await t.http.get('/api/v1/stats/overview').expect(200)).body;
    const res = await t.http.get('/api/v1/stats/overview.csv').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.csv"$/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(body.toString('utf8'), { bom: true });
    expect(rows[0]).toEqual(['Mã chỉ tiêu', 'Chỉ tiêu', 'Giá trị']);
    const data = rows.slice(1);
    expect(data.find((r) => r[0] === 'ocop.potentialFiveStar')?.[1]).toBe('Sản phẩm OCOP tiềm năng 5 sao');
    for (const [key, , value] of data) {
      expect(String(pathValue(json, key))).toBe(value);
    }
    // Every number of the JSON appears once in the CSV.
    const leaves = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(data.map((r) => r[0]).sort()).toEqual(leaves(json).sort());
  });

  it('exports per-commune counts that add up to the overview', async () => {
    const list = (await t.http.get('/api/v1/stats/communes').expect(200)).body as Array<{ communeCode: string; enterprises: number; publishedProducts: number; ocopProducts: number }>;
    const sum = (k: 'enterprises' | 'publishedProducts' | 'ocopProducts') => list.reduce((s, c) => s + c[k], 0);
    expect([sum('enterprises'), sum('publishedProducts'), sum('ocopProducts')]).toEqual([132, 662, 184]);
    expect(list.find((c) => c.communeCode === '29308')!.publishedProducts).toBeGreaterThan(0);
    const csv = await t.http.get('/api/v1/stats/communes.csv').expect(200);
    const rows: string[][] = parse(csv.text, { bom: true });
    expect(rows.length).toBe(list.length + 1);
    expect(rows.find((r) => r[0] === '29308')).toEqual(['29308', 'Xã Cầu Kè', ...['enterprises', 'publishedProducts', 'ocopProducts'].map((k) => String(list.find((c) => c.communeCode === '29308')![k as 'enterprises']))]);
  });
});
