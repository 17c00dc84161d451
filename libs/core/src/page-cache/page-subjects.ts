/** What a page can show; a change to a subject drops the pages showing it. */
export type PageSubjectType = 'product' | 'enterprise' | 'category' | 'bulletin' | 'bulletin-category' | 'search-index';

export interface PageSubject {
  type: PageSubjectType;
  id: string;
}

/** The PostgreSQL channel that carries invalidations to every API process. */
export const PAGE_CACHE_CHANNEL = 'tf_page_cache';

/**
 * Tags of the pages a change to the subject affects. Pages are tagged with what they show: one
 * product (`product:<id>`), an enterprise's product list (`products-of:<id>`), or any list of a kind
 * (`list:product`, which a new or hidden product may enter or leave).
 */
export function subjectTags(subject: PageSubject): string[] {
  const { type, id } = subject;
  switch (type) {
    case 'product':
      return [`product:${id}`, 'list:product'];
    case 'enterprise':
      // Its status decides whether its products are visible anywhere.
      return [`enterprise:${id}`, `products-of:${id}`, 'list:enterprise', 'list:product'];
    case 'category':
      return [`category:${id}`, 'list:category'];
    case 'bulletin':
      return [`bulletin:${id}`, 'list:bulletin'];
    case 'bulletin-category':
      return [`bulletin-category:${id}`, 'list:bulletin'];
    case 'search-index':
      // Pages built from the search index change when the index does, after the write's commit.
      return [`search:${id}`];
  }
}

/** NOTIFY payloads are limited to 8000 bytes: tags are sent in chunks below that. */
export function chunkTags(tags: string[], maxBytes = 7000): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const tag of tags) {
    const cost = Buffer.byteLength(JSON.stringify(tag)) + 1;
    if (current.length && size + cost > maxBytes) {
      chunks.push(JSON.stringify(current));
      current = [];
      size = 2;
    }
    current.push(tag);
    size += cost;
  }
  if (current.length) chunks.push(JSON.stringify(current));
  return chunks;
}

/** The page subject a domain event is about. */
export function eventSubject(event: string, payload: Record<string, string>): PageSubject | undefined {
  switch (event) {
    case 'product.changed':
      return { type: 'product', id: payload.productId };
    case 'enterprise.changed':
      return { type: 'enterprise', id: payload.enterpriseId };
    case 'category.changed':
      return { type: 'category', id: payload.categoryId };
    case 'bulletin.changed':
      return { type: 'bulletin', id: payload.bulletinId };
    case 'bulletin-category.changed':
      return { type: 'bulletin-category', id: payload.categoryId };
    default:
      return undefined;
  }
}
