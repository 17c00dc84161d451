import { randomInt } from 'node:crypto';
import { loginAdmin, type TestUser } from '../harness/auth';
import { PHUONG_TRA_VINH } from '../harness/catalog-fixtures';
import type { TestApp } from '../harness/test-app';

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** A fresh valid 10-digit tax code (computed independently of the code under test). */
export function randomTaxCode(): string {
  for (;;) {
    const prefix = String(randomInt(0, 1_000_000_000)).padStart(9, '0');
    const r = WEIGHTS.reduce((a, w, i) => a + w * Number(prefix[i]), 0) % 11;
    if (r === 0) continue;
    return `${prefix}${r === 10 ? 0 : 10 - r}`;
  }
}

export function enterpriseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'cooperative',
    legalName: 'Hợp tác xã Nông nghiệp Hùng Hòa',
    displayName: 'HTX Bưởi da xanh Hùng Hòa',
    taxCode: randomTaxCode(),
    phone: '0912345678',
    email: 'htx.hunghoa@example.vn',
    address: { street: 'Ấp Cây Gòn', provinceCode: '86', communeCode: PHUONG_TRA_VINH },
    description: '<p>Bưởi da xanh <strong>OCOP 4 sao</strong>.</p>',
    ...overrides,
  };
}

export interface CreatedEnterprise {
  id: string;
  slug: string;
  status: string;
  [k: string]: unknown;
}

/** Creates an enterprise through the API as `owner` (201 expected). */
export async function createEnterprise(t: TestApp, owner: TestUser, overrides: Record<string, unknown> = {}): Promise<CreatedEnterprise> {
  const res = await t.http.post('/api/v1/enterprises').set(owner.auth).send(enterpriseBody(overrides));
  if (res.status !== 201) throw new Error(`create enterprise: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates, submits and verifies an enterprise through the API. */
export async function createVerified(t: TestApp, owner: TestUser, overrides: Record<string, unknown> = {}): Promise<CreatedEnterprise> {
  const e = await createEnterprise(t, owner, overrides);
  await t.http.post(`/api/v1/enterprises/${e.id}/submit`).set(owner.auth).expect(200);
  const admin = await loginAdmin(t);
  const res = await t.http.post(`/api/v1/admin/enterprises/${e.id}/verify`).set(admin.auth).expect(200);
  return res.body;
}

export const TEST_QUEUE = 'test.enterprise-changed';

/** enterprise.changed jobs recorded for an enterprise (the suite subscribes TEST_QUEUE). */
export async function changeEvents(t: TestApp, enterpriseId: string): Promise<number> {
  const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM jobs WHERE queue = $1 AND payload->>'enterpriseId' = $2`, [TEST_QUEUE, enterpriseId]);
  return row.n;
}
