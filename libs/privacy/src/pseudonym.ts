import { createHash } from 'node:crypto';

/** The stable pseudonymous reference records keep after an account is erased: `user-<12 hex>`. */
export const pseudonymOf = (userId: string): string => `user-${createHash('sha256').update(`tradefloor-user:${userId}`).digest('hex').slice(0, 12)}`;
