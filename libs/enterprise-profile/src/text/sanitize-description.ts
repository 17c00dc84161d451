import { sanitizeRichText } from '@tradefloor/core';

/**
 * An enterprise description: the floor's one rich-text allow-list, without video embeds
 * (scripts, styles, event handlers, iframes and javascript: links are removed).
 * Trimmed; empty when nothing visible is left.
 */
export function sanitizeDescription(html: string): string {
  const clean = sanitizeRichText(html, { allowEmbeds: false }).trim();
  return clean.replace(/<[^>]*>|&nbsp;|\s/g, '') === '' ? '' : clean;
}
