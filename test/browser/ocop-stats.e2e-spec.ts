import type { Page } from 'playwright-core';
import { createUser } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { BROWSER_SUITE_TIMEOUT_MS, MOBILE, basicA11y, shot, signIn, startBrowserHarness, type BrowserHarness } from './harness';

jest.setTimeout(2 * BROWSER_SUITE_TIMEOUT_MS);

/** Runs an action that leads to another page and waits for it. */
async function go(page: Page, action: () => Promise<unknown>, matcher: (url: URL) => boolean): Promise<void> {
  await Promise.all([page.waitForURL(matcher), action()]);
}

describe('browser: an editor records an OCOP certificate and reads the activity charts', () => {
  let h: BrowserHarness;
  let page: Page;
  let productId: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    h.t.clock.set(new Date('2025-07-10T03:00:00Z'));
    const e = await createVerifiedEnterprise(h.t, { displayName: 'HTX Kẹo dừa Mỏ Cày' });
    productId = (await createProduct(h.t, e.id, { name: 'Kẹo dừa sữa lá dứa', sku: 'KD-LD-01' })).id;
    const editor = await createUser(h.t, 'editor');
    page = await (await h.newContext(MOBILE)).newPage();
    await signIn(page, editor.email, editor.password);
  });
  afterAll(() => h?.close());

  it('finds the product from the back office tile, fixes a score that does not match the stars, and saves', async () => {
    await go(
      page,
      () => page.getByRole('link', { name: 'Chứng nhận OCOP' }).click(),
      (url) => url.pathname === '/quan-ly/ocop',
    );
    await page.getByLabel('Tìm sản phẩm theo tên, doanh nghiệp hoặc mã SKU').fill('keo dua mo cay');
    await go(
      page,
      () => page.locator('main').getByRole('button', { name: 'Tìm', exact: true }).click(),
      (url) => url.searchParams.get('q') === 'keo dua mo cay',
    );
    await go(
      page,
      () => page.getByRole('link', { name: 'Kẹo dừa sữa lá dứa' }).click(),
      (url) => url.pathname === `/quan-ly/ocop/${productId}`,
    );

    await page.getByLabel('Hạng sao').selectOption('5');
    await page.getByLabel('Điểm đánh giá').fill('82');
    await page.getByLabel('Số quyết định').fill('2150/QĐ-UBND');
    await page.getByLabel('Cơ quan cấp').fill('UBND tỉnh Vĩnh Long');
    await page.getByLabel('Ngày quyết định').fill('2025-06-30');
    await page.getByRole('button', { name: 'Lưu chứng nhận' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chứng nhận chưa được lưu' }).waitFor();
    expect(await page.getByLabel('Điểm đánh giá').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Điểm đánh giá').inputValue()).toBe('82');
    const report = await basicA11y(page);
    expect(report).toMatchObject({ lang: 'vi', h1Count: 1, unlabelledControls: [] });
    await shot(page, 'ocop-form-errors');

    await page.getByLabel('Hạng sao').selectOption('4');
    await go(
      page,
      () => page.getByRole('button', { name: 'Lưu chứng nhận' }).click(),
      (url) => url.searchParams.get('done') === 'added',
    );
    await page.getByRole('status').filter({ hasText: 'Đã thêm chứng nhận OCOP.' }).waitFor();
    expect(await page.locator('section[aria-labelledby="ocop-current"]').textContent()).toContain('4 sao OCOP');
    await shot(page, 'ocop-panel');
  });

  it('shows the scans and views charts for the chosen period', async () => {
    await page.goto('/quan-ly/thong-ke?days=7');
    const chart = page.getByRole('img', { name: /Lượt quét tem truy xuất nguồn gốc/ });
    await chart.waitFor();
    expect(await page.locator('figure[aria-labelledby="activity-scans-cap"] rect[data-day]').count()).toBe(7);
    expect(await page.getByRole('link', { name: '7 ngày' }).getAttribute('aria-current')).toBe('page');
    await shot(page, 'stats-activity');
  });
});
