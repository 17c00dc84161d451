import type { Page } from 'playwright-core';
import type { PartnerSim } from '../../apps/partner-sim/src';
import { createProduct, createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { PARTNER_CATEGORY, startSim, syncEnv } from '../partner-sync/sync-harness';
import { BROWSER_SUITE_TIMEOUT_MS, DESKTOP, basicA11y, shot, signIn, startBrowserHarness, type BrowserHarness } from './harness';
import { tabOnceTo, tabTo } from './keyboard';

jest.setTimeout(BROWSER_SUITE_TIMEOUT_MS);

describe('browser: a seller connects Voso and lists a product with the keyboard only', () => {
  let sim: PartnerSim;
  let h: BrowserHarness;
  let page: Page;
  let ent: FixtureEnterprise;

  beforeAll(async () => {
    sim = await startSim();
    h = await startBrowserHarness({ env: syncEnv(sim) });
    page = await (await h.newContext()).newPage();
  });
  afterAll(async () => {
    await h?.close();
    await sim?.stop();
  });

  /** Presses Enter on the focused control and waits for the page it leads to. */
  const enterTo = (url: string | RegExp) => Promise.all([page.waitForURL(url), page.keyboard.press('Enter')]);

  it('goes from the back office tile to the Voso page, connects, maps a category, adds a product and sees it listed', async () => {
    ent = await createVerifiedEnterprise(h.t);
    await createProduct(h.t, ent.id, { name: 'Bưởi da xanh Cầu Kè', sku: 'BUOI-KB' });
    await signIn(page, ent.owner.email, ent.owner.password);

    await tabTo(page, page.getByRole('link', { name: 'Kênh bán hàng trên các sàn thương mại điện tử' }));
    await enterTo('**/quan-ly/kenh-ban');
    await shot(page, 'channels-overview');
    await tabTo(page, page.getByRole('link', { name: 'Voso (Viettel)' }));
    await enterTo(`**/quan-ly/kenh-ban/${ent.id}/voso`);
    expect(await basicA11y(page)).toMatchObject({ lang: 'vi', h1Count: 1, unlabelledControls: [] });

    await tabTo(page, page.getByLabel('Tên đăng nhập'));
    await page.keyboard.type(ent.slug);
    await tabOnceTo(page, page.getByLabel('Mật khẩu'));
    await page.keyboard.type(`pw-${ent.slug}`);
    // Sharing the seller's data with the partner needs its own tick (never pre-ticked).
    const consent = page.getByRole('checkbox', { name: /Voso/ });
    expect(await consent.isChecked()).toBe(false);
    await tabOnceTo(page, consent);
    await page.keyboard.press('Space');
    await tabOnceTo(page, page.getByRole('button', { name: 'Kiểm tra và kết nối' }));
    await enterTo('**/voso?done=connected');
    expect(await page.getByRole('status').textContent()).toContain('Đã kết nối kênh.');
    expect(await basicA11y(page)).toMatchObject({ h1Count: 1, unlabelledControls: [] });

    await tabTo(page, page.getByLabel('Trái cây', { exact: true }), 80);
    await page.keyboard.type(PARTNER_CATEGORY);
    await tabTo(page, page.getByLabel('Khối lượng mặc định (gam)'), 80);
    await page.keyboard.type('500');
    await enterTo('**/voso?done=settings');

    const product = page.getByRole('checkbox', { name: /Bưởi da xanh Cầu Kè/ });
    await tabTo(page, product, 120);
    await page.keyboard.press('Space');
    expect(await product.isChecked()).toBe(true);
    await tabOnceTo(page, page.getByRole('button', { name: 'Đưa lên kênh' }));
    await enterTo('**/voso?done=added');

    await h.t.drainJobs();
    await page.reload();
    const row = page.locator('table.ch-listings tbody tr', { hasText: 'Bưởi da xanh Cầu Kè' });
    expect(await row.getByText('Đã đăng').count()).toBe(1);
    expect(await row.getByRole('link', { name: 'Xem trên sàn' }).getAttribute('href')).toMatch(/^https:\/\/voso\.vn\/p\//);
    await shot(page, 'channel-voso-listed');
  });

  it('shows a dead letter to the seller and to the admin overview, both pages passing the basic accessibility check', async () => {
    const honey = await createProduct(h.t, ent.id, { name: 'Mật ong rừng U Minh', sku: 'MO-KB', categorySlug: 'mat-ong' });
    await h.t.drainJobs(); // its change event first, so the listing gets one job chain
    await h.t.http
      .put(`/api/v1/enterprises/${ent.id}/channels/voso/products`)
      .set(ent.owner.auth)
      .send({ productIds: [honey.id], mode: 'add' })
      .expect(200);
    await h.t.drainJobs();

    await page.goto(`/quan-ly/kenh-ban/${ent.id}/voso?state=dead`);
    const row = page.locator('table.ch-listings tbody tr', { hasText: 'Mật ong rừng U Minh' });
    expect(await row.textContent()).toContain('Chưa ánh xạ danh mục');
    expect(await row.getByRole('button', { name: 'Thử lại: Mật ong rừng U Minh' }).count()).toBe(1);
    await shot(page, 'channel-voso-dead-letter');

    const admin = await (await h.newContext(DESKTOP)).newPage();
    await signIn(admin, h.t.config.adminEmail!, h.t.config.adminPassword!);
    await admin.goto('/quan-ly/dong-bo');
    expect(await basicA11y(admin)).toMatchObject({ lang: 'vi', h1Count: 1, unlabelledControls: [], imagesWithoutAlt: [] });
    expect(await admin.locator('td[data-count="voso:rejected"]').textContent()).toBe('1');
    expect(await admin.locator('td[data-count="voso:listed"]').textContent()).toBe('1');
    await shot(admin, 'sync-overview');
  });
});
