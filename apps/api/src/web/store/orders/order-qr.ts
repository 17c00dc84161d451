import type { OrderDto } from '@tradefloor/orders';
import { vietQrPng } from '@tradefloor/payments';

/**
 * Each VietQR sub-order's code as an inline PNG (`data:` URL): only a page that already proved the
 * right to see the order (buyer signed in, or code + phone) carries it, so no image address can leak it.
 */
export async function orderQrImages(order: OrderDto): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const s of order.subOrders) {
    const payload = s.payment?.vietqr?.payload;
    if (payload) out.set(s.code, `data:image/png;base64,${(await vietQrPng(payload)).toString('base64')}`);
  }
  return out;
}
