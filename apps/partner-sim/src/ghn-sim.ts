import { randomBytes } from 'node:crypto';
import { CarrierSim, legacyMasterData, type CarrierOrder } from './carrier-sim';
import { send, withFaults, type Reply, type SimRequest } from './http-util';

const PREFIX = '/shiip/public-api/';

/** Statuses GHN still lets a shop cancel (before pickup). */
const CANCELLABLE = new Set(['ready_to_pick', 'picking', 'money_collect_picking']);
const REQUIRED_NOTES = new Set(['CHOTHUHANG', 'CHOXEMHANGKHONGTHU', 'KHONGCHOXEMHANG']);

const ok = (data: unknown): Reply => ({ status: 200, body: { code: 200, message: 'Success', data } });
const fail = (status: number, message: string, codeMessage = 'USER_ERR_COMMON'): Reply => ({
  status,
  body: { code: status, message, data: null, code_message: codeMessage },
});

/** Simulator convention: a GHN token is `ghn-token-<shop id>` and serves that shop only. */
export const ghnSimToken = (shopId: string | number) => `ghn-token-${shopId}`;

/**
 * GHN's public API (docs/partners/ghn.md): `Token` + `ShopId` headers (also spelled `ShopID` and
 * `shop_id`), the `{code, message, data}` envelope, three-level master data, fee, create with
 * `client_order_code` and its lookup, detail with status and log, cancel before pickup, and the
 * PascalCase JSON webhook retried 10 times. Duplicate `client_order_code`s are accepted (GHN
 * documents no rejection), which is the worst case for a client that retries a create.
 */
export class GhnSim extends CarrierSim {
  protected readonly webhookAttempts = 11;

  async handle(r: SimRequest): Promise<boolean> {
    if (!r.path.startsWith(PREFIX)) return false;
    const path = r.path.slice(PREFIX.length).replace(/\/$/, '');
    this.store.countCall('ghn', path);
    const token = String(r.req.headers.token ?? '');
    const m = /^ghn-token-(\d+)$/.exec(token);
    if (!m) return (send(r.res, 401, fail(401, 'Token is not valid!').body), true);
    const tokenShop = m[1];
    const body = r.json<Record<string, unknown>>() ?? {};
    let apply: (() => Reply) | null;
    if (path.startsWith('master-data/')) {
      apply = this.masterData(path, body, r.query);
    } else {
      const h = r.req.headers;
      const shopId = String(h.shopid ?? h.shop_id ?? body.shop_id ?? '');
      if (!shopId) return (send(r.res, 400, fail(400, 'ShopId is required').body), true);
      if (shopId !== tokenShop) return (send(r.res, 401, fail(401, 'Shop does not belong to this token').body), true);
      apply = this.shopCall(path, body, shopId);
    }
    if (!apply) return (send(r.res, 404, fail(404, `Unknown api ${path}`).body), true);
    if (r.method !== 'POST' && r.method !== 'GET') return (send(r.res, 405, fail(405, 'Method not allowed').body), true);
    await withFaults(
      r,
      this.faults(),
      this.store.faultsInjected,
      { throttle: fail(429, 'Too many requests', 'TOO_MANY_REQUEST'), transient: fail(500, 'Internal server error', 'SERVER_ERR_COMMON') },
      apply,
    );
    return true;
  }

  private masterData(path: string, body: Record<string, unknown>, q: URLSearchParams): (() => Reply) | null {
    const tree = legacyMasterData();
    if (path === 'master-data/province')
      return () => ok(tree.map((p) => ({ ProvinceID: p.id, ProvinceName: p.name, Code: String(p.id), NameExtension: [p.fullName, p.name] })));
    if (path === 'master-data/district')
      return () => {
        const provinceId = Number(body.province_id ?? q.get('province_id'));
        const p = tree.find((x) => x.id === provinceId);
        if (!p) return fail(400, 'province_id is invalid');
        return ok(p.districts.map((d) => ({ DistrictID: d.id, ProvinceID: p.id, DistrictName: d.name, NameExtension: [d.name], SupportType: 3 })));
      };
    if (path === 'master-data/ward')
      return () => {
        const districtId = Number(body.district_id ?? q.get('district_id'));
        const d = tree.flatMap((p) => p.districts).find((x) => x.id === districtId);
        if (!d) return fail(400, 'district_id is invalid');
        return ok(d.wards.map((w) => ({ WardCode: w.code, DistrictID: d.id, WardName: w.name, NameExtension: [w.name] })));
      };
    return null;
  }

