import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUuid, NotFoundError } from '@tradefloor/core';
import { EnterpriseAccess, type EnterpriseEntity } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
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
}
