import { DomainEvents, JobRegistry } from '@tradefloor/core';
import { categoryId, XA_CAU_KE } from '../harness/catalog-fixtures';
import type { TestUser } from '../harness/auth';
import type { TestApp } from '../harness/test-app';

export const VALID_GTIN = '8934588063053';

let n = 0;

/** A valid POST /api/v1/products body. */
export async function productBody(t: TestApp, enterpriseId: string, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  n++;
  return {
    enterpriseId,
    name: `Bưởi da xanh Cầu Kè ${n}`,
    description: '<p>Bưởi da xanh <strong>ngọt</strong>, trồng tại Cầu Kè.</p>',
    categoryId: await categoryId(t, 'trai-cay'),
    priceVnd: 120000,
    unit: 'kg',
    sku: `BUOI-${n}-${Math.random().toString(36).slice(2, 7)}`,
    stockQuantity: 50,
    originCommuneCode: XA_CAU_KE,
    ...overrides,
  };
}

export async function createDraft(t: TestApp, owner: TestUser, enterpriseId: string, overrides: Record<string, unknown> = {}) {
  const res = await t.http
    .post('/api/v1/products')
    .set(owner.auth)
    .send(await productBody(t, enterpriseId, overrides))
    .expect(201);
  return res.body as { id: string; slug: string; status: string; sku: string };
}

/** Creates, submits and approves a product through the API. */
export async function createPublished(t: TestApp, owner: TestUser, moderator: TestUser, enterpriseId: string, overrides: Record<string, unknown> = {}) {
  const p = await createDraft(t, owner, enterpriseId, overrides);
  await t.http.post(`/api/v1/products/${p.id}/submit`).set(owner.auth).expect(200);
  const res = await t.http.post(`/api/v1/admin/products/${p.id}/approve`).set(moderator.auth).expect(200);
  return res.body as { id: string; slug: string; status: string };
}

export async function countRows(t: TestApp, table: string): Promise<number> {
  const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

/**
 * Subscribes a recording queue to product.changed, so tests can see which products a write
 * announced (after draining the queue).
 */
export function recordProductChanges(t: TestApp): { drain(): Promise<string[]> } {
  const seen: string[] = [];
  t.app.get(DomainEvents).subscribe('product.changed', 'test.product-changed');
  t.app.get(JobRegistry).register<{ productId: string }>('test.product-changed', async (job) => {
    seen.push(job.payload.productId);
  });
  return {
    drain: async () => {
      await t.drainJobs(['test.product-changed']);
      return seen.splice(0);
    },
  };
}

export function fields(body: { details?: Array<{ field: string }> }): string[] {
  return (body.details ?? []).map((d) => d.field).sort();
}
