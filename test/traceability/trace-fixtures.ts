import type { Response } from 'superagent';
import type { TestUser } from '../harness/auth';
import { XA_HUNG_HOA, createProduct, createVerifiedEnterprise, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import type { TestApp } from '../harness/test-app';

/** GTIN-13 with GS1 Vietnam prefix 893; check digit 7 computed by hand (weights 3,1,… from the right). */
export const GTIN13 = '8931234567897';

export interface Owner {
  enterprise: FixtureEnterprise;
  owner: TestUser;
  product: FixtureProduct;
}

export async function ownerWithProduct(t: TestApp, input: { name?: string; gtin?: string | null; ocopStars?: 3 | 4 | 5 } = {}): Promise<Owner> {
  const enterprise = await createVerifiedEnterprise(t, { displayName: 'HTX Bưởi da xanh Hùng Hòa' });
  const product = await createProduct(t, enterprise.id, {
    name: input.name ?? 'Bưởi da xanh Trà Vinh',
    gtin: input.gtin === undefined ? GTIN13 : input.gtin,
    ocopStars: input.ocopStars,
    certifications: [{ type: 'vietgap' }],
  });
  return { enterprise, owner: enterprise.owner, product };
}

export async function createBatch(
  t: TestApp,
  o: Owner,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; lotCode: string; gtin14: string | null }> {
  const res = await t.http
    .post('/api/v1/batches')
    .set(o.owner.auth)
    .send({
      productId: o.product.id,
      lotCode: `L${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      producedAt: '2025-07-01',
      quantity: 1200,
      unit: 'kg',
      originCommuneCode: XA_HUNG_HOA,
      ...overrides,
    })
    .expect(201);
  return res.body;
}

export async function issue(
  t: TestApp,
  o: Owner,
  batchId: string,
  count: number,
): Promise<{ firstSerial: string; lastSerial: string; firstUrl: string; firstSeq: number; lastSeq: number }> {
  const res = await t.http.post(`/api/v1/batches/${batchId}/stamps`).set(o.owner.auth).send({ count }).expect(201);
  return res.body;
}

export async function serialsOf(t: TestApp, batchId: string): Promise<string[]> {
  const rows = await t.dataSource.query(`SELECT serial FROM trace_stamps WHERE batch_id = $1 ORDER BY seq`, [batchId]);
  return rows.map((r: { serial: string }) => r.serial);
}

/** Collects a binary response body (PDF, PNG, SVG) as a Buffer through supertest (`.buffer(true).parse(binary)`). */
export function binary(res: Response, cb: (err: Error | null, body: Buffer) => void): void {
  // superagent hands parsers the raw Node response stream, typed as its own Response.
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

/**
 * Moves the clock forward to the next noon (UTC). Scan client hashes rotate with the UTC day, so
 * a story that advances the clock must not cross midnight, whatever time the suite starts.
 */
export function moveToNoonUtc(t: TestApp): void {
  const now = t.clock.now();
  const noon = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12));
  t.clock.set(noon > now ? noon : new Date(noon.getTime() + 24 * 60 * 60_000));
}
