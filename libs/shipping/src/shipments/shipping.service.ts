import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Clock,
  InvalidStateError,
  isUuid,
  isVietnameseMobile,
  JobQueue,
  LOGGER,
  NotFoundError,
  ValidationFailedError,
  type FieldError,
} from '@tradefloor/core';
import { ReferenceData } from '@tradefloor/enterprise-profile';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { CarrierAccounts } from '../accounts/carrier-accounts.service';
import type { CarrierAddress } from '../carriers/carrier.port';
import { Carriers } from '../carriers/carriers';
import { LegacyAddresses } from '../carriers/legacy-address';
import { CARRIER_CODES, isFinal, STATUS_RANK, type ShipmentStatus } from '../statuses';
import { SHIPMENT_QUEUE } from './queues';
import { ShipmentStore, type ShipmentRow } from './shipment-store';
import type { QuoteRequest, ShipmentRequest, ShipmentView, ShippingAddress, ShippingQuote } from './shipment.types';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$/;
const int = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * The shipping context's public service: quotes from the enterprise's carriers, shipments
 * requested inside the caller's transaction (one per reference, created by a durable job),
 * cancellation before pickup, and the shipment's state.
 */
@Injectable()
export class Shipping {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: CarrierAccounts,
    private readonly carriers: Carriers,
    private readonly addresses: LegacyAddresses,
    private readonly reference: ReferenceData,
    private readonly store: ShipmentStore,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private numbers(req: Pick<QuoteRequest, 'weightGrams' | 'codAmountVnd' | 'declaredValueVnd'>): FieldError[] {
    const out: FieldError[] = [];
    if (!int(req.weightGrams, 1, 50_000)) out.push({ field: 'weightGrams', message: 'Từ 1 đến 50.000 gam (1-50,000 grams)' });
    if (!int(req.codAmountVnd, 0, 50_000_000)) out.push({ field: 'codAmountVnd', message: 'Từ 0 đến 50.000.000 đồng (0-50,000,000 VND)' });
    if (!int(req.declaredValueVnd, 0, 1_000_000_000)) out.push({ field: 'declaredValueVnd', message: 'Số nguyên không âm (a non-negative integer)' });
    return out;
  }

  private async addressErrors(a: ShippingAddress | undefined, field: string): Promise<FieldError[]> {
    if (!a || typeof a !== 'object') return [{ field, message: 'Bắt buộc (required)' }];
    const out = await this.reference.checkAddress(String(a.provinceCode), String(a.communeCode), field);
    if (a.street !== undefined && (typeof a.street !== 'string' || a.street.length > 300))
      out.push({ field: `${field}.street`, message: 'Tối đa 300 ký tự (max 300 characters)' });
    return out;
  }

  /** What each carrier the enterprise set up would charge; a carrier that fails to answer is left out. */
  async quote(req: QuoteRequest): Promise<ShippingQuote[]> {
    const details = [...this.numbers(req), ...(await this.addressErrors(req.from, 'from')), ...(await this.addressErrors(req.to, 'to'))];
    if (!isUuid(req.enterpriseId)) details.push({ field: 'enterpriseId', message: 'Không hợp lệ (invalid)' });
    if (details.length) throw new ValidationFailedError(details);
    const configured = await this.accounts.open(req.enterpriseId);
    const out: ShippingQuote[] = [];
    const seller = configured.get('seller');
    if (seller) {
      out.push({
        carrier: 'seller',
        service: 'Người bán tự giao (seller delivers)',
        feeVnd: seller.settings.feeVnd ?? 0,
        ...(seller.settings.etaDays !== undefined ? { etaDays: seller.settings.etaDays } : {}),
      });
    }
    const external = (['ghn', 'ghtk'] as const).filter((c) => configured.get(c)?.account);
    if (external.length) {
      let mapped: [CarrierAddress, CarrierAddress];
      try {
        mapped = await Promise.all([this.addresses.toCarrier(req.from, 'from'), this.addresses.toCarrier(req.to, 'to')]);
      } catch {
        return out; // no three-level mapping for one of the communes: only "seller delivers"
      }
      const [from, to] = mapped;
      const quotes = await Promise.all(
        external.map(async (c) => {
          try {
            const q = await this.carriers.port(c).quote(configured.get(c)!.account!, { ...req, from, to });
            return { carrier: c, ...q } as ShippingQuote;
          } catch (err) {
            this.logger.warn({ carrier: c, enterpriseId: req.enterpriseId, err: (err as Error).message }, 'shipping quote failed');
            return null;
          }
        }),
      );
      for (const q of quotes) if (q) out.push(q);
    }
    return out.sort((a, b) => a.feeVnd - b.feeVnd);
  }

