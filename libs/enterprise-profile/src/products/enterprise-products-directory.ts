import { Injectable } from '@nestjs/common';
import type { PublicProductSummary } from './public-product-summary';

export type EnterpriseProductsProvider = (enterpriseId: string) => Promise<PublicProductSummary[]>;

/**
 * The published products of an enterprise, for its public profile. The catalog depends on this
 * lib, so it registers its provider here at start-up instead of being imported (no cycle).
 */
@Injectable()
export class EnterpriseProductsDirectory {
  private provider: EnterpriseProductsProvider | undefined;

  /** Replaces the provider (one catalog per application). */
  register(provider: EnterpriseProductsProvider): void {
    this.provider = provider;
  }

  /** Published products of the enterprise; [] while no catalog is registered. */
  async list(enterpriseId: string): Promise<PublicProductSummary[]> {
    return this.provider ? this.provider(enterpriseId) : [];
  }
}
