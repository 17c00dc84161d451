import { productPagePath } from '@tradefloor/core';
import { FakeSmtpServer, readMail } from '../harness/fake-smtp-server';
import { createProduct, createVerifiedEnterprise, PHUONG_TRA_VINH, XA_CAU_KE, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { ghnSimToken, ghtkSimToken, simulatorEnv, startPartnerSim, type PartnerSim } from '../../apps/partner-sim/src';
import { settle, shipment, WEBHOOK_SECRET } from '../shipping/shipping-harness';
import { BROWSER_SUITE_TIMEOUT_MS, DESKTOP, shot, signIn, startBrowserHarness, type BrowserHarness } from './harness';

jest.setTimeout(BROWSER_SUITE_TIMEOUT_MS * 2);

/**
 * Issue 17, the whole journey in Chromium: a guest buys from two sellers (COD, VietQR) through the
 * pages (GHN and GHTK chosen on the checkout page), with a second delivery address for one of them; follows the order by code + phone; each
 * seller confirms and packs in the inbox pages (shipments at the GHN/GHTK simulators), the
 * carriers' delivery webhooks move them to delivered, the seller completes; the guest opens the review
 * link of the captured mail and reviews.
 */
describe('browser: the order journey from cart to review', () => {
  let h: BrowserHarness;
  let smtp: FakeSmtpServer;
  let sim: PartnerSim;
  let coop: FixtureEnterprise; // VietQR (payout account)
  let household: FixtureEnterprise; // COD
  let pomeloSlug: string;
  let coconutSlug: string;

  beforeAll(async () => {
    smtp = new FakeSmtpServer();
    const port = await smtp.start();
    sim = await startPartnerSim({ ghn: { webhookRetryDelayMs: 30 }, ghtk: { webhookRetryDelayMs: 30 } });
    h = await startBrowserHarness({
      env: {
        ...simulatorEnv(sim),
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        MAIL_FROM: 'don-hang@san.example.vn',
        SHIPPING_WEBHOOK_SECRET: WEBHOOK_SECRET,
        SHIPPING_BACKOFF_BASE_MS: '20',
        SHIPPING_POLL_INTERVAL_SECONDS: '86400',
        JOB_POLL_INTERVAL_MS: '50',
      },
    });
    sim.ghn.webhookUrl = `${h.baseUrl}/api/v1/shipping/webhooks/ghn/${WEBHOOK_SECRET}`;
    sim.ghtk.webhookUrl = `${h.baseUrl}/api/v1/shipping/webhooks/ghtk/${WEBHOOK_SECRET}`;
    coop = await createVerifiedEnterprise(h.t, { displayName: 'HTX Bưởi Hùng Hòa', kind: 'cooperative' });
    household = await createVerifiedEnterprise(h.t, { displayName: 'Hộ kinh doanh Dừa Sáp Cầu Kè', kind: 'household' });
    pomeloSlug = (await createProduct(h.t, coop.id, { name: 'Bưởi da xanh loại 1', priceVnd: 60_000, stockQuantity: 40 })).slug;
    coconutSlug = (await createProduct(h.t, household.id, { name: 'Dừa sáp Cầu Kè', priceVnd: 120_000, stockQuantity: 15 })).slug;
    await h.t.http
      .put(`/api/v1/enterprises/${coop.id}/payout-account`)
      .set(coop.owner.auth)
      .send({ bankBin: '970436', accountNumber: '0071000123456', accountHolder: 'HTX Buoi Hung Hoa' })
      .expect(200);
    // Carrier accounts: the household ships with GHN, the cooperative with GHTK.
    const shopId = String(200_000 + Math.floor(Math.random() * 700_000));
    await h.t.http
      .put(`/api/v1/enterprises/${household.id}/carriers/ghn`)
      .set(household.owner.auth)
      .send({ token: ghnSimToken(shopId), shopId })
      .expect(200);
    const clientSource = `S${shopId}`;
    await h.t.http
      .put(`/api/v1/enterprises/${coop.id}/carriers/ghtk`)
      .set(coop.owner.auth)
      .send({ token: ghtkSimToken(clientSource), clientSource, pickupPhone: '0912345678' })
      .expect(200);
    await h.t.drainJobs();
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.stop();
    await sim?.stop();
  });

  it('guest buys from two sellers, follows the order, sellers complete it in the inbox, the guest reviews from the mail', async () => {
    const guest = await (await h.newContext()).newPage();
    for (const slug of [pomeloSlug, coconutSlug]) {
      await guest.goto(productPagePath(slug));
      await guest.getByRole('button', { name: 'Thêm vào giỏ', exact: true }).click();
      await guest.waitForURL(/\/gio-hang\?done=added/);
    }
    await guest.getByRole('link', { name: 'Đặt hàng', exact: true }).click();
    await guest.waitForURL(/\/thanh-toan$/);
    await guest.locator('#f-buyerName').fill('Lê Thị Hoa');
    await guest.locator('#f-buyerPhone').fill('0987654321');
    await guest.locator('#f-buyerEmail').fill('hoa.le@example.vn');
    await guest.locator('#f-communeCode').selectOption(PHUONG_TRA_VINH);
    await guest.locator('#f-street').fill('5 Lê Lợi');
    await guest.locator('#f-recipientName').fill('Lê Thị Hoa');
    await guest.locator('#f-recipientPhone').fill('0987654321');
    await guest.locator(`#f-pay-${coop.id}-vietqr`).check();
    // The coconuts go to a relative: open "Giao đến địa chỉ khác" for that seller.
    const other = guest.locator(`details:has(#addr-${household.id})`);
    await other.locator('summary').click();
    await guest.locator(`#f-other-${household.id}`).check();
    await guest.locator(`#f-communeCode-${household.id}`).selectOption(XA_CAU_KE);
    await guest.locator(`#f-street-${household.id}`).fill('88 ấp Phú Hòa');
    await guest.locator(`#f-recipientName-${household.id}`).fill('Lê Văn Tư');
    await guest.locator(`#f-recipientPhone-${household.id}`).fill('0911222333');
    // Quote the carriers for the chosen addresses (no JavaScript: the form re-posts, nothing is written).
    await guest.getByRole('button', { name: 'Tính phí giao hàng cho địa chỉ đã chọn' }).first().click();
    await guest.locator(`#f-ship-${household.id}-ghn`).check();
    await guest.locator(`#f-ship-${coop.id}-ghtk`).check();
    expect(await guest.locator(`#f-street-${household.id}`).inputValue()).toBe('88 ấp Phú Hòa');
    await guest.getByRole('button', { name: 'Đặt hàng', exact: true }).click();
    await guest.getByRole('heading', { name: 'Đã đặt hàng' }).waitFor();
    expect(await guest.locator('img[src^="data:image/png;base64,"]').count()).toBe(1);
    const code = (await guest.locator('main dl.facts code').first().textContent())!.trim();
    const order = (await h.t.http.get(`/api/v1/orders/${code}?phone=0987654321`).expect(200)).body;
    const subOf = (id: string) => order.subOrders.find((s: { enterpriseId: string }) => s.enterpriseId === id);
    expect(subOf(coop.id)).toMatchObject({ paymentMethod: 'vietqr', shippingCarrier: 'ghtk', address: { street: '5 Lê Lợi' } });
    expect(subOf(household.id)).toMatchObject({
      paymentMethod: 'cod',
      shippingCarrier: 'ghn',
      address: { street: '88 ấp Phú Hòa', recipientName: 'Lê Văn Tư' },
    });

    // Follow the order by code + phone.
    await guest.goto('/tra-cuu-don-hang');
    await guest.locator('#f-code').fill(code);
    await guest.locator('#f-phone').fill('0987654321');
    await guest.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await guest.getByRole('heading', { name: 'Đơn hàng' }).waitFor();
    expect(await guest.locator('main').textContent()).toContain('Chờ');

    // Each seller, signed in, confirms and packs through the inbox pages: packing creates the shipment at the carrier.
    const click = async (page: import('playwright-core').Page, name: string) => {
      const button = page.getByRole('button', { name, exact: true });
      await button.click();
      await button.waitFor({ state: 'detached' });
    };
    const inbox = new Map<string, import('playwright-core').Page>();
    for (const seller of [coop, household]) {
      const sub: string = subOf(seller.id).code;
      const page = await (await h.newContext(DESKTOP)).newPage();
      inbox.set(seller.id, page);
      await signIn(page, seller.owner.email, seller.owner.password);
      await page.goto(`/quan-ly/don-hang?dn=${seller.id}`);
      await page.getByRole('link', { name: sub }).click();
      await page.waitForURL(new RegExp(`/quan-ly/don-hang/${seller.id}/${sub}`));
      await click(page, 'Xác nhận đơn');
      if (seller === coop) await click(page, 'Đã nhận tiền chuyển khoản');
      await click(page, 'Đã đóng gói');
    }
    const settleAll = async () => {
      await settle(h.t);
      await h.t.drainJobs(['orders.shipment-status']);
    };
    await settleAll();
    const ghn = await shipment(h.t, subOf(household.id).code);
    const ghtk = await shipment(h.t, subOf(coop.id).code);
    expect(ghn).toMatchObject({ carrier: 'ghn' });
    expect(ghtk).toMatchObject({ carrier: 'ghtk' });
    expect(sim.ghn.byClientCode(subOf(household.id).code)[0].request).toMatchObject({ to_name: 'Lê Văn Tư', to_phone: '0911222333' });
    // The carriers pick up and deliver (the simulators' controls); their webhooks move the sub-orders to delivered.
    for (const st of ['picked', 'transporting', 'delivering', 'delivered']) await sim.ghn.advance(ghn.carrierCode!, st);
    await sim.ghtk.advance(ghtk.carrierCode!, '5');
    await sim.ghn.flushWebhooks();
    await settleAll();
    // Our lifecycle: delivered → the seller completes it.
    for (const seller of [coop, household]) {
      const page = inbox.get(seller.id)!;
      await page.reload();
      expect(await page.locator('main').textContent()).toContain('Đã giao');
      await click(page, 'Hoàn tất');
      expect(await page.locator('main').textContent()).toContain('Hoàn tất');
      await shot(page, `journey-inbox-${seller === coop ? 'coop' : 'household'}`);
    }
    await h.t.drainJobs();

    // The "completed" mails carry a review link each; the guest reviews in Chromium.
    for (const seller of [coop, household]) {
      const sub: string = subOf(seller.id).code;
      const mail = smtp.messages.map(readMail).find((m) => m.subject.includes(sub) && m.subject.startsWith('Đơn hàng đã hoàn tất'));
      const link = /https?:\/\/\S+(\/danh-gia\/[A-Za-z0-9_.-]+)/.exec(mail?.text ?? '')?.[1];
      expect(link).toBeDefined();
      await guest.goto(link!);
      await guest.getByRole('heading', { name: 'Đánh giá đơn hàng' }).waitFor();
      const line = guest.locator('section.review-line').first();
      await line.getByRole('group', { name: 'Sao cho sản phẩm' }).getByLabel('5 ★').check();
      await line.getByRole('group', { name: 'Sao cho người bán' }).getByLabel('4 ★').check();
      await line.getByLabel(/Nhận xét/).fill('Hàng ngon, đóng gói cẩn thận, giao đúng hẹn.');
      await line.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await guest.waitForURL(/done=sent/);
      await guest.getByText('Bạn đã đánh giá mọi sản phẩm của đơn này.').waitFor();
    }
    await shot(guest, 'journey-reviewed');

    // Final states through the API and the lookup page.
    const after = (await h.t.http.get(`/api/v1/orders/${code}?phone=0987654321`).expect(200)).body;
    expect(after.subOrders.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed']);
    const reviews: Array<{ sub_order_code: string; author_name: string; status: string; author_user_id: string | null }> = await h.t.dataSource.query(
      `SELECT sub_order_code, author_name, status, author_user_id FROM reviews ORDER BY sub_order_code`,
    );
    expect(reviews).toEqual(
      after.subOrders.map((s: { code: string }) => ({ sub_order_code: s.code, author_name: 'Hoa', status: 'pending', author_user_id: null })),
    );
    await guest.goto('/tra-cuu-don-hang');
    await guest.locator('#f-code').fill(code);
    await guest.locator('#f-phone').fill('0987654321');
    await guest.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await guest.getByRole('heading', { name: 'Đơn hàng' }).waitFor();
    expect((await guest.locator('main').textContent())!.match(/Hoàn tất/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
