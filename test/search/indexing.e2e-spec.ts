import { JobQueue } from '@tradefloor/core';
import { categoryId, createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { eventually, publish, search } from './search-catalog';

describe.each(['meilisearch', 'postgres'] as const)('search index sync through durable jobs (%s)', (engine) => {
  let t: TestApp;
  let e: FixtureEnterprise;
  /** Hits matching every word (a relaxed fallback's hits do not count). */
  const ids = async (q: string) => {
    const res = await search(t, { q, pageSize: 50 });
    return res.relaxed ? [] : res.hits.map((h) => h.id);
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { SEARCH_ENGINE: engine } });
    e = await createVerifiedEnterprise(t, { displayName: 'HTX Chôm Chôm Bình Phú' });
    // The first document written into a brand-new Meilisearch index takes seconds (index
    // structures are created then); measure the steady state that buyers and sellers see.
    await createProduct(t, e.id, { name: 'Chôm chôm Java' });
    await t.drainJobs();
  });
  afterAll(() => t?.close());

  it('makes a new product searchable without anyone draining the queue (latency printed)', async () => {
    for (let i = 1; i <= 3; i++) {
      const p = await createProduct(t, e.id, { name: `Chôm chôm nhãn loại ${i}` });
      const ms = await eventually(async () => (await ids(`chom chom nhan loai ${i}`)).includes(p.id));
      console.log(`[${engine}] product searchable ${ms} ms after its transaction committed`);
    }
  });

  it('enqueues index jobs only when the write commits', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs WHERE queue = 'search.product'`);
    await t.dataSource
      .transaction(async (m) => {
        await m.query(`UPDATE products SET name = 'Đổi tên' WHERE enterprise_id = $1`, [e.id]);
        const [row] = await m.query(`SELECT id FROM products WHERE enterprise_id = $1 LIMIT 1`, [e.id]);
        await t.app.get(JobQueue).enqueue(m, 'search.product', { productId: row.id });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs WHERE queue = 'search.product'`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('applies updates and removes unpublished products', async () => {
    const p = await createProduct(t, e.id, { name: 'Mắm tép chưng thịt' });
    await t.drainJobs();
    expect(await ids('mam tep')).toContain(p.id);
    await t.dataSource.query(`UPDATE products SET name = 'Mắm ruốc Trà Vinh', description = '', price_vnd = 77000 WHERE id = $1`, [p.id]);
    await publish(t, 'product.changed', p.id);
    await t.drainJobs();
    expect(await ids('mam tep')).not.toContain(p.id);
    const hit = (await search(t, { q: 'mam ruoc' })).hits.find((h) => h.id === p.id);
    expect(hit?.priceVnd).toBe(77_000);
    await t.dataSource.query(`UPDATE products SET status = 'unlisted' WHERE id = $1`, [p.id]);
    await publish(t, 'product.changed', p.id);
    await t.drainJobs();
    expect(await ids('mam ruoc')).not.toContain(p.id);
  });

  it('hides every product of a suspended enterprise, and shows them again when it is re-verified', async () => {
    const other = await createVerifiedEnterprise(t, { displayName: 'Cơ sở Bánh Tét Lá Cẩm' });
    const p1 = await createProduct(t, other.id, { name: 'Bánh tét lá cẩm nhân chuối' });
    const p2 = await createProduct(t, other.id, { name: 'Bánh tét lá cẩm nhân đậu' });
    await t.drainJobs();
    expect((await ids('banh tet la cam')).sort()).toEqual([p1.id, p2.id].sort());
    await t.dataSource.query(`UPDATE enterprises SET status = 'suspended', suspension_reason = 'vi phạm' WHERE id = $1`, [other.id]);
    await publish(t, 'enterprise.changed', other.id);
    await t.drainJobs();
    expect(await ids('banh tet la cam')).toEqual([]);
    const ent = await t.http.get('/api/v1/search/enterprises').query({ q: 'banh tet la cam' }).expect(200);
    expect(ent.body.total).toBe(0);
    await t.dataSource.query(`UPDATE enterprises SET status = 'verified' WHERE id = $1`, [other.id]);
    await publish(t, 'enterprise.changed', other.id);
    await t.drainJobs();
    expect((await ids('banh tet la cam')).length).toBe(2);
  });

  it('drops OCOP stars when the certificate is revoked, or lapses with time (no write at all)', async () => {
    const revoked = await createProduct(t, e.id, { name: 'Trà mãng cầu xiêm', ocopStars: 4 });
    const lapsing = await createProduct(t, e.id, { name: 'Rượu mãng cầu xiêm', ocopStars: 5 });
    await t.drainJobs();
    expect((await search(t, { q: 'mang cau xiem', ocopMin: 4 })).total).toBe(2);

    await t.dataSource.query(`UPDATE ocop_certificates SET status = 'revoked', revoked_at = now() WHERE product_id = $1`, [revoked.id]);
    await publish(t, 'product.changed', revoked.id);
    await t.drainJobs();
    const afterRevoke = await search(t, { q: 'mang cau xiem' });
    expect(afterRevoke.hits.find((h) => h.id === revoked.id)?.ocopStars).toBeNull();
    expect((await search(t, { q: 'mang cau xiem', ocopMin: 4 })).hits.map((h) => h.id)).toEqual([lapsing.id]);

    // 37 months later the remaining certificate (valid 36 months) has lapsed; the hourly sweep re-indexes it.
    t.clock.advance(37 * 31 * 24 * 3600_000);
    await t.app.get(JobQueue).enqueueNow('search.maintenance', { action: 'ocop-expiry' });
    await t.drainJobs();
    const lapsed = await search(t, { q: 'mang cau xiem' });
    expect(lapsed.hits.find((h) => h.id === lapsing.id)?.ocopStars).toBeNull();
    expect(lapsed.facets.ocopStars).toEqual({});
  });

  it('re-indexes the products of a renamed category', async () => {
    const p = await createProduct(t, e.id, { name: 'Cây giống sầu riêng', categorySlug: 'giong-cay-trong' });
    await t.drainJobs();
    const cat = await categoryId(t, 'giong-cay-trong');
    await t.dataSource.query(`UPDATE categories SET name = 'Giống cây ăn trái chất lượng cao' WHERE id = $1`, [cat]);
    await publish(t, 'category.changed', cat);
    await t.drainJobs();
    expect(await ids('chat luong cao')).toContain(p.id);
  });
});
