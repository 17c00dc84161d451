import { foldVietnamese } from '@tradefloor/core';
import { CarrierError, carrierCall, type CarrierResponse } from './carrier-http';
import type {
  CarrierAccount,
  CarrierAddress,
  CarrierCreateInput,
  CarrierPort,
  CarrierQuote,
  CarrierQuoteInput,
  CarrierShipment,
  WebhookHint,
} from './carrier.port';

/** GHN caps: insurance value 5,000,000 VND, COD 50,000,000 VND (docs/partners/ghn.md). */
const MAX_INSURANCE = 5_000_000;
/** A parcel's size when the seller gave none (cm): GHN requires length/width/height. */
const DEFAULT_DIMENSIONS = { length: 20, width: 15, height: 10 };

const unit = (name: string, prefixes: RegExp) => foldVietnamese(name).toLowerCase().replace(/\s+/g, ' ').trim().replace(prefixes, '');
const PROVINCE = /^(tinh|thanh pho) +/;
const DISTRICT = /^(huyen|quan|thi xa|thanh pho) +/;
const WARD = /^(xa|phuong|thi tran) +/;

interface GhnOrder {
  order_code?: unknown;
  status?: unknown;
  total_fee?: unknown;
}

interface GhnIds {
  districtId: number;
  wardCode: string;
}

/**
 * GHN (Giao Hàng Nhanh) public API: `Token` + `ShopId` headers, `{code, message, data}` answers.
 * Addresses are mapped to GHN's three-level ids through its own master data, by name (cached per
 * process); create also sends the names (GHN's newer name-based fields).
 */
