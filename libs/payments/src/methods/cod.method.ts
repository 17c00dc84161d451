import { Injectable } from '@nestjs/common';
import type { PaymentInstructions, PaymentMethod, PaymentOrder } from './payment-method';
import { vndText } from './money-text';

/** Cash on delivery: every seller accepts it; the carrier or the seller collects the money. */
@Injectable()
export class CashOnDelivery implements PaymentMethod {
  readonly code = 'cod' as const;

  async offeredBy(enterpriseIds: readonly string[]): Promise<Set<string>> {
    return new Set(enterpriseIds);
  }

  async instructions(_enterpriseId: string, order: PaymentOrder): Promise<PaymentInstructions> {
    return {
      method: 'cod',
      text:
        `Thanh toán khi nhận hàng (COD): trả ${vndText(order.amountVnd)} cho người giao hàng khi nhận đơn ${order.orderCode}. ` +
        'Tiền được trả thẳng cho người bán; Sàn không giữ tiền của người mua.',
    };
  }
}
