import { POLL_QUEUE, Shipping } from '@tradefloor/shipping';
import { strFromU8, unzipSync } from 'fflate';
import { JobQueue, RETENTION_QUEUE } from '@tradefloor/core';
import { createUser, PASSWORD } from '../harness/auth';
import { FakeSmtpServer, readMail } from '../harness/fake-smtp-server';
import { createProduct, createVerifiedEnterprise, XA_CAU_KE, type FixtureEnterprise, type FixtureProduct } from '../harness/catalog-fixtures';
import { ghnSimToken, ghtkSimToken } from '../../apps/partner-sim/src';
import { settle, shipment, startShippingWorld, type ShippingWorld } from '../shipping/shipping-harness';
import { ADDRESS, addToCart, as, countRows, guestCheckout, sellerEntry, stockOf, type Shopper } from './order-helpers';

const SHIPMENT_STATUS_QUEUE = 'orders.shipment-status';
const TO = { ...ADDRESS, communeCode: XA_CAU_KE, street: 'Ấp Chợ' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const binary = (r: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = r as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

/**
 * Issue 17 (orders × shipping): the buyer picks GHN, GHTK or "seller delivers" per sub-order at
 * checkout (fees quoted by us), the seller's `pack` hands the parcel to the carrier, and the
 * carriers' statuses (through the simulators' webhooks) move the sub-orders — through HTTP on
 * real PostgreSQL with the GHN/GHTK simulators.
 */
describe('orders × shipping: carrier choice at checkout, shipments on pack, statuses from the carriers', () => {
  let w: ShippingWorld;
  let ghnSeller: FixtureEnterprise; // has a GHN account
  let ghtkSeller: FixtureEnterprise; // has a GHTK account
  let honey: FixtureProduct;
  let candy: FixtureProduct;
  let smtp: FakeSmtpServer;

  const step = (ent: FixtureEnterprise, code: string, action: string, body: object = {}, who = ent.owner) =>
    w.t.http.post(`/api/v1/enterprises/${ent.id}/sub-orders/${code}/${action}`).set(who.auth).send(body);
  const subOrder = async (ent: FixtureEnterprise, code: string) =>
    (await w.t.http.get(`/api/v1/enterprises/${ent.id}/sub-orders/${code}`).set(ent.owner.auth).expect(200)).body;
  /** Shipping jobs done, then the orders handler of the events they published. */
  const settleAll = async () => {
    await settle(w.t);
    await w.t.drainJobs([SHIPMENT_STATUS_QUEUE]);
  };

  async function order(shopper: Shopper, entries: object[]) {
    const res = await as(w.t, shopper)
      .post('/api/v1/checkout', guestCheckout([], { subOrders: entries }))
      .expect(201);
    return res.body as {
      orderCode: string;
      subOrders: Array<{ code: string; enterpriseId: string; shippingCarrier: string; shippingFeeVnd: number; totalVnd: number; itemsSubtotalVnd: number }>;
    };
  }

  beforeAll(async () => {
    smtp = new FakeSmtpServer();
    w = await startShippingWorld(undefined, { SMTP_URL: `smtp://127.0.0.1:${await smtp.start()}`, MAIL_FROM: 'don-hang@san.example.vn' });
    const { t } = w;
    ghnSeller = await createVerifiedEnterprise(t, { displayName: 'HTX Mật ong Trà Vinh' });
    ghtkSeller = await createVerifiedEnterprise(t, { displayName: 'Hộ kinh doanh Kẹo dừa', kind: 'household' });
    const shopId = String(200_000 + Math.floor(Math.random() * 700_000));
    await t.http
      .put(`/api/v1/enterprises/${ghnSeller.id}/carriers/ghn`)
      .set(ghnSeller.owner.auth)
      .send({ token: ghnSimToken(shopId), shopId })
      .expect(200);
    const clientSource = `S${shopId}`;
    await t.http
      .put(`/api/v1/enterprises/${ghtkSeller.id}/carriers/ghtk`)
      .set(ghtkSeller.owner.auth)
      .send({ token: ghtkSimToken(clientSource), clientSource, pickupPhone: '0912345678' })
      .expect(200);
    honey = await createProduct(t, ghnSeller.id, { name: 'Mật ong hoa dừa', priceVnd: 125_000, stockQuantity: 50 });
    candy = await createProduct(t, ghtkSeller.id, { name: 'Kẹo dừa Bến Tre', priceVnd: 40_000, stockQuantity: 50 });
    await t.drainJobs();
  }, 120_000);
  afterAll(async () => {
    await w?.t.close();
    await w?.sim.stop();
    await smtp?.stop();
  });

  it('the cart offers each seller’s quotes for the address; an unavailable choice is a 400 field error and nothing is written', async () => {
    const { t } = w;
    const guest: Shopper = {};
    await addToCart(t, guest, honey.id, 2);
    await addToCart(t, guest, candy.id, 3);
    const plain = await as(t, guest).get('/api/v1/cart').expect(200);
    for (const s of plain.body.sellers) expect(s.shippingOptions.map((o: { carrier: string }) => o.carrier)).toEqual(['seller']);

    const cart = await as(t, guest).get(`/api/v1/cart?provinceCode=${TO.provinceCode}&communeCode=${TO.communeCode}`).expect(200);
    const options = (id: string) => cart.body.sellers.find((s: { enterpriseId: string }) => s.enterpriseId === id).shippingOptions;
    expect(options(ghnSeller.id)).toEqual([
      expect.objectContaining({ carrier: 'seller', feeVnd: 0 }),
      expect.objectContaining({ carrier: 'ghn', feeVnd: expect.any(Number), description: expect.stringContaining('GHN') }),
    ]);
    expect(options(ghtkSeller.id).map((o: { carrier: string }) => o.carrier)).toEqual(['seller', 'ghtk']);
    expect(options(ghnSeller.id)[1].feeVnd).toBeGreaterThan(0);

    const bad = await as(t, guest).get(`/api/v1/cart?provinceCode=86&communeCode=00004`).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['communeCode']);

    const before = { orders: await countRows(t, 'orders'), shipments: await countRows(t, 'shipments'), stock: await stockOf(t, honey.id) };
    const wrong = await as(t, guest)
      .post(
        '/api/v1/checkout',
        guestCheckout([], {
          subOrders: [
            sellerEntry(ghnSeller.id, { shipping: { carrier: 'ghtk' }, address: TO }),
            sellerEntry(ghtkSeller.id, { shipping: { carrier: 'ghtk', service: 'no such service' }, address: TO }),
          ],
        }),
      )
      .expect(400);
    expect(wrong.body.code).toBe('VALIDATION_FAILED');
    expect(wrong.body.details.map((d: { field: string }) => d.field)).toEqual(['subOrders.0.shipping.carrier', 'subOrders.1.shipping.carrier']);
    expect(await countRows(t, 'orders')).toBe(before.orders);
    expect(await countRows(t, 'shipments')).toBe(before.shipments);
    expect(await stockOf(t, honey.id)).toBe(before.stock);
  });

  it('GHN and GHTK: fee re-quoted at checkout, shipment on pack (one, even with a lost create answer), webhooks move the sub-orders to delivered', async () => {
    const { t, sim } = w;
    const guest: Shopper = {};
    await addToCart(t, guest, honey.id, 2);
    await addToCart(t, guest, candy.id, 3);
    const cart = await as(t, guest).get(`/api/v1/cart?provinceCode=${TO.provinceCode}&communeCode=${TO.communeCode}`).expect(200);
    const quoted = (id: string, carrier: string) =>
      cart.body.sellers.find((s: { enterpriseId: string }) => s.enterpriseId === id).shippingOptions.find((o: { carrier: string }) => o.carrier === carrier)
        .feeVnd;
    const placed = await order(guest, [
      sellerEntry(ghnSeller.id, { shipping: { carrier: 'ghn' }, address: TO }),
      sellerEntry(ghtkSeller.id, { shipping: { carrier: 'ghtk' }, address: TO }),
    ]);
    const ghnSub = placed.subOrders.find((s) => s.enterpriseId === ghnSeller.id)!;
    const ghtkSub = placed.subOrders.find((s) => s.enterpriseId === ghtkSeller.id)!;
    expect(ghnSub).toMatchObject({ shippingCarrier: 'ghn', shippingFeeVnd: quoted(ghnSeller.id, 'ghn'), totalVnd: 250_000 + quoted(ghnSeller.id, 'ghn') });
    expect(ghtkSub).toMatchObject({ shippingCarrier: 'ghtk', shippingFeeVnd: quoted(ghtkSeller.id, 'ghtk') });
    expect(ghtkSub.totalVnd).toBe(ghtkSub.itemsSubtotalVnd + ghtkSub.shippingFeeVnd);
    // Nothing goes to a carrier before the seller packs.
    expect(await t.app.get(Shipping).shipmentOf(ghnSub.code)).toBeNull();

    // Another business cannot act on them (404, nothing tells it they exist).
    await step(ghtkSeller, ghnSub.code, 'confirm').expect(404);
    const stranger = await createUser(t, 'business');
    await step(ghnSeller, ghnSub.code, 'confirm', {}, stranger).expect(404);

    await step(ghnSeller, ghnSub.code, 'confirm').expect(200);
    await step(ghtkSeller, ghtkSub.code, 'confirm').expect(200);
    await step(ghtkSeller, ghnSub.code, 'pack').expect(404);
    await step(ghnSeller, ghnSub.code, 'pack').expect(200);
    await settleAll();
    const ghnShipment = await shipment(t, ghnSub.code);
    expect(ghnShipment).toMatchObject({ carrier: 'ghn', status: 'ready_to_pick' });
    expect(sim.ghn.byClientCode(ghnSub.code)).toHaveLength(1);
    expect(sim.ghn.byClientCode(ghnSub.code)[0].request).toMatchObject({
      to_name: ADDRESS.recipientName,
      to_phone: ADDRESS.recipientPhone,
      cod_amount: ghnSub.totalVnd,
    });

    // GHTK: the create is applied but its answer is lost; the job looks the reference up later and adopts it.
    sim.setFaults({ dropRate: 1 });
    await step(ghtkSeller, ghtkSub.code, 'pack').expect(200);
    for (let i = 0; i < 100 && !sim.ghtk.byClientCode(ghtkSub.code).length; i++) await sleep(50);
    sim.setFaults({ dropRate: 0 });
    await settleAll();
    expect(sim.ghtk.byClientCode(ghtkSub.code)).toHaveLength(1);
    const ghtkShipment = await shipment(t, ghtkSub.code);
    expect(ghtkShipment.carrierCode).toBe(sim.ghtk.byClientCode(ghtkSub.code)[0].code);
    expect((await subOrder(ghtkSeller, ghtkSub.code)).status).toBe('packed');

    // GHN: duplicate webhooks for the pick-up, then out-of-order ones for the rest.
    sim.setFaults({ carrierWebhooks: 'duplicate' });
    await sim.ghn.advance(ghnShipment.carrierCode!, 'picked');
    await settleAll();
    expect((await subOrder(ghnSeller, ghnSub.code)).status).toBe('shipped');
    sim.setFaults({ carrierWebhooks: 'out-of-order' });
    for (const s of ['transporting', 'delivering', 'delivered']) await sim.ghn.advance(ghnShipment.carrierCode!, s);
    await sim.ghn.flushWebhooks();
    // GHTK: straight to delivered (a refresh can skip statuses): shipped then delivered.
    sim.setFaults({ carrierWebhooks: 'normal' });
    await sim.ghtk.advance(ghtkShipment.carrierCode!, '5');
    await settleAll();

    for (const [ent, code] of [
      [ghnSeller, ghnSub.code],
      [ghtkSeller, ghtkSub.code],
    ] as const) {
      const s = await subOrder(ent, code);
      expect({ code, status: s.status, paymentState: s.paymentState }).toEqual({ code, status: 'delivered', paymentState: 'cod_collected' });
      const history = s.events.map((h: { toStatus: string }) => h.toStatus);
      expect(history.filter((x: string) => x === 'shipped')).toHaveLength(1);
      expect(history.filter((x: string) => x === 'delivered')).toHaveLength(1);
    }
    expect(sim.ghn.byClientCode(ghnSub.code)).toHaveLength(1);
    expect(sim.ghtk.byClientCode(ghtkSub.code)).toHaveLength(1);

    await step(ghtkSeller, ghnSub.code, 'complete').expect(404);
    await step(ghnSeller, ghnSub.code, 'complete').expect(200);
    await step(ghtkSeller, ghtkSub.code, 'complete').expect(200);
    expect((await subOrder(ghnSeller, ghnSub.code)).status).toBe('completed');
  }, 150_000);

  it('a failed delivery attempt and a lost parcel alert seller and buyer by mail and in the history, without moving the sub-order back', async () => {
    const { t, sim } = w;
    const guest: Shopper = {};
    await addToCart(t, guest, honey.id, 1);
    const placed = await order(guest, [sellerEntry(ghnSeller.id, { shipping: { carrier: 'ghn' }, address: TO })]);
    const code = placed.subOrders[0].code;
    await step(ghnSeller, code, 'confirm').expect(200);
    await step(ghnSeller, code, 'pack').expect(200);
    await settleAll();
    const carrierCode = (await shipment(t, code)).carrierCode!;
    await sim.ghn.advance(carrierCode, 'picked');
    await settleAll();
    await t.drainJobs(['orders.notify']);
    smtp.messages.length = 0;

    await sim.ghn.advance(carrierCode, 'delivery_fail');
    await settleAll();
    await sim.ghn.advance(carrierCode, 'lost');
    await settleAll();
    await t.drainJobs(['orders.notify']);

    const s = await subOrder(ghnSeller, code);
    expect(s.status).toBe('shipped');
    const alerts = s.events.filter((e: { action: string }) => e.action === 'carrier-alert');
    expect(alerts.map((e: { note: string }) => e.note)).toEqual([expect.stringContaining('delivery attempt failed'), expect.stringContaining('parcel lost')]);
    expect(alerts.every((e: { fromStatus: string; toStatus: string }) => e.fromStatus === 'shipped' && e.toStatus === 'shipped')).toBe(true);

    const mails = smtp.messages.map((m) => ({ to: m.to.join(','), ...readMail(m) })).filter((m) => m.subject.includes(code));
    const toBuyer = mails.filter((m) => m.to.includes('an.nguyen@example.vn'));
    const toSeller = mails.filter((m) => !m.to.includes('an.nguyen@example.vn'));
    expect(toBuyer.map((m) => m.subject)).toEqual([`Thông báo từ đơn vị vận chuyển — ${code}`, `Thông báo từ đơn vị vận chuyển — ${code}`]);
    expect(toSeller).toHaveLength(2);
    expect(toSeller.every((m) => m.subject.startsWith('Cảnh báo vận chuyển'))).toBe(true);
    expect(toSeller.some((m) => m.text.includes('thất lạc'))).toBe(true);
  }, 90_000);

  it('a carrier shipment that cannot be created for half an hour alerts both sides once; it is created when the carrier recovers', async () => {
    const { t, sim } = w;
    const guest: Shopper = {};
    await addToCart(t, guest, honey.id, 1);
    const placed = await order(guest, [sellerEntry(ghnSeller.id, { shipping: { carrier: 'ghn' }, address: TO })]);
    const code = placed.subOrders[0].code;
    await step(ghnSeller, code, 'confirm').expect(200);
    await t.drainJobs(['orders.notify']);
    smtp.messages.length = 0;
    sim.setFaults({ transientRate: 1 });
    await step(ghnSeller, code, 'pack').expect(200);
    await sleep(300); // a few failing attempts
    const poll = async () => {
      await t.app.get(JobQueue).enqueueNow(POLL_QUEUE, {});
      await t.drainJobs([POLL_QUEUE, 'orders.shipment-attention', 'orders.notify']);
    };
    await poll(); // not yet half an hour: nothing
    expect((await subOrder(ghnSeller, code)).events.filter((e: { action: string }) => e.action === 'carrier-alert')).toHaveLength(0);
    t.clock.advance(31 * 60_000);
    const carrierAlerts = async () => (await subOrder(ghnSeller, code)).events.filter((e: { action: string }) => e.action === 'carrier-alert');
    // The poll skips a shipment row that a retrying create attempt holds at that instant (SKIP
    // LOCKED, by design: the next poll takes it), and the create job retries every few ms here.
    let alerts = [];
    for (let polls = 0; polls < 20 && !alerts.length; polls++) {
      await poll();
      alerts = await carrierAlerts();
    }
    if (!alerts.length) {
      const [row] = await t.dataSource.query(`SELECT status, carrier_code, attention_at, created_at, last_error FROM shipments WHERE reference = $1`, [code]);
      const jobs = await t.dataSource.query(
        `SELECT queue, status, attempts, run_at, last_error FROM jobs WHERE (queue LIKE 'orders.%' OR queue LIKE 'shipping.%') AND status <> 'completed'`,
      );
      throw new Error(
        `no carrier alert after 20 polls: shipment ${JSON.stringify(row)}, clock ${t.clock.now().toISOString()}, open jobs ${JSON.stringify(jobs)}`,
      );
    }
    await poll(); // once per shipment: another poll adds nothing
    alerts = await carrierAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0].note).toMatch(/^GHN: chưa tạo được vận đơn .*shipment not created/);
    const mails = smtp.messages.map((m) => ({ to: m.to.join(','), ...readMail(m) })).filter((m) => m.subject.includes(code) && m.text.includes('vận đơn'));
    expect(mails.map((m) => m.to.includes('an.nguyen@example.vn')).sort()).toEqual([false, true]);

    sim.setFaults({ transientRate: 0 });
    await settleAll();
    expect(await shipment(t, code)).toMatchObject({ status: 'ready_to_pick' });
    expect(sim.ghn.byClientCode(code)).toHaveLength(1);
    expect((await subOrder(ghnSeller, code)).status).toBe('packed');
  }, 90_000);

  it('a seller who cancels a packed carrier sub-order cancels its shipment at the carrier; the stock comes back', async () => {
    const { t, sim } = w;
    const guest: Shopper = {};
    await addToCart(t, guest, honey.id, 1);
    const stock = await stockOf(t, honey.id); // before checkout reserves it
    const placed = await order(guest, [sellerEntry(ghnSeller.id, { shipping: { carrier: 'ghn' }, address: TO })]);
    const code = placed.subOrders[0].code;
    await step(ghnSeller, code, 'confirm').expect(200);
    await step(ghnSeller, code, 'pack').expect(200);
    await settleAll();
    await step(ghtkSeller, code, 'cancel', { reason: 'Hết hàng' }).expect(404);
    await step(ghnSeller, code, 'cancel', { reason: 'Hết hàng (out of stock)' }).expect(200);
    await settleAll();
    expect(await shipment(t, code)).toMatchObject({ status: 'cancelled' });
    expect(sim.ghn.byClientCode(code)).toHaveLength(1);
    expect(sim.ghn.byClientCode(code)[0].status).toBe('cancel');
    expect((await subOrder(ghnSeller, code)).status).toBe('cancelled');
    expect(await stockOf(t, honey.id)).toBe(stock);
  }, 60_000);

  it('the buyer’s shipments are in "my data"; closing the account pseudonymises closed ones; retention deletes them with the sub-order', async () => {
    const { t } = w;
    const buyer = await createUser(t, 'buyer');
    const me: Shopper = { auth: buyer.auth };
    await addToCart(t, me, candy.id, 1);
    await addToCart(t, me, honey.id, 1);
    const placed = await as(t, me)
      .post('/api/v1/checkout', {
        buyerPhone: '0987654321',
        subOrders: [
          sellerEntry(ghtkSeller.id, { shipping: { carrier: 'ghtk' }, address: TO }),
          sellerEntry(ghnSeller.id, { shipping: { carrier: 'ghn' }, address: TO }),
        ],
      })
      .expect(201);
    const closed = placed.body.subOrders.find((s: { enterpriseId: string }) => s.enterpriseId === ghtkSeller.id).code as string; // household seller
    const open = placed.body.subOrders.find((s: { enterpriseId: string }) => s.enterpriseId === ghnSeller.id).code as string;
    for (const [ent, code] of [
      [ghtkSeller, closed],
      [ghnSeller, open],
    ] as const) {
      await step(ent, code, 'confirm').expect(200);
      await step(ent, code, 'pack').expect(200);
    }
    await settleAll();
    await w.sim.ghtk.advance((await shipment(t, closed)).carrierCode!, '5');
    await settleAll();
    await step(ghtkSeller, closed, 'complete').expect(200);

    await t.http.post('/api/v1/me/data-export').set(buyer.auth).expect(202);
    await t.drainJobs(['privacy.personal-data-export']);
    const ready = await t.http.get('/api/v1/me/data-export').set(buyer.auth).expect(200);
    const zip = await t.http.get(ready.body.downloadUrl).set(buyer.auth).buffer(true).parse(binary).expect(200);
    const data = JSON.parse(strFromU8(unzipSync(new Uint8Array(zip.body as Buffer))['data.json']));
    expect(data.sections.shipments.map((s: { reference: string }) => s.reference).sort()).toEqual([closed, open].sort());
    expect(data.sections.shipments[0]).toMatchObject({ recipient: expect.objectContaining({ name: ADDRESS.recipientName, phone: ADDRESS.recipientPhone }) });

    await t.http.delete('/api/v1/me').set(buyer.auth).send({ password: PASSWORD }).expect(200);
    const requestOf = async (ref: string) => (await t.dataSource.query(`SELECT request FROM shipments WHERE reference = $1`, [ref]))[0]?.request;
    const gone = await requestOf(closed);
    expect(gone.to).toMatchObject({ phone: '', street: '' });
    expect(gone.to.name).toMatch(/^user-/);
    expect(JSON.stringify(gone)).not.toContain(ADDRESS.recipientPhone);
    // The open parcel is still on its way: the carrier and the seller keep the recipient.
    expect((await requestOf(open)).to).toMatchObject({ name: ADDRESS.recipientName, phone: ADDRESS.recipientPhone });

    // Household seller: the closed sub-order and its shipment go after a year; the open one stays.
    await t.dataSource.query(`UPDATE sub_orders SET closed_at = $2 WHERE code = $1`, [closed, new Date(t.clock.now().getTime() - 366 * 24 * 3600_000)]);
    await t.app.get(JobQueue).enqueueNow(RETENTION_QUEUE, {});
    await t.drainJobs([RETENTION_QUEUE]);
    expect(await requestOf(closed)).toBeUndefined();
    expect(await t.dataSource.query(`SELECT 1 FROM sub_orders WHERE code = $1`, [closed])).toEqual([]);
    expect(await requestOf(open)).toBeDefined();
  }, 90_000);
});
