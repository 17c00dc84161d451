import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L, U/V: codes are read aloud over the phone and typed from paper slips. */
export const ORDER_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const ORDER_CODE_PREFIX = 'TV';
export const ORDER_CODE_PATTERN = /^TV-[2-9A-HJKMNP-TW-Z]{6}$/;
export const SUB_ORDER_CODE_PATTERN = /^TV-[2-9A-HJKMNP-TW-Z]{6}-\d{1,2}$/;
/** Either: an order (`TV-7K3M9Q`) or one seller's sub-order of it (`TV-7K3M9Q-1`). */
export const ORDER_REFERENCE_PATTERN = /^TV-[2-9A-HJKMNP-TW-Z]{6}(-\d{1,2})?$/;

/** `TV-7K3M9Q`: 29^6 ≈ 595 million codes, drawn with a CSPRNG (the code alone reveals nothing: guests also need the phone). */
export function newOrderCode(): string {
  let out = '';
  for (let i = 0; i < 6; i++) out += ORDER_CODE_ALPHABET[randomInt(ORDER_CODE_ALPHABET.length)];
  return `${ORDER_CODE_PREFIX}-${out}`;
}

export const subOrderCode = (orderCode: string, n: number): string => `${orderCode}-${n}`;

/** The order a sub-order belongs to (`TV-7K3M9Q-1` → `TV-7K3M9Q`); an order code stays as it is. */
export const orderCodeOf = (code: string): string => code.replace(/-\d{1,2}$/, '');
