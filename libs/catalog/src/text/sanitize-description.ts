import { sanitizeRichText } from '@tradefloor/core';

/**
 * Product descriptions are rich text from sellers: the floor's one allow-list (core), without
 * embedded players. Trimmed.
 */
export function sanitizeDescription(html: string): string {
  return sanitizeRichText(html.normalize('NFC'), { allowEmbeds: false }).trim();
}
