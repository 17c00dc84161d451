/**
 * Addresses of the storefront's public pages, shared by the web pages, the sitemap, the feeds and
 * the partner listings so that each is written once. Slugs are percent-encoded: a slug with a
 * reserved character must not break the link or change its meaning.
 */
export function productPagePath(slug: string): string {
  return `/san-pham/${encodeURIComponent(slug)}`;
}

export function enterprisePagePath(slug: string): string {
  return `/doanh-nghiep/${encodeURIComponent(slug)}`;
}

export function bulletinPagePath(slug: string): string {
  return `/tin-tuc/${encodeURIComponent(slug)}`;
}
