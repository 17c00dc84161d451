import { bulletinPagePath, enterprisePagePath, productPagePath } from '@tradefloor/core';

/**
 * Addresses of public pages, so that no page writes one by hand. The paths themselves are the
 * site's (`@tradefloor/core`, shared with the sitemap and the feeds); slugs are percent-encoded.
 */
export const productUrl = productPagePath;
export const productInquiryUrl = (slug: string): string => `${productPagePath(slug)}/hoi-mua`;
export const enterpriseUrl = enterprisePagePath;
export const bulletinUrl = bulletinPagePath;

/**
 * `path?query` with the non-empty `params` in their given order; page 1 is left out so the first
 * page has one address.
 */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'page' && String(value) === '1') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
