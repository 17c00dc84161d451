import { CarrierSim, type CarrierOrder } from './carrier-sim';
import { send, withFaults, type Reply, type SimRequest } from './http-util';

const PREFIX = '/services/';

/** `status_id`s GHTK still lets a shop cancel: not received, received, picking. */
const CANCELLABLE = new Set(['1', '2', '12']);
const STATUS_TEXT: Record<string, string> = {
  '-1': 'Hủy đơn hàng',
  '1': 'Chưa tiếp nhận',
  '2': 'Đã tiếp nhận',
  '3': 'Đã lấy hàng/Đã nhập kho',
  '4': 'Đã điều phối giao hàng/Đang giao hàng',
  '5': 'Đã giao hàng/Chưa đối soát',
  '6': 'Đã đối soát',
  '9': 'Không giao được hàng',
  '12': 'Đang lấy hàng',
  '20': 'Đang trả hàng',
  '21': 'Đã trả hàng',
};

const ok = (extra: Record<string, unknown>): Reply => ({ status: 200, body: { success: true, message: '', ...extra } });
const fail = (message: string, extra: Record<string, unknown> = {}, status = 200): Reply => ({ status, body: { success: false, message, ...extra } });

/** Simulator convention: a GHTK token is `ghtk-token-<client source>` and must come with that `X-Client-Source`. */
export const ghtkSimToken = (clientSource: string) => `ghtk-token-${clientSource}`;

/**
 * GHTK's shipment API (docs/partners/ghtk.md): `Token` + `X-Client-Source` headers, `{success,
 * message, …}` answers, fee by names, order submit v1.5 with ORDER_ID_EXIST on a repeated
 * `order.id`, status by label or `partner_id:`, cancel only in status 1/2/12, and the
 * form-urlencoded webhook resent once.
 */
export class GhtkSim extends CarrierSim {
  protected readonly webhookAttempts = 2;

  async handle(r: SimRequest): Promise<boolean> {
    if (!r.path.startsWith(PREFIX)) return false;
    const path = r.path.slice(PREFIX.length).replace(/\/$/, '');
    this.store.countCall('ghtk', path.replace(/^(shipment\/v2|shipment\/cancel)\/.*$/, '$1/:id'));
    const token = String(r.req.headers.token ?? '');
    const source = String(r.req.headers['x-client-source'] ?? '');
    if (!source || token !== `ghtk-token-${source}`) return (send(r.res, 401, fail('Token không hợp lệ (invalid token)').body), true);
    const apply = this.route(r, path, source);
    if (!apply) return (send(r.res, 404, fail('Not found', {}, 404).body), true);
    await withFaults(
      r,
      this.faults(),
      this.store.faultsInjected,
      { throttle: fail('Too many requests', {}, 429), transient: fail('Hệ thống đang bận, vui lòng thử lại (server busy)', {}, 500) },
      apply,
    );
    return true;
  }

  private find(ref: string, source: string): CarrierOrder | undefined {
    const byPartner = /^partner_id:(.+)$/.exec(ref);
    const all = [...this.orders.values()].filter((o) => o.account === source);
    if (byPartner) return all.find((o) => o.clientCode === byPartner[1]);
    return all.find((o) => o.code === ref) ?? all.find((o) => o.clientCode === ref);
  }

  private feeOf(weightGrams: number, sameProvince: boolean, value: number): { fee: number; insurance: number } {
    const fee = (sameProvince ? 15_000 : 30_000) + Math.max(0, Math.ceil((weightGrams - 500) / 500)) * 2_500;
    return { fee, insurance: value > 1_000_000 ? Math.round(value * 0.005) : 0 };
  }

