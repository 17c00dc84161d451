import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUuid, NotFoundError } from '@tradefloor/core';
import { ProductAccess, type ProductEntity } from '@tradefloor/catalog';
import type { EnterpriseEntity } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { BatchEntity } from './batch.entity';

export interface ManagedBatch {
  batch: BatchEntity;
  product: ProductEntity;
  enterprise: EnterpriseEntity;
}

/** Who may manage a batch: whoever may manage its product (the enterprise's members, admins). */
@Injectable()
export class BatchAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductAccess,
  ) {}

  async assertCanManage(principal: Principal, batchId: string, manager?: EntityManager): Promise<ManagedBatch> {
    if (!isUuid(batchId)) throw new NotFoundError('Lô hàng', 'BATCH_NOT_FOUND');
    const batch = await (manager ?? this.dataSource.manager).getRepository(BatchEntity).findOneBy({ id: batchId });
    if (!batch) throw new NotFoundError('Lô hàng', 'BATCH_NOT_FOUND');
    const { product, enterprise } = await this.products.assertCanManage(principal, batch.productId, manager);
    return { batch, product, enterprise };
  }
}
