import { ownerWithProduct, type Owner } from '../traceability/trace-fixtures';
import { BROWSER_SUITE_TIMEOUT_MS, basicA11y, shot, signIn, startBrowserHarness, type BrowserHarness } from './harness';

jest.setTimeout(BROWSER_SUITE_TIMEOUT_MS);

describe('browser: a cooperative records a batch, issues stamps and reads its scan dashboard on a phone, without JavaScript', () => {
  let h: BrowserHarness;
  let owner: Owner;

  beforeAll(async () => {
    h = await startBrowserHarness({ worker: false, env: { STAMP_SCAN_RATE_PER_MINUTE: '1000' } });
    owner = await ownerWithProduct(h.t, { name: 'Bưởi da xanh Trà Vinh', ocopStars: 4 });
  });
  afterAll(() => h?.close());

  it('fills the batch and stamp forms by their labels and sees the stamps, then the scans', async () => {
    const ctx = await h.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signIn(page, owner.owner.email, owner.owner.password);
    await page.getByRole('link', { name: 'Truy xuất nguồn gốc và tem QR' }).click();
    await page.getByRole('link', { name: 'Tạo lô hàng mới' }).click();

    await page.getByRole('combobox', { name: 'Sản phẩm' }).selectOption({ label: 'Bưởi da xanh Trà Vinh' });
    await page.getByLabel('Mã lô').fill('HH-2508');
    await page.getByLabel('Ngày sản xuất / thu hoạch').fill('2025-08-01');
    await page.getByLabel('Sản lượng của lô').fill('850,5');
    await page.getByLabel('VietGAP').check();
    expect(await basicA11y(page)).toEqual({ lang: 'vi', h1Count: 1, unlabelledControls: [], imagesWithoutAlt: [] });
    await shot(page, 'trace-new-batch');
    await Promise.all([page.waitForURL(/\/quan-ly\/truy-xuat\/lo\/[0-9a-f-]+\?created=1$/), page.getByRole('button', { name: 'Tạo lô hàng' }).click()]);

    await page.getByLabel('Số tem cần phát hành').fill('40');
    await Promise.all([page.waitForURL(/issued=40/), page.getByRole('button', { name: 'Phát hành tem' }).click()]);
    await page.getByRole('status').getByText('Đã phát hành 40 tem (số thứ tự 1–40).').waitFor();
    expect(await page.getByRole('cell', { name: '1–40' }).isVisible()).toBe(true);
    expect(await basicA11y(page)).toEqual({ lang: 'vi', h1Count: 1, unlabelledControls: [], imagesWithoutAlt: [] });
    await shot(page, 'trace-batch');

    // A buyer scans the first stamp (its serial read from the database, as printed on the sheet).
    const [{ serial }] = await h.t.dataSource.query(`SELECT serial FROM trace_stamps ORDER BY seq LIMIT 1`);
    const buyer = await (await h.newContext()).newPage();
    await buyer.goto(`/t/${serial}`);
    await buyer.locator('[data-verdict="genuine"]').waitFor();

    await page.getByRole('link', { name: 'Thống kê lượt quét' }).click();
    const columns = page.locator('figure.chart rect[data-value]');
    expect(await columns.count()).toBe(30);
    expect(await columns.last().getAttribute('data-value')).toBe('1');
    expect(await basicA11y(page)).toEqual({ lang: 'vi', h1Count: 1, unlabelledControls: [], imagesWithoutAlt: [] });
    await shot(page, 'trace-scans');
  });
});
