import { createHmac, timingSafeEqual } from 'node:crypto';

/** Lowercase hex HMAC-SHA256, the signature most marketplaces use. */
export function hmacSha256Hex(key: string, data: string | Buffer): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** Compares a signature someone sent with the one we expect, in constant time (case-insensitive hex). */
export function sameSignature(given: string | string[] | undefined, expected: string): boolean {
  const value = (Array.isArray(given) ? given[0] : given)?.trim().toLowerCase() ?? '';
  if (!expected || value.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(value), Buffer.from(expected));
}
