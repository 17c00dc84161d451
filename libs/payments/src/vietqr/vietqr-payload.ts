import type { FieldError } from '@tradefloor/core';
import { crc16Hex } from './crc16';
import { EmvFormatError, emvField, parseEmvFields, type EmvField } from './emv-tlv';
import { isEmvText, toEmvText } from './emv-text';

/** NAPAS's application identifier, the GUID of the merchant account template (ID 38). */
export const NAPAS_GUID = 'A000000727';
/** Service codes (38.02): transfer to an account, or to a card number. */
export const VIETQR_SERVICES = { account: 'QRIBFTTA', card: 'QRIBFTTC' } as const;
export type VietQrTarget = keyof typeof VIETQR_SERVICES;
/** ISO 4217 numeric code of the Vietnamese đồng (ID 53). */
export const VND_CURRENCY = '704';
/** Longest purpose of transaction (62.08) and bill number (62.01) the contract allows. */
export const PURPOSE_MAX = 25;
export const BILL_NUMBER_MAX = 25;
/** Largest amount field (ID 54 holds at most 13 characters). */
export const MAX_AMOUNT_VND = 9_999_999_999_999;
/** EMVCo's limit for a whole merchant-presented payload. */
export const MAX_PAYLOAD_LENGTH = 512;

export interface VietQrInput {
  /** The bank's 6-digit NAPAS BIN (acquirer ID), e.g. `970436`. */
  bankBin: string;
  /** Account number (or card number with `target: 'card'`), at most 19 characters. */
  accountNumber: string;
  /** `account` (QRIBFTTA, the default) or `card` (QRIBFTTC). */
  target?: VietQrTarget;
  /** Integer VND, > 0. */
  amountVnd?: number;
  /** `dynamic` (01 = 12, one payment) or `static` (01 = 11, reusable); default dynamic when there is an amount. */
  initiation?: 'static' | 'dynamic';
  /** 62.01: the order or sub-order code the seller reconciles with; ≤25 of `A–Z a–z 0–9 . , : / _ + # -`. */
  billNumber?: string;
  /** 62.08: shown in the payer's bank app; Vietnamese is folded to ASCII and cut to 25 characters. */
  purpose?: string;
  /** 59 (≤25) and 60 (≤15): folded like the purpose. */
  merchantName?: string;
  merchantCity?: string;
}

/** What a VietQR payload says, as read back by `parseVietQr`. */
export interface VietQrData {
  initiation: 'static' | 'dynamic';
  bankBin: string;
  accountNumber: string;
  target: VietQrTarget;
  currency: string;
  /** Field 54 as written (digits, maybe one `.`). */
  amount?: string;
  /** Field 54 as a number (VND). */
  amountVnd?: number;
  country: string;
  merchantName?: string;
  merchantCity?: string;
  billNumber?: string;
  purpose?: string;
  /** Every sub-field of 62 by ID (01 bill number, 05 reference label, 08 purpose…). */
  additionalData: Record<string, string>;
  /** The CRC as written (4 hex digits). */
  crc: string;
}

/** Input that cannot be encoded; `details` name the input fields (`bankBin`, `amountVnd`, `purpose`…). */
export class VietQrInputError extends Error {
  constructor(readonly details: FieldError[]) {
    super(`VietQR input rejected: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`);
    this.name = 'VietQrInputError';
  }
}

