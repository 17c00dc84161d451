import type { TestUser } from '../harness/auth';
import type { FixtureEnterprise } from '../harness/catalog-fixtures';
import type { TestApp } from '../harness/test-app';
import { addToCart, as, SALES_TERMS, sellerEntry } from '../orders/order-helpers';

export { SALES_TERMS };

export async function openShop(t: TestApp, seller: FixtureEnterprise): Promise<void> {
  await t.http.put(`/api/v1/enterprises/${seller.id}/sales-terms`).set(seller.owner.auth).send(SALES_TERMS).expect(200);
}

/** A signed-in buyer orders one of each product at the seller, and the seller takes the sub-order to `completed`. */
export async function completedSubOrder(t: TestApp, seller: FixtureEnterprise, buyer: TestUser, productIds: string[]): Promise<string> {
  const me = { auth: buyer.auth };
  for (const id of productIds) await addToCart(t, me, id, 1);
  const placed = await as(t, me)
    .post('/api/v1/checkout', { buyerPhone: '0987654321', subOrders: [sellerEntry(seller.id)] })
    .expect(201);
  const code: string = placed.body.subOrders[0].code;
  for (const action of ['confirm', 'pack', 'ship', 'deliver', 'complete']) {
    await t.http.post(`/api/v1/enterprises/${seller.id}/sub-orders/${code}/${action}`).set(seller.owner.auth).send({}).expect(200);
  }
  return code;
}

/** The buyer reviews one line of the sub-order; staff decide (`published`, `rejected`) unless `pending`. Returns the review id. */
export async function reviewLine(
  t: TestApp,
  staff: TestUser,
  buyer: TestUser,
  subOrderCode: string,
  productId: string,
  productStars: number,
  decision: 'published' | 'rejected' | 'pending' = 'published',
): Promise<string> {
  const created = await t.http
    .post('/api/v1/reviews')
    .set(buyer.auth)
    .send({ subOrderCode, productId, productStars, sellerStars: productStars, text: `Hàng đúng mô tả, ${productStars} sao cho sản phẩm này.` })
    .expect(201);
  const id: string = created.body.id;
  if (decision !== 'pending') {
    await t.http
      .post(`/api/v1/admin/reviews/${id}/${decision === 'published' ? 'publish' : 'reject'}`)
      .set(staff.auth)
      .send({})
      .expect(200);
  }
  return id;
}

/** Staff hide a published review. */
export async function hideReview(t: TestApp, staff: TestUser, id: string): Promise<void> {
  await t.http.post(`/api/v1/admin/reviews/${id}/hide`).set(staff.auth).send({}).expect(200);
}

/** Three different signed-in people report the review: it is hidden (REVIEW_REPORTS_TO_HIDE). */
export async function reportUntilHidden(t: TestApp, reporters: TestUser[], id: string): Promise<void> {
  for (const r of reporters) {
    await t.http.post(`/api/v1/reviews/${id}/report`).set(r.auth).send({ reason: 'Nội dung không đúng sự thật' }).expect(200);
  }
}