  private fee(b: Record<string, unknown>): { total: number; insurance: number } | string {
    const hasIds = b.to_district_id !== undefined && typeof b.to_ward_code === 'string';
    const hasNames = typeof b.to_province_name === 'string' && typeof b.to_district_name === 'string' && typeof b.to_ward_name === 'string';
    if (!hasIds && !hasNames) return 'to_district_id and to_ward_code are required';
    const weight = Number(b.weight);
    if (!Number.isInteger(weight) || weight < 1 || weight > 50_000) return 'weight must be an integer between 1 and 50000';
    const insuranceValue = Number(b.insurance_value ?? 0);
    if (!Number.isFinite(insuranceValue) || insuranceValue < 0 || insuranceValue > 5_000_000) return 'insurance_value must be between 0 and 5000000';
    const st = Number(b.service_type_id ?? 2);
    if (st !== 2 && st !== 5) return 'service_type_id must be 2 or 5';
    const sameDistrict = b.from_district_id !== undefined && String(b.from_district_id) === String(b.to_district_id);
    const base = (sameDistrict ? 16_500 : 22_000) + Math.max(0, Math.ceil((weight - 500) / 500)) * 5_000 + (st === 5 ? 30_000 : 0);
    const insurance = insuranceValue > 1_000_000 ? Math.round(insuranceValue * 0.005) : 0;
    return { total: base + insurance, insurance };
  }

  private detail(o: CarrierOrder) {
    const req = o.request;
    return {
      shop_id: Number(o.account),
      order_code: o.code,
      client_order_code: o.clientCode,
      status: o.status,
      to_name: req.to_name,
      to_phone: req.to_phone,
      to_address: req.to_address,
      weight: req.weight,
      cod_amount: o.codAmount,
      insurance_value: req.insurance_value ?? 0,
      total_fee: o.fee,
      created_date: new Date(o.createdAt).toISOString(),
      updated_date: o.log[o.log.length - 1]?.at,
      log: o.log.map((l) => ({ status: l.status, updated_date: l.at })),
    };
  }

