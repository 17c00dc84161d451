import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@tradefloor/core';
import type { PaymentInstructions, PaymentMethod, PaymentMethodCode, PaymentOrder } from './payment-method';

/**
 * The payment-method port orders uses: which methods a seller offers, and the instructions for
 * one order. A registry of `PaymentMethod` providers in registration order (cash on delivery,
 * then VietQR, registered by `PaymentsModule`); a later provider registers itself from its own
 * module's `onModuleInit`, and callers do not change.
 */
@Injectable()
export class PaymentMethods {
  private readonly methods = new Map<PaymentMethodCode, PaymentMethod>();

  register(method: PaymentMethod): void {
    if (this.methods.has(method.code)) throw new Error(`payment method "${method.code}" is registered twice`);
    this.methods.set(method.code, method);
  }

  /** Codes of the methods this seller offers now; 'cod' always, 'vietqr' once a payout account is saved. */
  async available(enterpriseId: string): Promise<PaymentMethodCode[]> {
    return (await this.availableTo([enterpriseId])).get(enterpriseId)!;
  }

  /** `available` for several sellers (a cart's), one read per provider whatever their number. */
  async availableTo(enterpriseIds: readonly string[]): Promise<Map<string, PaymentMethodCode[]>> {
    const out = new Map(enterpriseIds.map((id) => [id, [] as PaymentMethodCode[]]));
    for (const method of this.methods.values()) {
      const offering = enterpriseIds.length ? await method.offeredBy(enterpriseIds) : new Set<string>();
      for (const [id, codes] of out) if (offering.has(id)) codes.push(method.code);
    }
    return out;
  }

  /** The buyer's instructions; a 400 on `paymentMethod` when the seller does not offer the method. */
  async instructions(enterpriseId: string, method: PaymentMethodCode, order: PaymentOrder): Promise<PaymentInstructions> {
    const provider = this.methods.get(method);
    if (!provider || !(await provider.offeredBy([enterpriseId])).has(enterpriseId)) {
      throw ValidationFailedError.field('paymentMethod', 'Người bán không nhận phương thức thanh toán này (the seller does not accept this payment method)');
    }
    if (!Number.isSafeInteger(order.amountVnd) || order.amountVnd <= 0) {
      throw ValidationFailedError.field('amountVnd', 'Số tiền là số nguyên đồng lớn hơn 0 (integer VND > 0)');
    }
    return provider.instructions(enterpriseId, order);
  }
}
