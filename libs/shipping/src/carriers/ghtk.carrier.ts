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

/**
 * GHTK (Giao Hàng Tiết Kiệm) shipment API: `Token` + `X-Client-Source` headers, `{success,
 * message, …}` answers, addresses by (pre-2025) names. A repeated `order.id` is refused with
 * ORDER_ID_EXIST naming the existing label, which we adopt: creating is naturally idempotent.
 */
export class GhtkCarrier implements CarrierPort {
  readonly code = 'ghtk' as const;

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private call(account: CarrierAccount, method: 'GET' | 'POST', path: string, body?: object): Promise<CarrierResponse> {
    const headers: Record<string, string> = { Token: account.token, 'X-Client-Source': String(account.clientSource ?? '') };
    if (body) headers['content-type'] = 'application/json';
    return carrierCall('GHTK', this.timeoutMs, `${this.baseUrl}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  }

  private ok(res: CarrierResponse): Record<string, unknown> {
    if (res.status === 200 && res.body.success === true) return res.body;
    throw new CarrierError('rejected', `GHTK: ${String(res.body.message ?? res.status)}`);
  }

  async verify(account: CarrierAccount): Promise<void> {
    this.ok(await this.call(account, 'GET', '/services/authenticated'));
  }

  async quote(account: CarrierAccount, input: CarrierQuoteInput): Promise<CarrierQuote> {
    const q = new URLSearchParams({
      pick_province: input.from.provinceName,
      pick_district: input.from.districtName,
      pick_ward: input.from.wardName,
      province: input.to.provinceName,
      district: input.to.districtName,
      ward: input.to.wardName,
      address: input.to.street || input.to.communeName,
      weight: String(input.weightGrams),
      value: String(input.declaredValueVnd),
      deliver_option: 'none',
      transport: 'road',
    });
    const body = this.ok(await this.call(account, 'GET', `/services/shipment/fee?${q}`));
    const fee = body.fee as { fee?: number; insurance_fee?: number; delivery?: boolean } | undefined;
    if (!fee || typeof fee.fee !== 'number') throw new CarrierError('transient', 'GHTK: câu trả lời thiếu phí (answer without fee)');
    if (fee.delivery === false) throw new CarrierError('rejected', 'GHTK: không giao đến địa chỉ này (no delivery to this address)');
    return { service: 'GHTK đường bộ (road)', feeVnd: fee.fee };
  }

  private fromOrder(o: Record<string, unknown> | undefined): CarrierShipment {
    const code = o?.label ?? o?.label_id;
    if (typeof code !== 'string') throw new CarrierError('transient', 'GHTK: câu trả lời thiếu mã vận đơn (answer without label)');
    const status = o?.status_id ?? o?.status;
    return { code, rawStatus: String(status ?? '1'), ...(typeof o?.fee === 'number' ? { feeVnd: o.fee + Number(o.insurance_fee ?? 0) } : {}) };
  }

  async find(account: CarrierAccount, reference: string): Promise<CarrierShipment | null> {
    const res = await this.call(account, 'GET', `/services/shipment/v2/partner_id:${encodeURIComponent(reference)}`);
    if (res.status === 200 && res.body.success === false) return null;
    return this.fromOrder(this.ok(res).order as Record<string, unknown>);
  }

  async create(account: CarrierAccount, input: CarrierCreateInput): Promise<CarrierShipment> {
    const line = (a: CarrierAddress) => a.street || a.communeName;
    const body = {
      products: input.items.map((i) => ({ name: i.name, weight: i.weightGrams / 1000, quantity: i.quantity, product_code: i.sku, price: i.priceVnd })),
      order: {
        id: input.reference,
        pick_name: input.sender.name,
        pick_tel: input.sender.phone,
        pick_address: line(input.from),
        pick_province: input.from.provinceName,
        pick_district: input.from.districtName,
        pick_ward: input.from.wardName,
        name: input.recipient.name,
        tel: input.recipient.phone,
        address: line(input.to),
        province: input.to.provinceName,
        district: input.to.districtName,
        ward: input.to.wardName,
        hamlet: 'Khác',
        is_freeship: 1,
        pick_money: input.codAmountVnd,
        value: input.declaredValueVnd,
        note: input.note ?? '',
        transport: 'road',
        pick_option: 'cod',
        deliver_option: 'none',
        weight_option: 'gram',
        total_weight: input.weightGrams,
      },
    };
    const res = await this.call(account, 'POST', '/services/shipment/order/?ver=1.5', body);
    const error = res.body.error as { code?: string; ghtk_label?: string; status?: unknown } | undefined;
    if (res.status === 200 && res.body.success === false && error?.code === 'ORDER_ID_EXIST' && typeof error.ghtk_label === 'string') {
      return { code: error.ghtk_label, rawStatus: String(error.status ?? '1') };
    }
    return this.fromOrder(this.ok(res).order as Record<string, unknown>);
  }

  async status(account: CarrierAccount, code: string): Promise<CarrierShipment> {
    return this.fromOrder(this.ok(await this.call(account, 'GET', `/services/shipment/v2/${encodeURIComponent(code)}`)).order as Record<string, unknown>);
  }

  async cancel(account: CarrierAccount, code: string): Promise<{ outcome: 'cancelled' | 'refused'; message?: string }> {
    const res = await this.call(account, 'POST', `/services/shipment/cancel/${encodeURIComponent(code)}`);
    if (res.status === 200 && res.body.success === true) return { outcome: 'cancelled' };
    return { outcome: 'refused', message: String(res.body.message ?? '') };
  }

  parseWebhook(body: unknown): WebhookHint | null {
    if (!body || typeof body !== 'object') return null;
    const b = body as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.length <= 100 ? v : typeof v === 'number' ? String(v) : null);
    const hint = { code: str(b.label_id), reference: str(b.partner_id), claimedStatus: str(b.status_id) };
    return hint.code || hint.reference ? hint : null;
  }
}
