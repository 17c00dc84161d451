import { seedDemoBulletins } from '@tradefloor/news-bulletin';
import { SearchMaintenance } from '@tradefloor/search';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import sharp from 'sharp';
import { DEMO_PASSWORD } from '../../apps/api/src/cli/demo-data/demo-users';
import { seedDemoData } from '../../apps/api/src/cli/demo-data/seed-demo-data';
import { ReviewLinks } from '@tradefloor/orders';
import { login } from '../harness/auth';
import { addToCart, as, guestCheckout, type Shopper } from '../orders/order-helpers';
import { createProduct, createVerifiedEnterprise, XA_CAU_KE, XA_HUNG_HOA } from '../harness/catalog-fixtures';
import { blocking, describeFindings, focusIndicators, horizontalOverflow, runAxe } from './audit';
import { BROWSER_SUITE_TIMEOUT_MS, DESKTOP, shot, signIn, startBrowserHarness, type BrowserHarness } from './harness';

/*
 * Issue 8 asks for pages that are accessible (labels, contrast, keyboard) and mobile-first. Every
 * main page and form-error state — storefront, stamp pages, sign-in, the sellers' and the staff
 * back offices — is audited, with the demo data set loaded so it has real content, at a small
 * phone (360×740) and a desktop viewport:
 *  - axe-core's WCAG 2.0/2.1 A and AA rules: no serious or critical violation; its landmark and
 *    heading rules: no finding at all (audit.ts; no rule is switched off);
 *  - no sideways scrolling (the document is no wider than the window);
 *  - every tab stop shows a focus indicator with 3:1 contrast.
 * Screenshots of each page at both sizes go to test/artifacts/ on local runs.
 */

jest.setTimeout(4 * BROWSER_SUITE_TIMEOUT_MS);

/** A small Android phone, the narrowest screen the storefront is designed for. */
const PHONE_360: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
};
const VIEWPORTS = [
  ['phone', PHONE_360],
  ['desktop', DESKTOP],
] as const;

/** Whose browser opens the page: a visitor (Vietnamese, or English once chosen), the demo cooperative's owner, the administrator. */
type Who = 'guest' | 'english' | 'business' | 'admin';

interface Fixtures {
  product: string;
  enterprise: string;
  bulletin: string;
  ownEnterpriseId: string;
  ownProductId: string;
  bulletinId: string;
  batchId: string;
  serial: string;
  /** The review link token of a completed guest order. */
  reviewToken: string;
  /** A second order's link whose line is reviewed with a photo waiting for staff (the photo form). */
  reviewedToken: string;
}

interface AuditedPage {
  name: string;
  who: Who;
  /** A path to open, or the steps that lead to the page (a form posted with errors…) returning the HTTP status. */
  open: (f: Fixtures) => string | ((page: Page, f: Fixtures) => Promise<number>);
  /** The status the page is served with (200 unless given). */
  status?: number;
}

/**
 * Posts the page's form as it is, skipping the browser's own required-field check to reach the
 * server's answer, and returns its status (the page under audit is the form re-rendered with errors).
 */
async function submitWithErrors(page: Page, button: string): Promise<number> {
  await page.locator('main form').evaluateAll((forms) => forms.forEach((f) => ((f as unknown as { noValidate: boolean }).noValidate = true)));
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState();
  return res.status();
}

