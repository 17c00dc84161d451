import { Injectable } from '@nestjs/common';
import type { ProductRating } from '../documents/product-document';

/** Published ratings of products by id (absent = no published review). */
export type RatingsReader = (productIds: string[]) => Promise<Map<string, ProductRating>>;

/**
 * Where the indexer reads products' published ratings for `sort=rating`. libs/reviews owns them and
 * provides its reader at start (`Reviews.ratingsOf`); search does not depend on reviews (reviews
 * depends on trust-safety, which depends on search). Without a reader every product is unrated.
 */
@Injectable()
export class ProductRatings {
  private reader: RatingsReader | undefined;

  provide(reader: RatingsReader): void {
    this.reader = reader;
  }

  async of(productIds: string[]): Promise<Map<string, ProductRating>> {
    if (!this.reader || productIds.length === 0) return new Map();
    return this.reader(productIds);
  }
}
