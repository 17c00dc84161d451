import { DomainEvents } from '@tradefloor/core';
import { XA_CAU_KE, XA_HUNG_HOA, createProduct, createVerifiedEnterprise, type FixtureEnterprise, type ProductFixtureInput } from '../harness/catalog-fixtures';
import type { TestApp } from '../harness/test-app';

export interface SearchCatalog {
  a: FixtureEnterprise;
  b: FixtureEnterprise;
  ids: Record<string, string>;
}

/** Products of enterprise A (cooperative, Trà Vinh) keyed by a short name used in assertions. */
const A_PRODUCTS: Record<string, ProductFixtureInput> = {
  buoiDaXanh: { name: 'Bưởi da xanh', ocopStars: 4, priceVnd: 60_000, certifications: [{ type: 'vietgap' }] },
  duaHau: { name: 'Dưa hấu', priceVnd: 15_000 },
  duaLuoi: { name: 'Dưa lưới', priceVnd: 45_000 },
  keoDua: { name: 'Kẹo dừa', categorySlug: 'banh-keo-mut', priceVnd: 35_000, ocopStars: 3 },
  duaSap: { name: 'Dừa sáp Cầu Kè', ocopStars: 5, priceVnd: 120_000, communeCode: XA_CAU_KE },
  khom: { name: 'Khóm Cầu Đúc', priceVnd: 20_000 },
  xoai: { name: 'Xoài cát Hòa Lộc', ocopStars: 4, priceVnd: 80_000 },
  thanhLong: { name: 'Thanh long ruột đỏ', priceVnd: 30_000, certifications: [{ type: 'vietgap' }, { type: 'globalgap' }] },
  matOngRung: { name: 'Mật ong rừng U Minh', categorySlug: 'mat-ong', ocopStars: 5, priceVnd: 250_000 },
  matOngNhan: { name: 'Mật ong hoa nhãn', categorySlug: 'mat-ong', ocopStars: 4, priceVnd: 180_000 },
  matOngBacHa: { name: 'Mật ong bạc hà', categorySlug: 'mat-ong', ocopStars: 3, priceVnd: 150_000 },
  matOngCaPhe: { name: 'Mật ong hoa cà phê', categorySlug: 'mat-ong', priceVnd: 140_000, stockQuantity: 0 },
  gao: { name: 'Gạo ST25 túi 5kg', categorySlug: 'gao', priceVnd: 190_000, certifications: [{ type: 'organic' }] },
  banhTrang: { name: 'Bánh tráng mè đen', categorySlug: 'banh-keo-mut', priceVnd: 25_000 },
  thitHeo: { name: 'Thịt heo sạch', categorySlug: 'san-pham-chan-nuoi', priceVnd: 110_000 },
  bap: { name: 'Bắp nếp', categorySlug: 'rau-cu-qua', priceVnd: 10_000 },
  dua: { name: 'Đũa tre', categorySlug: 'do-thu-cong', priceVnd: 30_000 },
  html: { name: 'Bánh <b>pía</b> & kẹo "sữa"', categorySlug: 'banh-keo-mut', priceVnd: 40_000 },
  draft: { name: 'Bưởi da xanh bản nháp', status: 'draft' },
};

/** Products of enterprise B (household, Hùng Hòa). */
const B_PRODUCTS: Record<string, ProductFixtureInput> = {
  buoiNamRoi: { name: 'Bưởi năm roi', priceVnd: 55_000 },
  matOngB: { name: 'Mật ong nguyên chất', categorySlug: 'mat-ong', ocopStars: 4, priceVnd: 200_000 },
};

export async function createSearchCatalog(t: TestApp): Promise<SearchCatalog> {
  const a = await createVerifiedEnterprise(t, { displayName: 'HTX Nông nghiệp Tân Tiến', kind: 'cooperative' });
  const b = await createVerifiedEnterprise(t, { displayName: 'Hộ kinh doanh Út Hiền', kind: 'household', communeCode: XA_HUNG_HOA });
  const ids: Record<string, string> = {};
  for (const [key, input] of Object.entries(A_PRODUCTS)) ids[key] = (await createProduct(t, a.id, input)).id;
  for (const [key, input] of Object.entries(B_PRODUCTS)) ids[key] = (await createProduct(t, b.id, input)).id;
  await t.drainJobs();
  return { a, b, ids };
}

/** Changes rows directly and publishes the event a real write would publish. */
export async function publish(t: TestApp, event: 'product.changed' | 'enterprise.changed' | 'category.changed', id: string): Promise<void> {
  const events = t.app.get(DomainEvents);
  await t.dataSource.transaction((m) =>
    event === 'product.changed'
      ? events.publish(m, event, { productId: id })
      : event === 'enterprise.changed'
        ? events.publish(m, event, { enterpriseId: id })
        : events.publish(m, event, { categoryId: id }),
  );
}

/** Polls until `predicate` holds (index jobs run after commit); returns the time it took. */
export async function eventually(predicate: () => Promise<boolean>, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await predicate()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Hit {
  id: string;
  name: string;
  priceVnd: number;
  ocopStars: number | null;
  enterpriseId: string;
  communeCode: string;
  rating: { average: number; count: number } | null;
  highlight: { name: string };
}

export async function search(
  t: TestApp,
  params: Record<string, string | number | boolean>,
): Promise<{ hits: Hit[]; total: number; facets: Record<string, Record<string, number>>; relaxed: { query: string; droppedWords: string[] } | null }> {
  const res = await t.http.get('/api/v1/search/products').query(params);
  if (res.status !== 200) throw new Error(`search ${JSON.stringify(params)} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
