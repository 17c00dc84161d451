import { createLogger } from '@tradefloor/core';
import { Writable } from 'node:stream';
import { createUser, loginAdmin } from '../harness/auth';
import { createVerifiedEnterprise, PHUONG_TRA_VINH, XA_CAU_KE, type FixtureEnterprise } from '../harness/catalog-fixtures';
import {
  cancelShipment,
  publishedEvents,
  requestShipment,
  setUpCarriers,
  settle,
  shipment,
  shipmentRequest,
  startShippingWorld,
  type CarrierCredentials,
  type ShippingWorld,
} from './shipping-harness';

/**
 * Shipping (issue 17): carrier accounts (owner only, sealed), quotes from GHN, GHTK and "seller
 * delivers", shipments created and cancelled at the simulated carriers, input checks.
 */
describe('shipping: carrier accounts, quotes, shipments', () => {
  const lines: string[] = [];
  let w: ShippingWorld;
  let ent: FixtureEnterprise;
  let creds: CarrierCredentials;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    w = await startShippingWorld(createLogger('debug', sink));
    ent = await createVerifiedEnterprise(w.t);
    creds = await setUpCarriers(w.t, ent);
  }, 120_000);
  afterAll(async () => {
    await w?.t.close();
    await w?.sim.stop();
  });

  describe('carrier accounts', () => {
    it('are sealed at rest, never returned, audited, and the tokens never reach the logs', async () => {
      const { t } = w;
      const got = await t.http.get(`/api/v1/enterprises/${ent.id}/carriers/ghn`).set(ent.owner.auth).expect(200);
      expect(got.body).toMatchObject({ carrier: 'ghn', configured: true });
      expect(got.body.webhookUrl).toContain('/api/v1/shipping/webhooks/ghn/');
      const list = await t.http.get(`/api/v1/enterprises/${ent.id}/carriers`).set(ent.owner.auth).expect(200);
      expect(list.body.items.map((i: { carrier: string }) => i.carrier)).toEqual(['ghn', 'ghtk', 'seller']);
      const text = JSON.stringify([got.body, list.body]);
      for (const secret of [creds.ghn.token, creds.ghn.shopId, creds.ghtk.token, creds.ghtk.clientSource]) expect(text).not.toContain(secret);

      const rows: Array<{ carrier: string; secrets: string | null; settings: unknown }> = await t.dataSource.query(
        `SELECT carrier, secrets, settings FROM carrier_accounts WHERE enterprise_id = $1 ORDER BY carrier`,
        [ent.id],
      );
      expect(rows.map((r) => r.carrier)).toEqual(['ghn', 'ghtk', 'seller']);
      for (const r of rows.slice(0, 2)) {
        expect(r.secrets).toMatch(/^v1\./);
        for (const secret of [creds.ghn.token, creds.ghn.shopId, creds.ghtk.token, creds.ghtk.clientSource]) {
          expect(r.secrets).not.toContain(secret);
          expect(JSON.stringify(r.settings)).not.toContain(secret);
        }
      }
      expect(rows[2].secrets).toBeNull();
      const audit: Array<{ after: unknown }> = await t.dataSource.query(
        `SELECT after FROM audit_events WHERE action = 'shipping.carrier-account.set' AND subject_id = $1`,
        [ent.id],
      );
      expect(audit).toHaveLength(3);
      expect(JSON.stringify(audit)).not.toContain(creds.ghn.token);

      // A full shipment round (create, webhook, status) and still no token in any log line.
      const req = shipmentRequest(ent, 'ghn');
      await requestShipment(t, req);
      await settle(t);
      const s = await shipment(t, req.reference);
      await w.sim.ghn.advance(s.carrierCode!, 'picked');
      await settle(t);
      const logs = lines.join('');
      expect(logs.length).toBeGreaterThan(0);
      for (const secret of [creds.ghn.token, creds.ghtk.token, 'test-shipping-webhook-secret']) expect(logs).not.toContain(secret);
    });

    it('another business, a staff member, an admin and strangers cannot read or change them', async () => {
      const { t } = w;
      const other = await createUser(t, 'business');
      const staff = await createUser(t, 'business');
      await t.dataSource.query(`INSERT INTO enterprise_members (enterprise_id, user_id, role) VALUES ($1, $2, 'staff')`, [ent.id, staff.id]);
      const admin = await loginAdmin(t);
      for (const who of [other, staff, admin]) {
        await t.http.get(`/api/v1/enterprises/${ent.id}/carriers/ghn`).set(who.auth).expect(403);
        await t.http.get(`/api/v1/enterprises/${ent.id}/carriers`).set(who.auth).expect(403);
        await t.http.put(`/api/v1/enterprises/${ent.id}/carriers/ghn`).set(who.auth).send({ token: 'ghn-token-1', shopId: '1' }).expect(403);
        await t.http.delete(`/api/v1/enterprises/${ent.id}/carriers/ghtk`).set(who.auth).expect(403);
      }
      await t.http.get(`/api/v1/enterprises/${ent.id}/carriers/ghn`).expect(401);
      await t.http.get(`/api/v1/enterprises/00000000-0000-4000-8000-000000000000/carriers/ghn`).set(other.auth).expect(404);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM carrier_accounts WHERE enterprise_id = $1`, [ent.id]);
      expect(n).toBe(3);
      const opened = await t.http.get(`/api/v1/enterprises/${ent.id}/carriers/ghn`).set(ent.owner.auth).expect(200);
      expect(opened.body.configured).toBe(true);
    });

    it('bad input is refused per field and nothing is written', async () => {
      const { t } = w;
      const fresh = await createVerifiedEnterprise(t);
      const put = (carrier: string, body: object) => t.http.put(`/api/v1/enterprises/${fresh.id}/carriers/${carrier}`).set(fresh.owner.auth).send(body);
      const fields = (res: { body: { details?: Array<{ field: string }> } }) => (res.body.details ?? []).map((d) => d.field).sort();
      let res = await put('ghn', { token: 'ghn-token-123' }).expect(400);
      expect(fields(res)).toEqual(['shopId']);
      res = await put('ghn', { token: 'ghn-token-123', shopId: 'abc', feeVnd: 5 }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fields(res)).toContain('shopId');
      res = await put('ghtk', { token: 'ghtk-token-X', clientSource: 'X' }).expect(400);
      expect(fields(res)).toEqual(['pickupPhone']);
      res = await put('seller', { feeVnd: -1 }).expect(400);
      expect(fields(res)).toEqual(['feeVnd']);
      res = await put('ghn', { token: 'not-a-ghn-token', shopId: '42' }).expect(400);
      expect(fields(res)).toEqual(['token']);
      await put('dhl', { feeVnd: 1 }).expect(404);
      await t.http.get(`/api/v1/enterprises/${fresh.id}/carriers/ghn`).set(fresh.owner.auth).expect(404);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM carrier_accounts WHERE enterprise_id = $1`, [fresh.id]);
      expect(n).toBe(0);
      // Set, then removed: gone, and the removal is audited.
      await put('seller', { feeVnd: 0 }).expect(200);
      await t.http.delete(`/api/v1/enterprises/${fresh.id}/carriers/seller`).set(fresh.owner.auth).expect(204);
      await t.http.delete(`/api/v1/enterprises/${fresh.id}/carriers/seller`).set(fresh.owner.auth).expect(404);
      const [{ a }] = await t.dataSource.query(
        `SELECT count(*)::int AS a FROM audit_events WHERE action = 'shipping.carrier-account.remove' AND subject_id = $1`,
        [fresh.id],
      );
      expect(a).toBe(1);
    });
  });

  describe('quotes', () => {
    const body = {
      from: { provinceCode: '86', communeCode: PHUONG_TRA_VINH },
      to: { provinceCode: '86', communeCode: XA_CAU_KE, street: 'Ấp Chợ' },
      weightGrams: 1200,
      codAmountVnd: 250_000,
      declaredValueVnd: 250_000,
    };

    it('come from GHN, GHTK and the seller, cheapest first', async () => {
      const res = await w.t.http.post(`/api/v1/enterprises/${ent.id}/shipping/quotes`).set(ent.owner.auth).send(body).expect(200);
      expect(res.body.items).toEqual([
        { carrier: 'seller', service: expect.any(String), feeVnd: 15000, etaDays: 2 },
        { carrier: 'ghtk', service: expect.any(String), feeVnd: 20000 },
        { carrier: 'ghn', service: expect.any(String), feeVnd: 32000 },
      ]);
      // GHN was asked with the ids of its own master data, mapped from our two-level address.
      expect(w.sim.store.calls.ghn['master-data/ward']).toBeGreaterThan(0);
    });

    it('a carrier that fails is left out; bad addresses are refused per field', async () => {
      const { t, sim } = w;
      sim.setFaults({ transientRate: 1 });
      try {
        const res = await t.http.post(`/api/v1/enterprises/${ent.id}/shipping/quotes`).set(ent.owner.auth).send(body).expect(200);
        expect(res.body.items.map((q: { carrier: string }) => q.carrier)).toEqual(['seller']);
      } finally {
        sim.setFaults({ transientRate: 0 });
      }
      const quote = (b: object) => t.http.post(`/api/v1/enterprises/${ent.id}/shipping/quotes`).set(ent.owner.auth).send(b);
      const fieldsOf = (res: { body: { details: Array<{ field: string }> } }) => [...new Set(res.body.details.map((d) => d.field))].sort();
      expect(fieldsOf(await quote({ ...body, weightGrams: 0, to: { provinceCode: '86' } }).expect(400))).toEqual(['to.communeCode', 'weightGrams']);
      expect(fieldsOf(await quote({ ...body, to: { provinceCode: '86', communeCode: '00004' } }).expect(400))).toEqual(['to.communeCode']);
      const other = await createUser(t, 'business');
      await t.http.post(`/api/v1/enterprises/${ent.id}/shipping/quotes`).set(other.auth).send(body).expect(403);
    });
  });

  describe('shipments', () => {
    it('GHN: created once per reference, cancelled before pickup, each change published', async () => {
      const { t, sim } = w;
      const req = shipmentRequest(ent, 'ghn');
      await requestShipment(t, req);
      await requestShipment(t, req); // idempotent per reference
      await settle(t);
      const s = await shipment(t, req.reference);
      expect(s).toMatchObject({ carrier: 'ghn', status: 'ready_to_pick', carrierStatus: 'ready_to_pick', feeVnd: 32000 });
      expect(sim.ghn.byClientCode(req.reference)).toHaveLength(1);
      expect(sim.ghn.byClientCode(req.reference)[0].code).toBe(s.carrierCode);
      const sent = sim.ghn.byClientCode(req.reference)[0].request;
      expect(sent).toMatchObject({ to_name: 'Trần Thị Bình', to_phone: '0987654321', to_province_name: 'Tỉnh Trà Vinh', cod_amount: 250_000 });

      await cancelShipment(t, req.reference);
      await cancelShipment(t, req.reference);
      await settle(t);
      expect(await shipment(t, req.reference)).toMatchObject({ status: 'cancelled', carrierStatus: 'cancel' });
      expect(sim.ghn.byClientCode(req.reference)[0].status).toBe('cancel');
      expect((await publishedEvents(t, req.reference)).map((e) => e.status)).toEqual(['requested', 'ready_to_pick', 'cancelled']);
      const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM shipments WHERE reference = $1`, [req.reference]);
      expect(rows[0].n).toBe(1);
    });

    it('GHTK: created, then a cancel the carrier refuses after pickup leaves the shipment picked', async () => {
      const { t, sim } = w;
      const req = shipmentRequest(ent, 'ghtk');
      await requestShipment(t, req);
      await settle(t);
      const s = await shipment(t, req.reference);
      expect(s).toMatchObject({ carrier: 'ghtk', status: 'ready_to_pick', carrierStatus: '2' });
      expect(sim.ghtk.byClientCode(req.reference)).toHaveLength(1);
      expect(sim.ghtk.byClientCode(req.reference)[0].request).toMatchObject({ order: { id: req.reference, pick_tel: '0912345678', pick_money: 250_000 } });

      sim.setFaults({ carrierWebhooks: 'none' });
      try {
        await sim.ghtk.advance(s.carrierCode!, '3'); // picked up; we have not heard yet
      } finally {
        sim.setFaults({ carrierWebhooks: 'normal' });
      }
      await cancelShipment(t, req.reference);
      await settle(t);
      const after = await shipment(t, req.reference);
      expect(after).toMatchObject({ status: 'picked', carrierStatus: '3', cancelRequested: false });
      expect(after.lastError).toContain('refused to cancel');
      expect(sim.ghtk.byClientCode(req.reference)[0].status).toBe('3');
      // Now we know it is picked: cancelling is refused at once.
      const refused = await cancelShipment(t, req.reference).catch((e: { code?: string }) => e.code);
      expect(refused).toBe('SHIPMENT_NOT_CANCELLABLE');
    });

    it('GHTK: cancelled before pickup', async () => {
      const { t, sim } = w;
      const req = shipmentRequest(ent, 'ghtk');
      await requestShipment(t, req);
      await settle(t);
      await cancelShipment(t, req.reference);
      await settle(t);
      expect(await shipment(t, req.reference)).toMatchObject({ status: 'cancelled', carrierStatus: '-1' });
      expect(sim.ghtk.byClientCode(req.reference)[0].status).toBe('-1');
    });

    it('seller delivers: statuses set by the seller, forward only, by members of the enterprise only', async () => {
      const { t } = w;
      const req = shipmentRequest(ent, 'seller');
      await requestShipment(t, req);
      expect(await shipment(t, req.reference)).toMatchObject({ carrier: 'seller', status: 'requested', carrierCode: null });
      const url = `/api/v1/enterprises/${ent.id}/shipments/${req.reference}/status`;
      await t.http.put(url).set(ent.owner.auth).send({ status: 'picked' }).expect(200);
      const res = await t.http.put(url).set(ent.owner.auth).send({ status: 'delivering' }).expect(200);
      expect(res.body.history.map((h: { status: string }) => h.status)).toEqual(['requested', 'picked', 'delivering']);
      const back = await t.http.put(url).set(ent.owner.auth).send({ status: 'ready_to_pick' }).expect(409);
      expect(back.body.code).toBe('SHIPMENT_STATUS_BACKWARDS');
      const bad = await t.http.put(url).set(ent.owner.auth).send({ status: 'teleported' }).expect(400);
      expect(bad.body.details[0].field).toBe('status');
      const other = await createUser(t, 'business');
      await t.http.put(url).set(other.auth).send({ status: 'delivered' }).expect(403);
      await t.http.get(`/api/v1/enterprises/${ent.id}/shipments/${req.reference}`).set(other.auth).expect(403);
      const otherEnt = await createVerifiedEnterprise(t, { owner: other });
      await t.http.get(`/api/v1/enterprises/${otherEnt.id}/shipments/${req.reference}`).set(other.auth).expect(404);
      await t.http.put(`/api/v1/enterprises/${otherEnt.id}/shipments/${req.reference}/status`).set(other.auth).send({ status: 'delivered' }).expect(404);
      await t.http.put(url).set(ent.owner.auth).send({ status: 'delivered' }).expect(200);
      expect((await publishedEvents(t, req.reference)).map((e) => e.status)).toEqual(['requested', 'picked', 'delivering', 'delivered']);
    });

    it('a bad request is refused per field and writes nothing; a carrier not set up is refused', async () => {
      const { t } = w;
      const req = shipmentRequest(ent, 'ghn', {
        reference: 'bad reference!',
        weightGrams: -5,
        to: { provinceCode: '86', communeCode: '99999', name: '', phone: '123' },
        items: [{ name: '', quantity: 0, sku: 'X', priceVnd: 1, weightGrams: 1 }],
      });
      const err = await requestShipment(t, req).catch((e: { code?: string; details?: Array<{ field: string }> }) => e);
      expect((err as { code?: string }).code).toBe('VALIDATION_FAILED');
      expect(((err as { details: Array<{ field: string }> }).details ?? []).map((d) => d.field).sort()).toEqual(
        ['items.0.name', 'items.0.quantity', 'reference', 'to.communeCode', 'to.name', 'to.phone', 'weightGrams'].sort(),
      );
      const fresh = await createVerifiedEnterprise(t);
      const noAccount = await requestShipment(t, shipmentRequest(fresh, 'ghtk')).catch((e: { details?: Array<{ field: string }> }) => e.details);
      expect(noAccount).toEqual([expect.objectContaining({ field: 'carrier' })]);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM shipments WHERE enterprise_id = $1 OR reference = 'bad reference!'`, [fresh.id]);
      expect(n).toBe(0);
    });
  });
});
