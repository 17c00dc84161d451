import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { createUser } from '../harness/auth';
import { FakeSmtpServer, readMail } from '../harness/fake-smtp-server';
import { XA_CAU_KE, categoryId, createProduct, createVerifiedEnterprise } from '../harness/catalog-fixtures';
import { BROWSER_SUITE_TIMEOUT_MS, DESKTOP, basicA11y, shot, signIn, startBrowserHarness, type BrowserHarness } from './harness';

/*
 * The issue's journeys across the storefront, the sellers' and the staff back offices. Labels,
 * button names and URLs are those of the page branches (store, business, admin, content); the
 * steps run in order and share one app, as one afternoon on the trade floor would.
 */

jest.setTimeout(4 * BROWSER_SUITE_TIMEOUT_MS);

const HOUSEHOLD = {
  person: 'Nguyễn Văn Sáu',
  email: 'ba.sau.vuon@example.vn',
  password: 'mat-khau-dai-10',
  legalName: 'Hộ kinh doanh Nguyễn Văn Sáu',
  displayName: 'Vườn bưởi Bà Sáu',
  personalId: '084190001234',
  phone: '0912345678',
};
const NEW_PRODUCT = 'Bưởi da xanh Vườn Bà Sáu';
const FOUR_STAR = 'Bưởi da xanh Cầu Kè';
const THREE_STAR = 'Bưởi da xanh Mỏ Cày';

async function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 60, g: 150, b: 70 } } })
    .jpeg()
    .toBuffer();
}

/**
 * Runs an action that submits a form or follows a link, and waits for the page it leads to. The
 * target must differ from the current URL (a matcher the current page already satisfies would
 * return before the action took effect).
 */
async function go(page: Page, action: () => Promise<unknown>, path: RegExp | ((url: URL) => boolean)): Promise<void> {
  const matcher = path instanceof RegExp ? (url: URL) => path.test(url.pathname + url.search) : path;
  await Promise.all([page.waitForURL(matcher), action()]);
}

/** The search page's result names (product card links). */
async function resultNames(page: Page): Promise<string[]> {
  return (await page.locator('main').getByRole('heading', { level: 2 }).getByRole('link').allTextContents()).map((s) => s.trim());
}

async function searchFromHome(page: Page, query: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Tìm sản phẩm').fill(query);
  await go(
    page,
    () => page.getByLabel('Tìm sản phẩm').press('Enter'),
    (url) => url.pathname === '/tim-kiem' && url.searchParams.get('q') === query,
  );
  await page.getByRole('heading', { level: 1, name: new RegExp(`Kết quả cho`) }).waitFor();
}

