import type { TestUser } from '../harness/auth';
import type { TestApp } from '../harness/test-app';

export async function categoryId(t: TestApp, slug: string): Promise<string> {
  const res = await t.http.get('/api/v1/bulletin-categories').expect(200);
  const found = res.body.items.find((c: { slug: string }) => c.slug === slug);
  if (!found) throw new Error(`category ${slug} not seeded`);
  return found.id;
}

export function bulletinInput(catId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Trà Vinh phấn đấu có thêm 114 sản phẩm OCOP mới trong năm 2023',
    summary: 'Năm 2022 toàn tỉnh có 184 sản phẩm OCOP.',
    body: '<p>Chiều ngày 20/4, Ban Chỉ đạo họp tổng kết.</p>',
    categoryId: catId,
    tags: ['OCOP'],
    authorByline: 'Trúc Phương',
    ...overrides,
  };
}

export async function createBulletin(t: TestApp, user: TestUser, body: Record<string, unknown>) {
  const res = await t.http.post('/api/v1/bulletins').set(user.auth).send(body).expect(201);
  return res.body as { id: string; slug: string; status: string; [k: string]: unknown };
}

export async function publishedBulletin(t: TestApp, user: TestUser, body: Record<string, unknown>) {
  const b = await createBulletin(t, user, body);
  const res = await t.http.post(`/api/v1/bulletins/${b.id}/publish`).set(user.auth).send({}).expect(200);
  expect(res.body.status).toBe('published');
  return res.body as { id: string; slug: string; status: string; [k: string]: unknown };
}