  private async validate(m: EntityManager, req: ShipmentRequest): Promise<void> {
    const details: FieldError[] = [];
    if (!isUuid(req.enterpriseId)) details.push({ field: 'enterpriseId', message: 'Không hợp lệ (invalid)' });
    if (typeof req.reference !== 'string' || !REFERENCE.test(req.reference))
      details.push({ field: 'reference', message: 'Mã 1-50 ký tự A-Z 0-9 _ - (1-50 characters)' });
    if (!(CARRIER_CODES as readonly string[]).includes(req.carrier))
      details.push({ field: 'carrier', message: `Một trong ${CARRIER_CODES.join(', ')} (one of)` });
    details.push(...this.numbers(req), ...(await this.addressErrors(req.from, 'from')), ...(await this.addressErrors(req.to, 'to')));
    if (typeof req.to?.name !== 'string' || !req.to.name.trim() || req.to.name.length > 120)
      details.push({ field: 'to.name', message: 'Bắt buộc, tối đa 120 ký tự (required)' });
    if (!isVietnameseMobile(req.to?.phone)) details.push({ field: 'to.phone', message: 'Số điện thoại di động không hợp lệ (invalid mobile number)' });
    if (req.from?.phone !== undefined && !isVietnameseMobile(req.from.phone))
      details.push({ field: 'from.phone', message: 'Số điện thoại di động không hợp lệ (invalid mobile number)' });
    if (!Array.isArray(req.items) || !req.items.length || req.items.length > 100)
      details.push({ field: 'items', message: 'Từ 1 đến 100 mặt hàng (1-100 items)' });
    else
      req.items.forEach((i, n) => {
        if (typeof i?.name !== 'string' || !i.name.trim() || i.name.length > 200) details.push({ field: `items.${n}.name`, message: 'Bắt buộc (required)' });
        if (!int(i?.quantity, 1, 10_000)) details.push({ field: `items.${n}.quantity`, message: 'Từ 1 đến 10.000 (1-10,000)' });
        if (typeof i?.sku !== 'string' || i.sku.length > 64) details.push({ field: `items.${n}.sku`, message: 'Tối đa 64 ký tự (max 64 characters)' });
        if (!int(i?.priceVnd, 0, 1_000_000_000)) details.push({ field: `items.${n}.priceVnd`, message: 'Số nguyên không âm (a non-negative integer)' });
        if (!int(i?.weightGrams, 0, 50_000)) details.push({ field: `items.${n}.weightGrams`, message: 'Từ 0 đến 50.000 gam (0-50,000 grams)' });
      });
    if (req.note !== undefined && (typeof req.note !== 'string' || req.note.length > 500))
      details.push({ field: 'note', message: 'Tối đa 500 ký tự (max 500 characters)' });
    if (!details.length && req.carrier !== 'seller') {
      const configured = await this.accounts.open(req.enterpriseId, m);
      if (!configured.get(req.carrier)?.account)
        details.push({ field: 'carrier', message: 'Doanh nghiệp chưa cài đặt hãng vận chuyển này (carrier not set up)' });
      else {
        await this.addresses.toCarrier(req.from, 'from');
        await this.addresses.toCarrier(req.to, 'to');
      }
    }
    if (details.length) throw new ValidationFailedError(details);
  }

  /**
   * Records the shipment in the caller's transaction and, for GHN/GHTK, enqueues the job that
   * creates it at the carrier (so it exists if and only if the caller commits). Idempotent per
   * `reference`: asking again for a reference already requested changes nothing.
   */
  async requestShipment(m: EntityManager, req: ShipmentRequest): Promise<void> {
    await this.validate(m, req);
    const now = this.clock.now();
    const [row] = await m.query(
      `INSERT INTO shipments (reference, enterprise_id, carrier, status, request, created_at, updated_at)
       VALUES ($1, $2, $3, 'requested', $4, $5, $5) ON CONFLICT (reference) DO NOTHING RETURNING id, reference, carrier`,
      [req.reference, req.enterpriseId, req.carrier, JSON.stringify(req), now],
    );
    if (!row) return;
    await this.store.record(m, row, 'requested', null, 'requested', now);
    if (req.carrier !== 'seller') await this.jobs.enqueue(m, SHIPMENT_QUEUE, { reference: req.reference }, { dedupeKey: req.reference });
  }

