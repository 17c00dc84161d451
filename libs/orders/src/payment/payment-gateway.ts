import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@tradefloor/core';
import { PaymentMethods } from '@tradefloor/payments';

/** Same names and shapes as libs/payments' contract (`PaymentMethods`), so the real provider drops in. */
export const PAYMENT_METHOD_CODES = ['cod', 'vietqr'] as const;
export type PaymentMethodCode = (typeof PAYMENT_METHOD_CODES)[number];

export interface PaymentInstructions {
  method: PaymentMethodCode;
  text: string;
  vietqr?: { payload: string; bankBin: string; bankName: string; accountNumber: string; accountHolder: string; purpose: string };
}

/**
 * The payment port of checkout: which methods a seller accepts and what the buyer is told to do.
 * The platform holds no money: COD is paid to the courier or seller, VietQR straight into the
 * seller's own account (the seller confirms receipt). libs/payments' `PaymentMethods` implements
 * exactly these two methods; until it is wired in, `CodOnlyPayments` is bound (OrdersModule).
 */
export abstract class PaymentGateway {
  abstract available(enterpriseId: string): Promise<PaymentMethodCode[]>;
  /** `available` for every seller of a cart at once. */
  abstract availableTo(enterpriseIds: readonly string[]): Promise<Map<string, PaymentMethodCode[]>>;
  abstract instructions(enterpriseId: string, method: PaymentMethodCode, order: { orderCode: string; amountVnd: number }): Promise<PaymentInstructions>;
}

@Injectable()
export class CodOnlyPayments extends PaymentGateway {
  async available(): Promise<PaymentMethodCode[]> {
    return ['cod'];
  }

  async availableTo(enterpriseIds: readonly string[]): Promise<Map<string, PaymentMethodCode[]>> {
    return new Map(enterpriseIds.map((id) => [id, ['cod']]));
  }

  async instructions(_enterpriseId: string, method: PaymentMethodCode, order: { orderCode: string; amountVnd: number }): Promise<PaymentInstructions> {
    if (method !== 'cod') throw new Error(`payment method ${method} is not available`);
    return {
      method: 'cod',
      text: `Thanh toán ${order.amountVnd.toLocaleString('vi-VN')} ₫ khi nhận hàng (cash on delivery), đơn ${order.orderCode}.`,
    };
  }
}

/**
 * The real port: libs/payments' `PaymentMethods` (COD always, VietQR once the seller has a payout
 * account). Checkout asks `available` before writing; an order read later asks `instructions`, and a
 * seller who removed the payout account since must not turn the buyer's order page into an error —
 * the buyer is then told to ask the seller how to pay.
 */
@Injectable()
export class SellerPaymentMethods extends PaymentGateway {
  constructor(private readonly methods: PaymentMethods) {
    super();
  }

  available(enterpriseId: string): Promise<PaymentMethodCode[]> {
    return this.methods.available(enterpriseId);
  }

  availableTo(enterpriseIds: readonly string[]): Promise<Map<string, PaymentMethodCode[]>> {
    return this.methods.availableTo(enterpriseIds);
  }

  async instructions(enterpriseId: string, method: PaymentMethodCode, order: { orderCode: string; amountVnd: number }): Promise<PaymentInstructions> {
    try {
      return await this.methods.instructions(enterpriseId, method, order);
    } catch (err) {
      if (!(err instanceof ValidationFailedError)) throw err;
      return {
        method,
        text: `Người bán hiện không nhận thanh toán theo cách này; vui lòng liên hệ người bán để thanh toán ${order.amountVnd.toLocaleString('vi-VN')} ₫ cho đơn ${order.orderCode} (the seller no longer offers this payment method — contact the seller).`,
      };
    }
  }
}
