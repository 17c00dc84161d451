import { Injectable } from '@nestjs/common';

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
  abstract instructions(enterpriseId: string, method: PaymentMethodCode, order: { orderCode: string; amountVnd: number }): Promise<PaymentInstructions>;
}

@Injectable()
export class CodOnlyPayments extends PaymentGateway {
  async available(): Promise<PaymentMethodCode[]> {
    return ['cod'];
  }

  async instructions(_enterpriseId: string, method: PaymentMethodCode, order: { orderCode: string; amountVnd: number }): Promise<PaymentInstructions> {
    if (method !== 'cod') throw new Error(`payment method ${method} is not available`);
    return {
      method: 'cod',
      text: `Thanh toán ${order.amountVnd.toLocaleString('vi-VN')} ₫ khi nhận hàng (cash on delivery), đơn ${order.orderCode}.`,
    };
  }
}
