import { Injectable } from '@nestjs/common';
import type { ProductView } from '@tradefloor/catalog';
import { ValidationFailedError, type FieldError } from '@tradefloor/core';
import { EnterpriseViews, ReferenceData } from '@tradefloor/enterprise-profile';
import { Shipping, type ShippingQuote } from '@tradefloor/shipping';
import type { ShippingOptionDto, SalesTermsDto } from '../dto/orders-output.dto';
import { sellerDelivers } from '../sales-terms/sales-terms.service';

/** A unit whose product has no weight is counted as this many grams for the carriers. */
export const DEFAULT_UNIT_WEIGHT_GRAMS = 500;
const MAX_WEIGHT_GRAMS = 50_000;
const MAX_COD_VND = 50_000_000;
export const SELLER_SERVICE = 'seller-delivers';

export interface ParcelLine {
  view: Pick<ProductView, 'weightGrams' | 'priceVnd'>;
  quantity: number;
}

export interface DeliveryTo {
  provinceCode: string;
  communeCode: string;
  street?: string;
}

/** The choice stored on a sub-order, its fee quoted by us (never the client's). */
export interface PricedChoice {
  carrier: 'seller' | 'ghn' | 'ghtk';
  service: string;
  feeVnd: number;
}

export function parcelWeight(lines: ParcelLine[]): number {
  const grams = lines.reduce((s, l) => s + (l.view.weightGrams ?? DEFAULT_UNIT_WEIGHT_GRAMS) * l.quantity, 0);
  return Math.min(Math.max(grams, 1), MAX_WEIGHT_GRAMS);
}

/**
 * The ways a seller's parcel can reach an address: "seller delivers" on the seller's sales terms
 * (fee and area), and the carriers the enterprise set up in libs/shipping (GHN, GHTK), priced by
 * `Shipping.quote` from the enterprise's address. Checkout asks again for the chosen one, so the
 * fee stored on the sub-order is always ours.
 */
@Injectable()
export class ShippingChoices {
  constructor(
    private readonly shipping: Shipping,
    private readonly enterprises: EnterpriseViews,
    private readonly reference: ReferenceData,
  ) {}

  /** 400 with field errors unless the province and commune exist (and the commune is in the province). */
  async checkDestination(to: DeliveryTo): Promise<void> {
    const problems = await this.reference.checkAddress(to.provinceCode, to.communeCode, '');
    if (problems.length) throw new ValidationFailedError(problems.map((p) => ({ ...p, field: p.field.replace(/^\./, '') })));
  }

  /** Every option for a seller; without an address, only "seller delivers" (carriers price by address). */
  async options(enterpriseId: string, terms: SalesTermsDto, lines: ParcelLine[], to?: DeliveryTo, codAmountVnd?: number): Promise<ShippingOptionDto[]> {
    const out: ShippingOptionDto[] = [];
    if (!to || sellerDelivers(terms, to)) out.push(sellerOption(terms));
    if (to) for (const q of await this.carrierQuotes(enterpriseId, lines, to, codAmountVnd)) out.push(carrierOption(q));
    return out;
  }

  /** Re-prices the buyer's choice for this address; a field error when the choice is not on offer. */
  async price(
    enterpriseId: string,
    terms: SalesTermsDto,
    lines: ParcelLine[],
    to: DeliveryTo,
    choice: { carrier: string; service?: string },
    codAmountVnd: number,
    field: string,
    addressField: string,
  ): Promise<PricedChoice | FieldError> {
    if (choice.carrier === 'seller') {
      if (!sellerDelivers(terms, to)) {
        return {
          field: addressField,
          message: 'Người bán không tự giao đến địa chỉ này — xem khu vực giao hàng của người bán (outside the seller’s delivery area)',
        };
      }
      return { carrier: 'seller', service: SELLER_SERVICE, feeVnd: terms.sellerDeliveryFeeVnd };
    }
    const quotes = (await this.carrierQuotes(enterpriseId, lines, to, codAmountVnd)).filter((q) => q.carrier === choice.carrier);
    const picked = choice.service ? quotes.find((q) => q.service === choice.service) : quotes[0];
    if (!picked) {
      return {
        field: `${field}.carrier`,
        message: 'Cách giao hàng này không có cho người bán và địa chỉ đã chọn — hãy chọn cách khác (this shipping option is not available)',
      };
    }
    return { carrier: picked.carrier as 'ghn' | 'ghtk', service: picked.service, feeVnd: picked.feeVnd };
  }

  private async carrierQuotes(enterpriseId: string, lines: ParcelLine[], to: DeliveryTo, codAmountVnd?: number): Promise<ShippingQuote[]> {
    const [seller] = await this.enterprises.load([enterpriseId]);
    if (!seller) return [];
    const value = lines.reduce((s, l) => s + l.view.priceVnd * l.quantity, 0);
    const quotes = await this.shipping.quote({
      enterpriseId,
      from: { provinceCode: seller.provinceCode, communeCode: seller.communeCode },
      to: { provinceCode: to.provinceCode, communeCode: to.communeCode, ...(to.street ? { street: to.street } : {}) },
      weightGrams: parcelWeight(lines),
      codAmountVnd: Math.min(codAmountVnd ?? value, MAX_COD_VND),
      declaredValueVnd: Math.min(value, 1_000_000_000),
    });
    // "Seller delivers" is the orders context's own option (sales terms: fee and area).
    return quotes.filter((q) => q.carrier !== 'seller');
  }
}

export function sellerOption(terms: SalesTermsDto): ShippingOptionDto {
  return {
    carrier: 'seller',
    service: SELLER_SERVICE,
    feeVnd: terms.sellerDeliveryFeeVnd,
    included: false,
    description:
      terms.sellerDeliveryFeeVnd > 0
        ? `Người bán tự giao, phí ${terms.sellerDeliveryFeeVnd.toLocaleString('vi-VN')} ₫ cộng thêm vào tiền hàng (seller delivers; fee added to the item prices)`
        : 'Người bán tự giao, miễn phí (seller delivers, free)',
  };
}

function carrierOption(q: ShippingQuote): ShippingOptionDto {
  const name = q.carrier === 'ghn' ? 'Giao Hàng Nhanh (GHN)' : 'Giao Hàng Tiết Kiệm (GHTK)';
  const eta = q.etaDays !== undefined ? `, khoảng ${q.etaDays} ngày (about ${q.etaDays} days)` : '';
  return {
    carrier: q.carrier,
    service: q.service,
    feeVnd: q.feeVnd,
    included: false,
    description: `${name}: ${q.service}, phí ${q.feeVnd.toLocaleString('vi-VN')} ₫ cộng thêm vào tiền hàng${eta} (carrier fee added to the item prices)`,
  };
}