  private shopCall(path: string, b: Record<string, unknown>, shopId: string): (() => Reply) | null {
    switch (path) {
      case 'v2/shipping-order/available-services':
        return () => ok([{ service_id: 53320, short_name: 'Hàng nhẹ', service_type_id: 2 }]);
      case 'v2/shipping-order/fee':
        return () => {
          const fee = this.fee(b);
          if (typeof fee === 'string') return fail(400, fee);
          return ok({
            total: fee.total,
            service_fee: fee.total - fee.insurance,
            insurance_fee: fee.insurance,
            pick_station_fee: 0,
            coupon_value: 0,
            r2s_fee: 0,
            cod_fee: 0,
          });
        };
      case 'v2/shipping-order/create':
        return () => {
          const fee = this.fee(b);
          if (typeof fee === 'string') return fail(400, fee);
          for (const f of ['to_name', 'to_phone', 'to_address']) if (typeof b[f] !== 'string' || !(b[f] as string).trim()) return fail(400, `${f} is required`);
          if (!/^0\d{9,10}$/.test(String(b.to_phone))) return fail(400, 'to_phone is invalid');
          if (![1, 2].includes(Number(b.payment_type_id))) return fail(400, 'payment_type_id must be 1 or 2');
          if (!REQUIRED_NOTES.has(String(b.required_note))) return fail(400, 'required_note is invalid');
          const cod = Number(b.cod_amount ?? 0);
          if (!Number.isInteger(cod) || cod < 0 || cod > 50_000_000) return fail(400, 'cod_amount must be between 0 and 50000000');
          if (!Array.isArray(b.items) || !b.items.length) return fail(400, 'items is required');
          const order: CarrierOrder = {
            carrier: 'ghn',
            account: shopId,
            code: `L${randomBytes(4).toString('hex').toUpperCase()}`,
            clientCode: String(b.client_order_code ?? ''),
            status: 'ready_to_pick',
            log: [],
            fee: fee.total,
            insuranceFee: fee.insurance,
            codAmount: cod,
            request: b,
            createdAt: Date.now(),
          };
          this.setStatus(order, 'ready_to_pick');
          this.orders.set(order.code, order);
          return ok({
            order_code: order.code,
            sort_code: '19-20-05',
            trans_type: 'truck',
            total_fee: fee.total,
            expected_delivery_time: new Date(Date.now() + 3 * 86_400_000).toISOString(),
            fee: { main_service: fee.total - fee.insurance, insurance: fee.insurance, station_do: 0, station_pu: 0, return: 0, r2s: 0, coupon: 0 },
          });
        };
      case 'v2/shipping-order/detail':
        return () => {
          const o = this.orders.get(String(b.order_code));
          if (!o || o.account !== shopId) return fail(400, 'Không tìm thấy đơn hàng (order not found)', 'ORDER_NOT_FOUND');
          return ok(this.detail(o));
        };
      case 'v2/shipping-order/detail-by-client-code':
        return () => {
          const o = this.byClientCode(String(b.client_order_code)).find((x) => x.account === shopId);
          if (!o) return fail(400, 'Không tìm thấy đơn hàng (order not found)', 'ORDER_NOT_FOUND');
          return ok(this.detail(o));
        };
      case 'v2/switch-status/cancel':
        return () => {
          const codes = Array.isArray(b.order_codes) ? b.order_codes.map(String) : [];
          if (!codes.length) return fail(400, 'order_codes is required');
          const results = codes.map((code) => {
            const o = this.orders.get(code);
            if (!o || o.account !== shopId) return { order_code: code, result: false, message: 'Order not found' };
            if (o.status === 'cancel') return { order_code: code, result: true, message: 'OK' };
            if (!CANCELLABLE.has(o.status)) return { order_code: code, result: false, message: 'Đơn hàng đã lấy, không thể hủy (already picked up)' };
            this.setStatus(o, 'cancel');
            void this.notify(o, 'cancel');
            return { order_code: code, result: true, message: 'OK' };
          });
          return ok(results);
        };
      default:
        return null;
    }
  }

  protected webhookRequest(o: CarrierOrder, status: string, reason?: string) {
    return {
      contentType: 'application/json',
      body: JSON.stringify({
        CODAmount: o.codAmount,
        CODTransferDate: null,
        ClientOrderCode: o.clientCode,
        ConvertedWeight: Number(o.request.weight ?? 0),
        Description: reason ?? '',
        Fee: { MainService: o.fee - o.insuranceFee, Insurance: o.insuranceFee, CODFee: 0, Return: 0, R2S: 0, Coupon: 0 },
        Height: Number(o.request.height ?? 10),
        Length: Number(o.request.length ?? 10),
        Width: Number(o.request.width ?? 10),
        Weight: Number(o.request.weight ?? 0),
        OrderCode: o.code,
        PaymentType: Number(o.request.payment_type_id ?? 1),
        Reason: reason ?? '',
        ReasonCode: '',
        ShopID: Number(o.account),
        Status: status,
        Time: new Date().toISOString(),
        TotalFee: o.fee,
        Type: 'switch_status',
        Warehouse: 'Bưu cục Trà Vinh',
        IsPartialReturn: false,
      }),
    };
  }
}