export class GhnCarrier implements CarrierPort {
  readonly code = 'ghn' as const;
  private readonly ids = new Map<string, Promise<GhnIds>>();

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private async call(account: CarrierAccount, path: string, body: object, shopScoped = true): Promise<CarrierResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json', Token: account.token };
    if (shopScoped) headers.ShopId = String(account.shopId ?? '');
    return carrierCall('GHN', this.timeoutMs, `${this.baseUrl}/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  }

  /** The answer's data, or a `rejected` error with GHN's message. */
  private data<T>(res: CarrierResponse): T {
    if (res.status === 200 && Number(res.body.code) === 200) return res.body.data as T;
    throw new CarrierError('rejected', `GHN: ${String(res.body.message ?? res.status)}`);
  }

  private async list<T>(account: CarrierAccount, path: string, body: object): Promise<T[]> {
    return this.data<T[]>(await this.call(account, path, body, false)) ?? [];
  }

  /** The token is checked on the master data (the shop id is checked by the first shop call). */
  async verify(account: CarrierAccount): Promise<void> {
    await this.list(account, 'master-data/province', {});
  }

  /** GHN's district id and ward code for a three-level address, from its master data. */
  resolve(account: CarrierAccount, a: CarrierAddress): Promise<GhnIds> {
    const key = `${a.provinceName}|${a.districtName}|${a.wardName}`;
    let found = this.ids.get(key);
    if (!found) {
      found = this.lookup(account, a);
      this.ids.set(key, found);
      void found.catch(() => this.ids.delete(key));
    }
    return found;
  }

  private async lookup(account: CarrierAccount, a: CarrierAddress): Promise<GhnIds> {
    const match = (names: Array<string | undefined>, wanted: string, prefixes: RegExp) =>
      names.some((n) => typeof n === 'string' && unit(n, prefixes) === unit(wanted, prefixes));
    const provinces = await this.list<{ ProvinceID: number; ProvinceName: string; NameExtension?: string[] }>(account, 'master-data/province', {});
    const p = provinces.find((x) => match([x.ProvinceName, ...(x.NameExtension ?? [])], a.provinceName, PROVINCE));
    if (!p) throw new CarrierError('rejected', `GHN: không ánh xạ được tỉnh "${a.provinceName}" (province not mapped)`);
    const districts = await this.list<{ DistrictID: number; DistrictName: string; NameExtension?: string[] }>(account, 'master-data/district', {
      province_id: p.ProvinceID,
    });
    const d = districts.find((x) => match([x.DistrictName, ...(x.NameExtension ?? [])], a.districtName, DISTRICT));
    if (!d) throw new CarrierError('rejected', `GHN: không ánh xạ được huyện "${a.districtName}" (district not mapped)`);
    const wards = await this.list<{ WardCode: string; WardName: string; NameExtension?: string[] }>(account, 'master-data/ward', { district_id: d.DistrictID });
    const w = wards.find((x) => match([x.WardName, ...(x.NameExtension ?? [])], a.wardName, WARD));
    if (!w) throw new CarrierError('rejected', `GHN: không ánh xạ được xã "${a.wardName}" (ward not mapped)`);
    return { districtId: d.DistrictID, wardCode: String(w.WardCode) };
  }

  private async route(account: CarrierAccount, input: CarrierQuoteInput) {
    const [from, to] = await Promise.all([this.resolve(account, input.from), this.resolve(account, input.to)]);
    return {
      service_type_id: 2,
      from_district_id: from.districtId,
      from_ward_code: from.wardCode,
      to_district_id: to.districtId,
      to_ward_code: to.wardCode,
      weight: input.weightGrams,
      ...DEFAULT_DIMENSIONS,
      insurance_value: Math.min(MAX_INSURANCE, input.declaredValueVnd),
      cod_value: input.codAmountVnd,
    };
  }

  async quote(account: CarrierAccount, input: CarrierQuoteInput): Promise<CarrierQuote> {
    const data = this.data<{ total: number }>(await this.call(account, 'v2/shipping-order/fee', await this.route(account, input)));
    return { service: 'GHN hàng nhẹ (standard)', feeVnd: Number(data.total) };
  }

  private shipment(data: GhnOrder): CarrierShipment {
    if (typeof data?.order_code !== 'string') throw new CarrierError('transient', 'GHN: câu trả lời thiếu order_code (answer without order_code)');
    return {
      code: data.order_code,
      rawStatus: String(data.status ?? 'ready_to_pick'),
      ...(data.total_fee !== undefined ? { feeVnd: Number(data.total_fee) } : {}),
    };
  }

  async find(account: CarrierAccount, reference: string): Promise<CarrierShipment | null> {
    const res = await this.call(account, 'v2/shipping-order/detail-by-client-code', { client_order_code: reference });
    // GHN answers an unknown client code with a 4xx envelope (code 400, data null) [unconfirmed].
    if (res.status === 400 || res.status === 404) return null;
    const data = this.data<GhnOrder | null>(res);
    return data ? this.shipment(data) : null;
  }

  async create(account: CarrierAccount, input: CarrierCreateInput): Promise<CarrierShipment> {
    const line = (a: CarrierAddress) => [a.street, a.communeName, a.currentProvinceName].filter(Boolean).join(', ');
    const body = {
      ...(await this.route(account, input)),
      client_order_code: input.reference,
      payment_type_id: 1,
      required_note: 'CHOXEMHANGKHONGTHU',
      from_name: input.sender.name,
      from_phone: input.sender.phone,
      from_address: line(input.from),
      from_ward_name: input.from.wardName,
      from_district_name: input.from.districtName,
      from_province_name: input.from.provinceName,
      to_name: input.recipient.name,
      to_phone: input.recipient.phone,
      to_address: line(input.to),
      to_ward_name: input.to.wardName,
      to_district_name: input.to.districtName,
      to_province_name: input.to.provinceName,
      cod_amount: input.codAmountVnd,
      content: input.items
        .map((i) => `${i.name} x${i.quantity}`)
        .join('; ')
        .slice(0, 2000),
      note: input.note ?? '',
      items: input.items.map((i) => ({ name: i.name, code: i.sku, quantity: i.quantity, price: i.priceVnd, weight: i.weightGrams })),
    };
    delete (body as Record<string, unknown>).cod_value;
    const data = this.data<{ order_code: string; total_fee: number }>(await this.call(account, 'v2/shipping-order/create', body));
    return this.shipment({ ...data, status: 'ready_to_pick' });
  }

  async status(account: CarrierAccount, code: string): Promise<CarrierShipment> {
    return this.shipment(this.data<GhnOrder>(await this.call(account, 'v2/shipping-order/detail', { order_code: code })));
  }

  async cancel(account: CarrierAccount, code: string): Promise<{ outcome: 'cancelled' | 'refused'; message?: string }> {
    const rows = this.data<Array<{ order_code: string; result: boolean; message?: string }>>(
      await this.call(account, 'v2/switch-status/cancel', { order_codes: [code] }),
    );
    const row = rows?.find((r) => r.order_code === code);
    return row?.result ? { outcome: 'cancelled' } : { outcome: 'refused', message: row?.message };
  }

  parseWebhook(body: unknown): WebhookHint | null {
    if (!body || typeof body !== 'object') return null;
    const b = body as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.length <= 100 ? v : null);
    const hint = { code: str(b.OrderCode), reference: str(b.ClientOrderCode), claimedStatus: str(b.Status) };
    return hint.code || hint.reference ? hint : null;
  }
}
