import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews } from '@tradefloor/catalog';
import { EnterpriseEntity, isEnterprisePublic } from '@tradefloor/enterprise-profile';
import { In, type DataSource } from 'typeorm';

export interface RelatedLink {
  href: string;
  name: string;
}

/** Products and enterprises a bulletin mentions, limited to what the public may see (published, verified). */
@Injectable()
export class RelatedLinks {
  constructor(
    private readonly productViews: ProductViews,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async products(ids: string[]): Promise<RelatedLink[]> {
    if (!ids.length) return [];
    const views = await this.productViews.load(ids.slice(0, 20));
    return views.filter((p) => p.visible).map((p) => ({ href: `/san-pham/${p.slug}`, name: p.name }));
  }

  async enterprises(ids: string[]): Promise<RelatedLink[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource
      .getRepository(EnterpriseEntity)
      .find({ where: { id: In(ids.slice(0, 20)) }, select: { id: true, slug: true, displayName: true, status: true }, order: { displayName: 'ASC' } });
    return rows.filter((e) => isEnterprisePublic(e.status)).map((e) => ({ href: `/doanh-nghiep/${e.slug}`, name: e.displayName }));
  }
}
