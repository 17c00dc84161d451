import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Clock, type FieldError, FollowedCache, isUuid, NotFoundError, PageCache, prepared, ValidationFailedError } from '@tradefloor/core';
import { EnterpriseAccess, EnterpriseViews, ReferenceData } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import type { SalesTermsInputDto } from '../dto/orders-input.dto';
import type { SalesTermsDto } from '../dto/orders-output.dto';

export const DEFAULT_CONFIRM_WITHIN_HOURS = 48;
/** Backstop only: an update drops the held terms on every process (FollowedCache). */
const PUBLISHED_TTL_MS = 60_000;

interface Row {
  enterprise_id: string;
  delivery_policy: string;
  returns_policy: string;
  prices_include_vat: boolean;
  seller_delivery_fee_vnd: string;
  delivery_province_codes: string[];
  delivery_commune_codes: string[];
  confirm_within_hours: number;
  updated_at: Date;
}

/**
 * Each seller's sales terms (delivery and returns policies, VAT, the fee and area when the seller
 * delivers itself, how long it has to confirm an order). A seller that has published none gets
 * defaults: delivery within its own province for free, 48 hours to confirm, and texts saying so.
 */
@Injectable()
export class SalesTerms {
  /** Published terms, read in every cart answer and checkout; frozen, since every caller shares them. */
  private readonly published: FollowedCache<Readonly<SalesTermsDto>>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: EnterpriseAccess,
    private readonly enterprises: EnterpriseViews,
    private readonly reference: ReferenceData,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    pageCache: PageCache,
  ) {
    this.published = new FollowedCache(pageCache, 'sales-terms', PUBLISHED_TTL_MS);
  }

  /** The terms of a publicly visible enterprise (404 otherwise). */
  async getPublic(enterpriseId: string): Promise<SalesTermsDto> {
    const [enterprise] = isUuid(enterpriseId) ? await this.enterprises.load([enterpriseId]) : [];
    if (!enterprise?.public) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
    return this.get(enterpriseId);
  }

  async get(enterpriseId: string): Promise<SalesTermsDto> {
    return (await this.many([enterpriseId])).get(enterpriseId)!;
  }

  /**
   * Terms of these enterprises (defaults for those without): one read for the terms, and one for
   * the enterprises without any unless `homeProvinces` (enterprise id → its own province, e.g. from
   * the cart's product views) already says where their defaults deliver.
   */
  async many(enterpriseIds: string[], homeProvinces?: ReadonlyMap<string, string>): Promise<Map<string, SalesTermsDto>> {
    const ids = [...new Set(enterpriseIds)];
    const out = new Map<string, SalesTermsDto>();
    if (!ids.length) return out;
    const published = await this.published.many(ids, async (missing) => {
      const rows: Row[] = await this.dataSource.query(prepared(`SELECT * FROM seller_sales_terms WHERE enterprise_id = ANY($1::uuid[])`), [missing]);
      return new Map(rows.map((r) => [r.enterprise_id, frozen(toDto(r))]));
    });
    for (const [id, terms] of published) if (terms) out.set(id, terms);
    const unknown: string[] = [];
    for (const id of ids.filter((x) => !out.has(x))) {
      const province = homeProvinces?.get(id);
      if (province) out.set(id, defaults(id, province));
      else unknown.push(id);
    }
    for (const e of await this.enterprises.load(unknown)) out.set(e.id, defaults(e.id, e.provinceCode));
    return out;
  }

  async update(principal: Principal, enterpriseId: string, input: SalesTermsInputDto): Promise<SalesTermsDto> {
    await this.access.assertCanManage(principal, enterpriseId);
    const problems: FieldError[] = [];
    for (const [i, code] of input.deliveryProvinceCodes.entries()) {
      if (!(await this.reference.province(code)))
        problems.push({ field: `deliveryProvinceCodes.${i}`, message: 'Tỉnh/thành không tồn tại (unknown province)' });
    }
    for (const [i, code] of input.deliveryCommuneCodes.entries()) {
      if (!(await this.reference.commune(code))) problems.push({ field: `deliveryCommuneCodes.${i}`, message: 'Xã/phường không tồn tại (unknown commune)' });
    }
    if (problems.length) throw new ValidationFailedError(problems);
    const before = await this.get(enterpriseId);
    return this.dataSource.transaction(async (m) => {
      const [row]: Row[] = await m.query(
        `INSERT INTO seller_sales_terms (enterprise_id, delivery_policy, returns_policy, prices_include_vat, seller_delivery_fee_vnd,
                                         delivery_province_codes, delivery_commune_codes, confirm_within_hours, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (enterprise_id) DO UPDATE SET delivery_policy = EXCLUDED.delivery_policy, returns_policy = EXCLUDED.returns_policy,
           prices_include_vat = EXCLUDED.prices_include_vat, seller_delivery_fee_vnd = EXCLUDED.seller_delivery_fee_vnd,
           delivery_province_codes = EXCLUDED.delivery_province_codes, delivery_commune_codes = EXCLUDED.delivery_commune_codes,
           confirm_within_hours = EXCLUDED.confirm_within_hours, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
         RETURNING *`,
        [
          enterpriseId,
          input.deliveryPolicy,
          input.returnsPolicy,
          input.pricesIncludeVat,
          input.sellerDeliveryFeeVnd,
          [...new Set(input.deliveryProvinceCodes)],
          [...new Set(input.deliveryCommuneCodes)],
          input.confirmWithinHours,
          principal.id,
          this.clock.now(),
        ],
      );
      const after = toDto(row);
      await this.published.invalidate(m);
      await this.audit.record(m, {
        action: 'orders.sales-terms.update',
        subject: { type: 'enterprise', id: enterpriseId },
        before: { ...before, updatedAt: undefined },
        after: { ...after, updatedAt: undefined },
      });
      return after;
    });
  }
}