/** The fields as they will be written, or the reasons they cannot be. */
export function checkVietQrInput(input: VietQrInput): { errors: FieldError[]; purpose?: string; merchantName?: string; merchantCity?: string } {
  const errors: FieldError[] = [];
  if (!/^\d{6}$/.test(input.bankBin ?? '')) errors.push({ field: 'bankBin', message: 'Mã BIN ngân hàng gồm 6 chữ số (bank BIN is 6 digits)' });
  if (!/^[0-9A-Za-z]{1,19}$/.test(input.accountNumber ?? '')) {
    errors.push({ field: 'accountNumber', message: 'Số tài khoản gồm 1–19 chữ số hoặc chữ cái (account number: 1–19 letters or digits)' });
  }
  if (input.target !== undefined && !(input.target in VIETQR_SERVICES))
    errors.push({ field: 'target', message: 'Chỉ nhận account hoặc card (account or card)' });
  if (input.amountVnd !== undefined) {
    if (!Number.isSafeInteger(input.amountVnd) || input.amountVnd <= 0 || input.amountVnd > MAX_AMOUNT_VND) {
      errors.push({ field: 'amountVnd', message: 'Số tiền là số nguyên đồng, lớn hơn 0, tối đa 13 chữ số (integer VND, > 0, at most 13 digits)' });
    }
  }
  if (
    input.billNumber !== undefined &&
    !(input.billNumber.length >= 1 && input.billNumber.length <= BILL_NUMBER_MAX && isEmvText(input.billNumber) && input.billNumber.trim() === input.billNumber)
  ) {
    errors.push({ field: 'billNumber', message: 'Mã đơn tối đa 25 ký tự không dấu (bill number: ≤25 unaccented characters)' });
  }
  const folded = (value: string | undefined, field: string, max: number): string | undefined => {
    if (value === undefined || value.trim() === '') return undefined;
    const text = toEmvText(value, max);
    if (!text) errors.push({ field, message: 'Không còn ký tự nào hiển thị được sau khi bỏ dấu (nothing representable is left)' });
    return text || undefined;
  };
  const purpose = folded(input.purpose, 'purpose', PURPOSE_MAX);
  const merchantName = folded(input.merchantName, 'merchantName', 25);
  const merchantCity = folded(input.merchantCity, 'merchantCity', 15);
  return { errors, purpose, merchantName, merchantCity };
}

/**
 * Encodes a NAPAS/EMVCo merchant-presented payload for a transfer to a bank account (or card):
 * 00 format, 01 initiation, 38 (GUID, nested BIN + account, service code), 53 = 704, 54 amount,
 * 58 = VN, 59/60 when given, 62 (01 bill number, 08 purpose), and 63, the CRC-16/CCITT-FALSE of
 * everything before it including the literal `6304`. Throws `VietQrInputError` for bad input.
 */
export function encodeVietQr(input: VietQrInput): string {
  const { errors, purpose, merchantName, merchantCity } = checkVietQrInput(input);
  if (errors.length) throw new VietQrInputError(errors);
  const initiation = input.initiation ?? (input.amountVnd !== undefined ? 'dynamic' : 'static');
  const beneficiary = emvField('00', input.bankBin) + emvField('01', input.accountNumber);
  const account = emvField('00', NAPAS_GUID) + emvField('01', beneficiary) + emvField('02', VIETQR_SERVICES[input.target ?? 'account']);
  let additional = '';
  if (input.billNumber !== undefined) additional += emvField('01', input.billNumber);
  if (purpose) additional += emvField('08', purpose);
  const body =
    emvField('00', '01') +
    emvField('01', initiation === 'dynamic' ? '12' : '11') +
    emvField('38', account) +
    emvField('53', VND_CURRENCY) +
    (input.amountVnd !== undefined ? emvField('54', String(input.amountVnd)) : '') +
    emvField('58', 'VN') +
    (merchantName ? emvField('59', merchantName) : '') +
    (merchantCity ? emvField('60', merchantCity) : '') +
    (additional ? emvField('62', additional) : '') +
    '6304';
  return body + crc16Hex(body);
}

const fail = (field: string, message: string): never => {
  throw new EmvFormatError(message, field);
};

function byId(fields: EmvField[], path: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of fields) {
    if (map.has(f.id)) fail(path ? `${path}.${f.id}` : f.id, `data object ${path ? `${path}.` : ''}${f.id} appears twice`);
    map.set(f.id, f.value);
  }
  return map;
}

/**
 * Reads and checks a VietQR payload: the data-object structure and lengths, 00 first and 63 last,
 * the CRC, and the NAPAS rules for 01, 38 (GUID, BIN, account, service), 53, 54, 58, 59, 60 and
 * 62. Throws `EmvFormatError` naming the data object at fault.
 */
