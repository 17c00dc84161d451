import type { Response } from 'superagent';
import { PHUONG_TRA_VINH } from '../harness/catalog-fixtures';
import type { TestApp } from '../harness/test-app';

/** A buyer as the API sees it: a guest's cart cookie and/or a bearer token. */
export interface Shopper {
  cookie?: string;
  auth?: { Authorization: string };
}

export const ADDRESS = {
  provinceCode: '86',
  communeCode: PHUONG_TRA_VINH,
  street: '12 Nguyễn Thị Minh Khai, khóm 3',
  recipientName: 'Nguyễn Văn An',
  recipientPhone: '0912345678',
};

/** Keeps the `tf_cart` cookie a response set (or cleared). */
export function keepCookie(shopper: Shopper, res: Response): void {
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cart = set.find((c) => c.startsWith('tf_cart='));
  if (!cart) return;
  const value = cart.split(';')[0].slice('tf_cart='.length);
  shopper.cookie = value ? `tf_cart=${value}` : undefined;
}

export function as(t: TestApp, shopper: Shopper) {
  const headers = (): Record<string, string> => ({ ...(shopper.auth ?? {}), ...(shopper.cookie ? { Cookie: shopper.cookie } : {}) });
  return {
    get: (url: string) => t.http.get(url).set(headers()),
    post: (url: string, body: object = {}) => t.http.post(url).set(headers()).send(body),
    patch: (url: string, body: object) => t.http.patch(url).set(headers()).send(body),
    delete: (url: string) => t.http.delete(url).set(headers()),
  };
}

export async function addToCart(t: TestApp, shopper: Shopper, productId: string, quantity: number, status = 200): Promise<Response> {
  const res = await as(t, shopper).post('/api/v1/cart/items', { productId, quantity }).expect(status);
  keepCookie(shopper, res);
  return res;
}

/** Sales terms that let a buyer in Vĩnh Long order: the seller delivers in province 86 for a fee, and confirms within 24 hours. */
export const SALES_TERMS = {
  deliveryPolicy: 'Giao trong 2 ngày trong tỉnh Vĩnh Long.',
  returnsPolicy: 'Đổi trả trong 3 ngày nếu trái hư hỏng.',
  pricesIncludeVat: false,
  sellerDeliveryFeeVnd: 25_000,
  deliveryProvinceCodes: ['86'],
  deliveryCommuneCodes: [],
  confirmWithinHours: 24,
};

export function sellerEntry(enterpriseId: string, overrides: Record<string, unknown> = {}) {
  return { enterpriseId, paymentMethod: 'cod', shipping: { carrier: 'seller' }, address: { ...ADDRESS }, note: 'Giao giờ hành chính', ...overrides };
}

export function guestCheckout(enterpriseIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    buyerName: 'Nguyễn Văn An',
    buyerPhone: '0912345678',
    buyerEmail: 'an.nguyen@example.vn',
    subOrders: enterpriseIds.map((id) => sellerEntry(id)),
    ...overrides,
  };
}

export async function stockOf(t: TestApp, productId: string): Promise<number> {
  return (await t.dataSource.query(`SELECT stock_quantity FROM products WHERE id = $1`, [productId]))[0].stock_quantity;
}

export async function countRows(t: TestApp, table: string): Promise<number> {
  return (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
}
