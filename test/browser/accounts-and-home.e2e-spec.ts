import type { BrowserContext, Page } from 'playwright-core';
import { BROWSER_SUITE_TIMEOUT_MS, DESKTOP, basicA11y, shot, signIn, startBrowserHarness, type BrowserHarness } from './harness';
import { isFocused, tabOnceTo, tabTo } from './keyboard';

jest.setTimeout(BROWSER_SUITE_TIMEOUT_MS);

describe('browser: registration, sign-in and back office with the keyboard; home page without JavaScript', () => {
  let h: BrowserHarness;
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    h = await startBrowserHarness({ worker: false });
    ctx = await h.newContext();
    page = await ctx.newPage();
  });
  afterAll(() => h?.close());

  it('registers a household seller and signs in using only Tab, arrow keys and Enter', async () => {
    await page.goto('/dang-ky');
    await shot(page, 'register');

    // The role radios are one tab stop; the arrow key picks the seller option.
    const buyer = page.getByLabel('Người mua');
    const seller = page.getByLabel(/Người bán/);
    await tabTo(page, buyer);
    await page.keyboard.press('ArrowDown');
    expect(await seller.isChecked()).toBe(true);

    // getByLabel only finds an input whose <label> is associated with it; Tab must follow the labels.
    const name = page.getByLabel('Họ tên hoặc tên cơ sở');
    const email = page.getByLabel('Email');
    const phone = page.getByLabel(/Số điện thoại/);
    const password = page.getByLabel('Mật khẩu');
    await tabOnceTo(page, name);
    await page.keyboard.type('Hộ kinh doanh Bà Sáu');
    await tabOnceTo(page, email);
    await page.keyboard.type('ba.sau@example.vn');
    await tabOnceTo(page, phone);
    await page.keyboard.type('0912345678');
    await tabOnceTo(page, password);
    await page.keyboard.type('mat-khau-dai-10');
    // The acceptance box starts unticked; Tab reaches it next and Space ticks it.
    const accept = page.getByLabel(/Tôi đã đọc và đồng ý/);
    expect(await accept.isChecked()).toBe(false);
    await tabOnceTo(page, accept);
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Đăng ký' }));
    await Promise.all([page.waitForURL('**/dang-nhap?registered=1'), page.keyboard.press('Enter')]);

    const notice = page.getByRole('status');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Đã nhận đăng ký');

    await tabTo(page, page.getByLabel('Email'));
    await page.keyboard.type('Ba.Sau@example.vn');
    await tabOnceTo(page, page.getByLabel('Mật khẩu'));
    await page.keyboard.type('mat-khau-dai-10');
    await Promise.all([page.waitForURL('**/quan-ly'), page.keyboard.press('Enter')]);

    const heading = page.getByRole('heading', { level: 1 });
    expect(await heading.textContent()).toBe('Trang quản lý');
    const greeting = await page.locator('main').textContent();
    expect(greeting).toContain('Hộ kinh doanh Bà Sáu');
    expect(greeting).toContain('Người bán');
    await shot(page, 'back-office-business');

    // Signing out is a CSRF-protected form: the button must be reachable and work from the keyboard.
    const signOutButton = page.getByRole('button', { name: 'Đăng xuất' });
    await tabTo(page, signOutButton);
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.keyboard.press('Enter')]);
    await page.goto('/quan-ly');
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
  });

  it('shows a registration error next to its field, announced through aria-describedby', async () => {
    await page.goto('/dang-ky');
    await page.getByLabel('Họ tên hoặc tên cơ sở').fill('Người mua thử');
    await page.getByLabel('Email').fill('khong-phai-email');
    await page.getByLabel('Mật khẩu').fill('mat-khau-dai-10');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 400),
      page.getByRole('button', { name: 'Đăng ký' }).click(),
    ]);

    const email = page.getByLabel('Email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.inputValue()).toBe('khong-phai-email');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    const descriptions = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(descriptions.join(' ')).toContain('Email không hợp lệ');
    await shot(page, 'register-error');
  });

  it('reports wrong credentials in an alert and keeps the visitor on the sign-in page', async () => {
    await page.goto('/dang-nhap');
    await page.getByLabel('Email').fill('nobody@example.vn');
    await page.getByLabel('Mật khẩu').fill('wrong-password');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
  });

  it('explains an expired form in a page (403) whose link leads back to the form, where signing in then works', async () => {
    const fresh = await h.newContext();
    const tab = await fresh.newPage();
    await tab.goto('/dang-nhap?registered=1');
    await tab.getByLabel('Email').fill(h.t.config.adminEmail!);
    await tab.getByLabel('Mật khẩu').fill(h.t.config.adminPassword!);
    // The token cookie lapses while the form is open (12 hours, or cleared by the browser).
    await fresh.clearCookies();
    const [refused] = await Promise.all([
      tab.waitForResponse((r) => r.request().method() === 'POST'),
      tab.getByRole('button', { name: 'Đăng nhập', exact: true }).click(),
    ]);
    expect(refused.status()).toBe(403);
    await tab.waitForLoadState();
    expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe('Phiên làm việc đã hết hạn');
    expect(await tab.locator('main').textContent()).toContain('vui lòng tải lại trang và thử lại');
    expect(await basicA11y(tab)).toEqual({ lang: 'vi', h1Count: 1, unlabelledControls: [], imagesWithoutAlt: [] });
    await shot(tab, 'form-expired');

    await Promise.all([tab.waitForURL('**/dang-nhap?registered=1'), tab.getByRole('link', { name: 'Tải lại trang và thử lại' }).click()]);
    await tab.getByLabel('Email').fill(h.t.config.adminEmail!);
    await tab.getByLabel('Mật khẩu').fill(h.t.config.adminPassword!);
    await Promise.all([tab.waitForURL('**/quan-ly'), tab.getByRole('button', { name: 'Đăng nhập', exact: true }).click()]);
  });

  it('lets the bootstrap administrator into the back office through the sign-in form (desktop)', async () => {
    const desk = await h.newContext(DESKTOP);
    const admin = await desk.newPage();
    await signIn(admin, h.t.config.adminEmail!, h.t.config.adminPassword!);
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe('Trang quản lý');
    expect(await admin.locator('main').textContent()).toContain('Quản trị viên');
    await shot(admin, 'back-office-admin');
  });

  it('renders the home page without JavaScript: Vietnamese, one h1, labelled inputs, images with alt, working search', async () => {
    const noJs = await h.newContext({ javaScriptEnabled: false });
    const home = await noJs.newPage();
    const res = await home.goto('/');
    expect(res?.status()).toBe(200);
    await shot(home, 'home-no-js');

    const report = await basicA11y(home);
    expect(report).toEqual({ lang: 'vi', h1Count: 1, unlabelledControls: [], imagesWithoutAlt: [] });
    // The skip link is the first tab stop and targets the main landmark.
    await home.keyboard.press('Tab');
    expect(await isFocused(home.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' }))).toBe(true);

    // A plain GET form: submitting it needs no script.
    await home.getByLabel('Tìm sản phẩm').fill('buoi da xanh');
    await Promise.all([home.waitForURL((url) => url.pathname === '/tim-kiem'), home.keyboard.press('Enter')]);
    expect(new URL(home.url()).searchParams.get('q')).toBe('buoi da xanh');

    for (const path of ['/dang-nhap', '/dang-ky', '/quy-che-hoat-dong', '/lien-he']) {
      await home.goto(path);
      expect({ path, ...(await basicA11y(home)) }).toEqual({ path, lang: 'vi', h1Count: 1, unlabelledControls: [], imagesWithoutAlt: [] });
    }
  });

  it('has an accessibility check that does flag the faults it looks for', async () => {
    // Guards the check itself: a page with every fault must not pass.
    const probe = await ctx.newPage();
    await probe.setContent('<html><body><h1>A</h1><h1>B</h1><input name="q"><label>Tên <input name="ok"></label><img src="data:,"></body></html>');
    const report = await basicA11y(probe);
    expect(report.lang).toBeNull();
    expect(report.h1Count).toBe(2);
    expect(report.unlabelledControls).toEqual(['<input name="q">']);
    expect(report.imagesWithoutAlt).toHaveLength(1);
    await probe.close();
  });
});
