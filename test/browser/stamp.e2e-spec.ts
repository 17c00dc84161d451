import type { Page } from 'playwright-core';
import { createBatch, issue, moveToNoonUtc, ownerWithProduct, serialsOf } from '../traceability/trace-fixtures';
import { BROWSER_SUITE_TIMEOUT_MS, shot, startBrowserHarness, type BrowserHarness } from './harness';

jest.setTimeout(BROWSER_SUITE_TIMEOUT_MS);

const WARN_SCANS = 3;
/** Scans from one phone within ten minutes are one visit; the test clock moves past that window. */
const NEXT_VISIT_MS = 10 * 60_000 + 1000;

/** Waits for the verdict banner the page was rendered with, and returns its heading and text. */
async function verdictOn(page: Page, verdict: 'genuine' | 'warning'): Promise<{ headline: string; text: string }> {
  const banner = page.locator(`[data-verdict="${verdict}"]`);
  await banner.waitFor({ state: 'visible' });
  return {
    headline: ((await banner.getByRole('heading', { level: 1 }).textContent()) ?? '').trim(),
    text: (await banner.textContent()) ?? '',
  };
}

describe('browser: phones open a stamp URL and see genuine, then the warning once more phones than STAMP_WARN_SCANS scanned it', () => {
  let h: BrowserHarness;
  let serial: string;

  beforeAll(async () => {
    // Behind one proxy (TRUST_PROXY=1): each phone is told apart by the address the proxy forwards.
    h = await startBrowserHarness({ env: { STAMP_WARN_SCANS: String(WARN_SCANS), STAMP_SCAN_RATE_PER_MINUTE: '1000', TRUST_PROXY: '1' }, worker: false });
    // Issued the way a cooperative does it: API calls with the business owner's bearer token.
    const owner = await ownerWithProduct(h.t, { name: 'Bưởi da xanh Trà Vinh', ocopStars: 4 });
    const batch = await createBatch(h.t, owner, { lotCode: 'HH/25-08' });
    await issue(h.t, owner, batch.id, 2);
    [serial] = await serialsOf(h.t, batch.id);
    // The reloads below move the clock by 40 minutes; a phone's scans are told apart per day, so stay clear of midnight.
    moveToNoonUtc(h.t);
  });
  afterAll(() => h?.close());

  it('shows the genuine verdict with the product; one phone scanning again does not change it; the warning once more phones than STAMP_WARN_SCANS scanned it', async () => {
    const phone = async (n: number) => (await h.newContext({ extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${n}` } })).newPage();
    const page = await phone(1);
    const res = await page.goto(`/t/${serial}`);
    expect(res?.status()).toBe(200);

    const first = await verdictOn(page, 'genuine');
    expect(first.headline).toBe('Sản phẩm chính hãng');
    expect(first.text).toContain('lần quét thứ 1');
    expect(await page.getByRole('cell', { name: 'Bưởi da xanh Trà Vinh' }).isVisible()).toBe(true);
    expect(await page.getByText('OCOP 4 sao').isVisible()).toBe(true);
    await shot(page, 'stamp-genuine');

    // The same phone reloading, even much later, is never taken for a copy of the stamp.
    for (let reload = 0; reload < WARN_SCANS + 1; reload++) {
      h.t.clock.advance(NEXT_VISIT_MS);
      await page.reload();
      await verdictOn(page, 'genuine');
    }

    // Other phones: genuine up to the threshold, then the warning.
    for (let n = 2; n <= WARN_SCANS; n++) {
      const other = await phone(n);
      await other.goto(`/t/${serial}`);
      await verdictOn(other, 'genuine');
    }
    const last = await phone(WARN_SCANS + 1);
    await last.goto(`/t/${serial}`);
    const warned = await verdictOn(last, 'warning');
    expect(warned.headline).toBe('Cảnh báo: tem có thể bị sao chép');
    expect(await last.locator('[data-verdict="genuine"]').count()).toBe(0);
    await shot(last, 'stamp-warning');
  });
});