const PAGES: AuditedPage[] = [
  // Storefront
  { name: 'home', who: 'guest', open: () => '/' },
  { name: 'search', who: 'guest', open: () => '/tim-kiem?q=buoi+da+xanh' },
  { name: 'search-filtered', who: 'guest', open: () => '/tim-kiem?q=mat+ong&ocopMin=4&sort=price_asc' },
  { name: 'search-other-provinces', who: 'guest', open: () => '/tim-kiem?q=buoi&scope=other-provinces' },
  { name: 'product', who: 'guest', open: (f) => `/san-pham/${f.product}` },
  { name: 'enterprises', who: 'guest', open: () => '/doanh-nghiep' },
  { name: 'enterprise', who: 'guest', open: (f) => `/doanh-nghiep/${f.enterprise}` },
  { name: 'review-report', who: 'guest', open: () => '/danh-gia/00000000-0000-4000-8000-000000000000/bao-cao' },
  { name: 'bulletins', who: 'guest', open: () => '/tin-tuc' },
  { name: 'bulletin', who: 'guest', open: (f) => `/tin-tuc/${f.bulletin}` },
  { name: 'events', who: 'guest', open: () => '/su-kien' },
  { name: 'stamp-check', who: 'guest', open: () => '/kiem-tra-tem' },
  { name: 'stamp-check-error', who: 'guest', open: () => '/kiem-tra-tem?serial=abc', status: 400 },
  { name: 'stamp', who: 'guest', open: (f) => `/t/${f.serial}` },
  { name: 'rules', who: 'guest', open: () => '/quy-che-hoat-dong' },
  { name: 'legal-rules-version', who: 'guest', open: () => '/quy-che-hoat-dong/phien-ban/1' },
  { name: 'legal-privacy', who: 'guest', open: () => '/chinh-sach-bao-mat' },
  { name: 'legal-terms', who: 'guest', open: () => '/dieu-khoan-su-dung' },
  { name: 'legal-complaints', who: 'guest', open: () => '/chinh-sach-khieu-nai' },
  { name: 'legal-fees', who: 'guest', open: () => '/bieu-phi' },
  { name: 'legal-ranking', who: 'guest', open: () => '/cach-sap-xep-ket-qua' },
  { name: 'legal-ranking-en', who: 'english', open: () => '/cach-sap-xep-ket-qua?lang=en' },
  { name: 'contact', who: 'guest', open: () => '/lien-he' },
  {
    // Issue 17: the guest adds the product from its page (no JavaScript needed), then the cart and checkout.
    name: 'order-cart',
    who: 'guest',
    open: (f) => async (page) => {
      await page.goto(`/san-pham/${f.product}`);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/gio-hang?done=added')),
        page.getByRole('button', { name: 'Thêm vào giỏ', exact: true }).click(),
      ]);
      await page.waitForLoadState();
      return res.status();
    },
  },
  { name: 'order-checkout', who: 'guest', open: () => '/thanh-toan' },
  { name: 'order-lookup', who: 'guest', open: () => '/tra-cuu-don-hang' },
  { name: 'order-review', who: 'guest', open: (f) => `/danh-gia/${f.reviewToken}` },
  { name: 'order-review-photo', who: 'guest', open: (f) => `/danh-gia/${f.reviewedToken}` },
  {
    // The review form posted without stars and with a short text: errors beside that line's fields.
    name: 'order-review-errors',
    who: 'guest',
    status: 400,
    open: (f) => async (page) => {
      await page.goto(`/danh-gia/${f.reviewToken}`);
      const line = page.locator('section.review-line').first();
      await line.getByLabel(/Nhận xét/).fill('ngắn');
      await line.evaluate((el) => el.querySelectorAll('[required]').forEach((x: { removeAttribute(name: string): void }) => x.removeAttribute('required')));
      await line.evaluate((el) => el.querySelectorAll('[minlength]').forEach((x: { removeAttribute(name: string): void }) => x.removeAttribute('minlength')));
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        line.getByRole('button', { name: 'Gửi đánh giá' }).click(),
      ]);
      await page.waitForLoadState();
      return res.status();
    },
  },
  { name: 'sign-in', who: 'guest', open: () => '/dang-nhap' },
  {
    name: 'sign-in-error',
    who: 'guest',
    open: () => async (page) => {
      await page.goto('/dang-nhap');
      await page.getByLabel('Email').fill('khong-co@example.vn');
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau-123');
      return submitWithErrors(page, 'Đăng nhập');
    },
    status: 401,
  },
  { name: 'register', who: 'guest', open: () => '/dang-ky' },
  {
    name: 'register-error',
    who: 'guest',
    open: () => async (page) => {
      await page.goto('/dang-ky');
      await page.getByLabel('Email').fill('khong-phai-email');
      return submitWithErrors(page, 'Đăng ký');
    },
    status: 400,
  },
  // The English interface: lang="en" on the page, lang="vi" on the link back to Vietnamese.
  { name: 'home-en', who: 'english', open: () => '/?lang=en' },
  { name: 'product-en', who: 'english', open: (f) => `/san-pham/${f.product}?lang=en` },
  { name: 'product-reviews', who: 'guest', open: (f) => `/san-pham/${f.product}/danh-gia` },
  { name: 'inquiry', who: 'guest', open: (f) => `/san-pham/${f.product}/hoi-mua` },
  {
    name: 'inquiry-error',
    who: 'guest',
    open: (f) => async (page) => {
      await page.goto(`/san-pham/${f.product}/hoi-mua`);
      return submitWithErrors(page, 'Gửi câu hỏi');
    },
    status: 400,
  },
  // Business back office
  { name: 'business-home', who: 'business', open: () => '/quan-ly' },
  { name: 'business-enterprises', who: 'business', open: () => '/quan-ly/doanh-nghiep' },
  { name: 'business-enterprise', who: 'business', open: (f) => `/quan-ly/doanh-nghiep/${f.ownEnterpriseId}` },
  { name: 'business-enterprise-form', who: 'business', open: (f) => `/quan-ly/doanh-nghiep/${f.ownEnterpriseId}/sua` },
  { name: 'business-new-enterprise', who: 'business', open: () => '/quan-ly/doanh-nghiep/moi' },
  { name: 'business-products', who: 'business', open: (f) => `/quan-ly/san-pham?dn=${f.ownEnterpriseId}` },
  { name: 'business-product', who: 'business', open: (f) => `/quan-ly/san-pham/${f.ownProductId}` },
  { name: 'business-product-form', who: 'business', open: (f) => `/quan-ly/san-pham/${f.ownProductId}/sua` },
  {
    name: 'business-new-product-error',
    who: 'business',
    open: (f) => async (page) => {
      await page.goto(`/quan-ly/san-pham/moi?dn=${f.ownEnterpriseId}`);
      return submitWithErrors(page, 'Lưu sản phẩm');
    },
    status: 400,
  },
  { name: 'business-import', who: 'business', open: (f) => `/quan-ly/san-pham/nhap-csv?dn=${f.ownEnterpriseId}` },
  {
    name: 'business-import-report',
    who: 'business',
    open: (f) => async (page) => {
      await page.goto(`/quan-ly/san-pham/nhap-csv?dn=${f.ownEnterpriseId}`);
      const csv = [
        'name,sku,priceVnd,unit,stockQuantity,categorySlug,originCommuneCode',
        `Dưa lưới,DL-1,60000,kg,5,trai-cay,${XA_CAU_KE}`,
        `Dừa sáp,DS-1,0,kg,5,trai-cay,${XA_CAU_KE}`,
      ].join('\n');
      await page.getByLabel('Tệp CSV').setInputFiles({ name: 'san-pham.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      // "Check only" starts unticked (nothing pre-ticked): the seller ticks it for a dry run.
      await page.getByLabel('Chỉ kiểm tra, chưa lưu').check();
      return submitWithErrors(page, 'Tải lên');
    },
    // A dry run answers 200 with its row report, invalid rows included.
    status: 200,
  },
  { name: 'business-inquiries', who: 'business', open: () => '/quan-ly/hoi-mua' },
  { name: 'business-channels', who: 'business', open: () => '/quan-ly/kenh-ban' },
  { name: 'business-channel', who: 'business', open: (f) => `/quan-ly/kenh-ban/${f.ownEnterpriseId}/voso` },
  { name: 'business-batches', who: 'business', open: () => '/quan-ly/truy-xuat' },
  { name: 'business-new-batch', who: 'business', open: (f) => `/quan-ly/truy-xuat/lo-moi?dn=${f.ownEnterpriseId}` },
  { name: 'business-batch', who: 'business', open: (f) => `/quan-ly/truy-xuat/lo/${f.batchId}` },
  { name: 'business-batch-scans', who: 'business', open: (f) => `/quan-ly/truy-xuat/lo/${f.batchId}/thong-ke` },
  { name: 'business-scan-alerts', who: 'business', open: (f) => `/quan-ly/truy-xuat/canh-bao?dn=${f.ownEnterpriseId}` },
  // Staff back office
  { name: 'admin-home', who: 'admin', open: () => '/quan-ly' },
  { name: 'admin-legal', who: 'admin', open: () => '/quan-ly/van-ban-phap-ly' },
  { name: 'admin-verification', who: 'admin', open: () => '/quan-ly/duyet-doanh-nghiep' },
  { name: 'admin-moderation', who: 'admin', open: () => '/quan-ly/duyet-san-pham' },
  { name: 'admin-bulletins', who: 'admin', open: () => '/quan-ly/ban-tin' },
  { name: 'admin-new-bulletin', who: 'admin', open: () => '/quan-ly/ban-tin/moi' },
  { name: 'admin-bulletin', who: 'admin', open: (f) => `/quan-ly/ban-tin/${f.bulletinId}` },
  { name: 'admin-bulletin-preview', who: 'admin', open: (f) => `/quan-ly/ban-tin/${f.bulletinId}/xem-truoc` },
  { name: 'admin-users', who: 'admin', open: () => '/quan-ly/nguoi-dung' },
  { name: 'admin-stats', who: 'admin', open: () => '/quan-ly/thong-ke' },
  { name: 'admin-inquiry-stats', who: 'admin', open: () => '/quan-ly/hoi-mua/thong-ke' },
  { name: 'admin-sync', who: 'admin', open: () => '/quan-ly/dong-bo' },
  { name: 'admin-ocop-search', who: 'admin', open: () => '/quan-ly/ocop?q=buoi' },
  { name: 'admin-ocop-product', who: 'admin', open: (f) => `/quan-ly/ocop/${f.ownProductId}` },
  { name: 'admin-ocop-expiring', who: 'admin', open: () => '/quan-ly/ocop/sap-het-han' },
  // Trust and safety (issue 14)
  { name: 'complaint', who: 'guest', open: () => '/khieu-nai' },
  {
    name: 'complaint-error',
    who: 'guest',
    open: () => async (page) => {
      await page.goto('/khieu-nai');
      return submitWithErrors(page, 'Gửi khiếu nại');
    },
    status: 400,
  },
  { name: 'complaint-lookup', who: 'guest', open: () => '/khieu-nai/tra-cuu' },
  { name: 'business-identity', who: 'business', open: (f) => `/quan-ly/danh-tinh?dn=${f.ownEnterpriseId}` },
  { name: 'business-takedowns', who: 'business', open: (f) => `/quan-ly/go-bo-cua-toi?dn=${f.ownEnterpriseId}` },
  { name: 'admin-identity-review', who: 'admin', open: () => '/quan-ly/xac-thuc-danh-tinh' },
  { name: 'admin-complaints', who: 'admin', open: () => '/quan-ly/khieu-nai' },
  { name: 'admin-takedowns', who: 'admin', open: () => '/quan-ly/go-bo' },
  { name: 'admin-audit', who: 'admin', open: () => '/quan-ly/nhat-ky' },
  { name: 'admin-breaches', who: 'admin', open: () => '/quan-ly/su-co-du-lieu' },
  { name: 'admin-seller-account', who: 'admin', open: (f) => `/quan-ly/tai-khoan-nguoi-ban/${f.ownEnterpriseId}` },
  // Personal data (issue 15)
  { name: 'privacy-request', who: 'guest', open: () => '/yeu-cau-du-lieu-ca-nhan' },
  {
    name: 'privacy-request-error',
    who: 'guest',
    open: () => async (page) => {
      await page.goto('/yeu-cau-du-lieu-ca-nhan');
      return submitWithErrors(page, 'Gửi yêu cầu');
    },
    status: 400,
  },
  { name: 'business-my-data', who: 'business', open: () => '/quan-ly/du-lieu-cua-toi' },
  { name: 'admin-privacy-requests', who: 'admin', open: () => '/quan-ly/yeu-cau-du-lieu' },
  { name: 'admin-reviews', who: 'admin', open: () => '/quan-ly/danh-gia' },
];

async function jpeg(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 160, b: 40 } } })
    .jpeg()
    .toBuffer();
}

