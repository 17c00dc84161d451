import { Injectable } from '@nestjs/common';
import { ProductViews } from '@tradefloor/catalog';
import { PageCache } from '@tradefloor/core';

/**
 * What only the web layer knows about the pages it renders. Tags: an enterprise's profile lists its products, so a product
 * change (a new one published, one hidden) also drops `products-of:<its enterprise>`. Resolved in
 * the writing transaction, once, rather than on every process receiving the notification.
 */
@Injectable()
export class PageCacheTags {
  constructor(cache: PageCache, views: ProductViews) {
    cache.addTagResolver('product', async (manager, ids) => {
      // Only the enterprise matters here: a light read (this runs in every stock reservation's transaction).
      return (await views.enterpriseIdsOf(ids, manager)).map((id) => `products-of:${id}`);
    });
    // Pages re-rendered after a category change must not read this process's cached category list.
    cache.onInvalidated('list:category', () => views.forgetCategories());
  }
}