/** Whether a seller that delivers itself reaches this address. */
export function sellerDelivers(terms: SalesTermsDto, address: { provinceCode: string; communeCode: string }): boolean {
  return terms.deliveryProvinceCodes.includes(address.provinceCode) || terms.deliveryCommuneCodes.includes(address.communeCode);
}

function defaults(enterpriseId: string, provinceCode: string): SalesTermsDto {
  return {
    enterpriseId,
    published: false,
    deliveryPolicy:
      'Người bán tự giao hàng trong tỉnh, miễn phí; thời gian giao do người bán báo khi xác nhận đơn (the seller delivers within its province, free of charge).',
    returnsPolicy:
      'Người bán chưa công bố chính sách đổi trả riêng; áp dụng quy định của pháp luật về bảo vệ quyền lợi người tiêu dùng (no returns policy published; consumer protection law applies).',
    pricesIncludeVat: true,
    sellerDeliveryFeeVnd: 0,
    deliveryProvinceCodes: [provinceCode],
    deliveryCommuneCodes: [],
    confirmWithinHours: DEFAULT_CONFIRM_WITHIN_HOURS,
    updatedAt: null,
  };
}

function frozen(terms: SalesTermsDto): Readonly<SalesTermsDto> {
  Object.freeze(terms.deliveryProvinceCodes);
  Object.freeze(terms.deliveryCommuneCodes);
  return Object.freeze(terms);
}

function toDto(r: Row): SalesTermsDto {
  return {
    enterpriseId: r.enterprise_id,
    published: true,
    deliveryPolicy: r.delivery_policy,
    returnsPolicy: r.returns_policy,
    pricesIncludeVat: r.prices_include_vat,
    sellerDeliveryFeeVnd: Number(r.seller_delivery_fee_vnd),
    deliveryProvinceCodes: r.delivery_province_codes,
    deliveryCommuneCodes: r.delivery_commune_codes,
    confirmWithinHours: r.confirm_within_hours,
    updatedAt: r.updated_at,
  };
}