export function parseVietQr(payload: string): VietQrData {
  if (typeof payload !== 'string' || payload.length < 12) fail('payload', 'payload is empty or too short');
  if (payload.length > MAX_PAYLOAD_LENGTH) fail('payload', `payload is ${payload.length} characters (at most ${MAX_PAYLOAD_LENGTH})`);
  const fields = parseEmvFields(payload);
  if (fields[0]?.id !== '00' || fields[0].value !== '01') fail('00', 'the payload must start with 000201');
  const last = fields[fields.length - 1];
  if (last.id !== '63' || last.value.length !== 4) fail('63', 'the payload must end with the CRC, 6304 and four hex digits');
  if (!/^[0-9A-Fa-f]{4}$/.test(last.value)) fail('63', `CRC "${last.value}" is not four hexadecimal digits`);
  const expected = crc16Hex(payload.slice(0, -4));
  if (last.value.toUpperCase() !== expected) fail('63', `CRC mismatch: written ${last.value}, computed ${expected}`);
  const top = byId(fields, '');

  const initiation = top.get('01');
  if (initiation !== '11' && initiation !== '12') fail('01', 'point of initiation must be 11 (static) or 12 (dynamic)');

  const accountInfo = top.get('38') ?? fail('38', 'no NAPAS merchant account information (38)');
  const account = byId(parseEmvFields(accountInfo, '38'), '38');
  if (account.get('00') !== NAPAS_GUID) fail('38.00', `GUID must be ${NAPAS_GUID}`);
  const beneficiary = byId(parseEmvFields(account.get('01') ?? fail('38.01', 'no beneficiary organisation (38.01)'), '38.01'), '38.01');
  const bankBin = beneficiary.get('00') ?? '';
  if (!/^\d{6}$/.test(bankBin)) fail('38.01.00', 'bank BIN must be 6 digits');
  const accountNumber = beneficiary.get('01') ?? '';
  if (!/^[0-9A-Za-z]{1,19}$/.test(accountNumber)) fail('38.01.01', 'account number must be 1–19 letters or digits');
  const service = account.get('02');
  const target = (Object.keys(VIETQR_SERVICES) as VietQrTarget[]).find((k) => VIETQR_SERVICES[k] === service);
  if (!target) fail('38.02', `service code must be ${VIETQR_SERVICES.account} or ${VIETQR_SERVICES.card}`);

  const currency = top.get('53');
  if (currency !== VND_CURRENCY) fail('53', `currency must be ${VND_CURRENCY}`);
  const amount = top.get('54');
  if (amount !== undefined && !(/^\d+(\.\d+)?$/.test(amount) && amount.length <= 13 && Number(amount) > 0)) {
    fail('54', 'amount must be ≤13 characters, digits with at most one ".", and not zero');
  }
  const country = top.get('58');
  if (country !== 'VN') fail('58', 'country must be VN');
  const merchantName = top.get('59');
  if (merchantName !== undefined && (merchantName.length < 1 || merchantName.length > 25)) fail('59', 'merchant name must be 1–25 characters');
  const merchantCity = top.get('60');
  if (merchantCity !== undefined && (merchantCity.length < 1 || merchantCity.length > 15)) fail('60', 'merchant city must be 1–15 characters');

  const additionalData: Record<string, string> = {};
  const extra = top.get('62');
  if (extra !== undefined) {
    for (const [id, value] of byId(parseEmvFields(extra, '62'), '62')) {
      const max = id === '09' ? 3 : 25;
      if (value.length < 1 || value.length > max) fail(`62.${id}`, `62.${id} must be 1–${max} characters`);
      additionalData[id] = value;
    }
  }
  return {
    initiation: initiation === '12' ? 'dynamic' : 'static',
    bankBin,
    accountNumber,
    target: target!,
    currency: currency!,
    ...(amount !== undefined ? { amount, amountVnd: Number(amount) } : {}),
    country: country!,
    ...(merchantName !== undefined ? { merchantName } : {}),
    ...(merchantCity !== undefined ? { merchantCity } : {}),
    ...(additionalData['01'] !== undefined ? { billNumber: additionalData['01'] } : {}),
    ...(additionalData['08'] !== undefined ? { purpose: additionalData['08'] } : {}),
    additionalData,
    crc: last.value,
  };
}

/** `parseVietQr` without throwing: the data, or the data object at fault and why. */
export function validateVietQr(payload: string): { valid: true; data: VietQrData } | { valid: false; field: string; reason: string } {
  try {
    return { valid: true, data: parseVietQr(payload) };
  } catch (err) {
    if (err instanceof EmvFormatError) return { valid: false, field: err.field, reason: err.message };
    throw err;
  }
}
