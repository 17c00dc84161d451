import { Injectable } from '@nestjs/common';
import { ProductViews } from '@tradefloor/catalog';
import { EnterpriseViews } from '@tradefloor/enterprise-profile';
import { enterpriseUrl, productUrl } from '../../kit/urls';

export interface RelatedLink {
  href: string;
  name: string;
}

/** Products and enterprises a bulletin mentions, limited to what the public may see (published, verified). */
@Injectable()
export class RelatedLinks {
  constructor(
    private readonly productViews: ProductViews,
    private readonly enterpriseViews: EnterpriseViews,
  ) {}

  async products(ids: string[]): Promise<RelatedLink[]> {
    if (!ids.length) return [];
    const views = await this.productViews.load(ids.slice(0, 20));
    return views.filter((p) => p.visible).map((p) => ({ href: productUrl(p.slug), name: p.name }));
  }

  async enterprises(ids: string[]): Promise<RelatedLink[]> {
    if (!ids.length) return [];
    const views = await this.enterpriseViews.load(ids.slice(0, 20));
    return views
      .filter((e) => e.public)
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'))
      .map((e) => ({ href: enterpriseUrl(e.slug), name: e.displayName }));
  }
}
