import type { Page } from 'playwright-core';
import { createBatch, issue, ownerWithProduct, serialsOf } from '../traceability/trace-fixtures';
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

describe('browser: a phone opens a stamp URL and sees genuine, then the warning after repeated scans', () => {
  let h: BrowserHarness;
  let serial: string;

  beforeAll(async () => {
    h = await startBrowserHarness({ env: { STAMP_WARN_SCANS: String(WARN_SCANS), STAMP_SCAN_RATE_PER_MINUTE: '1000' }, worker: false });
    // Issued the way a cooperative does it: API calls with the business owner's bearer token.
    const owner = await ownerWithProduct(h.t, { name: 'Bưởi da xanh Trà Vinh', ocopStars: 4 });
    const batch = await createBatch(h.t, owner, { lotCode: 'HH/25-08' });
    await issue(h.t, owner, batch.id, 2);
    [serial] = await serialsOf(h.t, batch.id);
  });
  afterAll(() => h?.close());

  it('shows the genuine verdict with the product, and the warning once scanned more than STAMP_WARN_SCANS times', async () => {
    const ctx = await h.newContext();
    const page = await ctx.newPage();
    const res = await page.goto(`/t/${serial}`);
    expect(res?.status()).toBe(200);

    const first = await verdictOn(page, 'genuine');
    expect(first.headline).toBe('Sản phẩm chính hãng');
    expect(first.text).toContain('lần quét thứ 1');
    expect(await page.getByRole('cell', { name: 'Bưởi da xanh Trà Vinh' }).isVisible()).toBe(true);
    expect(await page.getByText('OCOP 4 sao').isVisible()).toBe(true);
    await shot(page, 'stamp-genuine');

    // Each reload is a new visit once the clock has moved past the dedupe window.
    for (let scan = 2; scan <= WARN_SCANS; scan++) {
      h.t.clock.advance(NEXT_VISIT_MS);
      await page.reload();
      const again = await verdictOn(page, 'genuine');
      expect(again.text).toContain(`lần quét thứ ${scan}`);
    }

    h.t.clock.advance(NEXT_VISIT_MS);
    await page.reload();
    const warned = await verdictOn(page, 'warning');
    expect(warned.headline).toBe('Cảnh báo: tem có thể bị sao chép');
    expect(warned.text).toContain(`đã được quét ${WARN_SCANS + 1} lần`);
    expect(await page.locator('[data-verdict="genuine"]').count()).toBe(0);
    await shot(page, 'stamp-warning');
  });
});