describe('browser journeys: buyer search, household listing, staff approval, editor bulletin', () => {
  let h: BrowserHarness;
  let buyer: BrowserContext;
  let household: BrowserContext;
  let staff: BrowserContext;
  // Self-registered accounts act only after following the link mailed to them (issue 18 §6).
  const smtp = new FakeSmtpServer();

  beforeAll(async () => {
    const port = await smtp.start();
    // The worker runs in-process: approvals and verifications reach the search index through jobs.
    h = await startBrowserHarness({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'no-reply@san.example.vn' } });
    const cooperative = await createVerifiedEnterprise(h.t, { displayName: 'HTX Bưởi Cầu Kè' });
    await createProduct(h.t, cooperative.id, { name: FOUR_STAR, ocopStars: 4, communeCode: XA_CAU_KE });
    await createProduct(h.t, cooperative.id, { name: THREE_STAR, ocopStars: 3 });
    await h.t.drainJobs();
    buyer = await h.newContext();
    household = await h.newContext();
    staff = await h.newContext(DESKTOP);
  });
  afterAll(async () => {
    await h?.close();
    await smtp.stop();
  });

  it('a buyer searches "buoi da xanh", keeps OCOP 4 stars and up, and opens the product', async () => {
    const page = await buyer.newPage();
    await searchFromHome(page, 'buoi da xanh');
    // Folding: the unaccented query finds the accented names.
    expect(await resultNames(page)).toEqual(expect.arrayContaining([FOUR_STAR, THREE_STAR]));
    await shot(page, 'journey-search');

    // The filters sit in a collapsed <details> on phones; search.js submits the form on change.
    const filters = page.locator('summary', { hasText: 'Bộ lọc' });
    if (!(await page.getByRole('radio', { name: /4 sao trở lên/ }).isVisible())) await filters.click();
    await go(
      page,
      () => page.getByRole('radio', { name: /4 sao trở lên/ }).click(),
      (url) => url.searchParams.get('ocopMin') === '4' && url.searchParams.get('q') === 'buoi da xanh',
    );
    const filtered = await resultNames(page);
    expect(filtered).toContain(FOUR_STAR);
    expect(filtered).not.toContain(THREE_STAR);
    await shot(page, 'journey-search-ocop4');

    await go(
      page,
      () => page.getByRole('link', { name: FOUR_STAR }).first().click(),
      (url) => url.pathname.startsWith('/san-pham/'),
    );
    expect(((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim()).toBe(FOUR_STAR);
    expect(await page.locator('main').textContent()).toContain('4 sao OCOP');
    expect(await basicA11y(page)).toEqual({ lang: 'vi', h1Count: 1, unlabelledControls: [], imagesWithoutAlt: [] });
    await shot(page, 'journey-product');
  });

  it('a household registers, creates its enterprise and a product with a photo, and submits both', async () => {
    const page = await household.newPage();
    await page.goto('/dang-ky?role=business');
    expect(await page.getByLabel(/Người bán/).isChecked()).toBe(true);
    await page.getByLabel('Họ tên hoặc tên cơ sở').fill(HOUSEHOLD.person);
    await page.getByLabel('Email').fill(HOUSEHOLD.email);
    await page.getByLabel('Mật khẩu').fill(HOUSEHOLD.password);
    await page.getByLabel(/Tôi đã đọc và đồng ý/).check();
    await go(page, () => page.getByRole('button', { name: 'Đăng ký' }).click(), /^\/dang-nhap\?registered=1$/);
    // The verification mail goes out through the job queue; its link verifies the address.
    await h.t.drainJobs();
    const mail = smtp.messages.filter((m) => m.to.includes(HOUSEHOLD.email)).map(readMail)[0];
    const link = /\/xac-minh-email\?token=[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
    expect(link).toBeDefined();
    await page.goto(link!);
    await signIn(page, HOUSEHOLD.email, HOUSEHOLD.password);

    await go(page, () => page.getByRole('link', { name: 'Hồ sơ doanh nghiệp của tôi' }).click(), /^\/quan-ly\/doanh-nghiep$/);
    await go(page, () => page.getByRole('link', { name: 'Tạo hồ sơ doanh nghiệp' }).click(), /^\/quan-ly\/doanh-nghiep\/moi$/);
    await page.getByLabel('Loại hình').selectOption({ label: 'Hộ kinh doanh' });
    await page.getByLabel('Tên đăng ký').fill(HOUSEHOLD.legalName);
    await page.getByLabel('Tên hiển thị trên sàn').fill(HOUSEHOLD.displayName);
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill(HOUSEHOLD.personalId);
    await page.getByLabel('Số điện thoại di động').fill(HOUSEHOLD.phone);
    // The province defaults to Vĩnh Long (86); the commune is picked by its code.
    await page.getByLabel('Xã/phường').selectOption(XA_CAU_KE);
    await page.getByLabel('Số nhà, đường, ấp').fill('Ấp Ô Mịch');
    await shot(page, 'journey-enterprise-form');
    await go(page, () => page.getByRole('button', { name: 'Tạo hồ sơ' }).click(), /^\/quan-ly\/doanh-nghiep\/[0-9a-f-]{36}$/);
    await go(page, () => page.getByRole('button', { name: 'Gửi xác minh' }).click(), /\?submitted=1$/);
    expect(await page.locator('main').textContent()).toContain('Đang chờ xác minh');

    await go(page, () => page.getByRole('link', { name: 'Xem sản phẩm' }).click(), /^\/quan-ly\/san-pham\?dn=/);
    await go(page, () => page.getByRole('link', { name: 'Thêm sản phẩm' }).click(), /^\/quan-ly\/san-pham\/moi\?dn=/);
    await page.getByLabel('Tên sản phẩm').fill(NEW_PRODUCT);
    await page.getByLabel('Danh mục').selectOption(await categoryId(h.t, 'trai-cay'));
    await page.getByLabel('Giá bán (đồng)').fill('120.000');
    await page.getByLabel('Đơn vị tính').selectOption('kg');
    await page.getByLabel('Số lượng còn').fill('500');
    await page.getByLabel('Mã sản phẩm (SKU)').fill('BUOI-01');
    await page.getByRole('checkbox', { name: 'VietGAP' }).check();
    await page.getByLabel('Mô tả sản phẩm').fill('Bưởi da xanh ruột hồng, trồng theo VietGAP.\n\nGiao hàng trong tỉnh.');
    await go(page, () => page.getByRole('button', { name: 'Lưu sản phẩm' }).click(), /^\/quan-ly\/san-pham\/[0-9a-f-]{36}\?created=1$/);

    await page.getByLabel('Chọn ảnh để tải lên').setInputFiles({ name: 'buoi-da-xanh.jpg', mimeType: 'image/jpeg', buffer: await jpeg() });
    await go(page, () => page.getByRole('button', { name: 'Tải ảnh lên' }).click(), /\?image=1$/);
    await page.getByRole('img', { name: new RegExp(NEW_PRODUCT) }).waitFor();
    await shot(page, 'journey-product-with-photo');

    await go(page, () => page.getByRole('button', { name: /Gửi duyệt/ }).click(), /\?done=submit$/);
    expect(await page.locator('main').textContent()).toContain('Đang chờ duyệt');
  });

  it('an admin verifies the enterprise and approves the product, which then appears in search', async () => {
    const page = await staff.newPage();
    await signIn(page, h.t.config.adminEmail!, h.t.config.adminPassword!);

    await go(page, () => page.getByRole('link', { name: 'Duyệt doanh nghiệp' }).click(), /^\/quan-ly\/duyet-doanh-nghiep/);
    const enterprise = page.getByRole('article', { name: HOUSEHOLD.displayName });
    expect(await enterprise.textContent()).toContain(HOUSEHOLD.personalId);
    await shot(page, 'journey-verify-enterprise');
    await go(
      page,
      () => enterprise.getByRole('button', { name: 'Xác minh', exact: true }).click(),
      (url) => url.pathname === '/quan-ly/duyet-doanh-nghiep' && url.searchParams.get('status') === 'verified',
    );
    await page.getByText('Đã xác minh doanh nghiệp.').waitFor();

    await page.goto('/quan-ly');
    await go(page, () => page.getByRole('link', { name: 'Duyệt sản phẩm' }).click(), /^\/quan-ly\/duyet-san-pham/);
    const product = page.getByRole('article', { name: NEW_PRODUCT });
    await product.getByRole('img', { name: NEW_PRODUCT }).first().waitFor();
    await shot(page, 'journey-moderate-product');
    await go(
      page,
      () => product.getByRole('button', { name: 'Duyệt, đăng bán' }).click(),
      (url) => url.pathname === '/quan-ly/duyet-san-pham' && url.searchParams.get('done') === 'approve',
    );
    await page.getByText('Đã duyệt, sản phẩm đã được đăng.').waitFor();

    // Indexing is a job: wait for the queue to empty, then search like a buyer.
    await h.t.drainJobs();
    const search = await buyer.newPage();
    await searchFromHome(search, 'buoi da xanh');
    expect(await resultNames(search)).toContain(NEW_PRODUCT);
    await go(
      search,
      () => search.getByRole('link', { name: NEW_PRODUCT }).first().click(),
      (url) => url.pathname.startsWith('/san-pham/'),
    );
    await search.getByRole('img', { name: NEW_PRODUCT }).first().waitFor();
    await shot(search, 'journey-new-product-public');
  });

  it('an editor publishes a bulletin that appears on the home page', async () => {
    const editor = await createUser(h.t, 'editor');
    const ctx = await h.newContext(DESKTOP);
    const page = await ctx.newPage();
    await signIn(page, editor.email, editor.password);

    const title = 'Hội chợ bưởi da xanh Cầu Kè 2025';
    await go(page, () => page.getByRole('link', { name: 'Bản tin và sự kiện' }).click(), /^\/quan-ly\/ban-tin/);
    await go(page, () => page.getByRole('link', { name: 'Viết bản tin mới' }).click(), /^\/quan-ly\/ban-tin\/moi$/);
    await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill(title);
    await page.getByLabel('Tóm tắt').fill('Hơn 50 nhà vườn mang bưởi đạt chuẩn OCOP về hội chợ.');
    await page.getByLabel('Nội dung', { exact: true }).fill('<p>Hội chợ diễn ra tại trung tâm huyện Cầu Kè.</p>');
    await go(page, () => page.getByRole('button', { name: 'Lưu', exact: true }).click(), /^\/quan-ly\/ban-tin\/[0-9a-f-]{36}/);
    await shot(page, 'journey-bulletin-draft');
    await go(page, () => page.getByRole('button', { name: 'Xuất bản', exact: true }).click(), /^\/quan-ly\/ban-tin\/[0-9a-f-]{36}\?done=published$/);

    const home = await (await h.newContext()).newPage();
    await home.goto('/');
    const news = home.getByRole('region', { name: 'Tin mới' });
    await news.getByRole('link', { name: title }).waitFor();
    await shot(home, 'journey-home-with-bulletin');
  });
});
