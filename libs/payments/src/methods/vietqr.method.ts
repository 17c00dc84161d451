import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '@tradefloor/core';
import { PayoutAccounts } from '../payout/payout-accounts.service';
import { encodeVietQr, parseVietQr, VietQrInputError } from '../vietqr/vietqr-payload';
import { vndText } from './money-text';
import type { PaymentInstructions, PaymentMethod, PaymentOrder } from './payment-method';

/**
 * VietQR: a dynamic NAPAS payload to the seller's own payout account with the amount, the
 * (sub-)order code as bill number and "TT <code>" as the transfer message. The buyer's bank
 * moves the money straight to the seller; the seller confirms receipt (a QR confirms nothing).
 */
@Injectable()
export class VietQrTransfer implements PaymentMethod {
  readonly code = 'vietqr' as const;

  constructor(private readonly accounts: PayoutAccounts) {}

  offeredBy(enterpriseIds: readonly string[]): Promise<Set<string>> {
    return this.accounts.existing(enterpriseIds);
  }

  async instructions(enterpriseId: string, order: PaymentOrder): Promise<PaymentInstructions> {
    const account = await this.accounts.forPayment(enterpriseId);
    if (!account) throw new NotFoundError('Tài khoản nhận tiền', 'PAYOUT_ACCOUNT_NOT_FOUND');
    let payload: string;
    try {
      payload = encodeVietQr({
        bankBin: account.bankBin,
        accountNumber: account.accountNumber,
        amountVnd: order.amountVnd,
        billNumber: order.orderCode,
        purpose: `TT ${order.orderCode}`,
      });
    } catch (err) {
      if (!(err instanceof VietQrInputError)) throw err;
      throw new ValidationFailedError(err.details.map((d) => ({ ...d, field: d.field === 'billNumber' || d.field === 'purpose' ? 'orderCode' : d.field })));
    }
    const purpose = parseVietQr(payload).purpose!;
    return {
      method: 'vietqr',
      text:
        `Chuyển khoản ${vndText(order.amountVnd)} cho đơn ${order.orderCode}: quét mã VietQR bằng ứng dụng ngân hàng, hoặc chuyển đến ` +
        `tài khoản ${account.accountNumber} tại ${account.bankShortName} (${account.bankName}), chủ tài khoản ${account.accountHolder}, ` +
        `nội dung "${purpose}". Tiền chuyển thẳng vào tài khoản của người bán; Sàn không giữ tiền của người mua. ` +
        'Người bán xác nhận khi đã nhận được tiền.',
      vietqr: {
        payload,
        bankBin: account.bankBin,
        bankName: account.bankName,
        accountNumber: account.accountNumber,
        accountHolder: account.accountHolder,
        purpose,
      },
    };
  }
}