  /**
   * Cancels before pickup, in the caller's transaction: a seller-delivered shipment at once; a
   * carrier's by a job (the carrier may still refuse if it picked the parcel up meanwhile: the
   * shipment then keeps its status and `lastError` says why). Cancelling twice is a no-op.
   */
  async cancelShipment(m: EntityManager, reference: string): Promise<void> {
    const row = await this.store.lock(m, reference);
    if (!row) throw new NotFoundError('Vận đơn (shipment)', 'SHIPMENT_NOT_FOUND');
    if (row.status === 'cancelled' || row.cancel_requested) return;
    if (isFinal(row.status) || STATUS_RANK[row.status] >= STATUS_RANK.picked) {
      throw new InvalidStateError('Hàng đã được lấy, không thể hủy vận đơn (already picked up: cannot cancel)', 'SHIPMENT_NOT_CANCELLABLE');
    }
    if (row.carrier === 'seller') {
      await this.store.move(m, row, 'cancelled', null, 'cancel');
      return;
    }
    await m.query(`UPDATE shipments SET cancel_requested = true, updated_at = $2 WHERE id = $1`, [row.id, this.clock.now()]);
    await this.jobs.enqueue(m, SHIPMENT_QUEUE, { reference }, { dedupeKey: reference });
  }

  /** A seller-delivered shipment's status, set by the seller (forward only, like a carrier's). */
  async setSellerStatus(m: EntityManager, reference: string, enterpriseId: string, status: ShipmentStatus): Promise<boolean> {
    const row = await this.store.lock(m, reference);
    if (!row || row.enterprise_id !== enterpriseId) throw new NotFoundError('Vận đơn (shipment)', 'SHIPMENT_NOT_FOUND');
    if (row.carrier !== 'seller')
      throw new InvalidStateError('Trạng thái do hãng vận chuyển cập nhật (the carrier sets this status)', 'SHIPMENT_CARRIER_MANAGED');
    if (status === row.status) return false;
    if (!(await this.store.move(m, row, status, null, 'seller'))) {
      throw new InvalidStateError('Không thể quay lại trạng thái trước (a shipment status cannot go back)', 'SHIPMENT_STATUS_BACKWARDS');
    }
    return true;
  }

  async shipmentOf(reference: string): Promise<ShipmentView | null> {
    const row: ShipmentRow | undefined = await this.store.load(this.dataSource.manager, reference);
    if (!row) return null;
    const history: Array<{ status: ShipmentStatus; carrier_status: string | null; source: string; at: Date }> = await this.dataSource.query(
      `SELECT status, carrier_status, source, at FROM shipment_events WHERE shipment_id = $1 ORDER BY id`,
      [row.id],
    );
    return {
      reference: row.reference,
      enterpriseId: row.enterprise_id,
      carrier: row.carrier,
      status: row.status,
      carrierStatus: row.carrier_status,
      carrierCode: row.carrier_code,
      feeVnd: row.fee_vnd,
      cancelRequested: row.cancel_requested,
      lastError: row.last_error,
      history: history.map((h) => ({ status: h.status, carrierStatus: h.carrier_status, source: h.source, at: new Date(h.at).toISOString() })),
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  /**
   * Personal data (the recipient's name, phone and address kept in the request) of the caller's
   * references, for a buyer's "my data" export: the caller knows which references are the buyer's.
   */
  async personalData(references: string[], m: EntityManager = this.dataSource.manager): Promise<Array<Record<string, unknown>>> {
    if (!references.length) return [];
    return m.query(
      `SELECT reference, carrier, carrier_code AS "carrierCode", status, fee_vnd::float8 AS "feeVnd", request->'to' AS recipient,
              request->>'note' AS note, created_at AS "createdAt", updated_at AS "updatedAt"
       FROM shipments WHERE reference = ANY($1::text[]) ORDER BY created_at, reference`,
      [references],
    );
  }

  /** Replaces the recipient's name by the pseudonym and blanks phone, street and note (account deletion). */
  async pseudonymise(m: EntityManager, references: string[], pseudonym: string): Promise<void> {
    if (!references.length) return;
    await m.query(
      `UPDATE shipments SET request = jsonb_set(jsonb_set(jsonb_set(request, '{to,name}', to_jsonb($2::text)), '{to,phone}', '""'), '{to,street}', '""') - 'note'
       WHERE reference = ANY($1::text[])`,
      [references, pseudonym],
    );
  }

  /** Deletes the shipments (and their history) of references whose records the caller purges; the number deleted. */
  async forget(m: EntityManager, references: string[]): Promise<number> {
    if (!references.length) return 0;
    return ((await m.query(`DELETE FROM shipments WHERE reference = ANY($1::text[])`, [references])) as [unknown, number])[1];
  }
}
