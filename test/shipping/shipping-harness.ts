import { DomainEvents } from '@tradefloor/core';
import { Shipping, type CarrierCode, type ShipmentRequest, type ShipmentView } from '@tradefloor/shipping';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { ghnSimToken, ghtkSimToken, simulatorEnv, startPartnerSim, type PartnerSim } from '../../apps/partner-sim/src';
import { PHUONG_TRA_VINH, XA_CAU_KE, XA_HUNG_HOA, type FixtureEnterprise } from '../harness/catalog-fixtures';
import { freePort } from '../harness/processes';
import { createTestApp, type TestApp } from '../harness/test-app';

export const WEBHOOK_SECRET = 'test-shipping-webhook-secret-0123';
export const SHIPPING_QUEUES = ['shipping.shipment', 'shipping.refresh', 'shipping.poll'];
/** A queue nobody handles: each `shipment.status-changed` leaves a job here for the tests to read. */
export const EVENT_PROBE_QUEUE = 'test.shipment-events';
export const HTTP_TIMEOUT_MS = 1500;

export interface ShippingWorld {
  t: TestApp;
  sim: PartnerSim;
  port: number;
}

/** The app listening on a real port (the simulated carriers call its webhooks), pointed at the simulator. */
export async function startShippingWorld(logger?: Logger, env: Record<string, string> = {}): Promise<ShippingWorld> {
  const sim = await startPartnerSim({ ghn: { webhookRetryDelayMs: 30 }, ghtk: { webhookRetryDelayMs: 30 } });
  const port = await freePort();
  const t = await createTestApp({
    ...(logger ? { logger } : {}),
    env: {
      ...simulatorEnv(sim),
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      SHIPPING_WEBHOOK_SECRET: WEBHOOK_SECRET,
      SHIPPING_HTTP_TIMEOUT_MS: String(HTTP_TIMEOUT_MS),
      SHIPPING_BACKOFF_BASE_MS: '20',
      SHIPPING_BACKOFF_MAX_MS: '500',
      SHIPPING_MAX_ATTEMPTS: '200',
      SHIPPING_CONCURRENCY: '4',
      SHIPPING_POLL_INTERVAL_SECONDS: '86400',
      SHIPPING_STALE_SECONDS: '600',
      WORKER_CONCURRENCY: '16',
      DB_POOL_SIZE: '30',
      JOB_POLL_INTERVAL_MS: '50',
      ...env,
    },
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  sim.ghn.webhookUrl = `http://127.0.0.1:${port}/api/v1/shipping/webhooks/ghn/${WEBHOOK_SECRET}`;
  sim.ghtk.webhookUrl = `http://127.0.0.1:${port}/api/v1/shipping/webhooks/ghtk/${WEBHOOK_SECRET}`;
  t.app.get(DomainEvents).subscribe('shipment.status-changed', EVENT_PROBE_QUEUE);
  return { t, sim, port };
}

const digits = () => String(100_000 + Math.floor(Math.random() * 800_000));

export interface CarrierCredentials {
  ghn: { token: string; shopId: string };
  ghtk: { token: string; clientSource: string };
}

/** Sets up GHN, GHTK and "seller delivers" for the enterprise (as its owner); the credentials used. */
export async function setUpCarriers(t: TestApp, ent: FixtureEnterprise): Promise<CarrierCredentials> {
  const shopId = digits();
  const clientSource = `S${digits()}`;
  const creds = { ghn: { token: ghnSimToken(shopId), shopId }, ghtk: { token: ghtkSimToken(clientSource), clientSource } };
  await t.http.put(`/api/v1/enterprises/${ent.id}/carriers/ghn`).set(ent.owner.auth).send(creds.ghn).expect(200);
  await t.http
    .put(`/api/v1/enterprises/${ent.id}/carriers/ghtk`)
    .set(ent.owner.auth)
    .send({ ...creds.ghtk, pickupPhone: '0912345678' })
    .expect(200);
  await t.http.put(`/api/v1/enterprises/${ent.id}/carriers/seller`).set(ent.owner.auth).send({ feeVnd: 15000, etaDays: 2 }).expect(200);
  return creds;
}

export const newReference = () => `TV-${randomBytes(4).toString('hex').toUpperCase()}-1`;

export function shipmentRequest(ent: FixtureEnterprise, carrier: CarrierCode, overrides: Partial<ShipmentRequest> = {}): ShipmentRequest {
  return {
    reference: newReference(),
    enterpriseId: ent.id,
    carrier,
    from: { provinceCode: '86', communeCode: PHUONG_TRA_VINH, street: '12 Nguyễn Đáng' },
    to: { provinceCode: '86', communeCode: Math.random() < 0.5 ? XA_CAU_KE : XA_HUNG_HOA, street: 'Ấp Chợ', name: 'Trần Thị Bình', phone: '0987654321' },
    weightGrams: 1200,
    codAmountVnd: 250_000,
    declaredValueVnd: 250_000,
    items: [{ name: 'Mật ong hoa dừa', quantity: 2, sku: 'MO-500', priceVnd: 125_000, weightGrams: 600 }],
    ...overrides,
  };
}

/** What the orders context does: ask for the shipment inside its own transaction. */
export async function requestShipment(t: TestApp, req: ShipmentRequest): Promise<void> {
  const shipping = t.app.get(Shipping);
  await t.dataSource.transaction((m) => shipping.requestShipment(m, req));
}

export async function cancelShipment(t: TestApp, reference: string): Promise<void> {
  const shipping = t.app.get(Shipping);
  await t.dataSource.transaction((m) => shipping.cancelShipment(m, reference));
}

export async function shipment(t: TestApp, reference: string): Promise<ShipmentView> {
  const s = await t.app.get(Shipping).shipmentOf(reference);
  if (!s) throw new Error(`no shipment ${reference}`);
  return s;
}

/**
 * Waits until no shipping job is pending or running, postponed ones included (the queue's own
 * drain ignores jobs due more than a second ahead, and a lost create waits longer than that).
 */
export async function settle(t: TestApp, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM jobs WHERE queue IN ('shipping.shipment','shipping.refresh') AND status IN ('pending','running')`,
    );
    if (n === 0) {
      const dead = await t.dataSource.query(`SELECT queue, payload, attempts, last_error FROM jobs WHERE queue LIKE 'shipping.%' AND status = 'dead'`);
      if (dead.length) throw new Error(`shipping jobs dead-lettered: ${JSON.stringify(dead)}`);
      return;
    }
    if (Date.now() > deadline) {
      const jobs = await t.dataSource.query(
        `SELECT queue, status, attempts, last_error, run_at FROM jobs WHERE queue LIKE 'shipping.%' AND status <> 'completed'`,
      );
      throw new Error(`shipping jobs still pending after ${timeoutMs} ms: ${JSON.stringify(jobs)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The `shipment.status-changed` events published for a reference, in order. */
export async function publishedEvents(t: TestApp, reference: string): Promise<Array<{ status: string; carrier: string }>> {
  const rows: Array<{ payload: { status: string; carrier: string } }> = await t.dataSource.query(
    `SELECT payload FROM jobs WHERE queue = $1 AND payload->>'reference' = $2 ORDER BY created_at, id`,
    [EVENT_PROBE_QUEUE, reference],
  );
  return rows.map((r) => ({ status: r.payload.status, carrier: r.payload.carrier }));
}

export { seededRandom, type Random } from '../search/seeded-random';
