/** The payment methods buyers can choose at checkout. Extend this list when a provider is added (README). */
export const PAYMENT_METHOD_CODES = ['cod', 'vietqr'] as const;
export type PaymentMethodCode = (typeof PAYMENT_METHOD_CODES)[number];

export function isPaymentMethodCode(value: unknown): value is PaymentMethodCode {
  return typeof value === 'string' && (PAYMENT_METHOD_CODES as readonly string[]).includes(value);
}

/** What one order (or sub-order, one per seller) is paid for. */
export interface PaymentOrder {
  /** The (sub-)order code the seller reconciles with, e.g. `TV-7K3M9Q-1`: the bill number of the VietQR payload. */
  orderCode: string;
  /** Integer VND, > 0. */
  amountVnd: number;
}

/** What the buyer is told to do; `text` is Vietnamese, ready to show or mail. */
export interface PaymentInstructions {
  method: PaymentMethodCode;
  text: string;
  vietqr?: {
    /** The EMVCo payload to draw as a QR code (`vietQrPng` / `vietQrSvg`). */
    payload: string;
    bankBin: string;
    bankName: string;
    accountNumber: string;
    accountHolder: string;
    /** The transfer message (62.08), e.g. `TT TV-7K3M9Q-1`. */
    purpose: string;
  };
}

/**
 * One way of paying a seller. The floor never holds buyers' money: each method tells the buyer
 * how to pay the seller directly (or, for a future provider such as VNPay, MoMo or payOS, how to
 * pay through the seller's own merchant account). Register a provider with `PaymentMethods.register`.
 */
export interface PaymentMethod {
  readonly code: PaymentMethodCode;
  /**
   * Which of these sellers can be paid this way now (e.g. VietQR needs a payout account). Asked
   * for all the sellers of a cart at once: one read, not one per seller.
   */
  offeredBy(enterpriseIds: readonly string[]): Promise<Set<string>>;
  /** The buyer's instructions for one order; throws a DomainError when the method is not available. */
  instructions(enterpriseId: string, order: PaymentOrder): Promise<PaymentInstructions>;
}
