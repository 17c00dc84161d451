import { seedDemoData } from '../../apps/api/src/cli/demo-data/seed-demo-data';
import { seedSyntheticProducts, type ScaleProgress } from '../../apps/api/src/cli/demo-data/seed-synthetic';
import { createTestApp, type TestApp } from '../harness/test-app';

describe('demo data: --scale adds synthetic products', () => {
  let t: TestApp;
  const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM products`))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    await seedDemoData(t.app);
  });
  afterAll(() => t.close());

  it('adds exactly N products, reports progress, and a rerun adds nothing', async () => {
    const before = await count();
    const progress: ScaleProgress[] = [];
    const report = await seedSyntheticProducts(t.app, 120, (p) => progress.push(p));
    expect(report.productsCreated).toBe(120);
    expect(await count()).toBe(before + 120);
    expect(progress.at(-1)).toMatchObject({ done: 120, total: 120, created: 120, etaSeconds: 0 });

    const again = await seedSyntheticProducts(t.app, 120);
    expect(again).toMatchObject({ productsCreated: 0, enterprisesCreated: 0 });
    expect(await count()).toBe(before + 120);
  });

  it('spreads them over synthetic sellers and the demo enterprises, with varied names', async () => {
    const rows: Array<{ synthetic: boolean; n: number }> = await t.dataSource.query(
      `SELECT e.slug LIKE '%-syn%' AS synthetic, count(*)::int AS n
       FROM products p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.sku LIKE 'SYN-%' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { synthetic: false, n: 30 },
      { synthetic: true, n: 90 },
    ]);
    const [names] = await t.dataSource.query(`SELECT count(DISTINCT name)::int AS n FROM products WHERE sku LIKE 'SYN-%'`);
    expect(names.n).toBeGreaterThan(60);
  });

  it('a larger N adds only the difference, and the statistics grow with the published ones', async () => {
    const overview = async () => (await t.http.get('/api/v1/stats/overview').expect(200)).body;
    const before = await overview();
    const report = await seedSyntheticProducts(t.app, 300);
    expect(report.productsCreated).toBe(180);
    const [published] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM products p JOIN enterprises e ON e.id = p.enterprise_id
       WHERE p.sku LIKE 'SYN-%' AND p.sku > 'SYN-0000120' AND p.status = 'published' AND e.status = 'verified'`,
    );
    expect((await overview()).products.published).toBe(before.products.published + published.n);
  });
});
