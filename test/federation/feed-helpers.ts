import { DomainEvents } from '@tradefloor/core';
import type { TestApp } from '../harness/test-app';

export interface FeedElement {
  identifier: string;
  status: 'live' | 'deleted';
  dateModified: string;
  item?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON-LD read by path in assertions
}

export function takedownBody(subjectType: string, subjectId: string): Record<string, unknown> {
  return {
    subjectType,
    subjectId,
    source: 'authority',
    requester: 'Sở Công Thương tỉnh Vĩnh Long',
    reference: `CV-${Math.floor(Math.random() * 1e6)}/SCT`,
    legalBasis: 'Điều 36 Luật Thương mại điện tử 2025',
    receivedAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    reason: 'Sản phẩm giả mạo nhãn hiệu (counterfeit)',
  };
}

/** Changes a product's price the way any edit does: the row and its change event in one transaction. */
export async function setPrice(t: TestApp, productId: string, priceVnd: number): Promise<void> {
  const events = t.app.get(DomainEvents);
  await t.dataSource.transaction(async (m) => {
    await m.query(`UPDATE products SET price_vnd = $2, updated_at = now() WHERE id = $1`, [productId, priceVnd]);
    await events.publish(m, 'product.changed', { productId });
  });
}

/** Every element of a feed from `cursor` on, following nextCursor; returns them and the last cursor. */
export async function readAll(
  t: TestApp,
  path: string,
  cursor?: string,
  limit = 2,
): Promise<{ elements: FeedElement[]; cursor: string | null; pages: number }> {
  const elements: FeedElement[] = [];
  let pages = 0;
  for (;;) {
    const res = await t.http
      .get(path)
      .query({ limit, ...(cursor ? { cursor } : {}) })
      .expect(200);
    pages++;
    elements.push(...res.body.dataFeedElement);
    cursor = res.body.nextCursor ?? undefined;
    if (!res.body.hasMore) return { elements, cursor: cursor ?? null, pages };
    if (pages > 100) throw new Error('feed does not end');
  }
}
