import type { Lang } from '../i18n/messages';

/**
 * The storefront pages that may be served from the shared cache, and the lists each one shows
 * (tags; see subjectTags in @tradefloor/core). Pages about one thing (a product, an enterprise, a
 * bulletin) add their own tags with `cacheTags()` while rendering, and are only stored if they do.
 * Anything else (forms with a token, the back office, stamp verification — every view is a scan —,
 * the JSON API) is never cached.
 */
interface CacheRoute {
  pattern: RegExp;
  tags: readonly string[];
  /** The controller must name what the page shows (an error page it renders instead is not stored). */
  needsPageTags?: boolean;
}

const PRODUCT_LISTS = ['list:product', 'list:category', 'list:enterprise', 'search:products'];

const ROUTES: CacheRoute[] = [
  { pattern: /^\/$/, tags: [...PRODUCT_LISTS, 'list:bulletin'] },
  { pattern: /^\/tim-kiem$/, tags: PRODUCT_LISTS },
  { pattern: /^\/san-pham\/[^/]+$/, tags: [], needsPageTags: true },
  { pattern: /^\/san-pham\/[^/]+\/danh-gia$/, tags: [], needsPageTags: true },
  { pattern: /^\/doanh-nghiep$/, tags: ['list:enterprise'] },
  { pattern: /^\/doanh-nghiep\/[^/]+$/, tags: [], needsPageTags: true },
  { pattern: /^\/tin-tuc$/, tags: ['list:bulletin'] },
  { pattern: /^\/tin-tuc\/[^/]+$/, tags: [], needsPageTags: true },
  { pattern: /^\/su-kien$/, tags: ['list:bulletin'] },
  { pattern: /^\/feeds\/bulletins\.(rss|atom)$/, tags: ['list:bulletin'] },
  { pattern: /^\/sitemap\.xml$/, tags: ['list:product', 'list:enterprise', 'list:bulletin'] },
  { pattern: /^\/(quy-che-hoat-dong|lien-he)$/, tags: [] },
  // The empty stamp-check form; a code sent through it redirects (303) or answers 400, never stored.
  { pattern: /^\/kiem-tra-tem$/, tags: [] },
];

export function cacheRoute(path: string): CacheRoute | undefined {
  return ROUTES.find((r) => r.pattern.test(path));
}

/** Query parameters that never change a page (campaign tracking), left out of the key. */
const IGNORED_PARAMS = /^(lang|utm_[a-z]+|fbclid|gclid|zarsrc)$/;

/**
 * The cache key: path, the query sorted by name (values kept in their order) without tracking
 * parameters, and the page language (from `?lang=` or the cookie).
 */
export function cacheKey(path: string, query: string, lang: Lang): string {
  const params = [...new URLSearchParams(query)].filter(([name]) => !IGNORED_PARAMS.test(name));
  params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const normalised = new URLSearchParams(params).toString();
  return `${lang} ${path}${normalised ? `?${normalised}` : ''}`;
}
