import { productPagePath } from '@tradefloor/core';
import { createProduct, createVerifiedEnterprise, PHUONG_TRA_VINH } from '../harness/catalog-fixtures';
import { BROWSER_SUITE_TIMEOUT_MS, shot, startBrowserHarness, type BrowserHarness } from './harness';

jest.setTimeout(BROWSER_SUITE_TIMEOUT_MS);

/** Issue 17: a guest on a phone buys from a seller that takes VietQR, with the pages alone. */
describe('browser: guest on a phone adds to cart, checks out with VietQR and sees the QR code', () => {
  let h: BrowserHarness;
  let productSlug: string;

  beforeAll(async () => {
    h = await startBrowserHarness({ worker: false });
    const coop = await createVerifiedEnterprise(h.t, { displayName: 'HTX Bưởi Hùng Hòa', kind: 'cooperative' });
    productSlug = (await createProduct(h.t, coop.id, { name: 'Bưởi da xanh loại 1', priceVnd: 60_000, stockQuantity: 40 })).slug;
    await h.t.http
      .put(`/api/v1/enterprises/${coop.id}/payout-account`)
      .set(coop.owner.auth)
      .send({ bankBin: '970436', accountNumber: '0071000123456', accountHolder: 'HTX Buoi Hung Hoa' })
      .expect(200);
  });
  afterAll(() => h?.close());

  it('product → cart (sales terms) → checkout (field error, then VietQR) → confirmation with the QR image → lookup', async () => {
    const page = await (await h.newContext()).newPage();
    await page.goto(productPagePath(productSlug));
    await page.getByLabel(/Số lượng/).fill('2');
    await page.getByRole('button', { name: 'Thêm vào giỏ', exact: true }).click();
    await page.waitForURL(/\/gio-hang\?done=added/);
    await expect(page.getByText('Điều kiện bán hàng').first().isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: 'Đặt hàng', exact: true }).click();
    await page.waitForURL(/\/thanh-toan$/);

    await page.locator('#f-buyerName').fill('Trần Thị Bé');
    await page.locator('#f-buyerPhone').fill('0987654321');
    await page.locator('#f-buyerEmail').fill('be.tran@example.vn');
    await page.locator('#f-street').fill('5 Lê Lợi');
    await page.locator('#f-recipientName').fill('Trần Thị Bé');
    await page.locator('#f-recipientPhone').fill('0987654321');
    await page.getByLabel(/Chuyển khoản VietQR/).check();
    // No commune chosen: the page comes back with the error beside the field.
    await page.getByRole('button', { name: 'Đặt hàng', exact: true }).click();
    await page.locator('#f-communeCode-error').waitFor();
    await page.locator('#f-communeCode').selectOption(PHUONG_TRA_VINH);
    await page.getByRole('button', { name: 'Đặt hàng', exact: true }).click();
    await page.getByRole('heading', { name: 'Đã đặt hàng' }).waitFor();
    const qr = page.locator('img[src^="data:image/png;base64,"]');
    expect(await qr.count()).toBe(1);
    expect(await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    expect(await page.locator('main').textContent()).toContain('0071000123456');
    const code = (await page.locator('main dl.facts code').first().textContent())!.trim();
    expect(code).toMatch(/^TV-[A-Z0-9]+$/);
    await shot(page, 'orders-confirmation-phone');

    await page.goto('/tra-cuu-don-hang');
    await page.locator('#f-code').fill(code);
    await page.locator('#f-phone').fill('0987654321');
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await page.getByRole('heading', { name: 'Đơn hàng' }).waitFor();
    expect(await page.locator('img[src^="data:image/png;base64,"]').count()).toBe(1);
  });
});