describe('browser: accessibility of the main pages at 360 px and on the desktop (axe-core WCAG 2.1 A/AA, overflow, focus)', () => {
  let h: BrowserHarness;
  const f = {} as Fixtures;
  let businessEmail: string;

  beforeAll(async () => {
    h = await startBrowserHarness({ worker: false });
    const { t } = h;
    await seedDemoData(t.app);
    await seedDemoBulletins(t.dataSource);

    // A cooperative of the demo set, its owner (demo password) and one of its OCOP products, with a photo.
    const [own] = await t.dataSource.query(
      `SELECT e.id, e.slug, u.email FROM enterprises e JOIN users u ON u.id = e.owner_id WHERE e.slug = 'htx-buoi-da-xanh-hung-hoa'`,
    );
    businessEmail = own.email;
    f.ownEnterpriseId = own.id;
    f.enterprise = own.slug;
    const [product] = await t.dataSource.query(
      `SELECT p.id, p.slug FROM products p JOIN ocop_certificates oc ON oc.product_id = p.id
       WHERE p.enterprise_id = $1 AND p.status = 'published' ORDER BY p.name LIMIT 1`,
      [own.id],
    );
    f.ownProductId = product.id;
    f.product = product.slug;
    const owner = await login(t, businessEmail, DEMO_PASSWORD);
    await t.http
      .post(`/api/v1/products/${product.id}/images`)
      .set(owner.auth)
      .attach('file', await jpeg(), 'buoi.jpg')
      .expect(201);

    // A batch of its product with stamps, one of which a buyer has scanned.
    const batch = await t.http
      .post('/api/v1/batches')
      .set(owner.auth)
      .send({ productId: product.id, lotCode: 'HH/25-08', producedAt: '2025-08-01', quantity: 1200, unit: 'kg', originCommuneCode: XA_HUNG_HOA })
      .expect(201);
    f.batchId = batch.body.id;
    await t.http.post(`/api/v1/batches/${f.batchId}/stamps`).set(owner.auth).send({ count: 20 }).expect(201);
    [{ serial: f.serial }] = await t.dataSource.query(`SELECT serial FROM trace_stamps WHERE batch_id = $1 ORDER BY seq LIMIT 1`, [f.batchId]);
    await t.http.get(`/t/${f.serial}`).expect(200);

    // A question from a buyer, for the seller's inbox and the staff volumes.
    const buyer = await login(t, 'nguoimua1@demo.tradefloor.vn', DEMO_PASSWORD);
    await t.http
      .post(`/api/v1/products/${product.id}/inquiries`)
      .set(buyer.auth)
      .send({ quantity: 50, message: 'Cho tôi hỏi giá sỉ 50 kg, giao Trà Vinh.' })
      .expect(201);

    // Something waiting in each staff queue.
    const pending = await createVerifiedEnterprise(t, { status: 'pending_verification', displayName: 'Hộ kinh doanh Bà Tư' });
    await createVerifiedEnterprise(t, { status: 'pending_verification', displayName: 'HTX Dừa sáp Cầu Kè', communeCode: XA_CAU_KE });
    const waiting = await createProduct(t, pending.id, { name: 'Kẹo dừa sữa', status: 'pending_review', unit: 'hộp', priceVnd: 45_000 });
    await t.http
      .post(`/api/v1/products/${waiting.id}/images`)
      .set(pending.owner.auth)
      .attach('file', await jpeg(), 'keo.jpg')
      .expect(201);

    // A guest's order of the product, completed by the seller: the review link of its mail.
    const shopper: Shopper = {};
    await addToCart(t, shopper, product.id, 1);
    const placed = await as(t, shopper)
      .post('/api/v1/checkout', guestCheckout([own.id]))
      .expect(201);
    const sub: string = placed.body.subOrders[0].code;
    for (const action of ['confirm', 'pack', 'ship', 'deliver', 'complete'])
      await t.http.post(`/api/v1/enterprises/${own.id}/sub-orders/${sub}/${action}`).set(owner.auth).send({}).expect(200);
    const [{ completed_at }] = await t.dataSource.query(`SELECT completed_at FROM sub_orders WHERE code = $1`, [sub]);
    f.reviewToken = t.app.get(ReviewLinks).tokenFor(sub, completed_at);
    // A second such order, reviewed through its link with a photo: the page then shows the photo form.
    const again: Shopper = {};
    await addToCart(t, again, product.id, 1);
    const second: string = (
      await as(t, again)
        .post('/api/v1/checkout', guestCheckout([own.id]))
        .expect(201)
    ).body.subOrders[0].code;
    for (const action of ['confirm', 'pack', 'ship', 'deliver', 'complete'])
      await t.http.post(`/api/v1/enterprises/${own.id}/sub-orders/${second}/${action}`).set(owner.auth).send({}).expect(200);
    const [{ completed_at: secondDone }] = await t.dataSource.query(`SELECT completed_at FROM sub_orders WHERE code = $1`, [second]);
    f.reviewedToken = t.app.get(ReviewLinks).tokenFor(second, secondDone);
    await t.http
      .post(`/api/v1/reviews/by-link/${f.reviewedToken}`)
      .send({ productId: product.id, productStars: 5, sellerStars: 5, text: 'Gạo dẻo, thơm, giao đúng hẹn.' })
      .expect(201);
    await t.http
      .put(`/api/v1/reviews/by-link/${f.reviewedToken}/photo?productId=${product.id}`)
      .attach('file', await jpeg(), 'anh.jpg')
      .expect(200);

    const [bulletin] = await t.dataSource.query(
      `SELECT id, slug FROM bulletins WHERE kind = 'article' AND status = 'published' ORDER BY view_count DESC LIMIT 1`,
    );
    f.bulletin = bulletin.slug;
    f.bulletinId = bulletin.id;
    // The worker is off (hundreds of change events would be indexed one job at a time): one
    // rebuild of the search index instead, as `seed:demo` does for large sets.
    await t.app.get(SearchMaintenance).rebuild();
  });
  afterAll(() => h?.close());

  it('has audits that do flag the faults they look for', async () => {
    // Guards the audits themselves: a page with each fault must not pass.
    const ctx = await h.newContext({ ...PHONE_360, bypassCSP: true });
    const probe = await ctx.newPage();
    await probe.setContent(`<!doctype html><html lang="vi"><head><title>Trang thử</title><meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{margin:0;background:#fff} .faint{color:#bbb} .bare:focus{outline:none} .pale:focus-visible{outline:3px solid #ffbf47}
.ring:focus-visible{outline:3px solid #ffbf47;outline-offset:2px;box-shadow:0 0 0 2px #1b1f1d}</style></head>
<body><main><h1>Thử</h1><h3>Bỏ cấp tiêu đề</h3><p class="faint">Chữ quá nhạt</p><input name="q">
<a class="bare" href="#a">Không viền</a> <a class="pale" href="#b">Viền nhạt</a> <a href="#c">Viền mặc định</a> <a class="ring" href="#d">Viền hai màu</a>
<div style="width:500px">Rộng hơn màn hình</div></main></body></html>`);
    const findings = await runAxe(probe);
    expect(
      blocking(findings)
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['color-contrast', 'heading-order', 'label']);
    const overflow = await horizontalOverflow(probe, 360);
    expect(overflow.scrollWidth).toBeGreaterThan(360);
    expect(overflow.culprits).toEqual(['div right=500']);
    // The two-tone ring of the site's stylesheet passes; the others do not.
    const focus = await focusIndicators(probe);
    expect(focus.stops).toBe(5);
    expect(focus.invisible).toEqual([
      '<input name="q">: only the browser\'s default focus ring',
      '<a class="bare" href="#a">Không viền</a>: no focus indicator',
      '<a class="pale" href="#b">Viền nhạt</a>: focus indicator contrast 1.64:1 against rgb(255,255,255)',
      '<a href="#c">Viền mặc định</a>: only the browser\'s default focus ring',
    ]);
    await ctx.close();
  });

  describe.each(VIEWPORTS)('%s', (viewport, options) => {
    const sessions = new Map<Who, BrowserContext>();

    async function contextFor(who: Who): Promise<BrowserContext> {
      let ctx = sessions.get(who);
      if (ctx) return ctx;
      // bypassCSP lets addScriptTag insert axe-core; the pages' own scripts still run as they would.
      ctx = await h.newContext({ ...options, bypassCSP: true });
      if (who === 'business' || who === 'admin') {
        const page = await ctx.newPage();
        if (who === 'business') await signIn(page, businessEmail, DEMO_PASSWORD);
        else await signIn(page, h.t.config.adminEmail!, h.t.config.adminPassword!);
        await page.close();
      }
      sessions.set(who, ctx);
      return ctx;
    }

    it.each(PAGES.map((p) => [p.name, p] as const))('%s', async (name, spec) => {
      const page = await (await contextFor(spec.who)).newPage();
      try {
        const open = spec.open(f);
        const status = typeof open === 'string' ? (await page.goto(open))?.status() : await open(page, f);
        expect(status).toBe(spec.status ?? 200);
        expect(await page.locator('html').getAttribute('lang')).toBe(spec.who === 'english' ? 'en' : 'vi');
        await shot(page, `a11y-${viewport}-${name}`);

        const findings = await runAxe(page);
        expect(describeFindings(blocking(findings))).toEqual([]);

        const width = options.viewport!.width;
        const overflow = await horizontalOverflow(page, width);
        expect({ ...overflow, culprits: overflow.scrollWidth > width ? overflow.culprits : [] }).toEqual({
          innerWidth: width,
          scrollWidth: expect.any(Number),
          culprits: [],
        });
        expect(overflow.scrollWidth).toBeLessThanOrEqual(width);

        const focus = await focusIndicators(page);
        expect(focus.stops).toBeGreaterThan(3);
        expect(focus.invisible).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });
});
