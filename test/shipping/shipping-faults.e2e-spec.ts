import { JobQueue } from '@tradefloor/core';
import { POLL_QUEUE, REFRESH_QUEUE, STATUS_RANK, type ShipmentStatus } from '@tradefloor/shipping';
import { createVerifiedEnterprise, type FixtureEnterprise } from '../harness/catalog-fixtures';
import {
  HTTP_TIMEOUT_MS,
  publishedEvents,
  requestShipment,
  seededRandom,
  setUpCarriers,
  settle,
  shipment,
  shipmentRequest,
  startShippingWorld,
  WEBHOOK_SECRET,
  type ShippingWorld,
} from './shipping-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Shipping under the carriers' faults: lost answers and timeouts while creating (exactly one
 * shipment per reference at the carrier), duplicate, out-of-order, lying and lost webhooks, the
 * webhook URL secret, and randomised interleavings of webhooks and polls with several workers.
 */
describe('shipping: carrier faults and webhooks', () => {
  let w: ShippingWorld;
  let ent: FixtureEnterprise;
  const seed = Number(process.env.SHIPPING_SEED ?? Date.now() % 100_000);

  beforeAll(async () => {
    w = await startShippingWorld();
    ent = await createVerifiedEnterprise(w.t);
    await setUpCarriers(w.t, ent);
  }, 120_000);
  afterAll(async () => {
    await w?.t.close();
    await w?.sim.stop();
  });
  afterEach(() =>
    w.sim.setFaults({ transientRate: 0, dropRate: 0, malformedRate: 0, throttleRate: 0, latencyMs: 0, burst429: { count: 0 }, carrierWebhooks: 'normal' }),
  );

  const created = async (reference: string) => {
    const s = await shipment(w.t, reference);
    return s;
  };

  it('lost answers, 5xx, unreadable bodies and 429 bursts while creating end with exactly one shipment per reference', async () => {
    const { t, sim } = w;
    const random = seededRandom(seed);
    const reqs = Array.from({ length: 12 }, (_, i) => shipmentRequest(ent, i % 2 ? 'ghtk' : 'ghn'));
    sim.setFaults({ dropRate: 0.25, transientRate: 0.1, malformedRate: 0.05, burst429: { count: 5 } });
    // Requested in a random order, some concurrently, while the worker runs 4 at a time.
    const order = [...reqs].sort(() => random.int(3) - 1);
    await Promise.all(order.map(async (r, i) => (i % 3 === 0 ? sleep(random.int(50)) : Promise.resolve()).then(() => requestShipment(t, r))));
    await settle(t, 110_000);
    sim.setFaults({ dropRate: 0, transientRate: 0, malformedRate: 0 });
    const injected = sim.store.faultsInjected;
    expect(injected.drop).toBeGreaterThan(0);
    for (const r of reqs) {
      const at = r.carrier === 'ghn' ? sim.ghn : sim.ghtk;
      const s = await created(r.reference);
      expect({ reference: r.reference, count: at.byClientCode(r.reference).length }).toEqual({ reference: r.reference, count: 1 });
      expect(s.carrierCode).toBe(at.byClientCode(r.reference)[0].code);
      expect(s.status).toBe('ready_to_pick');
    }
  }, 120_000);

  it('a create that times out and lands at the carrier later is adopted, not repeated', async () => {
    const { t, sim } = w;
    const reqs = [shipmentRequest(ent, 'ghn'), shipmentRequest(ent, 'ghtk'), shipmentRequest(ent, 'ghn')];
    sim.setFaults({ latencyMs: HTTP_TIMEOUT_MS + 500 });
    for (const r of reqs) await requestShipment(t, r);
    await sleep(HTTP_TIMEOUT_MS + 1500); // the creates time out here, then land at the carrier
    sim.setFaults({ latencyMs: 0 });
    await settle(t, 110_000);
    for (const r of reqs) {
      const at = r.carrier === 'ghn' ? sim.ghn : sim.ghtk;
      expect({ reference: r.reference, count: at.byClientCode(r.reference).length }).toEqual({ reference: r.reference, count: 1 });
      expect((await created(r.reference)).carrierCode).toBe(at.byClientCode(r.reference)[0].code);
    }
  }, 120_000);

  it('duplicate webhooks are no-ops: each status once, in order', async () => {
    const { t, sim } = w;
    for (const [carrier, steps] of [
      ['ghn', ['picked', 'transporting', 'delivering', 'delivered']],
      ['ghtk', ['3', '4', '5']],
    ] as const) {
      const req = shipmentRequest(ent, carrier);
      await requestShipment(t, req);
      await settle(t);
      const code = (await created(req.reference)).carrierCode!;
      sim.setFaults({ carrierWebhooks: 'duplicate' });
      for (const step of steps) {
        await (carrier === 'ghn' ? sim.ghn : sim.ghtk).advance(code, step);
        await settle(t);
      }
      const s = await created(req.reference);
      expect(s.status).toBe('delivered');
      const statuses = s.history.map((h) => h.status);
      expect(new Set(statuses).size).toBe(statuses.length);
      expect((await publishedEvents(t, req.reference)).map((e) => e.status)).toEqual(statuses);
    }
  }, 120_000);

  it("out-of-order webhooks end in the carrier's latest status and never move a shipment back", async () => {
    const { t, sim } = w;
    const req = shipmentRequest(ent, 'ghn');
    await requestShipment(t, req);
    await settle(t);
    const code = (await created(req.reference)).carrierCode!;
    sim.setFaults({ carrierWebhooks: 'out-of-order' });
    for (const step of ['picked', 'storing', 'delivering', 'delivered']) await sim.ghn.advance(code, step);
    await sim.ghn.flushWebhooks(); // delivered first, then delivering, storing, picked
    await settle(t);
    const s = await created(req.reference);
    expect(s.status).toBe('delivered');
    const ranks = s.history.map((h) => STATUS_RANK[h.status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM shipment_webhooks WHERE carrier_code = $1`, [code]);
    expect(n).toBe(4);
  }, 60_000);

  it('a lying webhook is recorded but not applied: only what the carrier confirms counts', async () => {
    const { t, sim } = w;
    for (const [carrier, claim] of [
      ['ghn', 'delivered'],
      ['ghtk', '5'],
    ] as const) {
      const req = shipmentRequest(ent, carrier);
      await requestShipment(t, req);
      await settle(t);
      const code = (await created(req.reference)).carrierCode!;
      sim.setFaults({ carrierWebhooks: 'lying' });
      await (carrier === 'ghn' ? sim.ghn : sim.ghtk).advance(code, claim);
      await settle(t);
      const s = await created(req.reference);
      expect(s.status).toBe('ready_to_pick');
      expect(s.history.map((h) => h.status)).toEqual(['requested', 'ready_to_pick']);
      const [hook] = await t.dataSource.query(`SELECT claimed_status FROM shipment_webhooks WHERE carrier_code = $1`, [code]);
      expect(hook.claimed_status).toBe(claim);
      sim.setFaults({ carrierWebhooks: 'normal' });
    }
  }, 60_000);

  it('a wrong URL secret is answered 404 and nothing is recorded; an unreadable webhook is 400', async () => {
    const { t } = w;
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM shipment_webhooks`))[0].n;
    for (const secret of ['wrong', `${WEBHOOK_SECRET}x`, WEBHOOK_SECRET.slice(0, -1)]) {
      const res = await t.http.post(`/api/v1/shipping/webhooks/ghn/${secret}`).send({ OrderCode: 'X', Status: 'delivered' }).expect(404);
      expect(JSON.stringify(res.body)).not.toMatch(/secret|webhook/i);
    }
    await t.http.post(`/api/v1/shipping/webhooks/dhl/${WEBHOOK_SECRET}`).send({ OrderCode: 'X' }).expect(404);
    const bad = await t.http.post(`/api/v1/shipping/webhooks/ghn/${WEBHOOK_SECRET}`).send({ Status: 'delivered' }).expect(400);
    expect(bad.body.details[0].field).toBe('OrderCode');
    await t.http
      .post(`/api/v1/shipping/webhooks/ghtk/${WEBHOOK_SECRET}`)
      .type('form')
      .send({ label_id: 'S1.A1.unknown', partner_id: 'nobody', status_id: '5' })
      .expect(200);
    const after = (await t.dataSource.query(`SELECT count(*)::int AS n FROM shipment_webhooks`))[0].n;
    expect(after).toBe(before + 1);
  });

  it('the carriers redeliver a webhook not answered 200: GHN ten more times, GHTK once', async () => {
    const { t, sim } = w;
    const refs = { ghn: shipmentRequest(ent, 'ghn'), ghtk: shipmentRequest(ent, 'ghtk') };
    for (const r of Object.values(refs)) await requestShipment(t, r);
    await settle(t);
    const urls = { ghn: sim.ghn.webhookUrl, ghtk: sim.ghtk.webhookUrl };
    try {
      for (const carrier of ['ghn', 'ghtk'] as const) {
        const at = carrier === 'ghn' ? sim.ghn : sim.ghtk;
        const code = (await created(refs[carrier].reference)).carrierCode!;
        at.webhookUrl = `${urls[carrier]!.slice(0, -4)}nope`; // a wrong secret: 404
        await at.advance(code, carrier === 'ghn' ? 'picked' : '3');
        const tries = at.deliveries.filter((d) => d.code === code);
        expect(tries.map((d) => d.httpStatus)).toEqual(Array(carrier === 'ghn' ? 11 : 2).fill(404));
      }
    } finally {
      sim.ghn.webhookUrl = urls.ghn;
      sim.ghtk.webhookUrl = urls.ghtk;
    }
  }, 60_000);

  it('lost webhooks: the poll re-fetches shipments not checked for a while', async () => {
    const { t, sim } = w;
    const req = shipmentRequest(ent, 'ghtk');
    await requestShipment(t, req);
    await settle(t);
    const code = (await created(req.reference)).carrierCode!;
    sim.setFaults({ carrierWebhooks: 'none' });
    await sim.ghtk.advance(code, '3');
    await t.app.get(JobQueue).enqueueNow(POLL_QUEUE, {});
    await t.drainJobs([POLL_QUEUE, REFRESH_QUEUE], 30_000);
    expect((await created(req.reference)).status).toBe('ready_to_pick'); // checked recently: not polled yet
    t.clock.advance(11 * 60_000);
    await t.app.get(JobQueue).enqueueNow(POLL_QUEUE, {});
    await t.drainJobs([POLL_QUEUE, REFRESH_QUEUE], 30_000);
    const s = await created(req.reference);
    expect(s.status).toBe('picked');
    expect(s.history.at(-1)).toMatchObject({ status: 'picked', carrierStatus: '3', source: 'poll' });
  }, 60_000);

  it(`randomised interleavings of webhooks, duplicates and polls with concurrent workers keep every shipment monotonic (seed ${seed})`, async () => {
    const { t, sim } = w;
    const random = seededRandom(seed + 1);
    const paths: Record<'ghn' | 'ghtk', string[][]> = {
      ghn: [
        ['picking', 'picked', 'transporting', 'delivering', 'delivered'],
        ['picked', 'sorting', 'delivering', 'delivery_fail', 'waiting_to_return', 'returned'],
        ['picked', 'delivering', 'delivery_fail', 'delivering', 'delivered'],
      ],
      ghtk: [
        ['12', '3', '4', '5'],
        ['3', '4', '9', '20', '21'],
        ['3', '4', '10', '4', '5', '6'],
      ],
    };
    const reqs = Array.from({ length: 8 }, (_, i) => shipmentRequest(ent, i % 2 ? 'ghtk' : 'ghn'));
    for (const r of reqs) await requestShipment(t, r);
    await settle(t);
    const finals = new Map<string, ShipmentStatus>();
    await Promise.all(
      reqs.map(async (r) => {
        const carrier = r.carrier as 'ghn' | 'ghtk';
        const at = carrier === 'ghn' ? sim.ghn : sim.ghtk;
        const path = random.pick(paths[carrier]);
        const code = (await created(r.reference)).carrierCode!;
        for (const step of path) {
          sim.setFaults({ carrierWebhooks: random.pick(['normal', 'duplicate', 'normal'] as const) });
          await at.advance(code, step);
          if (random.int(3) === 0) await t.app.get(JobQueue).enqueueNow(REFRESH_QUEUE, { reference: r.reference, source: 'poll' });
          await sleep(random.int(40));
        }
        finals.set(
          r.reference,
          path.at(-1) === '6'
            ? 'delivered'
            : ({ delivered: 'delivered', returned: 'returned', '5': 'delivered', '21': 'returned' } as Record<string, ShipmentStatus>)[path.at(-1)!],
        );
      }),
    );
    sim.setFaults({ carrierWebhooks: 'normal' });
    await settle(t);
    for (const r of reqs) {
      const s = await created(r.reference);
      expect({ reference: r.reference, status: s.status }).toEqual({ reference: r.reference, status: finals.get(r.reference) });
      const ranks = s.history.map((h) => STATUS_RANK[h.status]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect((await publishedEvents(t, r.reference)).map((e) => e.status)).toEqual(s.history.map((h) => h.status));
    }
  }, 120_000);
});
