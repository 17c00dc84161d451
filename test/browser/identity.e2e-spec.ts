import type { Page } from 'playwright-core';
import { createUser } from '../harness/auth';
import { createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { blocking, describeFindings, runAxe } from './audit';
import { BROWSER_SUITE_TIMEOUT_MS, DESKTOP, basicA11y, shot, signIn, startBrowserHarness, type BrowserHarness } from './harness';

jest.setTimeout(BROWSER_SUITE_TIMEOUT_MS);

/** Seller identity in Chromium: the seller sends a document from the tile's page, an editor approves it in the queue. */
describe('browser: seller identity, from the seller’s form to the staff decision', () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ context: DESKTOP });
  });
  afterAll(() => h?.close());

  const axeClean = async (page: Page) => {
    expect(describeFindings(blocking(await runAxe(page)))).toEqual([]);
    expect(await basicA11y(page)).toMatchObject({ lang: 'vi', h1Count: 1, unlabelledControls: [] });
  };

  it('the seller fills the document form (errors announced beside the fields), the editor records the checks and approves, the seller sees “verified”', async () => {
    const ent = await createVerifiedEnterprise(h.t, { displayName: 'HTX Thanh long Chợ Gạo' });
    const editor = await createUser(h.t, 'editor');
    const seller = await (await h.newContext({ bypassCSP: true })).newPage();
    await signIn(seller, ent.owner.email, ent.owner.password);
    await Promise.all([seller.waitForURL('**/quan-ly/danh-tinh'), seller.getByRole('link', { name: 'Xác thực danh tính người bán' }).click()]);
    expect(await seller.getByText('Chưa xác thực').count()).toBe(1);
    await axeClean(seller);

    // A wrong number first: the page comes back with the error tied to its field.
    await seller.getByLabel('Loại giấy tờ').selectOption('cccd');
    await seller.getByLabel('Số giấy tờ').fill('123');
    await seller.getByLabel('Ngày hết hạn').fill('2031-06-30');
    await seller.getByLabel('Họ tên người đứng tên giấy tờ').fill('Phạm Văn Tâm');
    await Promise.all([seller.waitForURL(`**/quan-ly/danh-tinh/${ent.id}/giay-to`), seller.getByRole('button', { name: 'Gửi để kiểm tra' }).click()]);
    expect(await seller.getByLabel('Số giấy tờ').getAttribute('aria-invalid')).toBe('true');
    expect(await seller.locator('#f-documentNumber-error').textContent()).toContain('Số giấy tờ không đúng định dạng');
    await axeClean(seller);
    await seller.getByLabel('Số giấy tờ').fill('082 090 004 321');
    await Promise.all([seller.waitForURL('**/quan-ly/danh-tinh?dn=*'), seller.getByRole('button', { name: 'Gửi để kiểm tra' }).click()]);
    expect(await seller.getByRole('status').first().textContent()).toContain('Đã gửi thông tin giấy tờ.');
    expect(await seller.getByText('Đang chờ xử lý').count()).toBe(1);
    await shot(seller, 'identity-seller-pending');

    const staff = await (await h.newContext({ bypassCSP: true })).newPage();
    await signIn(staff, editor.email, editor.password);
    await Promise.all([staff.waitForURL('**/quan-ly/xac-thuc-danh-tinh'), staff.getByRole('link', { name: 'Duyệt danh tính người bán' }).click()]);
    const card = staff.locator('li.item', { hasText: 'HTX Thanh long Chợ Gạo' });
    expect(await card.getByText('Phạm Văn Tâm').count()).toBe(1);
    await axeClean(staff);
    await card.getByLabel('Đã xem bản gốc giấy tờ').check();
    await card.getByLabel('Ảnh khớp với người đứng tên').check();
    await Promise.all([staff.waitForURL('**/quan-ly/xac-thuc-danh-tinh?done=approve'), card.getByRole('button', { name: 'Chấp thuận' }).click()]);
    expect(await staff.getByRole('status').first().textContent()).toContain('Đã chấp thuận danh tính.');
    await shot(staff, 'identity-staff-approved');

    await seller.goto('/quan-ly/danh-tinh');
    expect(await seller.getByText('Đã xác thực').count()).toBe(1);
    expect(await seller.getByRole('button', { name: 'Gửi để kiểm tra' }).count()).toBe(0);
    const claim = await h.t.http.get(`/api/v1/enterprises/${ent.id}/identity-claim`).expect(200);
    expect(claim.body.verifiedIdentity).toBe(true);
  });
});
