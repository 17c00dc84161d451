import { hkdfSync } from 'node:crypto';

/**
 * A 32-byte key for one purpose (`info`, e.g. "tradefloor/inquiries/client"), derived from the
 * installation's ENCRYPTION_KEY with HKDF-SHA256: keyed hashes made under it cannot be recomputed
 * elsewhere, and no two purposes share a key.
 */
export function derivedKey(encryptionKey: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(encryptionKey, 'base64'), Buffer.alloc(0), info, 32));
}
