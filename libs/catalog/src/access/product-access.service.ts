import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUuid, NotFoundError } from '@tradefloor/core';
import { EnterpriseAccess, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { ProductEntity } from '../entities/product.entity';

/** Who may write a product: whoever may manage its enterprise (members and admins). */
@Injectable()
export class ProductAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enterprises: EnterpriseAccess,
  ) {}

  async assertCanManage(principal: Principal, productId: string, manager?: EntityManager): Promise<{ product: ProductEntity; enterprise: EnterpriseEntity }> {
    if (!isUuid(productId)) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
    const product = await (manager ?? this.dataSource.manager).getRepository(ProductEntity).findOneBy({ id: productId });
    if (!product) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
    const enterprise = await this.enterprises.assertCanManage(principal, product.enterpriseId, manager);
    return { product, enterprise };
  }

  /** Those of `productIds` that do not exist or belong to another enterprise (other contexts check choices with it). */
  async notOwnedBy(enterpriseId: string, productIds: string[]): Promise<string[]> {
    const ids = [...new Set(productIds)];
    const valid = ids.filter(isUuid);
    const owned = valid.length ? await this.dataSource.getRepository(ProductEntity).find({ select: { id: true }, where: { id: In(valid), enterpriseId } }) : [];
    const ok = new Set(owned.map((p) => p.id));
    return ids.filter((id) => !ok.has(id));
  }
}