  private route(r: SimRequest, path: string, source: string): (() => Reply) | null {
    if (r.method === 'GET' && path === 'authenticated') return () => ok({});
    if (r.method === 'GET' && path === 'shipment/fee')
      return () => {
        const q = r.query;
        for (const f of ['pick_province', 'pick_district', 'province', 'district', 'weight']) if (!q.get(f)) return fail(`Thiếu tham số ${f} (missing ${f})`);
        const weight = Number(q.get('weight'));
        if (!Number.isInteger(weight) || weight <= 0) return fail('weight không hợp lệ (invalid weight)');
        const { fee, insurance } = this.feeOf(weight, q.get('pick_province') === q.get('province'), Number(q.get('value') ?? 0));
        return ok({ fee: { name: 'area1', fee: fee + insurance, insurance_fee: insurance, delivery: true, extFees: [] } });
      };
    if (r.method === 'POST' && path === 'shipment/order')
      return () => {
        if (r.query.get('ver') !== '1.5') return fail('ver=1.5 is required');
        const b = r.json<{ order?: Record<string, unknown>; products?: Array<Record<string, unknown>> }>() ?? {};
        const o = b.order;
        if (!o || typeof o !== 'object') return fail('order is required');
        if (!Array.isArray(b.products) || !b.products.length) return fail('products is required');
        for (const f of ['id', 'pick_name', 'pick_address', 'pick_province', 'pick_district', 'pick_tel', 'name', 'tel', 'address', 'province'])
          if (typeof o[f] !== 'string' || !(o[f] as string).trim()) return fail(`order.${f} is required`);
        if (typeof o.district !== 'string' && typeof o.ward !== 'string') return fail('order.district is required');
        if (!Number.isInteger(o.pick_money) || (o.pick_money as number) < 0) return fail('order.pick_money is required');
        const existing = this.find(`partner_id:${String(o.id)}`, source);
        if (existing)
          return fail('Mã đơn hàng đã tồn tại (order id exists)', {
            error: {
              code: 'ORDER_ID_EXIST',
              partner_id: existing.clientCode,
              ghtk_label: existing.code,
              created: new Date(existing.createdAt).toISOString(),
              status: Number(existing.status),
            },
          });
        const grams =
          typeof o.total_weight === 'number'
            ? o.weight_option === 'gram'
              ? o.total_weight
              : o.total_weight * 1000
            : b.products.reduce((a, p) => a + Number(p.weight ?? 0) * (o.weight_option === 'gram' ? 1 : 1000) * Number(p.quantity ?? 1), 0);
        const { fee, insurance } = this.feeOf(Math.max(1, Math.round(grams)), o.pick_province === o.province, Number(o.value ?? 0));
        const order: CarrierOrder = {
          carrier: 'ghtk',
          account: source,
          code: `S1.A1.${1_700_000_000 + ++this.seq}`,
          clientCode: String(o.id),
          status: '2',
          log: [],
          fee,
          insuranceFee: insurance,
          codAmount: o.pick_money as number,
          request: b as Record<string, unknown>,
          createdAt: Date.now(),
        };
        this.setStatus(order, '2');
        this.orders.set(order.code, order);
        return ok({
          order: {
            partner_id: order.clientCode,
            label: order.code,
            area: '1',
            fee,
            insurance_fee: insurance,
            estimated_pick_time: 'Sáng 2026-12-04',
            estimated_deliver_time: 'Chiều 2026-12-06',
            products: [],
            status_id: 2,
          },
        });
      };
    const status = /^shipment\/v2\/(.+)$/.exec(path);
    if (r.method === 'GET' && status)
      return () => {
        const o = this.find(decodeURIComponent(status[1]), source);
        if (!o) return fail('Không tìm thấy đơn hàng (order not found)');
        const order = o.request.order as Record<string, unknown>;
        return ok({
          order: {
            label_id: o.code,
            partner_id: o.clientCode,
            status: Number(o.status),
            status_text: STATUS_TEXT[o.status] ?? '',
            created: new Date(o.createdAt).toISOString(),
            modified: o.log[o.log.length - 1]?.at,
            customer_fullname: order.name,
            customer_tel: order.tel,
            address: order.address,
            ship_money: o.fee,
            insurance: o.insuranceFee,
            value: order.value ?? 0,
            pick_money: o.codAmount,
            is_freeship: order.is_freeship ?? 0,
          },
        });
      };
    const cancel = /^shipment\/cancel\/(.+)$/.exec(path);
    if (r.method === 'POST' && cancel)
      return () => {
        const o = this.find(decodeURIComponent(cancel[1]), source);
        const logId = `${Date.now()}`;
        if (!o) return fail('Không tìm thấy đơn hàng (order not found)', { log_id: logId });
        if (o.status === '-1') return fail('Đơn hàng đã ở trạng thái hủy (already cancelled)', { log_id: logId });
        if (!CANCELLABLE.has(o.status)) return fail('Đơn đã lấy hàng, không thể hủy đơn.', { log_id: logId });
        this.setStatus(o, '-1');
        void this.notify(o, '-1');
        return ok({ log_id: logId });
      };
    return null;
  }

  protected webhookRequest(o: CarrierOrder, status: string, reason?: string) {
    const form = new URLSearchParams({
      label_id: o.code,
      partner_id: o.clientCode,
      status_id: status,
      action_time: new Date().toISOString(),
      reason_code: '',
      reason: reason ?? '',
      weight: String(Number((o.request.order as Record<string, unknown>).total_weight ?? 0) / 1000),
      fee: String(o.fee),
      pick_money: String(o.codAmount),
      return_part_package: '0',
    });
    return { contentType: 'application/x-www-form-urlencoded', body: form.toString() };
  }
}
