export { PaymentsModule } from './payments.module';
export { PaymentMethods } from './methods/payment-methods.service';
export {
  PAYMENT_METHOD_CODES,
  isPaymentMethodCode,
  type PaymentMethodCode,
  type PaymentMethod,
  type PaymentOrder,
  type PaymentInstructions,
} from './methods/payment-method';
export { PayoutAccounts, PREVIEW_AMOUNT_VND, maskAccountNumber, type PayoutAccount } from './payout/payout-accounts.service';
export { PayoutAccountDto, SavePayoutAccountDto, NapasBankDto, NapasBankListDto } from './payout/payout-account.dto';
export { NAPAS_BANKS, NAPAS_BANKS_CHECKED_ON, napasBank, type NapasBank } from './banks/napas-banks';
export { vietQrPng, vietQrSvg } from './vietqr/vietqr-image';
export {
  encodeVietQr,
  parseVietQr,
  validateVietQr,
  checkVietQrInput,
  VietQrInputError,
  NAPAS_GUID,
  VIETQR_SERVICES,
  MAX_AMOUNT_VND,
  type VietQrInput,
  type VietQrData,
  type VietQrTarget,
} from './vietqr/vietqr-payload';
export { EmvFormatError } from './vietqr/emv-tlv';
export { crc16CcittFalse, crc16Hex } from './vietqr/crc16';
export { toEmvText, bankPrintedName } from './vietqr/emv-text';
