import type { Page } from 'playwright-core';
import { createUser, loginAdmin } from '../harness/auth';
import { createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import type { DomDocument } from './dom';
import { BROWSER_SUITE_TIMEOUT_MS, DESKTOP, signIn, startBrowserHarness, type BrowserHarness } from './harness';

jest.setTimeout(BROWSER_SUITE_TIMEOUT_MS * 2);
declare const document: DomDocument;
interface Box {
  name: string;
  value: string;
  checked: boolean;
}

/**
 * Issue 15 (PDP Law: consent is never pre-ticked): every page with a form that has checkboxes is
 * opened as its users open it, and no box is ticked on load. "Dữ liệu của tôi" lists consents with
 * one button each, and withdrawing is one click.
 */
describe('browser: nothing is pre-ticked, consents are given and withdrawn with one click', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ context: DESKTOP });
  });
  afterAll(() => h?.close());

  async function boxesOn(page: Page, path: string): Promise<{ total: number; checked: string[] }> {
    const res = await page.goto(path);
    expect({ path, status: res?.status() }).toEqual({ path, status: 200 });
    return page.evaluate(() => {
      const boxes = Array.from(document.querySelectorAll('input[type="checkbox"]')) as unknown as Box[];
      return { total: boxes.length, checked: boxes.filter((b) => b.checked).map((b) => `${b.name}=${b.value}`) };
    });
  }

  it('no checkbox is ticked on load on registration, search, product, import, batch, channel, OCOP, identity-review and my-data pages', async () => {
    const ent = await createVerifiedEnterprise(h.t, { displayName: 'HTX Hộp kiểm' });
    const product = await createProduct(h.t, ent.id, { name: 'Bưởi hộp kiểm' });
    const admin = await loginAdmin(h.t);
    await h.t.drainJobs();
    const seen: Record<string, number> = {};
    const check = async (page: Page, path: string) => {
      const r = await boxesOn(page, path);
      expect({ path, checked: r.checked }).toEqual({ path, checked: [] });
      seen[path] = r.total;
    };

    const anon = await (await h.newContext()).newPage();
    for (const path of ['/dang-ky', '/tim-kiem']) await check(anon, path);

    const seller = await (await h.newContext()).newPage();
    await signIn(seller, ent.owner.email, ent.owner.password);
    for (const path of [
      `/quan-ly/san-pham/moi?dn=${ent.id}`,
      '/quan-ly/san-pham/nhap-csv',
      `/quan-ly/truy-xuat/lo-moi?dn=${ent.id}`,
      `/quan-ly/kenh-ban/${ent.id}/feed`,
      `/quan-ly/kenh-ban/${ent.id}/shopee`,
      '/quan-ly/du-lieu-cua-toi',
    ])
      await check(seller, path);

    const staff = await (await h.newContext()).newPage();
    await signIn(staff, admin.email, admin.password);
    for (const path of [`/quan-ly/ocop/${product.id}`, '/quan-ly/xac-thuc-danh-tinh', '/quan-ly/du-lieu-cua-toi']) await check(staff, path);

    // The scan is not blind: the forms known to have boxes were found with them.
    expect(seen['/tim-kiem']).toBeGreaterThan(0);
    expect(seen[`/quan-ly/san-pham/moi?dn=${ent.id}`]).toBeGreaterThan(0);
    expect(seen['/quan-ly/san-pham/nhap-csv']).toBeGreaterThan(0);
    expect(seen[`/quan-ly/kenh-ban/${ent.id}/feed`]).toBeGreaterThan(0);
    expect(seen[`/quan-ly/ocop/${product.id}`]).toBeGreaterThan(0);
    // Consents are buttons, not boxes: nothing there can be pre-ticked.
    expect(seen['/quan-ly/du-lieu-cua-toi']).toBe(0);
  });

  it('“Dữ liệu của tôi”: every consent starts “not given”; one click gives it, one click withdraws it (recorded with channel web)', async () => {
    const buyer = await createUser(h.t, 'buyer');
    const page = await (await h.newContext()).newPage();
    await signIn(page, buyer.email, buyer.password);
    await Promise.all([page.waitForURL('**/quan-ly/du-lieu-cua-toi'), page.getByRole('link', { name: 'Dữ liệu của tôi' }).click()]);
    const row = page.locator('tr[data-purpose="marketing_email"]');
    expect(await page.getByRole('button', { name: 'Rút lại' }).count()).toBe(0);
    expect(await row.getByText('Chưa đồng ý').count()).toBe(1);
    await Promise.all([page.waitForURL('**/quan-ly/du-lieu-cua-toi?done=consent'), row.getByRole('button', { name: 'Đồng ý' }).click()]);
    expect(await row.getByText('Đã đồng ý').count()).toBe(1);
    await Promise.all([page.waitForURL('**/quan-ly/du-lieu-cua-toi?done=consent'), row.getByRole('button', { name: 'Rút lại' }).click()]);
    expect(await row.getByText('Chưa đồng ý').count()).toBe(1);
    const ledger = await h.t.dataSource.query(`SELECT granted, channel FROM consent_events WHERE user_id = $1 ORDER BY id`, [buyer.id]);
    expect(ledger).toEqual([
      { granted: true, channel: 'web' },
      { granted: false, channel: 'web' },
    ]);
  });
});
